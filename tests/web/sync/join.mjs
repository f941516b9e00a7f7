// Joining from the phone's first run (issue 20): "Join a journal you already have" in headless
// Chromium against a real Apache 2.4 + mod_dav on 127.0.0.1 (CORS for the test site's origin,
// tests/sync/apache/), with afterglow-cli as the other device.
//   An empty folder: the app says there is nothing to join and offers to create a journal.
//   The CLI's journal (two entries) synced there; a wrong passphrase: the app says so, no vault
//   is made and no file on the server changes. The right one: Home, both entries with their
//   exact titles and texts; an entry written on the phone reaches the CLI after a sync; the
//   journal opens again from browser storage with the same passphrase.
//   node join.mjs SITE ARTIFACTS AFTERGLOW_CLI
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as t from '../lib.mjs';
import { HOOK_KEY } from '../hook_key.mjs';
import { apache, cliFor, needAll, openJoin, step, tapJoin, typeInto, waitText, words, writeEntry } from './phone.mjs';

const [site, art, cliPath] = process.argv.slice(2);
needAll(site, cliPath);

const DESK = [
  { title: 'After the third session', body: 'The music carried me somewhere green; jn4canary.' },
  { title: 'Morning pages', body: 'Slept well. Walked by the river before work; jn5canary.' },
];
const PHONE = { title: 'On the phone', body: 'Written on the phone after joining, jn6canary: the light through the window.' };

// Every file under DIR with its size (what the server holds).
const files = (dir) => {
  const out = [];
  const walk = (d) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else out.push(`${p.slice(dir.length)} ${statSync(p).size}`); } };
  if (existsSync(dir)) walk(dir);
  return out.sort().join('\n');
};

// Every write so far is in IndexedDB: the last flush started has ended (a write starts one
// within a frame or two).
async function flushed(app, seconds = 20) {
  await app.settle(300);
  const last = (re) => app.lines.reduce((at, l, i) => (re.test(l) ? i : at), -1);
  for (const end = Date.now() + seconds * 1000; last(/^storage_flush_started/) > last(/^event storage_flushed/);) {
    if (Date.now() > end) throw new Error('storage never caught up with the writes');
    await app.settle(50);
  }
}

t.main(async () => {
  const work = mkdtempSync(join(tmpdir(), 'afterglow-webjoin-'));
  const { server, url } = await t.serve(site);
  const origin = url.replace(/\/$/, '');
  const davDir = join(work, 'dav');
  execFileSync('mkdir', ['-p', davDir]);
  const profile = await t.tempProfile();
  let browser = null;
  try {
    const dav = /url=(\S+)/.exec(apache('start', davDir, origin))[1] + 'Afterglow/';
    const disk = join(davDir, 'www/dav/Afterglow');
    writeFileSync(join(work, 'pass'), t.PASS + '\n');
    const cli = cliFor(cliPath, work);
    cli(['init']);
    for (const e of DESK) cli(['add', '--title', e.title], e.body);

    browser = await t.launch(profile);
    const app = await t.AppPage.open(browser, art);

    // First run: the second choice, with the folder's address and login; nothing there yet:
    // said so, and "Create a new journal instead" is offered.
    await app.goto(url + `?test-hooks=1&insecure-test-kdf=1&hook-key=${HOOK_KEY}`);
    await openJoin(app, dav, t.PASS);
    await app.shot('01-join-filled');
    let seen = await tapJoin(app);
    if (!seen.includes('event join_failed')) throw new Error('joining an empty folder did not fail');
    await waitText(app, 'join_error', words('join.empty'));
    await app.waitFor(/^value join_empty 1$/, 5);
    await app.widget('join_create_instead');
    await app.shot('02-join-nothing-there');
    step('an empty folder: the app says there is nothing to join');

    // The desktop's journal arrives; a wrong passphrase changes nothing, here or there.
    cli(['sync', '--target', dav]);
    const before = files(disk);
    await typeInto(app, 'join_secret', 'not the passphrase');
    seen = await tapJoin(app);
    if (!seen.includes('event join_failed')) throw new Error('a wrong passphrase joined');
    await waitText(app, 'join_error', words('join.wrong_passphrase'));
    await app.shot('03-join-wrong-passphrase');
    if (files(disk) !== before) throw new Error('a failed join changed the server:\n' + before + '\n---\n' + files(disk));
    const left = await app.page.evaluate(() => FS.analyzePath('/data/share/afterglow/journal.afterglow').exists);  // eslint-disable-line no-undef
    if (left) throw new Error('a failed join left a vault file in browser storage');
    step('a wrong passphrase: said so; no vault here, the server unchanged');

    // The right passphrase (the address, user and app password were kept): Home, with the
    // progress shown on the way.
    await typeInto(app, 'join_secret', t.PASS);
    seen = await tapJoin(app);
    if (!seen.includes('event joined')) throw new Error('the join failed:\n  ' + seen.slice(-12).join('\n  '));
    if (!seen.some((l) => /^value join_phase [0-3]$/.test(l))) throw new Error('no progress was shown during the join');
    await app.waitFor(/^screen home/, 10);
    await app.shot('04-joined-home');
    step('joined');
    await app.navTo('nav_journal', /^screen journal/);
    await app.waitFor(/^value journal_results 2$/, 10);
    for (const e of DESK) {  // each found by its word, opened, its title and text exact
      const word = e.body.match(/jn\dcanary/)[0];
      await app.tapField('journal_search', 'textarea');
      await app.type(word);
      await app.waitFor(/^value journal_results 1$/, 10);
      await app.tap('journal_row0');
      await app.waitFor(/^screen editor/);
      await waitText(app, 'editor_title', e.title, 10);
      await waitText(app, 'editor_body', e.body, 10);
      await app.navTo('nav_journal', /^screen journal/);
      await app.tapField('journal_search', 'textarea');
      for (let i = 0; i < word.length; ++i) await app.key('Backspace');  // the search box keeps its text
      await app.waitFor(/^value journal_results 2$/, 10);
    }
    step('both of the desktop\'s entries, titles and texts exact');

    // An entry written on the phone reaches the desktop.
    await writeEntry(app, PHONE);
    await app.waitFor(/^event synced$/, 30);  // the sync a few seconds after a change
    cli(['sync']);
    const id = (cli(['search', 'jn6canary']).trim().split('\n').find((l) => l.trim()) || '').trim().split(/\s+/)[0];
    const shown = cli(['show', id]);
    if (!shown.includes(PHONE.title) || !shown.split('\n').includes(PHONE.body))
      throw new Error('the CLI does not hold the phone\'s entry exactly:\n' + shown);
    step('the desktop holds the phone\'s entry word for word');
    t.scanCanary(join(davDir, 'www/dav'), 'jn6canary');

    // Kept in browser storage: opened again, it unlocks with the journal's passphrase.
    await flushed(app);
    await app.reopen();
    await t.unlock(app);
    await app.navTo('nav_journal', /^screen journal/);
    await app.waitFor(/^value journal_results 3$/, 10);
    step('opened again from browser storage: all three entries');
    app.checkGestures();
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.close();
    try { apache('stop', davDir); } catch { /* not started */ }
    await t.removeProfile(profile);
    rmSync(work, { recursive: true, force: true });
  }
});
