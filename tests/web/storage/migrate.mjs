// A journal kept by an earlier version (emscripten's IDBFS: one IndexedDB record per whole file)
// moves to the chunk store on the first start (web/chunk_store.js): a vault made by
// afterglow-cli with 3 entries and a 200 KiB file of random bytes (4 chunks) are put in the
// profile as IDBFS kept them; the app starts ("event storage_migrated"), every file reads
// back byte for byte (through the app's FS and straight out of the chunk store), the old
// database is gone, the vault unlocks with its 3 entries, and a second start migrates nothing
// and still finds them.
//   node migrate.mjs SITE ARTIFACTS AFTERGLOW_CLI
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as t from '../lib.mjs';
import { storedFiles, seedLegacy, databases } from './store.mjs';

const [site, art, cli] = process.argv.slice(2);
t.needCli(cli);
const VAULT = '/data/share/afterglow/journal.afterglow';
const OTHER = '/data/home/kept-by-idbfs.bin';
const sha = (b) => createHash('sha256').update(b).digest('hex');

t.run(site, art, async ({ app, url }) => {
  const work = mkdtempSync(join(tmpdir(), 'afterglow-migrate-'));
  try {
    writeFileSync(join(work, 'pass'), t.PASS + '\n');
    const v = join(work, 'v.afterglow');
    const run = (...args) => execFileSync(cli, ['--vault', v, '--passphrase-file', join(work, 'pass'), '--insecure-test-kdf', ...args],
      { input: args.includes('add') ? 'kept by the old storage' : undefined, stdio: 'pipe' });
    run('init');
    for (let i = 1; i <= 3; ++i) run('add', '--title', `Migrated entry ${i} ${t.CANARY}`);
    const files = [[VAULT, readFileSync(v)], [OTHER, randomBytes(200 * 1024 + 17)]];
    if (existsSync(v + '-wal')) files.push([VAULT + '-wal', readFileSync(v + '-wal')]);

    await app.page.goto(url + 'no-such-page', { waitUntil: 'load' });  // the origin, before the app
    await seedLegacy(app.page, files);
    await app.goto(url + '?test-hooks=1');
    const migrated = await app.waitFor(/^event storage_migrated \d+/, 60);
    const started = app.mark;
    await app.waitFor(/^screen unlock/, 60);
    app.mark = started;  // t.unlock waits for it too
    const inFs = await app.page.evaluate((paths) => paths.map((p) => {
      const d = FS.readFile(p); let s = '';
      for (let i = 0; i < d.length; i += 0x8000) s += String.fromCharCode.apply(null, d.subarray(i, i + 0x8000));
      return btoa(s);
    }), files.map(([p]) => p));
    const stored = Object.fromEntries(await storedFiles(app.page, '/data/'));
    for (const [i, [p, bytes]] of files.entries()) {
      const want = sha(bytes);
      if (sha(Buffer.from(inFs[i], 'base64')) !== want) throw new Error(`${p}: the app's copy differs from the one IDBFS kept`);
      if (!stored[p] || sha(Buffer.from(stored[p], 'base64')) !== want) throw new Error(`${p}: the chunk store's copy differs`);
    }
    const dbs = await databases(app.page);
    if (dbs.includes('/data')) throw new Error('the IDBFS database is still there after the migration: ' + dbs.join(', '));
    console.log(`${migrated}: ${files.map(([p, b]) => `${p} (${b.length} B)`).join(', ')} identical; databases now: ${dbs.join(', ')}`);

    await t.unlock(app);
    let n = await t.search(app, 'Migrated');
    await app.shot('05-migrated');
    if (n !== 3) throw new Error(`after the migration the journal finds ${n} of 3 entries`);

    await app.reopen();
    await t.unlock(app);
    n = await t.search(app, 'Migrated');
    const again = app.lines.filter((l) => /^event storage_migrated/.test(l)).length;
    if (again !== 1) throw new Error(`the migration ran ${again} times`);
    if (n !== 3) throw new Error(`on the second start the journal finds ${n} of 3 entries`);
    console.log('second start: nothing migrated, 3 of 3 entries');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
