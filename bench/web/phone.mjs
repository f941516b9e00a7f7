// The phone figures of bench/web.sh: the web app in headless Chromium at a phone viewport, a
// journal of N entries already in its storage (written natively by bench_web_seed and put into
// the profile's IndexedDB the way IDBFS keeps it, before the app starts), then
//   unlock: tap Unlock -> "event unlocked" (test KDF, so this is the open alone), twice;
// and the machine-readable lines "figure<TAB>name<TAB>value<TAB>target<TAB>verdict".
//   node bench/web/phone.mjs --site SITE --seed BENCH_WEB_SEED --sizes 100,1000,10000 [--schema 3]
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as t from '../../tests/web/lib.mjs';

const args = process.argv.slice(2);
const opt = { sizes: '100,1000,10000', schema: '' };
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

async function unlockTimed(app) {
  await app.waitFor(/^screen unlock/, 60);
  await app.tapField('unlock_pass', 'password');
  await app.type(t.PASS);
  const w = await app.steady('unlock_button');
  const t0 = Date.now();
  await app.tapAt(w.x, w.y);
  await app.waitFor(/^event unlocked/, 600);
  const s = (Date.now() - t0) / 1000;
  await app.waitFor(/^screen home/, 60);
  return s;
}

t.needTools(opt.site);
t.main(async () => {
  const { server, url } = await t.serve(opt.site);
  const work = mkdtempSync(join(tmpdir(), 'afterglow-phone-'));
  const figures = [];
  try {
    for (const n of sizes) {
      const file = join(work, `seed-${n}.afterglow`);
      const extra = opt.schema ? ['--schema', opt.schema] : [];
      console.log(execFileSync(opt.seed, [file, String(n), t.PASS, ...extra]).toString().trim());
      const profile = await t.tempProfile();
      const browser = await t.launch(profile);
      try {
        const app = await t.AppPage.open(browser, join(work, 'art'));
        await app.page.goto(url + 'no-such-page', { waitUntil: 'load' });  // the origin, before the app
        await seed(app.page, readFileSync(file));
        await app.goto(url + '?test-hooks=1&insecure-test-kdf=1');
        const first = await unlockTimed(app);
        await app.reopen();
        const second = await unlockTimed(app);
        console.log(`${n} entries: unlock ${first.toFixed(2)} s, again ${second.toFixed(2)} s`);
        figures.push({ n, first, second });
      } finally {
        await browser.close().catch(() => {});
        await t.removeProfile(profile);
      }
    }
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  for (const f of figures)
    console.log(`figure\tphone: unlock, ${f.n} entries, test KDF (tap -> unlocked; first, again)\t${f.first.toFixed(2)} s, ${f.second.toFixed(2)} s\t-\t-`);
  if (figures.length > 1) {
    const a = figures[0], b = figures[figures.length - 1];
    const r = b.second / a.second;
    console.log(`figure\tphone: unlock, ${b.n} / ${a.n} entries\t${r.toFixed(2)}x\t-\t-`);
  }
});
