// WebDAV sync from the phone (issue 20): the phone web app in headless Chromium and afterglow-cli
// keep one journal through a real Apache 2.4 + mod_dav on 127.0.0.1, which allows the test
// site's origin by CORS (mod_headers, tests/sync/apache/httpd.conf). The site is served on
// another port, so every request is cross-origin and goes through the browser's preflight.
//   the phone: a vault, an entry, Settings → Sync set up by typing and taps, Test connection,
//   Save (a sync); the CLI joins the journal from the same address and holds the phone's entry
//   word for word; the CLI adds an entry and syncs; the phone's next sync shows it (search,
//   then the editor's text hook); the words of both appear in no file on the server.
//   A second Apache that allows another origin only: Test connection and a sync both say in
//   plain words that the server did not allow this app's address (assets/pack/sync.json),
//   the help shows, and the phone's entries are all still there.
//   node sync.mjs SITE ARTIFACTS AFTERGLOW_CLI
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as t from '../lib.mjs';
import { HOOK_KEY, fingerprint } from '../hook_key.mjs';

const [site, art, cliPath] = process.argv.slice(2);
t.needTools(site);
for (const [tool, what] of [['/usr/sbin/apache2', 'apache2 (Debian package apache2)'],
  ['/usr/bin/htpasswd', 'htpasswd (Debian package apache2-utils)'], [cliPath, 'afterglow-cli (third argument)']]) {
  if (tool && existsSync(tool)) continue;
  if (process.env.CI) { console.error('FAIL: missing ' + what); process.exit(1); }
  console.log('SKIPPED: missing ' + what);
  process.exit(77);
}

const APACHE = join(t.ROOT, 'tests/sync/apache/apache.sh');
const DAV_USER = 'patient', DAV_PASS = 'app password 1';
const PHONE_WORD = 'phq7canary', DESK_WORD = 'deskz4canary';
const PHONE_TEXT = `Written on the phone after the session, ${PHONE_WORD}: the light through the window.`;
const DESK_TEXT = `Written on the laptop the next morning, ${DESK_WORD}: calmer now.`;
const texts = JSON.parse(readFileSync(join(t.ROOT, 'assets/pack/sync.json'), 'utf8')).journey_texts;
const words = (id, origin) => {
  const x = texts.find((j) => j.id === id);
  return (x.heading + '. ' + x.body).split('{origin}').join(origin);
};

t.main(async () => {
  const work = mkdtempSync(join(tmpdir(), 'afterglow-websync-'));
  const { server, url } = await t.serve(site);
  const origin = url.replace(/\/$/, '');
  const apache = (cmd, dir, ...more) => execFileSync('bash', [APACHE, cmd, dir, ...more]).toString();
  const davDir = join(work, 'dav'), strictDir = join(work, 'strict');
  execFileSync('mkdir', ['-p', davDir, strictDir]);
  const profile = await t.tempProfile();
  let browser = null;
  try {
    const dav = /url=(\S+)/.exec(apache('start', davDir, origin))[1] + 'Afterglow/';
    // A server set up for another web app's address: it sends no CORS headers for ours.
    const strict = /url=(\S+)/.exec(apache('start', strictDir, 'https://other.example'))[1] + 'Afterglow/';
    browser = await t.launch(profile);
    const app = await t.AppPage.open(browser, art);
    const textOf = (name) => {
      const l = app.lines.filter((x) => x.startsWith(`text ${name} `)).pop();
      return l ? l.split(' ')[2] : null;
    };
    const waitText = async (name, want, seconds = 30) => {
      const end = Date.now() + seconds * 1000;
      while (textOf(name) !== fingerprint(want)) {
        if (Date.now() > end)
          throw new Error(`${name} never showed ${JSON.stringify(want)}; last lines:\n  ` + app.lines.slice(-12).join('\n  '));
        await app.settle(50);
      }
    };
    const screen = () => (app.lines.filter((l) => /^screen /.test(l)).pop() || '').split(' ')[1];
    const nav = (name, re) => app.navTo(name, re);
    const openSync = async () => {
      if (screen() === 'sync') return;
      await nav('nav_settings', /^screen settings/);
      await app.tap('settings_sync');
      await app.waitFor(/^screen sync/);
    };
    // The screen's footer ("Back to settings") stays at the bottom: a widget under it is
    // scrolled up first, as a thumb would.
    const above = async (name) => {
      for (let i = 0; i < 4; ++i) {
        const w = await app.steady(name);
        if (w.y < 680) return;
        await app.drag(-Math.min(400, w.y - 420));
      }
    };
    const tapAbove = async (name) => { await above(name); await app.tap(name); };
    const fill = async (address) => {
      // A screen holding an app password: every field gets the password keyboard (no
      // autocorrect, no suggestions learnt from the address or the user name).
      for (const [name, text] of [['sync_url', address], ['sync_user', DAV_USER], ['sync_pass', DAV_PASS]]) {
        await above(name);
        await app.tapField(name, 'password');
        await app.type(text);
      }
    };
    const syncNow = async (tap) => {
      await tapAbove(tap);
      await app.waitFor(/^event synced$/, 30);
      await app.settle(200);
    };
    const cli = (vault, args, input) => execFileSync(cliPath, ['--vault', vault, '--passphrase-file', join(work, 'pass'),
      '--insecure-test-kdf', ...args], { input: input ?? '', env: { ...process.env, AFTERGLOW_WEBDAV_USER: DAV_USER,
      AFTERGLOW_WEBDAV_PASSWORD: DAV_PASS } }).toString();
    writeFileSync(join(work, 'pass'), t.PASS + '\n');

    // The phone: a journal and an entry, then WebDAV in Settings → Sync.
    await app.goto(url + `?test-hooks=1&insecure-test-kdf=1&hook-key=${HOOK_KEY}`);
    await t.createVault(app);
    await app.tap('home_new_entry');
    await app.waitFor(/^screen editor/);
    await app.tapField('editor_body', 'textarea');
    await app.type(PHONE_TEXT);
    await waitText('editor_body', PHONE_TEXT, 5);
    for (let i = 0; !(await app.waitFor(/^event saved_entry/, 4).catch(() => null)); ++i) {
      if (i === 3) throw new Error('Save did not save the entry');
      if (i) ++app.retries;  // a tap headless Chromium lost (docs/web.md): made again, counted
      await app.tap('editor_save');
    }
    await app.waitFor(/^event storage_flushed/);
    await openSync();
    await app.shot('05-sync-empty');
    await fill(dav);
    await tapAbove('sync_test');
    await waitText('sync_test_result', `Connected: ${dav} answers and can be written.`);
    await syncNow('sync_save');
    await waitText('sync_error', '', 5);
    await app.shot('06-sync-synced');

    // The desktop joins the journal from the same address and holds the phone's words exactly.
    const desk = join(work, 'desk.afterglow');
    cli(desk, ['sync', 'join', '--target', dav]);
    const id = (cli(desk, ['search', PHONE_WORD]).trim().split('\n').find((l) => l.trim()) || '').trim().split(/\s+/)[0];
    const shown = cli(desk, ['show', id]);
    if (!shown.split('\n').includes(PHONE_TEXT)) throw new Error('the CLI does not hold the phone entry\'s text:\n' + shown);
    console.log('the desktop joined and holds the phone entry word for word');
    cli(desk, ['add', '--title', 'From the laptop'], DESK_TEXT);
    cli(desk, ['sync']);

    // The phone's next sync brings the laptop's entry: found, and its text exact in the editor.
    await syncNow('sync_now');
    await waitText('sync_error', '', 5);
    await nav('nav_journal', /^screen journal/);
    await app.waitFor(/^value journal_results 2$/, 10);  // the phone's entry and the laptop's
    await app.tap('journal_search');
    await app.type(DESK_WORD);
    await app.waitFor(/^value journal_results 1$/, 10);
    await app.tap('journal_row0');
    await app.waitFor(/^screen editor/);
    await waitText('editor_body', DESK_TEXT, 10);
    console.log('the phone shows the laptop entry word for word');

    // Nothing readable on the server.
    t.scanCanary(join(davDir, 'www/dav'), PHONE_WORD);
    t.scanCanary(join(davDir, 'www/dav'), DESK_WORD);

    // A server that does not allow this app's address: plain words, the help, nothing lost.
    await nav('nav_home', /^screen home/);
    await openSync();
    for (let i = 0; ; ++i) {
      if (i === 3) throw new Error('Stop syncing did not stop it');
      if (i) ++app.retries;  // "Stop syncing" moves when a result line wraps: tapped again
      await tapAbove('sync_forget');
      if (await app.waitFor(/^value sync_configured 0$/, 3).catch(() => null)) break;
    }
    await fill(strict);
    await tapAbove('sync_test');
    const blocked = words('sync.blocked', origin);
    await waitText('sync_test_result', blocked);
    await syncNow('sync_save');
    await waitText('sync_error', blocked, 5);
    await app.widget('sync_cors_help');
    await app.reveal('sync_cors_help');
    await app.shot('07-sync-blocked');
    // Opened again and unlocked: both entries are there, and the sync after unlock says the same.
    await app.reopen();
    const since = app.lines.length;
    await t.unlock(app);
    await nav('nav_journal', /^screen journal/);
    await app.waitFor(/^value journal_results 2$/, 10);
    for (const end = Date.now() + 30000; !app.lines.slice(since).includes('event synced');) {
      if (Date.now() > end) throw new Error('no sync after unlock');
      await app.settle(50);
    }
    await openSync();
    await waitText('sync_error', blocked, 10);
    const strictLog = readFileSync(join(strictDir, 'access.log'), 'utf8');
    if (!/"OPTIONS /.test(strictLog)) throw new Error('the browser never asked the strict server (no preflight in its log)');
    if (/"(PUT|PROPFIND) /.test(strictLog)) throw new Error('a request went past the refused preflight:\n' + strictLog);
    console.log('blocked: the app said so in words; the strict server saw only the preflight');
    app.checkGestures();
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.close();
    for (const d of [davDir, strictDir]) { try { apache('stop', d); } catch { /* not started */ } }
    await t.removeProfile(profile);
    rmSync(work, { recursive: true, force: true });
  }
});
