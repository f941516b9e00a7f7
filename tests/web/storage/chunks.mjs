// Browser storage writes what changed (web/chunk_store.js) and never leaves a mix:
//  1. three saves, each flushed: every flush writes at most 4 chunks of 64 KiB (its hook line
//     "storage_flush bytes=N chunks=K"), and "Saved" (value notice_shown 1) comes only after
//     "event storage_flushed";
//  2. a fourth save while the test holds the app's IndexedDB store (the flush waits): frames
//     are still drawn and taps answered (the journal screen opens), no "Saved" is shown; then
//     Chromium is killed (SIGKILL) with that flush in flight;
//  3. restarted on the same profile: unlock, exactly the 3 flushed entries; the stored vault
//     (read straight out of IndexedDB) passes `afterglow-cli verify`;
//  4. a fifth save, Chromium killed the moment its flush has issued its writes: restarted, 3 or
//     4 entries (4 if the commit was reported before the kill) and `verify` passes again.
//   node chunks.mjs SITE ARTIFACTS AFTERGLOW_CLI
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as t from '../lib.mjs';
import { storedFiles, holdStorage, flushLine } from './store.mjs';

const [site, art, cli] = process.argv.slice(2);
t.needCli(cli);
t.needTools(site);
const VAULT = '/data/share/afterglow/journal.afterglow';
const MAX_CHUNKS = 4;

// The stored vault (and its -wal) through afterglow-cli verify: exit 0 or the output.
async function verifyStored(page, work, name) {
  const files = await storedFiles(page, VAULT);
  if (!files.some(([p]) => p === VAULT)) throw new Error('no vault in the chunk store');
  const dir = join(work, name);
  execFileSync('mkdir', ['-p', dir]);
  for (const [p, b64] of files) writeFileSync(join(dir, 'v.afterglow' + p.slice(VAULT.length)), Buffer.from(b64, 'base64'));
  t.scanCanary(dir);  // the chunks as IndexedDB holds them: no title's words (UTF-8, UTF-16, base64)
  try {
    execFileSync(cli, ['--vault', join(dir, 'v.afterglow'), '--passphrase-file', join(work, 'pass'), '--insecure-test-kdf', 'verify'],
      { stdio: 'pipe' });
  } catch (e) {
    throw new Error(`afterglow-cli verify of the stored vault (${name}) failed:\n${e.stdout}${e.stderr}`);
  }
  return files.map(([p, b]) => `${p.slice(VAULT.length) || 'vault'} ${Buffer.from(b, 'base64').length} B`).join(', ');
}

async function openApp(browser, url, art, hooks = '?test-hooks=1') {
  const app = await t.AppPage.open(browser, art);
  await app.goto(url + hooks);
  return app;
}

// The journal's results for a word, from home (t.search from the journal screen would wait for
// a screen that is already there).
async function count(app, word) {
  if (app.lines.filter((l) => /^screen /.test(l)).pop() !== 'screen home') {
    await app.tapNav('nav_home');
    await app.waitFor(/^screen home/);
  }
  return t.search(app, word);
}

async function kill(browser) {
  browser.process().kill('SIGKILL');
  await new Promise((r) => browser.process().once('exit', r));
}

t.main(async () => {
  const { server, url } = await t.serve(site);
  const profile = await t.tempProfile();
  const work = mkdtempSync(join(tmpdir(), 'afterglow-chunks-'));
  writeFileSync(join(work, 'pass'), t.PASS + '\n');
  let browser = await t.launch(profile);
  try {
    let app = await openApp(browser, url, art, '?test-hooks=1&insecure-test-kdf=1');
    await t.createVault(app);
    // 1. Four saves: what each flush wrote.
    const flushes = [];
    for (let i = 1; i <= 3; ++i) {
      if (i > 1) { await app.tapNav('nav_home'); await app.waitFor(/^screen home/); }
      const from = app.lines.length;
      await t.saveNewEntry(app, 'editor_title', `Chunk entry ${i} ${t.CANARY}`);
      await app.settle(300);
      const seen = app.lines.slice(from);
      const saved = seen.indexOf('event saved_entry'), flushed = seen.indexOf('event storage_flushed', saved);
      const shown = seen.indexOf('value notice_shown 1', saved);
      if (shown >= 0 && shown < flushed) throw new Error(`save ${i}: "Saved" was shown before storage committed`);
      if (shown < 0) throw new Error(`save ${i}: "Saved" never showed after the flush`);
      const lines = seen.slice(saved, flushed).map(flushLine).filter(Boolean);
      if (!lines.length) throw new Error(`save ${i}: no storage_flush line before storage_flushed`);
      for (const f of lines) {
        flushes.push(f);
        if (f.full || f.chunks > MAX_CHUNKS) throw new Error(`save ${i}: a flush wrote ${f.chunks} chunks (${f.bytes} B)${f.full ? ', the whole tree' : ''}`);
      }
    }
    const size = await app.page.evaluate((v) => FS.stat(v).size + FS.stat(v + '-wal').size, VAULT);
    const bytes = flushes.map((f) => f.bytes);
    console.log(`3 saves: ${flushes.length} flushes of ${flushes.map((f) => f.chunks).join(', ')} chunks, ` +
                `${bytes.join(', ')} bytes (vault + wal ${size} B: the largest flush is ${(Math.max(...bytes) / size).toFixed(2)}x of it)`);

    // 2. A save whose flush waits behind the test's transaction: frames and taps go on.
    await app.tapNav('nav_home');
    await app.waitFor(/^screen home/);
    await app.tap('home_new_entry');
    await app.waitFor(/^screen editor/);
    await app.tapField('editor_title', 'textarea');
    await app.type('Never committed ' + t.CANARY);
    await holdStorage(app.page);
    const held = app.lines.length;
    await app.tap('editor_save');
    await app.waitFor(/^event saved_entry/);
    await app.tapNav('nav_journal');
    await app.waitFor(/^screen journal/);
    await app.shot('05-journal-while-flushing');
    const during = app.lines.slice(held);
    if (during.includes('event storage_flushed') || during.some((l) => flushLine(l)))
      throw new Error('the flush was not held: ' + during.filter((l) => /storage/.test(l)).join(', '));
    if (during.includes('value notice_shown 1')) throw new Error('"Saved" was shown while the flush waited');
    console.log('while the flush waited: the journal screen opened on a tap, no "Saved" shown');
    await kill(browser);

    // 3. The last committed state, whole.
    browser = await t.launch(profile);
    app = await openApp(browser, url, art + '/after-kill');
    await t.unlock(app);
    let n = await count(app, 'Chunk');
    const lost = await count(app, 'committed');
    await app.shot('06-after-kill');
    if (n !== 3 || lost !== 0) throw new Error(`after the kill mid-flush: ${n} of 3 flushed entries, ${lost} uncommitted`);
    console.log('after a kill with a flush in flight: 3 of 3 flushed entries, the unflushed one absent; ' +
                'stored: ' + await verifyStored(app.page, work, 'held'));

    // 4. Killed the moment the flush has issued its writes.
    await app.tapNav('nav_home');
    await app.waitFor(/^screen home/);
    await app.tap('home_new_entry');
    await app.waitFor(/^screen editor/);
    await app.tapField('editor_title', 'textarea');
    await app.type('Chunk entry racing ' + t.CANARY);
    const racing = app.lines.length;
    await app.tap('editor_save');
    await app.waitFor(/^storage_flush_started /, 20);
    await kill(browser);
    const committed = app.lines.slice(racing).some((l) => flushLine(l));
    browser = await t.launch(profile);
    app = await openApp(browser, url, art + '/after-race');
    await t.unlock(app);
    n = await count(app, 'Chunk');
    if (n !== 3 && n !== 4) throw new Error(`after a kill during the commit: ${n} entries (3 or 4 expected)`);
    if (committed && n !== 4) throw new Error('the commit was reported before the kill but the entry is gone');
    console.log(`killed as the flush wrote (commit ${committed ? 'reported' : 'not reported'} before): ${n} entries; ` +
                'stored: ' + await verifyStored(app.page, work, 'race'));
    app.checkGestures();
  } finally {
    await browser.close().catch(() => {});
    server.close();
    await t.removeProfile(profile);
    rmSync(work, { recursive: true, force: true });
  }
});
