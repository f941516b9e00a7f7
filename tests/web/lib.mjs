// Shared pieces of the browser tests: a plain static server on 127.0.0.1 (no special
// headers, like any static host), Debian's headless Chromium through puppeteer-core at a
// 390x844 touch viewport (DPR 3), the app's test-hook lines from the console, real input
// (CDP touch taps, Input.insertText, key events) and screenshot checks.
import { createServer } from 'node:http';
import { readFile, mkdir, stat, rm, mkdtemp } from 'node:fs/promises';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, extname, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';

const here = new URL('.', import.meta.url).pathname;
export const ROOT = resolve(here, '../..');
const require = createRequire(join(ROOT, 'build-web/npm/package.json'));

export const CHROMIUM = process.env.AFTERGLOW_CHROMIUM || '/usr/bin/chromium';
export const VIEWPORT = { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
export const PASS = 'quiet river lantern morning';
export const CANARY = 'kq7zcanary';

// Missing tools: FAIL under CI, SKIPPED (exit 77, CTest's SKIP_RETURN_CODE) elsewhere.
export function needTools(site) {
  const missing = [];
  if (!existsSync(join(site, 'afterglow.wasm'))) missing.push(`the web build (${site}: run scripts/build-web.sh --test)`);
  if (!existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM}: run scripts/setup-web.sh)`);
  if (!existsSync(join(ROOT, 'build-web/npm/node_modules/puppeteer-core'))) missing.push('puppeteer-core (scripts/setup-web.sh)');
  if (!missing.length) return;
  const msg = 'missing: ' + missing.join('; ');
  if (process.env.CI) { console.error('FAIL: ' + msg); process.exit(1); }
  console.log('SKIPPED: ' + msg);
  process.exit(77);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.data': 'application/octet-stream' };

export async function serve(site) {
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(site, '.' + path);
    if (!file.startsWith(resolve(site))) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch { res.writeHead(404).end('not found'); }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

export async function launch(profile) {
  const puppeteer = require('puppeteer-core');
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic',
           '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-default-apps', '--disable-features=Translate,MediaRouter,OptimizationHints',
           '--disable-dev-shm-usage'],
    protocolTimeout: 60000,
  });
}

export async function tempProfile() { return mkdtemp(join(tmpdir(), 'afterglow-web-')); }
export async function removeProfile(p) { await rm(p, { recursive: true, force: true }); }

// One page of the app with its console lines ("screen home", "widget NAME X Y", "event …").
export class AppPage {
  constructor(page, art) {
    this.page = page; this.art = art; this.lines = []; this.mark = 0; this.widgets = {}; this.shots = [];
    this.longPresses = 0;  // long presses the test made on purpose
    this.retries = 0;      // taps made again because the first did nothing
  }
  expectLongPresses(n) { this.longPresses += n; }
  // Every tap reached the page as a tap: none became a long press on the way.
  checkGestures() {
    const seen = this.lines.filter((l) => /^shim (tap|long_press) /.test(l));
    const longs = seen.filter((l) => /^shim long_press /.test(l));
    const ms = seen.filter((l) => /^shim tap /.test(l)).map((l) => +l.split(' ')[2]);
    const held = ms.length ? ` (held ${Math.min(...ms)}-${Math.max(...ms)} ms by their timestamps)` : '';
    console.log(`gestures: ${ms.length} taps${held}, ${longs.length} long presses, ${this.retries} taps made again`);
    if (longs.length !== this.longPresses)
      throw new Error(`${longs.length} long presses reached the page, ${this.longPresses} made: ${longs.join(', ')}`);
  }
  static async open(browser, art) {
    const page = await browser.newPage();
    await page.emulate({ viewport: VIEWPORT,
      userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36' });
    const a = new AppPage(page, art);
    page.on('console', (m) => a.line(m.text()));
    page.on('pageerror', (e) => a.line('pageerror ' + e.message));
    a.cdp = await page.createCDPSession();
    return a;
  }
  line(t) {
    for (const l of String(t).split('\n')) {
      if (process.env.AFTERGLOW_WEB_VERBOSE) console.log('  | ' + l);
      this.lines.push(l);
      const w = /^widget (\S+) (-?\d+) (-?\d+)(?: (\d+) (\d+))?$/.exec(l);  // centre, then size
      const d = VIEWPORT.deviceScaleFactor;
      if (w) this.widgets[w[1]] = { x: +w[2] / d, y: +w[3] / d, w: (+w[4] || 0) / d, h: (+w[5] || 0) / d };
      if (/^screen /.test(l)) this.widgets = {};
    }
  }
  async goto(url) { this.mark = this.lines.length; await this.page.goto(url, { waitUntil: 'load' }); }
  // Opens the app again at the same address, as a phone user does from the home screen.
  // (CDP's Page.reload of an isolated page is not served by the service worker in headless
  // Chromium; boot.js then reloads once more, which puppeteer loses track of.)
  async reopen() { this.mark = this.lines.length; this.widgets = {}; await this.page.goto(this.page.url(), { waitUntil: 'load' }); }
  // Waits for a console line matching re after the last mark; returns it and moves the mark.
  async waitFor(re, seconds = 20) {
    const end = Date.now() + seconds * 1000;
    for (;;) {
      for (let i = this.mark; i < this.lines.length; ++i) {
        if (re.test(this.lines[i])) { this.mark = i + 1; return this.lines[i]; }
        if (/^pageerror |Aborted\(|RuntimeError/.test(this.lines[i])) throw new Error('page error: ' + this.lines[i]);
      }
      if (Date.now() > end) {
        throw new Error(`timed out after ${seconds} s waiting for ${re}; last lines:\n  ` + this.lines.slice(-15).join('\n  '));
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async widget(name, seconds = 10) {
    const end = Date.now() + seconds * 1000;
    while (!this.widgets[name]) {
      if (Date.now() > end) throw new Error(`widget ${name} never appeared; known: ${Object.keys(this.widgets).join(' ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.widgets[name];
  }
  async tap(name) {
    let w = await this.steady(name);
    if (w.y > VIEWPORT.height - 25) w = await this.reveal(name);
    await this.tapAt(w.x, w.y);
    await this.settle();
  }
  // A finger down and up at (x, y) CSS px, held `hold` seconds by the events' own timestamps
  // (what a phone's touch hardware stamps them with). The page tells a tap from a long press
  // by them, so a tap that reaches a busy page late is still a tap.
  // busyMs: the page's main thread is kept busy that long between the two, so the finger's
  // up reaches it late (as on a phone in the middle of a long frame).
  async tapAt(x, y, hold = 0.06, busyMs = 0) {
    const at = Date.now() / 1000;
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }], timestamp: at });
    const busy = busyMs ? this.page.evaluate((ms) => { const end = performance.now() + ms; while (performance.now() < end); }, busyMs) : null;
    if (busy) await this.settle(20);
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [], timestamp: at + hold });
    if (busy) await busy;
  }
  // The widget once it stopped moving (a layout change settles over a few frames).
  async steady(name) {
    let w = await this.widget(name);
    for (let i = 0; i < 20; ++i) {
      await this.settle(60);
      const now = this.widgets[name] || w;
      if (now.x === w.x && now.y === w.y) return now;
      w = now;
    }
    return w;
  }
  // Scrolls (a finger drag) until the widget is on screen; returns its new centre.
  async reveal(name) {
    let last = null;
    for (let i = 0; i < 8; ++i) {
      const w = await this.steady(name);
      if (w.y < VIEWPORT.height - 25 || (last && last.y === w.y)) return w;  // visible, or as far as it scrolls
      last = w;
      await this.drag(-Math.min(500, w.y - VIEWPORT.height / 2));
    }
    throw new Error(`could not scroll ${name} into view`);
  }
  // A slow vertical drag by dy CSS px that stops before lifting (no momentum).
  async drag(dy) {
    const x = VIEWPORT.width / 2, y0 = dy < 0 ? VIEWPORT.height - 120 : 160;
    const ts = this.page.touchscreen;
    await ts.touchStart(x, y0);
    for (let s = 1; s <= 10; ++s) { await ts.touchMove(x, y0 + (dy * s) / 10); await this.settle(16); }
    await this.settle(150);
    await ts.touchEnd();
    await this.settle(400);
  }
  // tapNav until a line matching RE comes, three times at most (headless Chromium sometimes
  // loses the first tap after a scroll, docs/web.md): retries are counted.
  async navTo(name, re) {
    for (let i = 0; i < 3; ++i) {
      if (i) ++this.retries;
      await this.tapNav(name);
      if (await this.waitFor(re, 4).catch(() => null)) return;
    }
    throw new Error(`${name} did not lead to ${re}`);
  }
  // A top-bar target: in the phone layout the bar collapses into "Menu", which lists them.
  async tapNav(name) {
    await this.widget('nav_crisis');
    // The target or the Menu, whichever this layout shows: drawn in the same frame as "Need
    // help now?" but reported in lines of their own, which may come a moment later.
    const end = Date.now() + 10000;
    while (!this.widgets[name] && !this.widgets.nav_menu) {
      if (Date.now() > end) throw new Error(`neither ${name} nor nav_menu appeared; known: ${Object.keys(this.widgets).join(' ')}`);
      await this.settle(50);
    }
    // A tap that did nothing is made again, and counted (checkGestures prints the count):
    // the cause of the lost taps is fixed (docs/web.md, Touch); this only keeps a test going.
    for (let i = 0; i < 3 && !this.widgets[name] && this.widgets.nav_menu; ++i) {
      if (i) ++this.retries;
      await this.tap('nav_menu');
      await this.widget(name, 2).catch(() => null);
    }
    await this.tap(name);
  }
  // Each named widget (as last reported) is a touch target of at least 44x44 CSS px.
  checkTargets(...names) {
    for (const n of names) {
      const w = this.widgets[n];
      if (!w) throw new Error(`widget ${n} was not reported`);
      if (w.w < 44 || w.h < 44) throw new Error(`${n} is ${w.w.toFixed(0)}x${w.h.toFixed(0)} CSS px: a touch target needs 44x44`);
    }
  }
  // The boxes of the named widgets (as last reported) are inside the viewport's width and
  // none overlaps another.
  checkApart(...names) {
    const box = (n) => {
      const w = this.widgets[n];
      if (!w) throw new Error(`widget ${n} was not reported`);
      return { n, x0: w.x - w.w / 2, x1: w.x + w.w / 2, y0: w.y - w.h / 2, y1: w.y + w.h / 2 };
    };
    const boxes = names.map(box);
    for (const b of boxes)
      if (b.x0 < 0 || b.x1 > VIEWPORT.width + 1) throw new Error(`${b.n} (${b.x0.toFixed(0)}-${b.x1.toFixed(0)}) is outside the ${VIEWPORT.width} px width`);
    for (let i = 0; i < boxes.length; ++i)
      for (const b of boxes.slice(i + 1)) {
        const a = boxes[i];
        if (a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1) throw new Error(`${a.n} overlaps ${b.n}`);
      }
  }
  async type(text) { await this.cdp.send('Input.insertText', { text }); await this.settle(); }
  // What the keyboard shim focused: 'password', 'textarea' or '' (no keyboard).
  async keyboardField() {
    return this.page.evaluate(() => {
      const a = document.activeElement;
      return a && a.classList.contains('ag-keyboard') ? (a.type === 'password' ? 'password' : 'textarea') : '';
    });
  }
  // The shim switches to the password field in the frame after the field became active.
  async expectKeyboard(kind, seconds = 5) {
    const end = Date.now() + seconds * 1000;
    let got = '';
    while ((got = await this.keyboardField()) !== kind) {
      if (Date.now() > end) throw new Error(`the tapped field opened the keyboard as '${got}', not '${kind}'`);
      await this.settle(50);
    }
  }
  // Taps a text field until the keyboard KIND ('password' or 'textarea') opens for it: a tap
  // that opened nothing is made again, and counted (see tapNav).
  async tapField(name, kind) {
    for (let i = 0; i < 3; ++i) {
      if (i) ++this.retries;
      await this.tap(name);
      if (await this.expectKeyboard(kind, 1.5).then(() => true, () => false)) return;
    }
    await this.expectKeyboard(kind);
  }
  async key(key) { await this.page.keyboard.press(key); await this.settle(); }
  async settle(ms = 150) { await new Promise((r) => setTimeout(r, ms)); }
  // A screenshot kept in the artifacts folder; checked non-blank and changed from the last.
  async shot(name) {
    await mkdir(this.art, { recursive: true });
    const file = join(this.art, name + '.png');
    await this.settle(250);
    await this.page.screenshot({ path: file });
    const stdev = +execFileSync('convert', [file, '-colorspace', 'Gray', '-format', '%[fx:standard_deviation]', 'info:']).toString();
    if (!(stdev > 0.01)) throw new Error(`screenshot ${name} is blank (stdev ${stdev})`);
    const prev = this.shots[this.shots.length - 1];
    if (prev) {
      let diff = '0';
      try { diff = execFileSync('compare', ['-metric', 'AE', prev, file, 'null:'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString(); }
      catch (e) { diff = (e.stderr || '').toString(); }
      if (parseFloat(diff) === 0) throw new Error(`screenshot ${name} did not change from ${prev}`);
    }
    this.shots.push(file);
    return file;
  }
}

// Creates a vault on the first-run screen (test KDF) and confirms the recovery key.
export async function createVault(app) {
  await app.waitFor(/^screen first_run/, 60);
  await app.shot('01-first-run');
  await app.tapField('first_pass', 'password');
  await app.type(PASS);
  await app.tap('first_confirm');
  await app.type(PASS);
  await app.shot('02-first-run-filled');
  await app.tap('first_create');
  await app.waitFor(/^event created/, 60);
  const group = (await app.waitFor(/^test_recovery_group /)).split(' ')[1];
  await app.shot('03-recovery-key');
  await app.tap('recovery_group');
  await app.type(group);
  await app.tap('recovery_confirm');
  await app.waitFor(/^screen home/);
  await app.shot('04-home');
}

export async function unlock(app, seconds = 60) {
  await app.waitFor(/^screen unlock/, 60);
  await app.tapField('unlock_pass', 'password');
  await app.type(PASS);
  await app.tap('unlock_button');
  await app.waitFor(/^event unlocked/, seconds);
  await app.waitFor(/^screen home/);
}

// Waits until a line matching re has come since line `from` (before or after the mark; the
// mark does not move).
export async function seen(app, re, from = 0, seconds = 20) {
  const end = Date.now() + seconds * 1000;
  while (!app.lines.slice(from).some((l) => re.test(l))) {
    if (Date.now() > end) throw new Error(`timed out after ${seconds} s waiting for ${re}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Journal search for a word: the number of results the screen shows.
export async function search(app, word) {
  await app.tapNav('nav_journal');
  await app.waitFor(/^screen journal/);
  await app.tap('journal_search');
  await app.type(word);
  const v = await app.waitFor(/^value journal_results \d+$/, 10);
  return +v.split(' ')[2];
}

export function scanCanary(dir, marker = CANARY) {
  try {
    return execFileSync('python3', [join(ROOT, 'tests/gui/canary_scan.py'), marker, dir]).toString();
  } catch (e) {
    throw new Error('canary found in browser storage:\n' + (e.stdout || '').toString());
  }
}

// The usual browser test: serves SITE, launches Chromium on a fresh profile, opens the app's
// page and runs fn({ app, url, browser, profile }); always closes the browser (ctx.browser,
// which fn may replace) and removes the profile.
export function run(site, art, fn) {
  needTools(site);
  main(async () => {
    const { server, url } = await serve(site);
    const profile = await tempProfile();
    const ctx = { url, profile, browser: await launch(profile) };
    try {
      ctx.app = await AppPage.open(ctx.browser, art);
      await fn(ctx);
      ctx.app.checkGestures();
    } catch (e) {
      // Every hook line the page printed, for the failure's story (CI keeps ART).
      if (ctx.app) try { mkdirSync(art, { recursive: true }); writeFileSync(join(art, 'hook-lines.txt'), ctx.app.lines.join('\n') + '\n'); } catch (_) { /* none */ }
      throw e;
    } finally {
      await ctx.browser.close().catch(() => {});
      server.close();
      await removeProfile(profile);
    }
  });
}

// The vault file at PATH and its -wal/-shm as the page holds them: [[suffix, base64], …].
export async function vaultFiles(page, path) {
  return page.evaluate((dest) => {
    const dir = dest.replace(/\/[^/]+$/, ''), base = dest.split('/').pop();
    return FS.readdir(dir).filter((n) => n.startsWith(base)).map((n) => {  // eslint-disable-line no-undef
      const d = FS.readFile(dir + '/' + n); let s = '';  // eslint-disable-line no-undef
      for (let i = 0; i < d.length; i += 0x8000) s += String.fromCharCode.apply(null, d.subarray(i, i + 0x8000));
      return [n.slice(base.length), btoa(s)];
    });
  }, path);
}

// A test that needs afterglow-cli (its path in CLI): a visible skip without it, a failure under CI.
export function needCli(cli) {
  if (cli && existsSync(cli)) return;
  const msg = `missing: afterglow-cli (${cli || 'third argument'})`;
  if (process.env.CI) { console.error('FAIL: ' + msg); process.exit(1); }
  console.log('SKIPPED: ' + msg);
  process.exit(77);
}

export async function main(fn) {
  const t0 = Date.now();
  try {
    await fn();
    console.log(`PASS (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    process.exit(0);
  } catch (e) {
    console.error('FAIL: ' + (e && e.stack || e));
    process.exit(1);
  }
}

// From home: a new entry with `text` in the field `field` (editor_title or editor_body),
// saved and flushed to IndexedDB.
export async function saveNewEntry(app, field, text) {
  await app.tap('home_new_entry');
  await app.waitFor(/^screen editor/);
  await app.tapField(field, 'textarea');
  await app.type(text);
  await app.tap('editor_save');
  await app.waitFor(/^event saved_entry/);
  await app.waitFor(/^event storage_flushed/);
}
