// The web app's performance figures in one run (bench/web.sh builds what it needs, then
// runs this):
//   1. unlock with the desktop's Argon2id parameters (native calibrate(1.0), reused for the
//      wasm run), wasm / native;
//   2. open + search of 10,000 entries (test KDF), wasm / native;
//   3. the release site's size, per file and in all, raw and gzip -9;
//   4. time to first frame in headless Chromium at 390x844 DPR 3, cold (fresh profile) and
//      warm (service worker cached);
//   5. with --test-site and --seed: the phone figures of bench/web/phone.mjs (unlock at 100 /
//      1,000 / 10,000 entries on the test site, the worker's file-system calls, the same unlock
//      without the read cache, wasm memory after a real unlock) and the phone unlock of 10,000
//      entries against the same open in the wasm bench on a worker thread.
// The wasm side is bench_unlock_search compiled by emscripten, run in Debian's headless
// Chromium (tests/web/lib.mjs's launch) from a local server that sends COOP/COEP, since the
// journal's parallel_for needs threads.
//
//   node bench/web/run.mjs --native BIN --wasm DIR --site DIR --out FILE [--smoke]
//                          [--test-site DIR --seed BENCH_WEB_SEED]
import { readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname, basename } from 'node:path';
import os from 'node:os';
import { launch, AppPage, serve, tempProfile, removeProfile, VIEWPORT } from '../../tests/web/lib.mjs';
import { parse, benchServer, wasm as wasmRun } from './wasm_bench.mjs';

const here = dirname(new URL(import.meta.url).pathname);
const opt = { smoke: false };
for (let i = 2; i < process.argv.length; ++i) {
  const a = process.argv[i];
  if (a === '--smoke') opt.smoke = true;
  else if (a.startsWith('--') && i + 1 < process.argv.length) opt[a.slice(2)] = process.argv[++i];
  else { console.error('usage: run.mjs --native BIN --wasm DIR --site DIR --out FILE [--smoke]'); process.exit(2); }
}
for (const k of ['native', 'wasm', 'site', 'out']) {
  if (!opt[k]) { console.error(`run.mjs: --${k} is missing`); process.exit(2); }
}
// Sizes: the figures' (default) or just enough to prove the harness works (--smoke).
const SIZE = opt.smoke ? { kdfReps: 1, entries: 300, reps: 1, loads: 1, kdf: ['1', String(64 << 20)] }
                       : { kdfReps: 5, entries: 10000, reps: 5, loads: 5, kdf: null };
const log = (s) => console.log(s);
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

function native(args) {
  const text = execFileSync(opt.native, args, { encoding: 'utf8', timeout: 600000, maxBuffer: 1 << 24 });
  return parse(text.split('\n'), 'native');
}

function siteSizes(site) {
  const rows = [];
  for (const name of readdirSync(site).sort()) {
    const file = join(site, name);
    if (!statSync(file).isFile()) continue;
    rows.push({ name, bytes: statSync(file).size, gzip: execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 27 }).length });
  }
  return rows;
}

// First frame: the release site hides #loading right after its first frame's draw calls
// (app/platform_web.cpp, web_first_frame). The probe, run in every document before the
// page's scripts, prints the navigation start (performance.timeOrigin) and the moment that
// happens, both in ms since the epoch; a cold load has two documents (boot.js loads the page
// once more through the new service worker for isolation) and counts from the first.
const PROBE = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  console.log('agbench nav ' + performance.timeOrigin);
  // Emscripten calls this once the wasm is compiled and instantiated and the preloaded fonts
  // are in memory, just before main() (boot.js and afterglow.js keep an existing Module).
  window.Module = { onRuntimeInitialized: () => console.log('agbench runtime ' + now()) };
  new MutationObserver((_, obs) => {
    const l = document.getElementById('loading');
    if (l && l.hidden) {
      obs.disconnect();
      const files = Math.max(0, ...performance.getEntriesByType('resource').map((r) => r.responseEnd));
      console.log('agbench frame ' + now() + ' ' + (navigator.serviceWorker && navigator.serviceWorker.controller ? 1 : 0) + ' ' +
                  (self.crossOriginIsolated ? 1 : 0) + ' ' + (performance.timeOrigin + files));
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['hidden'] });
})();`;

async function firstFrame(profile, url, art, shotName) {
  const browser = await launch(profile);
  try {
    const app = await AppPage.open(browser, art);
    await app.page.evaluateOnNewDocument(PROBE);
    await app.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    const frame = (await app.waitFor(/^agbench frame /, 60)).split(' ');
    const navs = app.lines.filter((l) => l.startsWith('agbench nav '));
    if (shotName) await app.shot(shotName);
    const nav0 = +navs[0].split(' ')[2], last = +navs[navs.length - 1].split(' ')[2];
    const runtime = app.lines.filter((l) => l.startsWith('agbench runtime ')).map((l) => +l.split(' ')[2]).pop();
    // ms: navigation start to first frame; app: the last document's start; files: its last file in.
    return { ms: +frame[2] - nav0, app: last - nav0, files: +frame[5] - nav0, runtime: runtime - nav0, documents: navs.length,
             controlled: frame[3] === '1', isolated: frame[4] === '1' };
  } finally {
    await browser.close();
  }
}

async function firstFrames(site, loads, art) {
  const { server, url } = await serve(site);  // a plain static host: no special headers
  const cold = [], warm = [];
  try {
    for (let i = 0; i < loads; ++i) {
      const profile = await tempProfile();
      try {
        cold.push(await firstFrame(profile, url, art, i === 0 ? 'first-frame-cold' : null));
        warm.push(await firstFrame(profile, url, art, null));
      } finally { await removeProfile(profile); }
      log(`  load ${i + 1}: cold ${cold[i].ms.toFixed(0)} ms (${cold[i].documents} documents), warm ${warm[i].ms.toFixed(0)} ms`);
    }
  } finally { server.close(); }
  for (const w of warm) if (!w.controlled || w.documents !== 1) throw new Error('a warm load was not served by the service worker in one document');
  for (const c of [...cold, ...warm]) if (!c.isolated) throw new Error('the app drew without cross-origin isolation');
  return { cold, warm };
}

const t0 = Date.now();
const load0 = loadavg();
const rows = [];  // [figure, value, target, verdict]
const row = (figure, value, target = '-', ok = null) => rows.push([figure, value, target, ok === null ? '-' : ok ? 'ok' : 'MISSED']);
const ratio = (w, n) => w / n;

// 1 + 2, native then wasm, the same parameters and vault contents.
let kdf = SIZE.kdf;
let cal = null;
if (!kdf) { cal = native(['--calibrate']); kdf = cal.kdf; }
const [ops, mem] = kdf;
log(`Argon2id parameters for both sides: opslimit ${ops}, memlimit ${mem >> 20} MiB` + (cal ? ` (native calibrate(1.0), ${cal.calibrate_s.toFixed(2)} s)` : ' (smoke)'));
const args = ['--kdf', ops, mem, '--kdf-reps', String(SIZE.kdfReps), '--entries', String(SIZE.entries), '--reps', String(SIZE.reps)];
log('native: ' + [basename(opt.native), ...args].join(' '));
const nat = native(args);
// The app opens the vault on its worker thread: the same open + search on a std::thread.
const targs = ['--thread', '--entries', String(SIZE.entries), '--reps', String(Math.min(SIZE.reps, 3))];
const natT = native(targs);
const server = await benchServer(opt.wasm);
const wasm = (browser, url, args, seconds) => wasmRun(browser, url, args, seconds, log);
const profile = await tempProfile();
let was, wasT, wasTError = '', wcal = null;
try {
  const browser = await launch(profile);
  try {
    log('wasm (headless Chromium): the same arguments');
    was = await wasm(browser, server.url, args, 900);
    if (!opt.smoke) {  // what the web app's calibrate(1.0) picks: two fresh pages, twice each
      log('wasm: calibrate(1.0), twice in each of two fresh pages');
      wcal = [await wasm(browser, server.url, ['--calibrate', '2'], 180), await wasm(browser, server.url, ['--calibrate', '2'], 180)];
    }
    log('wasm: open + search on a worker thread (--thread)');
    try { wasT = await wasm(browser, server.url, targs, opt.smoke ? 120 : 300); }
    catch (e) { wasT = null; wasTError = String(e.message).split('\n')[0]; log('  ' + e.message); }
  } finally { await browser.close(); }
} finally { server.server.close(); await removeProfile(profile); }
for (const q of Object.keys(nat.hits)) {
  for (const [side, o] of [['native on a thread', natT], ['wasm', was], ['wasm on a thread', wasT || { hits: nat.hits }]]) {
    if (nat.hits[q] !== o.hits[q]) throw new Error(`search "${q}": native found ${nat.hits[q]}, ${side} ${o.hits[q]}`);
  }
}
if (!Object.keys(nat.hits).length) throw new Error('no search ran');
const load1 = loadavg();

const s = (x) => x.toFixed(3) + ' s', ms = (x) => (x * 1000).toFixed(1) + ' ms', X = (x) => x.toFixed(2) + 'x';
const R = (side, k) => side.results[k].median;
const kdfName = `Argon2id ${mem >> 20} MiB x ${ops}`;
row(`unlock, ${kdfName}: native (median of ${SIZE.kdfReps})`, s(R(nat, 'unlock')));
row(`unlock, ${kdfName}: wasm (median of ${SIZE.kdfReps})`, s(R(was, 'unlock')));
const ru = ratio(R(was, 'unlock'), R(nat, 'unlock'));
row('unlock: wasm / native', X(ru), '<= 3x', ru <= 3);
const n = SIZE.entries;
row(`open ${n} entries: native / wasm (median of ${SIZE.reps})`, `${ms(R(nat, 'open'))} / ${ms(R(was, 'open'))}`);
row(`3 searches over ${n}: native / wasm`, `${ms(R(nat, 'search'))} / ${ms(R(was, 'search'))}`);
row(`open + search ${n} entries: native`, ms(R(nat, 'open_search')));
row(`open + search ${n} entries: wasm`, ms(R(was, 'open_search')));
const ro = ratio(R(was, 'open_search'), R(nat, 'open_search'));
row(`open + search ${n} entries: wasm / native`, X(ro), '<= 3x', ro <= 3);
if (wasT) {
  row(`open + search ${n}, on a worker thread: native / wasm`, `${ms(R(natT, 'open_search'))} / ${ms(R(wasT, 'open_search'))}`);
  row(`open + search ${n}, on a worker thread: wasm / native (report)`, X(ratio(R(wasT, 'open_search'), R(natT, 'open_search'))));
} else {
  row(`open + search ${n}, on a worker thread: wasm (report)`, 'did not finish');
}
if (wcal) {
  row('wasm calibrate(1.0), 1st call in a fresh page (report)', wcal.map((c) => c.picks[0]).join(', '));
  row('wasm calibrate(1.0), 2nd call in the same page (report)', wcal.map((c) => c.picks[1]).join(', '));
}

// 3. Site size.
const files = siteSizes(opt.site);
const total = files.reduce((a, f) => a + f.bytes, 0), gz = files.reduce((a, f) => a + f.gzip, 0);
const kb = (b) => (b / 1024).toFixed(1) + ' KiB', mb = (b) => (b / 1048576).toFixed(2) + ' MiB';
row(`site: ${files.length} files (${basename(opt.site)})`, mb(total));
row('site: gzip -9, per file, summed', mb(gz));

// 4. First frame.
log(`first frame: ${SIZE.loads} cold + ${SIZE.loads} warm loads of ${opt.site}`);
const art = join(dirname(opt.out), 'artifacts');
mkdirSync(art, { recursive: true });
const ff = await firstFrames(opt.site, SIZE.loads, art);
const fc = median(ff.cold.map((x) => x.ms)), fw = median(ff.warm.map((x) => x.ms));
row(`first frame, cold (fresh profile; median of ${SIZE.loads})`, (fc / 1000).toFixed(2) + ' s', '<= 2 s', fc <= 2000);
row(`first frame, warm (service worker; median of ${SIZE.loads})`, (fw / 1000).toFixed(2) + ' s', '<= 2 s', fw <= 2000);

// 5. The phone: the app itself unlocking a journal put in its storage (bench/web/phone.mjs).
let phone = null;
if (opt['test-site'] && opt.seed) {
  const sizes = opt.smoke ? String(n) : `100,1000,${n}`;
  const real = opt.smoke ? `1,${64 << 20}` : `${ops},${mem}`;
  log(`phone: unlock of ${sizes} entries on ${opt['test-site']}, a real unlock with Argon2id ${real}`);
  const text = execFileSync('node', [join(here, 'phone.mjs'), '--site', opt['test-site'], '--seed', opt.seed,
                                     '--sizes', sizes, '--real-kdf', real], { encoding: 'utf8', timeout: 1800000, maxBuffer: 1 << 24 });
  for (const l of text.split('\n')) {
    const f = l.split('\t');
    if (f[0] === 'figure' && f.length === 5) rows.push(f.slice(1));
    else if (l.startsWith('phone_json ')) phone = JSON.parse(l.slice('phone_json '.length));
    else if (l.trim()) log('  phone | ' + l);
  }
  const big = phone && phone.unlock.find((u) => u.n === n);
  if (!big) throw new Error('phone.mjs gave no unlock of ' + n + ' entries');
  const benchOpen = wasT ? R(wasT, 'open') : R(was, 'open');
  const where = wasT ? 'on a worker thread' : 'on the page thread (the worker run did not finish)';
  const rp = big.again.s / benchOpen;
  row(`phone unlock ${n} entries (again) / the same open in the wasm bench ${where}`,
      `${X(rp)} (${big.again.s.toFixed(2)} s / ${s(benchOpen)})`, '<= 3x', rp <= 3);
  if (phone.uncached) {
    const ru0 = phone.uncached.again.s / benchOpen;
    row(`  the same, read cache off (as before issue 19; report)`, `${X(ru0)} (${phone.uncached.again.s.toFixed(2)} s)`);
  }
}
const load2 = loadavg();

// The report: the table, then the details.
const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['figure', 'value', 'target'][i].length));
const line = (r) => r.map((c, i) => (i < 3 ? c.padEnd(w[i]) : c)).join('  ');
const out = [];
out.push(`bench/web.sh${opt.smoke ? ' --smoke' : ''}, ${new Date().toISOString()}, ${Math.round((Date.now() - t0) / 1000)} s`);
out.push(`machine: ${os.cpus().length} x ${os.cpus()[0].model}; load average (1/5/15 min) at start ${load0}, after the vault figures ${load1}, at the end ${load2}`);
out.push('');
out.push(line(['figure', 'value', 'target', 'verdict']));
for (const r of rows) out.push(line(r));
out.push('');
out.push('site files           bytes      gzip -9');
for (const f of files) out.push(`${f.name.padEnd(22)} ${kb(f.bytes).padStart(11)} ${kb(f.gzip).padStart(11)}`);
out.push(`${'total'.padEnd(22)} ${kb(total).padStart(11)} ${kb(gz).padStart(11)}`);
out.push('');
const phases = (xs) => xs.map((x) => `${x.ms.toFixed(0)} (${x.documents > 1 ? `page again at ${x.app.toFixed(0)}, ` : ''}` +
  `files in at ${x.files.toFixed(0)}, wasm ready at ${x.runtime.toFixed(0)})`).join(', ');
out.push('first frame, ms after navigation start (cold: fresh profile, the page is loaded twice, the second time through');
out.push('the new service worker for isolation; warm: the same profile in a new browser):');
out.push(`  cold: ${phases(ff.cold)}`);
out.push(`  warm: ${phases(ff.warm)}`);
out.push(`vault built: native ${nat.built_s} s, wasm ${was.built_s} s; search hits (both sides): ` +
  Object.entries(nat.hits).map(([q, h]) => `"${q}" ${h}`).join(', '));
out.push('samples (s), native: ' + nat.samples.join(', '));
out.push('samples (s), wasm:   ' + was.samples.join(', '));
if (wcal) out.push('wasm calibrate(1.0) took (s): ' + wcal.map((c) => c.cal_s.map((x) => x.toFixed(2)).join(' then ')).join('; '));
if (wasTError) out.push('wasm --thread: ' + wasTError);
for (const [k, v] of [['native', nat], ['wasm', was], ['native --thread', natT], ['wasm --thread', wasT]]) {
  if (!v) continue;
  out.push(`${k}: ` + Object.entries(v.results).map(([n, r]) => `${n} median ${r.median} min ${r.min} max ${r.max}`).join('; '));
}
if (opt.smoke) out.push('(smoke sizes: the figures are not meaningful, only that every part of the harness ran)');
const report = out.join('\n') + '\n';
writeFileSync(opt.out, report);
console.log('\n' + report + `(written to ${opt.out}; viewport ${VIEWPORT.width}x${VIEWPORT.height} DPR ${VIEWPORT.deviceScaleFactor})`);
process.exit(0);
