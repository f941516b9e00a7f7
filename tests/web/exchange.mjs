// Between devices on a phone: a vault written by the desktop (afterglow-cli) opens in the web
// app; the phone exports age-encrypted Markdown as a download (CDP download capture; it
// decrypts with the real `age` to Markdown holding the entries), a backup protected by a
// passphrase (it imports in afterglow-cli) and a readable Markdown file, which "Share…" hands
// to the Web Share API byte for byte (headless Chromium has none: the page gets a stand-in
// that records the file it is given); PDF, which the phone cannot make, is not offered, FHIR
// is; the passphrase fields open the password keyboard on the tap itself; an encrypted backup from another desktop vault is
// imported through the file picker: twice = no change, a newer version wins, the counts
// show; finally the web app's vault file opens in afterglow-cli with the phone's entry.
//   node exchange.mjs SITE ARTIFACTS AFTERGLOW_CLI
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as t from './lib.mjs';

const [site, art, cliPath] = process.argv.slice(2);
t.needTools(site);
for (const tool of ['/usr/bin/age', '/usr/bin/age-keygen', cliPath]) {
  if (tool && existsSync(tool)) continue;
  const msg = `missing: ${tool || 'afterglow-cli (third argument)'}`;
  if (process.env.CI) { console.error('FAIL: ' + msg); process.exit(1); }
  console.log('SKIPPED: ' + msg);
  process.exit(77);
}

const DESK = 'deskq3canary';     // in the desktop vault the web app opens
const OTHER = 'otherq5canary';   // in the backup from another desktop vault
const VAULT = '/data/share/afterglow/journal.afterglow';

t.main(async () => {
  const work = await t.tempProfile();
  const cli = (vault, ...args) => execFileSync(cliPath, ['--vault', vault, '--passphrase-file', join(work, 'pass'),
    '--insecure-test-kdf', ...args], { input: args.includes('add') ? 'written on the desktop' : undefined }).toString();
  writeFileSync(join(work, 'pass'), t.PASS + '\n');
  writeFileSync(join(work, 'backup-pass'), 'backup stream willow\n');
  // Desktop vault A (opened by the web app) and B (its backup is imported).
  const a = join(work, 'a.afterglow'), b = join(work, 'b.afterglow');
  cli(a, 'init');
  cli(a, 'add', '--title', 'Desk entry ' + DESK);
  cli(b, 'init');
  const idB1 = cli(b, 'add', '--title', 'Other one ' + OTHER).trim().split(/\s+/).pop();
  cli(b, 'add', '--title', 'Other two ' + OTHER);
  const backup = (name) => {
    cli(b, 'export', '--format', 'json', '--passphrase-protect', '--export-passphrase-file', join(work, 'backup-pass'),
        '-o', join(work, name));
    return join(work, name);
  };
  const backup1 = backup('other-1.json.age');
  execFileSync('age-keygen', ['-o', join(work, 'key.txt')], { stdio: 'pipe' });
  const recipient = /public key: (age1\S+)/.exec(readFileSync(join(work, 'key.txt'), 'utf8'))[1];

  const { server, url } = await t.serve(site);
  const profile = await t.tempProfile();
  const browser = await t.launch(profile);
  const downloads = join(work, 'downloads');
  mkdirSync(downloads);
  try {
    const cdp = await browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
    const app = await t.AppPage.open(browser, art);
    // The Web Share API with files, as a phone's browser has it: it reports the file it is
    // handed (name, SHA-256) instead of opening a share sheet.
    await app.page.evaluateOnNewDocument(() => {
      navigator.canShare = (data) => !!(data && data.files && data.files.length);
      navigator.share = async (data) => {
        const f = data.files[0];
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await f.arrayBuffer()));
        console.log('test_shared ' + f.name + ' ' + Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''));
      };
    });
    const values = {};
    app.page.on('console', (m) => { const v = /^value (\S+) (-?\d+)$/.exec(m.text()); if (v) values[v[1]] = +v[2]; });
    await app.goto(url + '?test-hooks=1&insecure-test-kdf=1');
    await app.waitFor(/^screen first_run/, 60);

    // Desktop → web: the desktop's vault file, written into the page's storage (IDBFS).
    const files = readdirSync(work).filter((n) => n.startsWith('a.afterglow'));
    await app.page.evaluate(async (list, dest) => {
      FS.mkdirTree(dest.replace(/\/[^/]+$/, ''));
      for (const [suffix, b64] of list) FS.writeFile(dest + suffix, Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
      await new Promise((ok, no) => FS.syncfs(false, (e) => (e ? no(e) : ok())));
    }, files.map((n) => [n.slice('a.afterglow'.length), readFileSync(join(work, n)).toString('base64')]), VAULT);
    await app.reopen();
    await app.waitFor(/^screen unlock/, 60);
    await app.tapField('unlock_pass', 'password');
    await app.type(t.PASS);
    await tapUntil(app, 'unlock_button', /^event unlocked/, 60);
    await app.waitFor(/^screen home/);
    await app.shot('01-desktop-vault-unlocked');
    const desk = await searchOnce(app, DESK);
    if (desk !== 1) throw new Error(`the desktop vault's entry was not found in the web app (${desk})`);

    await nav(app, 'nav_home', /^screen home/);
    await tapUntil(app, 'home_new_entry', /^screen editor/, 10);
    await app.tapField('editor_title', 'textarea');
    await app.type('Phone entry ' + t.CANARY);
    await app.tapField('editor_body', 'textarea');
    await app.type('written on the phone ' + t.CANARY);
    await tapUntil(app, 'editor_save', /^event saved_entry/, 20);
    await app.waitFor(/^event storage_flushed/);

    // Exports: Markdown is the choice here; PDF, which the phone cannot make, is not offered.
    await nav(app, 'nav_export', /^screen export/);
    await app.waitFor(/^value export_pdf_offered 0$/);
    await app.widget('export_markdown');
    if (app.widgets.export_pdf) throw new Error('the phone offers PDF, which it cannot make');
    if (values.export_format !== 0) throw new Error(`the export screen opened with format ${values.export_format}, not Markdown`);
    // FHIR for the clinic's records is offered, and its preview counts questionnaires.
    await choose(app, 'export_fhir', 'export_format', 4);
    await app.waitFor(/^value export_preview_fhir 1$/);
    await app.shot('02-export-formats-fhir');
    await choose(app, 'export_markdown', 'export_format', 0);
    // The key has landed when the export button turns from "readable" to "encrypted" (it
    // changes width); a tap that did nothing is made again before anything is typed twice.
    const runWidth = () => +app.lines.filter((l) => /^widget export_run /.test(l)).pop().split(' ')[4];
    const readableWidth = runWidth();
    // Typed keys can take seconds to land on a loaded machine: wait for the width to change
    // (up to 30 s) before deciding the tap did nothing, never retype over keys still coming.
    for (let i = 0; i < 3 && runWidth() === readableWidth; ++i) {
      await app.tapField('export_recipient', 'textarea');
      await app.type(recipient);
      for (let w = 0; w < 300 && runWidth() === readableWidth; ++w) await app.settle(100);
    }
    if (runWidth() === readableWidth) throw new Error('the age key never reached the recipient field');
    const encryptedWidth = runWidth();
    await tapUntil(app, 'export_run', /^event exported/, 60);
    const delivered = app.lines.filter((l) => /^event export_delivered /.test(l));
    if (delivered.length !== 1) throw new Error(`expected one download, saw: ${delivered.join('; ')}`);
    const aged = delivered[0].split(' ')[2];
    if (!/^afterglow-export-.*\.md\.age$/.test(aged)) throw new Error(`the encrypted Markdown export is called ${aged}`);
    const md = execFileSync('age', ['-d', '-i', join(work, 'key.txt'), await downloaded(downloads, aged)]).toString();
    if (!md.includes('Phone entry ' + t.CANARY) || !md.includes('written on the phone ' + t.CANARY) || !md.includes(DESK))
      throw new Error('the .age export does not decrypt to Markdown holding the entries:\n' + md.slice(0, 500));
    if (!/^# /m.test(md)) throw new Error('the decrypted export is not Markdown');
    await app.shot('04-export-age-done');

    // A backup for my own devices, with a passphrase instead of a key: it imports on the
    // desktop (afterglow-cli, a fresh vault) with that passphrase.
    const deliveredNow = () => app.lines.filter((l) => /^event export_delivered /.test(l)).map((l) => l.split(' ')[2]);
    const seen = deliveredNow().length;
    await choose(app, 'export_json', 'export_format', 2);
    await choose(app, 'export_with_passphrase', 'export_passphrase_mode', 1);
    // The tap itself opens the passphrase keyboard (no suggestions, no autocorrect): the shim
    // never focuses its text area for these fields, not even for a frame.
    await app.page.evaluate(() => {
      window.agFocused = [];
      document.addEventListener('focusin', (e) => {
        if (e.target.classList.contains('ag-keyboard')) window.agFocused.push(e.target.type === 'password' ? 'password' : 'textarea');
      });
    });
    await app.tapField('export_pass', 'password');
    await app.type('phone backup words');
    await app.tapField('export_pass_confirm', 'password');
    await app.type('phone backup words');
    const focused = await app.page.evaluate(() => window.agFocused);
    if (!focused.length || focused.includes('textarea'))
      throw new Error(`tapping the export passphrase fields focused the shim's fields ${JSON.stringify(focused)} (the autocorrect keyboard)`);
    await app.shot('04b-export-backup-passphrase');
    await tapUntil(app, 'export_run', /^event exported/, 90);
    // The fields are emptied after it: the button still says what it makes ("Export encrypted").
    await app.settle(400);
    if (runWidth() !== encryptedWidth) throw new Error('after an encrypted export the button no longer reads "Export encrypted"');
    const backupName = deliveredNow()[seen];
    if (!/^afterglow-export-.*\.json\.age$/.test(backupName || '')) throw new Error(`the passphrase backup is called ${backupName}`);
    const backupFile = await downloaded(downloads, backupName);
    if (!readFileSync(backupFile).toString('latin1').startsWith('age-encryption.org/v1\n-> scrypt '))
      throw new Error('the phone backup is not an age file with a passphrase stanza');
    writeFileSync(join(work, 'phone-pass'), 'phone backup words\n');
    const c = join(work, 'c.afterglow');
    cli(c, 'init');
    cli(c, 'import', backupFile, '--backup-passphrase-file', join(work, 'phone-pass'));
    if (!cli(c, 'search', t.CANARY).includes('Phone entry')) throw new Error('the phone backup did not import on the desktop');

    // The passphrase fields were emptied, the one still being typed in too (no "not the same yet").
    await app.waitFor(/^value export_pass_filled 0$/, 5).catch(() => {
      throw new Error('after the export a passphrase field still holds text');
    });
    // A readable Markdown file, confirmed as such: a plain download holding the entries. The
    // format choice is above the fold now: scroll back up to it.
    for (let i = 0; i < 6 && (await app.steady('export_markdown')).y < 80; ++i) await app.drag(500);
    await choose(app, 'export_markdown', 'export_format', 0);
    await choose(app, 'export_with_key', 'export_passphrase_mode', 0);
    await app.tapField('export_recipient', 'textarea');
    await app.page.keyboard.down('Control');
    await app.page.keyboard.press('a');
    await app.page.keyboard.up('Control');
    await app.key('Backspace');
    await app.widget('export_plaintext', 5);
    await choose(app, 'export_plaintext', 'export_plaintext_confirmed', 1);
    const readableAt = deliveredNow().length;
    await tapUntil(app, 'export_run', /^event exported/, 30);
    const readableName = deliveredNow()[readableAt];
    if (!/^afterglow-export-.*\.md$/.test(readableName || '')) throw new Error(`the readable export is called ${readableName}`);
    const plain = readFileSync(await downloaded(downloads, readableName), 'utf8');
    if (!plain.includes('written on the phone ' + t.CANARY) || !/^# /m.test(plain))
      throw new Error('the readable export is not Markdown holding the entries:\n' + plain.slice(0, 300));
    await app.shot('04c-export-readable-done');
    // Share…: the same file, byte for byte, goes to the share sheet.
    await tapUntil(app, 'export_share', /^test_shared /, 10);
    const [, sharedName, sharedSha] = app.lines.filter((l) => /^test_shared /.test(l)).pop().split(' ');
    const plainSha = createHash('sha256').update(readFileSync(join(downloads, readableName))).digest('hex');
    if (sharedName !== readableName || sharedSha !== plainSha)
      throw new Error(`Share handed over ${sharedName} (${sharedSha}), not the download ${readableName} (${plainSha})`);
    console.log(`share sheet: ${sharedName}, the download's bytes`);

    // Import the other device's backup twice, then a newer version of it.
    const importOnce = async (file, shot) => {
      if (!app.widgets.import_pick) await tapUntil(app, 'export_import', /^screen import/, 10);
      let chooser = null;
      for (let i = 0; i < 2 && !chooser; ++i)  // a tap that did nothing: once more
        [chooser] = await Promise.all([app.page.waitForFileChooser({ timeout: 5000 }).catch(() => null), app.tap('import_pick')]);
      if (!chooser) throw new Error('tapping "Choose the backup file" opened no file picker');
      await chooser.accept([file]);
      await app.settle(500);
      await app.tapField('import_secret', 'password');
      await app.type('backup stream willow');
      await tapUntil(app, 'import_run', /^event imported/, 60);
      await app.waitFor(/^value import_kept /);
      await app.settle(300);
      if (shot) await app.shot(shot);
      return { added: values.import_added, updated: values.import_updated, kept: values.import_kept };
    };
    const first = await importOnce(backup1, '05-import-result');
    if (first.added !== 2 || first.updated !== 0 || first.kept !== 0) throw new Error('first import: ' + JSON.stringify(first));
    const again = await importOnce(backup1);
    if (again.added !== 0 || again.updated !== 0 || again.kept !== 2) throw new Error('same backup again: ' + JSON.stringify(again));
    cli(b, 'edit', idB1, '--title', 'Other one, retitled ' + OTHER);
    const newer = await importOnce(backup('other-2.json.age'), '06-import-newer');
    // A backup is not authenticated, so it never replaces a local entry (docs/backup-format.md):
    // the newer, different version is kept beside the local one, the unchanged one skipped.
    if (newer.added !== 1 || newer.updated !== 0 || newer.kept !== 1) throw new Error('newer backup: ' + JSON.stringify(newer));
    const found = await searchOnce(app, OTHER);
    if (found !== 3) throw new Error(`after the imports ${found} entries hold the other device's canary, not 3 (both versions kept)`);
    const retitled = await searchOnce(app, 'retitled');
    if (retitled !== 1) throw new Error('the newer version was not kept beside the old one');

    // Settings: the import entry and the browser's persistent-storage answer beside it.
    await nav(app, 'nav_settings', /^screen settings/);
    await app.reveal('settings_import');
    await app.shot('07-settings');
    // A browser page has no window to minimize: Settings says the idle lock counts while the
    // page is in the background (it does: visibility_lock.mjs) instead of offering a checkbox
    // that would do nothing here.
    await app.reveal('settings_background_lock');
    if (app.lines.some((l) => /^widget settings_lock_minimized /.test(l))) {
      throw new Error('the web app offers "Lock when the window is minimized", which a page cannot honour');
    }

    // Web → desktop: the web app's vault file, read from the page, opens in afterglow-cli.
    await nav(app, 'nav_lock', /^event locked/);
    const out = await t.vaultFiles(app.page, VAULT);
    const back = join(work, 'from-web.afterglow');
    for (const [suffix, b64] of out) writeFileSync(back + suffix, Buffer.from(b64, 'base64'));
    const hits = cli(back, 'search', t.CANARY);
    if (!hits.includes('Phone entry')) throw new Error('afterglow-cli does not find the phone entry in the web vault:\n' + hits);
    const others = cli(back, 'search', OTHER);
    if ((others.match(/Other/g) || []).length !== 3) throw new Error('afterglow-cli does not find the 3 imported entries (both versions of one):\n' + others);
    app.checkGestures();
  } catch (e) {
    const pages = await browser.pages().catch(() => []);
    if (pages.length) await pages[pages.length - 1].screenshot({ path: join(art, 'failed.png') }).catch(() => {});
    throw e;
  } finally {
    await browser.close().catch(() => {});
    server.close();
    await t.removeProfile(profile);
    await t.removeProfile(work);
  }
});

// The first tap after a scroll is sometimes lost in headless Chromium (docs/web.md, "Not on
// the web (yet)"): a button is tapped again when nothing started (fields: app.tapField).
// Taps a radio button or checkbox until the screen's value hook NAME says it took.
async function choose(app, widget, value, want) {
  const now = () => {
    const l = app.lines.filter((x) => x.startsWith(`value ${value} `)).pop();
    return l ? +l.split(' ')[2] : NaN;
  };
  for (let i = 0; i < 3 && now() !== want; ++i) {
    await app.tap(widget);
    // A loaded machine may take a while to draw the change: a checkbox tapped again too
    // soon would be unticked again.
    for (let k = 0; k < 25 && now() !== want; ++k) await app.settle(100);
  }
  if (now() !== want) throw new Error(`tapping ${widget} did not set ${value} to ${want}`);
}
async function nav(app, name, re) {
  for (let i = 0; i < 3; ++i) {
    if (i) ++app.retries;
    await app.tapNav(name);
    if (await app.waitFor(re, 4).catch(() => null)) return;
  }
  throw new Error(`${name} did not lead to ${re}`);
}
async function tapUntil(app, name, re, seconds) {
  await app.tap(name);
  const done = await app.waitFor(re, 8).catch(() => null);  // busy meanwhile: the button is gone
  if (done) return done;
  ++app.retries;
  await app.tap(name);
  return app.waitFor(re, seconds);
}

// A journal search that clears its word afterwards (the search box keeps its text).
async function searchOnce(app, word) {
  const screens = app.lines.filter((l) => /^screen /.test(l));
  if (screens.pop() !== 'screen journal') await nav(app, 'nav_journal', /^screen journal/);
  await app.tapField('journal_search', 'textarea');
  await app.type(word);
  await app.settle(800);  // the debounced search has applied: its last count
  const last = app.lines.filter((l) => /^value journal_results \d+$/.test(l)).pop();
  for (let i = 0; i < word.length; ++i) await app.key('Backspace');
  return +last.split(' ')[2];
}

// The finished download NAME in DIR (Chromium writes NAME.crdownload first).
async function downloaded(dir, name, seconds = 20) {
  const end = Date.now() + seconds * 1000;
  while (!existsSync(join(dir, name)) || readdirSync(dir).some((n) => n.endsWith('.crdownload'))) {
    if (Date.now() > end) throw new Error(`no download ${name} in ${dir}: ${readdirSync(dir).join(' ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return join(dir, name);
}
