// The wasm bench (bench_unlock_search compiled by emscripten) in headless Chromium, shared by
// bench/web/run.mjs (every web figure) and bench/web/unlock.mjs (the phone unlock's ratio alone).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';

const here = dirname(new URL(import.meta.url).pathname);

// The bench's output lines: result NAME MEDIAN MIN MAX N, hits QUERY|N, kdf OPS MEM, done.
export function parse(lines, side) {
  const out = { results: {}, hits: {}, samples: [], lines };
  for (const l of lines) {
    let m;
    if ((m = /^error (.*)$/.exec(l))) throw new Error(`${side}: ${m[1]}`);
    if ((m = /^result (\S+) (\S+) (\S+) (\S+) (\d+)$/.exec(l))) out.results[m[1]] = { median: +m[2], min: +m[3], max: +m[4], n: +m[5] };
    if ((m = /^hits (.*)\|(\d+)$/.exec(l))) out.hits[m[1]] = +m[2];
    if ((m = /^kdf (\d+) (\d+)$/.exec(l))) { out.kdf = out.kdf || [m[1], m[2]]; (out.picks = out.picks || []).push(`${m[2] >> 20} MiB x ${m[1]}`); }
    if ((m = /^calibrate_s (\S+)$/.exec(l))) { out.calibrate_s = out.calibrate_s || +m[1]; (out.cal_s = out.cal_s || []).push(+m[1]); }
    if ((m = /^built (\d+) (\S+)$/.exec(l))) out.built_s = +m[2];
    if ((m = /^sample (\S+) (\S+)$/.exec(l))) out.samples.push(`${m[1]} ${m[2]}`);
  }
  if (!lines.includes('done')) throw new Error(`${side}: no 'done' line; last lines:\n  ${lines.slice(-10).join('\n  ')}`);
  return out;
}

// The wasm bench page (bench_unlock_search.* in WASM_DIR), from a server that makes it
// cross-origin isolated (threads): {server, url}.
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp',
                    'Cross-Origin-Resource-Policy': 'same-origin', 'Cache-Control': 'no-store' };
export async function benchServer(wasmDir) {
  const files = {
    '/': [join(here, 'index.html'), 'text/html; charset=utf-8'],
    '/bench_unlock_search.js': [join(wasmDir, 'bench_unlock_search.js'), 'text/javascript'],
    '/bench_unlock_search.worker.js': [join(wasmDir, 'bench_unlock_search.worker.js'), 'text/javascript'],
    '/bench_unlock_search.wasm': [join(wasmDir, 'bench_unlock_search.wasm'), 'application/wasm'],
  };
  const server = createServer((req, res) => {
    const f = files[new URL(req.url, 'http://x').pathname];
    if (!f) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': f[1], ...ISOLATION }).end(readFileSync(f[0]));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

// Runs the bench with ARGS in a new page of BROWSER (its lines logged through LOG): parse()'s result.
export async function wasm(browser, url, args, seconds, log) {
  const page = await browser.newPage();
  const lines = [];
  page.on('console', (m) => {
    for (const l of m.text().split('\n')) {
      lines.push(l);
      if (/^(sample|result|built|error) /.test(l)) log('  wasm | ' + l);
    }
  });
  page.on('pageerror', (e) => lines.push('error page: ' + e.message));
  await page.goto(url + '#' + encodeURIComponent(JSON.stringify(args)), { waitUntil: 'domcontentloaded', timeout: 120000 });
  const end = Date.now() + seconds * 1000;
  while (!lines.includes('done') && !lines.some((l) => l.startsWith('error '))) {
    if (Date.now() > end) throw new Error(`wasm: timed out after ${seconds} s; last lines:\n  ${lines.slice(-10).join('\n  ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!lines.some((l) => l.startsWith('isolated 1 '))) {
    throw new Error('wasm: the bench page was not cross-origin isolated: ' + lines[0]);
  }
  await page.close();
  return parse(lines, 'wasm');
}

