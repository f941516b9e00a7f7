// The phone figures of bench/web.sh (bench/web/run.mjs runs this): the test site in headless
// Chromium at a phone viewport, a journal of N entries already in its storage (written
// natively by bench_web_seed and put into the profile's IndexedDB the way IDBFS kept it,
// before the app starts: the app migrates it to its chunk store, web/chunk_store.js), then
//   unlock: tap Unlock -> "event unlocked" (test KDF, so this is the open alone), twice, with
//     the file-system calls the app's worker made meanwhile (each one proxied to the page's
//     thread), the time it spent in them and the job's own time (app/web/read_cache.hpp;
//     "worker_fs_calls");
//   the same unlock with the read cache off (?test-read-cache=0: every page read proxied, as
//     before issue 19), at the largest size;
//   the app's wasm memory after a real unlock (--real-kdf OPS,BYTES: a vault with the desktop's
//     Argon2id) and after a test-KDF unlock of the same journal: Argon2id runs in a worker of
//     its own (app/web/kdf_worker.cpp), so the two should differ by little;
//   Save -> saved (--saves N, at each size after the test-KDF unlocks): a new entry's Save
//     tapped -> "Saved" shown (value notice_shown 1: after the flush committed), with the bytes
//     each save's flushes wrote (their storage_flush lines), then the flush at the lock's WAL
//     checkpoint (wal_checkpoint(TRUNCATE)) against the vault file's size.
// Prints "figure<TAB>name<TAB>value<TAB>target<TAB>verdict" lines and one "phone_json {...}".
//   node bench/web/phone.mjs --site SITE --seed BENCH_WEB_SEED [--sizes 100,1000,10000]
//                            [--schema 3] [--real-kdf 2,268435456] [--compare 1] [--saves 5]
//                            [--saved-line storage_flushed] [--query '&test-busy-frame-ms=0']
// --query: more of the test site's switches for every session (a before/after of the loop).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as t from '../../tests/web/lib.mjs';

const args = process.argv.slice(2);
const opt = { sizes: '100,1000,10000', schema: '', 'real-kdf': '', compare: '1', saves: '5', query: '' };
for (let i = 0; i + 1 < args.length; i += 2) opt[args[i].replace(/^--/, '')] = args[i + 1];
const sizes = opt.sizes.split(',').map(Number);
const VAULT = '/data/share/afterglow/journal.afterglow';

// Puts `bytes` at VAULT in the IndexedDB database IDBFS uses for /data (emscripten's
// library_idbfs.js: database "/data", version 21, store FILE_DATA keyed by path).
async function seed(page, bytes) {
  const b64 = Buffer.from(bytes).toString('base64');
  await page.evaluate(() => { window.agSeed = []; });
  for (let at = 0; at < b64.length; at += 8 << 20) {
    const part = b64.slice(at, at + (8 << 20));
    await page.evaluate((p) => { window.agSeed.push(p); }, part);
  }
  await page.evaluate((path) => new Promise((ok, fail) => {
    const bin = atob(window.agSeed.join(''));
    window.agSeed = null;
    const data = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; ++i) data[i] = bin.charCodeAt(i);
    const req = indexedDB.open('/data', 21);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('FILE_DATA');
      store.createIndex('timestamp', 'timestamp', { unique: false });
    };
    req.onerror = () => fail(new Error('indexedDB: ' + req.error));
    req.onsuccess = () => {
      const tx = req.result.transaction(['FILE_DATA'], 'readwrite');
      const store = tx.objectStore('FILE_DATA');
      const now = new Date();
      for (const dir of ['/data/share', '/data/share/afterglow']) store.put({ timestamp: now, mode: 0o40755 }, dir);
      store.put({ timestamp: now, mode: 0o100600, contents: data }, path);
      tx.oncomplete = () => { req.result.close(); ok(); };
      tx.onerror = () => fail(new Error('indexedDB: ' + tx.error));
    };
  }), VAULT);
}

// Tap Unlock -> "event unlocked": seconds, the worker's file-system calls and the heap after.
async function unlockTimed(app) {
  await app.waitFor(/^screen unlock/, 60);
  await app.tapField('unlock_pass', 'password');
  await app.type(t.PASS);
  const w = await app.steady('unlock_button');
  const from = app.lines.length;
  const t0 = Date.now();
  await app.tapAt(w.x, w.y);
  await app.waitFor(/^event unlocked/, 600);
  const t1 = Date.now();
  const s = (t1 - t0) / 1000;
  await app.waitFor(/^screen home/, 60);
  const ph = await app.waitFor(/^job_phases /, 60);
  const phases = Object.fromEntries(ph.split(' ').slice(1).map((kv) => kv.split('=')).map(([k, v]) => [k, k === 'trace' ? v : +v]));
  // Outside the page: the tap sent -> its press in the app, "event unlocked" printed -> read here.
  if (phases.press_wall) {
    phases.send_to_press = phases.press_wall - t0;
    phases.done_to_read = t1 - phases.done_wall;
    delete phases.press_wall;
    delete phases.done_wall;
  }
  const fs = app.lines.slice(from).filter((l) => /^worker_fs_calls /.test(l)).map((l) => l.split(' ').slice(1).map(Number));
  const sum = (i) => fs.reduce((a, f) => a + (f[i] || 0), 0);
  const heap = await app.page.evaluate(() => wasmMemory.buffer.byteLength);  // eslint-disable-line no-undef
  return { s, calls: sum(0), ms: sum(1), blocks: sum(2), job: sum(3) / 1000, heap, phases };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const flushOf = (l) => { const m = /^storage_flush bytes=(\d+) chunks=(\d+) files=\d+ ms=([\d.]+)/.exec(l); return m && { bytes: +m[1], chunks: +m[2], ms: +m[3] }; };
const sumOf = (xs, k) => xs.reduce((a, x) => a + x[k], 0);

// One new entry saved: tap Save -> "Saved" on screen (seconds), and what its flushes wrote.
async function saveTimed(app, i) {
  await app.tap('home_new_entry');
  await app.waitFor(/^screen editor/);
  await app.tapField('editor_title', 'textarea');
  await app.type(`Bench save ${i}`);
  const w = await app.steady('editor_save');
  const from = app.lines.length;
  const t0 = Date.now();
  await app.tapAt(w.x, w.y);
  await app.waitFor(/^event saved_entry/, 60);
  // A build from before the chunk store has no notice_shown line: its "Saved" was drawn in the
  // frame after the flush (--saved-line storage_flushed, a before/after comparison).
  await app.waitFor(opt['saved-line'] === 'storage_flushed' ? /^event storage_flushed$/ : /^value notice_shown 1$/, 60);
  const shown = (Date.now() - t0) / 1000;
  const flushes = app.lines.slice(from).map(flushOf).filter(Boolean);
  await app.tapNav('nav_home');
  await app.waitFor(/^screen home/);
  return { shown, bytes: sumOf(flushes, 'bytes'), chunks: sumOf(flushes, 'chunks'), flushMs: sumOf(flushes, 'ms') };
}

// SAVES new entries, then the lock (its checkpoint's flush): {saves, size, checkpoint}.
async function savesTimed(app, saves, label) {
  const out = [];
  for (let i = 0; i < saves; ++i) out.push(await saveTimed(app, i));
  const size = await app.page.evaluate((v) => FS.stat(v).size, VAULT);  // eslint-disable-line no-undef
  const from = app.lines.length;
  await app.tapNav('nav_lock');
  await app.waitFor(/^screen unlock/, 60);
  await app.waitFor(/^event storage_flushed/, 60);
  const lock = app.lines.slice(from).map(flushOf).filter(Boolean);
  const checkpoint = { bytes: sumOf(lock, 'bytes'), ms: sumOf(lock, 'ms') };
  console.log(`${label} (vault ${size} B): Save -> saved ${out.map((x) => x.shown.toFixed(3)).join(', ')} s; flushed ` +
              out.map((x) => `${x.bytes} B/${x.chunks} chunks/${x.flushMs.toFixed(0)} ms`).join(', ') +
              `; the lock's checkpoint flush ${checkpoint.bytes} B in ${checkpoint.ms.toFixed(0)} ms`);
  return { saves: out, size, checkpoint };
}

// A fresh profile holding FILE; opens the test site with QUERY and unlocks twice (the second
// time after opening the page again, as a phone user returning does).
async function session(url, work, file, query, label, saves = 0) {
  const profile = await t.tempProfile();
  const browser = await t.launch(profile);
  try {
    const app = await t.AppPage.open(browser, join(work, 'art'));
    await app.page.goto(url + 'no-such-page', { waitUntil: 'load' });  // the origin, before the app
    await seed(app.page, readFileSync(file));
    await app.goto(url + '?test-hooks=1' + query + opt.query);
    const first = await unlockTimed(app);
    await app.reopen();
    const again = await unlockTimed(app);
    const f = (u) => `${u.s.toFixed(2)} s (worker's job ${u.job.toFixed(2)} s; ${u.calls} fs calls, ${u.ms.toFixed(0)} ms in them, ${u.blocks} block reads; ` +
      `phases, ms: ${Object.entries(u.phases).map(([k, v]) => k + ' ' + v).join(', ')})`;
    console.log(`${label}: unlock ${f(first)}, again ${f(again)}; heap ${again.heap >> 20} MiB`);
    return { first, again, save: saves > 0 ? await savesTimed(app, saves, label) : null };
  } finally {
    await browser.close().catch(() => {});
    await t.removeProfile(profile);
  }
}

function seedFile(work, n, extra) {
  const file = join(work, `seed-${n}-${extra.join('-') || 'test'}.afterglow`);
  const schema = opt.schema ? ['--schema', opt.schema] : [];
  console.log(execFileSync(opt.seed, [file, String(n), t.PASS, ...schema, ...extra]).toString().trim());
  return file;
}

t.needTools(opt.site);
t.main(async () => {
  const { server, url } = await t.serve(opt.site);
  const work = mkdtempSync(join(tmpdir(), 'afterglow-phone-'));
  const out = { unlock: [], uncached: null, memory: null };
  try {
    for (const n of sizes) {
      const file = seedFile(work, n, []);
      out.unlock.push({ n, ...(await session(url, work, file, '&insecure-test-kdf=1', `${n} entries`, +opt.saves)) });
      if (opt.compare === '1' && n === sizes[sizes.length - 1])
        out.uncached = { n, ...(await session(url, work, file, '&insecure-test-kdf=1&test-read-cache=0', `${n} entries, no read cache`)) };
    }
    if (opt['real-kdf']) {
      const [ops, mem] = opt['real-kdf'].split(',');
      const n = sizes[0];
      const real = await session(url, work, seedFile(work, n, ['--kdf', ops, mem]), '', `${n} entries, Argon2id ${mem >> 20} MiB x ${ops}`);
      const test = out.unlock[0];
      out.memory = { n, ops: +ops, mem: +mem, real: real.again.heap, test: test.again.heap, unlock_s: real.again.s };
    }
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  const row = (name, value, target = '-', verdict = '-') => console.log(`figure\t${name}\t${value}\t${target}\t${verdict}`);
  const calls = (u) => `${u.calls} calls, ${u.ms.toFixed(0)} ms in them; the job ${u.job.toFixed(2)} s`;
  for (const f of out.unlock)
    row(`phone: unlock, ${f.n} entries, test KDF (tap -> unlocked; first, again)`, `${f.first.s.toFixed(2)} s, ${f.again.s.toFixed(2)} s`);
  for (const f of out.unlock) row(`phone: worker file-system calls during that unlock, ${f.n} entries (again)`, calls(f.again));
  if (out.uncached) {
    const u = out.uncached, c = out.unlock[out.unlock.length - 1];
    row(`phone: unlock, ${u.n} entries, read cache off (?test-read-cache=0; first, again)`, `${u.first.s.toFixed(2)} s, ${u.again.s.toFixed(2)} s`);
    row(`phone: worker file-system calls, ${u.n} entries, read cache off (again)`, calls(u.again));
    row(`phone: unlock ${u.n} entries, read cache on / off (again)`, (c.again.s / u.again.s).toFixed(2) + 'x');
  }
  if (out.unlock.length > 1) {
    const a = out.unlock[0], b = out.unlock[out.unlock.length - 1];
    row(`phone: unlock, ${b.n} / ${a.n} entries (again)`, (b.again.s / a.again.s).toFixed(2) + 'x');
  }
  if (out.memory) {
    const m = out.memory, d = (m.real - m.test) / 1048576;
    row(`phone: wasm memory after a real unlock (Argon2id ${m.mem >> 20} MiB x ${m.ops}, ${m.n} entries)`, `${(m.real / 1048576).toFixed(0)} MiB`);
    row(`phone: wasm memory, real unlock - test-KDF unlock of the same journal`, `${d.toFixed(0)} MiB`,
        `< ${(m.mem >> 20) / 8} MiB (KDF memory given back)`, d < (m.mem >> 20) / 8 ? 'ok' : 'MISSED');
  }
  const KiB = (b) => (b / 1024).toFixed(1) + ' KiB';
  const saved = out.unlock.filter((f) => f.save);
  for (const f of saved) {
    const shown = f.save.saves.map((x) => x.shown), bytes = f.save.saves.map((x) => x.bytes);
    f.med = median(shown);
    f.max = Math.max(...shown);
    row(`phone: Save -> saved, ${f.n} entries (median of ${shown.length}; max ${f.max.toFixed(2)} s)`, f.med.toFixed(2) + ' s');
    row(`phone: flush bytes per save, ${f.n} entries (median; max ${KiB(Math.max(...bytes))}; vault ${KiB(f.save.size)})`,
        KiB(median(bytes)), '<= 256 KiB (4 chunks)', Math.max(...bytes) <= 4 * 65536 ? 'ok' : 'MISSED');
    const c = f.save.checkpoint;
    row(`phone: the lock's checkpoint flush / vault file, ${f.n} entries (${KiB(c.bytes)} in ${c.ms.toFixed(0)} ms)`,
        (c.bytes / f.save.size).toFixed(3) + 'x', '< 1x (what changed)', c.bytes < f.save.size ? 'ok' : 'MISSED');
  }
  if (saved.length > 1) {
    const a = saved[0], b = saved[saved.length - 1];
    const r = b.med / a.med, spike = b.max / b.med;
    row(`phone: Save -> saved, ${b.n} / ${a.n} entries`, r.toFixed(2) + 'x', '<= 1.2x', r <= 1.2 ? 'ok' : 'MISSED');
    row(`phone: Save -> saved at ${b.n}, slowest / median`, spike.toFixed(2) + 'x', '<= 2x', spike <= 2 ? 'ok' : 'MISSED');
  }
  console.log('phone_json ' + JSON.stringify(out));
});
