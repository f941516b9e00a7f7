// The phone unlock's figure of issue 19 alone, in one run: the app on the test site unlocking
// a journal of N entries (bench/web/phone.mjs, test KDF: tap -> "event unlocked", and where
// the time went: "job_phases") against the same open in the wasm bench on a worker thread
// (bench_unlock_search --thread: Vault::open + unlock), measured before and after the phone
// sessions; the ratio is the phone's second unlock over the mean of the two medians (<= 3x).
// Each --variant is one more set of phone sessions with more test-site switches, e.g.
// "every-frame=&test-busy-frame-ms=0" (a frame at every animation frame while the job runs);
// each --site another test site (LABEL=DIR: a build from before a change).
//   node bench/web/unlock.mjs --wasm DIR --test-site DIR --seed BENCH_WEB_SEED
//                             [--entries 10000] [--reps 3] [--variant LABEL=QUERY ...] [--site LABEL=DIR ...]
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { launch, tempProfile, removeProfile } from '../../tests/web/lib.mjs';
import { benchServer, wasm } from './wasm_bench.mjs';

const here = dirname(new URL(import.meta.url).pathname);
const opt = { entries: '10000', reps: '3', runs: [] };  // runs: [label, site or null, query]
for (let i = 2; i + 1 < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, ''), v = process.argv[i + 1];
  const [label, rest] = [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)];
  if (k === 'variant') opt.runs.push([label, null, rest]);
  else if (k === 'site') opt.runs.push([label, rest, '']);
  else opt[k] = v;
}
opt.runs.unshift(['as built', null, '']);
for (const k of ['wasm', 'test-site', 'seed']) {
  if (!opt[k]) { console.error(`unlock.mjs: --${k} is missing`); process.exit(2); }
}
const log = (s) => console.log(s);
const load = () => os.loadavg()[0].toFixed(1);

async function benchOpen() {
  const server = await benchServer(opt.wasm);
  const profile = await tempProfile();
  try {
    const browser = await launch(profile);
    try {
      const r = await wasm(browser, server.url, ['--thread', '--entries', opt.entries, '--reps', opt.reps], 600, log);
      return r.results.open.median;
    } finally { await browser.close(); }
  } finally { server.server.close(); await removeProfile(profile); }
}

const t0 = Date.now();
log(`load ${load()}: the wasm bench's open of ${opt.entries} entries on a worker thread`);
const before = await benchOpen();
const phones = [];
for (const [label, site, query] of opt.runs) {
  log(`load ${load()}: the phone (${label}${query ? ': ' + query : ''}${site ? ': ' + site : ''})`);
  const text = execFileSync('node', [join(here, 'phone.mjs'), '--site', site || opt['test-site'], '--seed', opt.seed, '--sizes',
                                     `100,${opt.entries}`, '--compare', '0', '--saves', '0', '--query', query],
                            { encoding: 'utf8', timeout: 1800000, maxBuffer: 1 << 24 });
  for (const l of text.split('\n')) if (/ entries: unlock /.test(l)) log('  ' + l);
  const json = text.split('\n').find((l) => l.startsWith('phone_json '));
  const big = JSON.parse(json.slice('phone_json '.length)).unlock.find((u) => u.n === +opt.entries);
  phones.push([label, big]);
}
log(`load ${load()}: the wasm bench again`);
const after = await benchOpen();
const open = (before + after) / 2;
log(`\nphone unlock, ${opt.entries} entries, test KDF (tap -> unlocked, again) / the wasm bench's open on a worker ` +
    `(${before.toFixed(3)} s before, ${after.toFixed(3)} s after; ${Math.round((Date.now() - t0) / 1000)} s, load ${load()} at the end):`);
for (const [label, u] of phones) {
  const p = u.again.phases;
  if (p.job === undefined) p.job = p.start_to_first_call + p.first_call_to_end;  // a build from before the change
  log(`  ${label.padEnd(14)} ${(u.again.s / open).toFixed(2)}x (${u.again.s.toFixed(2)} s; first unlock ${u.first.s.toFixed(2)} s); ` +
      `ms: tap sent->pressed ${p.send_to_press ?? '?'}, pressed->job ${p.press_to_start}, job ${p.job}, ` +
      `job end->unlocked ${p.end_to_done} (continuation ${p.continuation ?? '?'}), unlocked->read ${p.done_to_read ?? '?'}; ` +
      `unlocked->home drawn ${p.done_to_frame}; ${p.frames ?? '?'} frames during the job` +
      (p.trace ? `\n${''.padEnd(17)}frames since the press (ms from it + ms on the page's thread, u: not drawn): ${p.trace}` : ''));
}
