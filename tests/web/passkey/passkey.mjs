// Passkey unlock (issue 21) in Chromium with its WebAuthn virtual authenticator (CDP
// WebAuthn.addVirtualAuthenticator: ctap2, internal transport, resident keys, user
// verification, hasPrf). FAILS if Chromium gives no PRF result. Served on localhost (an IP
// address cannot be a WebAuthn relying party).
//   register, lock, unlock in one tap with the entries; a second passkey; remove the first:
//   it no longer unlocks, the second does; an authenticator without PRF: the option says so and
//   nothing is written; the wrap row tampered in the file: named, the passphrase still
//   unlocks; after the reminder period (?test-clock-days=N) the passphrase is asked once;
//   the vault file opens in afterglow-cli with the passphrase and `verify` passes.
//   Taps and typed characters from a locked app to typing an integration note, before/after.
//   node passkey.mjs SITE ARTIFACTS AFTERGLOW_CLI
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as t from '../lib.mjs';

const [site, art, cliPath] = process.argv.slice(2);
const VAULT = '/data/share/afterglow/journal.afterglow';
const NOTE = 'after the session ' + t.CANARY;

t.run(site, art, async ({ app, url }) => {
  const base = url.replace('127.0.0.1', 'localhost');
  const cdp = app.cdp;
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const authenticator = async (hasPrf) => (await cdp.send('WebAuthn.addVirtualAuthenticator', { options: {
    protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
    isUserVerified: true, hasPrf, automaticPresenceSimulation: true } })).authenticatorId;
  let phone = await authenticator(true);

  // Headless Chromium sometimes loses the first tap after a scroll (docs/web.md): as
  // exchange.mjs does, a navigation or a button is tapped again when nothing started.
  const nav = (name, re) => app.navTo(name, re);
  const tapUntil = async (name, re, seconds) => {
    await app.tap(name);
    const done = await app.waitFor(re, 8).catch(() => null);
    if (done) return done;
    ++app.retries;
    await app.tap(name);
    return app.waitFor(re, seconds);
  };
  const taps = () => app.lines.filter((l) => /^shim tap /.test(l)).length;
  const locked = async () => { await nav('nav_lock', /^event locked/); await app.waitFor(/^screen unlock/, 20); };
  const passphraseUnlock = async () => {
    await app.tapField('unlock_pass', 'password');
    await app.type(t.PASS);
    await tapUntil('unlock_button', /^event unlocked/, 60);
    await app.waitFor(/^screen home/);
  };
  const screen = () => (app.lines.filter((l) => /^screen /.test(l)).pop() || '').split(' ')[1];
  const settings = async () => { if (screen() !== 'settings') await nav('nav_settings', /^screen settings/); };
  const addPasskey = async (name, expect) => {
    await settings();
    await app.reveal('passkey_name');
    await app.tapField('passkey_name', 'textarea');
    await app.type(name);
    return tapUntil('passkey_add', expect, 30);
  };
  // The vault file and its -wal, as the page holds them, copied to WORK/NAME*; and back.
  const pull = async (name) => {
    const files = await t.vaultFiles(app.page, VAULT);
    for (const [suffix, b64] of files) writeFileSync(join(work, name + suffix), Buffer.from(b64, 'base64'));
    return join(work, name);
  };
  const push = async (file) => {
    await app.page.evaluate(async (p, b) => {
      for (const s of ['-wal', '-shm']) { try { FS.unlink(p + s); } catch (e) { /* none */ } }
      FS.writeFile(p, Uint8Array.from(atob(b), (c) => c.charCodeAt(0)));
      await new Promise((ok, no) => FS.syncfs(false, (e) => (e ? no(e) : ok())));
    }, VAULT, readFileSync(file).toString('base64'));
  };
  const rowOf = (credentialIdB64) => execFileSync('python3', ['-c', 'import base64,hashlib,sys; ' +
    'print("passkey:" + hashlib.blake2b(base64.b64decode(sys.argv[1]), digest_size=8).hexdigest())', credentialIdB64]).toString().trim();
  const work = mkdtempSync(join(tmpdir(), 'afterglow-passkey-'));
  const sql = (file, q) => execFileSync('python3', ['-c', 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); ' +
    'r=c.execute(sys.argv[2]).fetchall(); c.commit(); print("\\n".join(str(x[0]) for x in r))', file, q]).toString().trim();

  try {
    await app.goto(base + '?test-hooks=1&insecure-test-kdf=1');
    await t.createVault(app);
    await t.saveNewEntry(app, 'editor_title', NOTE);

    // Before: a locked app to typing an integration note with the passphrase.
    await locked();
    let t0 = taps(), r0 = app.retries;  // taps made again (lost by headless Chromium) are not the user's
    await passphraseUnlock();
    await tapUntil('home_new_entry', /^screen editor/, 10);
    await app.tapField('editor_body', 'textarea');
    const before = { taps: taps() - t0 - (app.retries - r0), chars: t.PASS.length };
    await nav('nav_home', /^screen home/);

    // Register: the PRF must be there (else the app writes nothing and says so).
    await addPasskey('My phone', /^event (passkey_added|passkey_unavailable)/);
    if (!app.lines.includes('event passkey_added')) throw new Error('Chromium gave no PRF result: the passkey was not added');
    await app.waitFor(/^value passkeys 1$/, 10);
    await app.reveal('passkey_add');
    await app.shot('10-settings-passkeys');

    // Lock, then one tap: the journal opens with its entries.
    await locked();
    await app.widget('unlock_passkey', 20);
    app.checkTargets('unlock_passkey', 'unlock_use_passphrase');
    await app.shot('11-unlock-passkey');
    t0 = taps(); r0 = app.retries;
    await tapUntil('unlock_passkey', /^event unlocked/, 30);
    await app.waitFor(/^screen home/);
    await tapUntil('home_new_entry', /^screen editor/, 10);
    await app.tapField('editor_body', 'textarea');
    const after = { taps: taps() - t0 - (app.retries - r0), chars: 0 };
    console.log(`locked app to typing an integration note: passphrase ${before.taps} taps + ${before.chars} characters; ` +
                `passkey ${after.taps} taps + ${after.chars} characters`);
    if (after.taps > 3) throw new Error(`the passkey path took ${after.taps} taps, not 3`);
    await nav('nav_home', /^screen home/);
    if (await t.search(app, t.CANARY) !== 1) throw new Error('the entry is not there after the passkey unlock');

    // A second passkey, then remove the first: the second unlocks, the first no longer does.
    await addPasskey('Security key', /^event passkey_added/);
    await app.waitFor(/^value passkeys 2$/, 10);
    const creds = (await cdp.send('WebAuthn.getCredentials', { authenticatorId: phone })).credentials;
    if (creds.length !== 2) throw new Error(`the authenticator holds ${creds.length} credentials, not 2`);
    const rows = sql(await pull('a.afterglow'), "SELECT name FROM keys WHERE name LIKE 'passkey:%'").split('\n');
    if (rows.length !== 2) throw new Error('expected 2 passkey rows in the file: ' + rows.join(', '));
    await app.reveal('passkey_remove_0');
    await app.tap('passkey_remove_0');
    await app.tap('passkey_remove_0_confirm');
    await app.waitFor(/^event passkey_removed/);
    const removedAt = app.mark;
    await app.waitFor(/^event storage_flushed/, 20);
    if (!app.lines.slice(removedAt).includes('value passkeys 1')) await app.waitFor(/^value passkeys 1$/, 10);
    const left = sql(await pull('b.afterglow'), "SELECT name FROM keys WHERE name LIKE 'passkey:%'");
    await locked();
    await tapUntil('unlock_passkey', /^event unlocked/, 30);
    await locked();
    // Only the first passkey left on the authenticator: it is not asked for, and cannot open it.
    const kept = creds.find((c) => rowOf(c.credentialId) === left);
    if (!kept) throw new Error(`no credential on the authenticator matches the remaining wrap ${left}`);
    await cdp.send('WebAuthn.removeCredential', { authenticatorId: phone, credentialId: kept.credentialId });
    await tapUntil('unlock_passkey', /^event unlock_failed/, 30);
    await app.shot('12-first-no-longer-unlocks');

    // The wrap row tampered in the file: named, never unlocks; the passphrase still does.
    let f = await pull('c.afterglow');
    const tampered = sql(f, "UPDATE keys SET value = substr(value, 1, length(value) - 1) || " +
                            "(CASE WHEN substr(value, -1) = x'00' THEN x'01' ELSE x'00' END) WHERE name LIKE 'passkey:%' RETURNING name");
    if (tampered !== left) throw new Error(`tampered ${tampered}, expected ${left}`);
    await push(f);
    await app.reopen();
    await app.waitFor(/^screen unlock/, 60);
    await app.settle(500);
    if (app.widgets.unlock_passkey) throw new Error('a damaged passkey wrap is still offered');
    await passphraseUnlock();
    await settings();
    await app.waitFor(/^value passkeys_damaged 1$/, 10);  // named in the list: "damaged: it cannot unlock"
    await app.reveal('passkey_add');
    await app.shot('13-damaged-named');

    // An authenticator without PRF: the option says so, nothing is written.
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: phone });
    phone = await authenticator(false);
    const g = await pull('d.afterglow');
    await addPasskey('Old key', /^event passkey_unavailable/);
    await app.waitFor(/^value passkey_unavailable 1$/, 10);
    await app.shot('14-no-prf');
    const h = await pull('e.afterglow');
    const q = "SELECT group_concat(name || hex(value)) FROM keys";
    if (sql(g, q) !== sql(h, q)) throw new Error('a passkey without PRF changed the key rows');

    // A good passkey again, then the reminder period passes: the passphrase is asked once.
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: phone });
    phone = await authenticator(true);
    await settings();
    await app.reveal('passkey_remove_0');
    await app.tap('passkey_remove_0');
    await app.tap('passkey_remove_0_confirm');
    await app.waitFor(/^event passkey_removed/);
    await addPasskey('My phone', /^event passkey_added/);
    await app.waitFor(/^event storage_flushed/, 20);
    await app.goto(base + '?test-hooks=1&insecure-test-kdf=1&test-clock-days=15');
    await app.waitFor(/^value passkey_due 1$/, 60);
    await app.shot('15-reminder');
    await passphraseUnlock();
    await locked();
    await app.waitFor(/^value passkey_due 0$/, 20);
    await tapUntil('unlock_passkey', /^event unlocked/, 30);

    // The file opens in afterglow-cli with the passphrase; verify passes; the passkey is listed.
    await locked();
    f = await pull('f.afterglow');
    const env = { ...process.env, AFTERGLOW_PASSPHRASE: t.PASS };
    const verify = execFileSync(cliPath, ['--vault', f, 'verify'], { env }).toString();
    const list = execFileSync(cliPath, ['--vault', f, 'passkey', 'list'], { env }).toString();
    if (list.trim().split('\n').length !== 1 || !/\u201c.+\u201d, added 20\d\d-/.test(list)) throw new Error('afterglow-cli does not list the one passkey:\n' + list);
    console.log('afterglow-cli passkey list: ' + list.trim());
    console.log('afterglow-cli verify: ' + verify.trim().split('\n').pop());
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
