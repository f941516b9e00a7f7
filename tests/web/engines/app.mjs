// The core journey in a browser engine other than Chromium, driven the way a desktop
// browser or a hardware keyboard is used: a mouse click (or a touch tap where the engine's
// driver has touch) on a field, then real key events. One engine-neutral page object
// (EngineApp) over a small driver interface that firefox.mjs (puppeteer-core over WebDriver
// BiDi) and webkit.mjs (WebKitWebDriver, classic W3C WebDriver over HTTP) implement:
//   driver.goto(url)            navigate and wait for the load event
//   driver.click(x, y)          a mouse click at CSS px in the viewport
//   driver.tap(x, y)            a touch tap (only where driver.hasTouch)
//   driver.type(text)           one key down/up per character
//   driver.press(key)           'Enter' | 'Backspace'
//   driver.evaluate(expr)       the value of a JS expression in the page (JSON-able)
//   driver.screenshot(file)     a PNG of the viewport
// and feeds every console line of the page to app.line().
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PASS = 'quiet river lantern morning';
export const CANARY = 'kq7zcanary';

import { HOOK_KEY, fingerprint } from '../hook_key.mjs';
export { fingerprint };
export const HOOK_PARAMS = `test-hooks=1&insecure-test-kdf=1&hook-key=${HOOK_KEY}`;
const cps = (s) => [...s].length;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// What is missing: FAIL under CI (exit 1), SKIPPED elsewhere (exit 77, CTest's
// SKIP_RETURN_CODE), as lib.mjs's needTools().
export function needTools(site, checks) {
  const missing = [];
  if (!existsSync(join(site, 'afterglow.wasm'))) missing.push(`the web build (${site}: run scripts/build-web.sh --test)`);
  for (const [what, ok] of checks) if (!ok) missing.push(what);
  if (!missing.length) return;
  const msg = 'missing: ' + missing.join('; ');
  if (process.env.CI) { console.error('FAIL: ' + msg); process.exit(1); }
  console.log('SKIPPED: ' + msg);
  process.exit(77);
}

// Both engines draw the app's WebGL 2 canvas only with an X display (WebKitGTK's MiniBrowser
// has no headless mode; headless Firefox finds no GL driver here: "Exhausted GL driver
// options"), so each test runs itself again inside a fresh Xvfb (xvfb-run -a; never on the
// developer's own display) with Mesa's software renderer, passing its exit code on.
// Returns true in the process that should run the test.
export function inXvfb(scriptUrl) {
  if (process.env.AFTERGLOW_IN_XVFB) return true;
  const child = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24 -nolisten tcp',
    process.execPath, fileURLToPath(scriptUrl), ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, AFTERGLOW_IN_XVFB: '1' } });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : code));
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig));  // CTest's timeout
  return false;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.data': 'application/octet-stream' };

// The site on 127.0.0.1, like lib.mjs's serve() (no special headers), plus what the engine
// tests need: a count of the requests that reached it (an offline start must make none),
// stop() that also drops kept-alive connections (the origin is then unreachable), and an
// optional `inject` HTML put at the top of index.html's <head> (webkit.mjs: see there). The
// service worker serves only files whose SHA-256 its build pinned (web/sw.js), so with an
// injection the served sw.js pins the injected index.html instead: the site as a build with
// this instrumentation would be.
export async function serve(site, inject = '') {
  const state = { requests: [] };
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    state.requests.push(path);
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(site, '.' + path);
    if (!file.startsWith(resolve(site))) { res.writeHead(403).end(); return; }
    try {
      let body = await readFile(file);
      const injected = (html) => html.toString('utf8').replace(/<head>/i, (h) => h + inject);
      if (inject && extname(file) === '.html') body = injected(body);
      if (inject && path === '/sw.js') {
        const index = injected(await readFile(resolve(site, 'index.html')));
        const pin = createHash('sha256').update(index, 'utf8').digest('hex');
        body = body.toString('utf8').replace(/"index\.html": "[0-9a-f]{64}"/, `"index.html": "${pin}"`);
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch { res.writeHead(404).end('not found'); }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  state.url = `http://127.0.0.1:${server.address().port}/`;
  state.stop = () => { server.close(); server.closeAllConnections(); };
  return state;
}

export class EngineApp {
  constructor(driver, art) {
    this.d = driver; this.art = art; this.lines = []; this.mark = 0; this.widgets = {}; this.dpr = 1;
    this.shots = 0; this.paths = new Set();  // where the typed keys went
  }
  line(t) {
    for (const l of String(t).split('\n')) {
      if (process.env.AFTERGLOW_WEB_VERBOSE) console.log('  | ' + l);
      this.lines.push(l);
      const w = /^widget (\S+) (-?\d+) (-?\d+)(?: (\d+) (\d+))?$/.exec(l);  // device px: centre, then size
      if (w) this.widgets[w[1]] = { x: +w[2] / this.dpr, y: +w[3] / this.dpr, w: (+w[4] || 0) / this.dpr, h: (+w[5] || 0) / this.dpr };
      if (/^screen /.test(l)) this.widgets = {};
    }
  }
  async goto(url) { this.mark = this.lines.length; this.widgets = {}; await this.d.goto(url); await this.readDpr(); }
  // Widget lines are in device px: the page's devicePixelRatio turns them into CSS px.
  async readDpr() { this.dpr = +(await this.d.evaluate('window.devicePixelRatio')) || 1; }
  // Waits for a console line matching re after the last mark; returns it and moves the mark.
  async waitFor(re, seconds = 20) {
    const end = Date.now() + seconds * 1000;
    for (;;) {
      for (let i = this.mark; i < this.lines.length; ++i) {
        if (re.test(this.lines[i])) { this.mark = i + 1; return this.lines[i]; }
        if (/^pageerror |Aborted\(|RuntimeError/.test(this.lines[i])) throw new Error('page error: ' + this.lines[i]);
        if (/^event browser_lacks/.test(this.lines[i]))
          throw new Error('the app says the browser lacks what it needs: ' + await this.d.evaluate("(document.getElementById('notice') || document.body).textContent"));
      }
      if (Date.now() > end)
        throw new Error(`timed out after ${seconds} s waiting for ${re}; last lines:\n  ` + this.lines.slice(-15).join('\n  '));
      await sleep(50);
    }
  }
  async widget(name, seconds = 10) {
    const end = Date.now() + seconds * 1000;
    while (!this.widgets[name]) {
      if (Date.now() > end) throw new Error(`widget ${name} never appeared; known: ${Object.keys(this.widgets).join(' ')}`);
      await sleep(50);
    }
    return this.widgets[name];
  }
  // The widget once it stopped moving (a layout change settles over a few frames).
  async steady(name) {
    let w = await this.widget(name);
    for (let i = 0; i < 20; ++i) {
      await sleep(60);
      const now = this.widgets[name] || w;
      if (now.x === w.x && now.y === w.y) return now;
      w = now;
    }
    return w;
  }
  async click(name) { const w = await this.steady(name); await this.d.click(w.x, w.y); await sleep(150); }
  async tap(name) { const w = await this.steady(name); await this.d.tap(w.x, w.y); await sleep(150); }
  // What the keyboard shim focused: 'password', 'textarea' or '' (none).
  async keyboardField() {
    return this.d.evaluate(`(() => { const a = document.activeElement;
      return a && a.classList.contains('ag-keyboard') ? (a.type === 'password' ? 'password' : 'textarea') : ''; })()`);
  }
  async expectKeyboard(kind, seconds = 5) {
    const end = Date.now() + seconds * 1000;
    let got = '';
    while ((got = await this.keyboardField()) !== kind) {
      if (Date.now() > end) throw new Error(`the field's hidden ${kind} was not focused (focused: '${got}')`);
      await sleep(50);
    }
  }
  // The kind of the text field the app has active ('password', 'textarea' or ''), as
  // platform_web.cpp publishes it every frame (Module.agText).
  async activeField() {
    return this.d.evaluate(`(() => { const t = window.Module && Module.agText;
      return t && t.active ? (t.password ? 'password' : 'textarea') : ''; })()`);
  }
  // Puts the cursor in a text field as a person does: a touch tap (how = 'tap') must focus
  // the shim's hidden field of that kind (a phone's keyboard opens for it), and so must a
  // screen that focuses the field by itself (how = 'autofocus': first run, unlock); a click
  // (a desktop browser) must make a field of that kind active in the app. The keys then go
  // wherever the browser's focus is: the hidden field (the shim feeds them to the app) or,
  // when the click moved focus off it, the page (emscripten's GLFW does); the text checks
  // after typing prove they landed once, in this field. A tap that opened nothing is made
  // again, at most twice, and counted.
  async field(name, kind, how = 'click') {
    if (how === 'click') {
      await this.click(name);
      const end = Date.now() + 5000;
      let got = '';
      while ((got = await this.activeField()) !== kind) {
        if (Date.now() > end) throw new Error(`a click on ${name} did not make a ${kind} field active (active: '${got}')`);
        await sleep(50);
      }
      this.paths.add((await this.keyboardField()) ? 'the hidden field' : 'the page (GLFW)');
      return;
    }
    if (how === 'autofocus') {  // no input: the screen focused the field, the shim its hidden field
      await this.widget(name);
      await this.expectKeyboard(kind);
      this.paths.add('the hidden field');
      return;
    }
    for (let i = 0; i < 3; ++i) {
      if (i) { this.retries = (this.retries || 0) + 1; console.log(`  (${how} on ${name} made again)`); }
      await this[how](name);
      if (await this.expectKeyboard(kind, 1.5).then(() => true, () => false)) break;
    }
    await this.expectKeyboard(kind);
    this.paths.add('the hidden field');
  }
  async keys(text) { await this.d.type(text); await sleep(150); }
  async press(key, n = 1) { for (let i = 0; i < n; ++i) await this.d.press(key); await sleep(150); }
  // Waits until the app's latest "text NAME FINGERPRINT N" line is `want`'s; fails naming
  // what the field holds (each character typed twice shows as twice the code points).
  async expectText(name, want, seconds = 10) {
    const end = Date.now() + seconds * 1000;
    const re = new RegExp(`^text ${name} `);
    for (;;) {
      const last = this.lines.filter((l) => re.test(l)).pop() || `text ${name} none 0`;
      const [, , fp, n] = last.split(' ');
      if (fp === fingerprint(want)) return;
      if (Date.now() > end)
        throw new Error(`${name} holds ${n} code points (fingerprint ${fp}), expected ${cps(want)}: ${JSON.stringify(want)}`);
      await sleep(50);
    }
  }
  // A top-bar target: the phone layout folds the bar into "Menu", which lists them.
  async nav(name) {
    await this.widget('nav_crisis');
    const end = Date.now() + 10000;
    while (!this.widgets[name] && !this.widgets.nav_menu) {
      if (Date.now() > end) throw new Error(`neither ${name} nor nav_menu appeared; known: ${Object.keys(this.widgets).join(' ')}`);
      await sleep(50);
    }
    for (let i = 0; i < 3 && !this.widgets[name] && this.widgets.nav_menu; ++i) {
      await this.click('nav_menu');
      await this.widget(name, 2).catch(() => null);
    }
    await this.click(name);
  }
  // A screenshot kept in the artifacts folder, checked non-blank (the canvas drew).
  async shot(name) {
    await mkdir(this.art, { recursive: true });
    const file = join(this.art, `${String(++this.shots).padStart(2, '0')}-${name}.png`);
    await sleep(250);
    await this.d.screenshot(file);
    const stdev = +execFileSync('convert', [file, '-colorspace', 'Gray', '-format', '%[fx:standard_deviation]', 'info:']).toString();
    if (!(stdev > 0.01)) throw new Error(`screenshot ${file} is blank (stdev ${stdev})`);
    return file;
  }
}

// Seconds since t0, for the step timings each test prints.
export function stopwatch() {
  const t0 = Date.now();
  let last = t0;
  return (what) => {
    const now = Date.now();
    console.log(`  ${what}: ${((now - last) / 1000).toFixed(1)} s (at ${((now - t0) / 1000).toFixed(1)} s)`);
    last = now;
  };
}

// The core journey: create a vault, write an entry with key events and check its exact text,
// save, open the app again, unlock with keys and Enter, search finds the entry.
// In the focused text field's hidden keyboard field (web/shim.js): a composition that grows
// through `steps` and ends with `commit`, then `inserted` as an insertText input event.
async function keyboardEvents(app, steps, commit, inserted) {
  const kind = await app.d.evaluate(`(() => {
    Module.agFocusKeyboard(false);
    const el = document.activeElement;
    if (!el || !el.classList.contains('ag-keyboard')) return 'no keyboard field';
    el.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    for (const s of ${JSON.stringify(steps)}) {
      el.value = ' ' + s;
      el.dispatchEvent(new InputEvent('input', { inputType: 'insertCompositionText', data: s, isComposing: true }));
    }
    el.value = ' ' + ${JSON.stringify(commit)};
    el.dispatchEvent(new CompositionEvent('compositionend', { data: ${JSON.stringify(commit)} }));
    el.value = ' ' + ${JSON.stringify(inserted)};
    el.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: ${JSON.stringify(inserted)} }));
    return el.tagName;
  })()`);
  if (kind !== 'TEXTAREA') throw new Error('composition: ' + kind);
  await sleep(300);
}

// opts.firstPass, opts.unlockPass: how those fields are reached ('click' by default, 'tap'
// where the driver has touch, 'autofocus': typing into the field the screen focused).
export async function coreJourney(app, url, opts = {}) {
  const lap = stopwatch();
  await app.goto(url + '?' + HOOK_PARAMS);
  await app.waitFor(/^screen first_run/, 90);
  const isolated = await app.d.evaluate('self.crossOriginIsolated && !!navigator.serviceWorker.controller && typeof SharedArrayBuffer');
  if (isolated !== 'function') throw new Error(`the app started without isolation under the service worker (${isolated})`);
  lap('first run screen');
  await app.shot('first-run');

  // Passphrase and its confirmation, typed with keys; a typo in the confirmation fixed with
  // Backspace.
  await app.field('first_pass', 'password', opts.firstPass || 'click');
  await app.keys(PASS);
  await app.expectText('first_pass', PASS);
  await app.field('first_confirm', 'password');
  await app.keys(PASS + 'xy');
  await app.press('Backspace', 2);
  await app.expectText('first_confirm', PASS);
  const creating = app.lines.length;
  await app.click('first_create');
  await app.waitFor(/^event created/, 90);
  await busyVeilCame(app, creating, /^event created$/);
  const group = (await app.waitFor(/^test_recovery_group /)).split(' ')[1];
  // The group has no text hook: Home opens only when the typed group is exactly right.
  await app.click('recovery_group');
  await app.keys(group);
  await app.click('recovery_confirm');
  await app.waitFor(/^screen home/);
  lap('vault created (passphrases and recovery group typed with keys)');

  // An entry: title and body typed with keys (Latin, Cyrillic, Hebrew), Enter, Backspace.
  const title = 'Warm kitchen ' + CANARY;
  const body = CANARY + ' the light felt warm,\nПривет мир · שלום';
  await app.click('home_new_entry');
  await app.waitFor(/^screen editor/);
  await app.field('editor_title', 'textarea');
  await app.keys(title);
  await app.expectText('editor_title', title);
  await app.field('editor_body', 'textarea');
  await app.keys(CANARY + ' the light felt warm,');
  await app.press('Enter');
  await app.keys('Привет мир · שלום!');
  await app.press('Backspace');  // removes the "!"
  await app.expectText('editor_body', body);
  await app.expectText('editor_title', title);  // untouched by the body's keys
  // An IME composing Cyrillic, then inserted text (autocorrect, dictation) with an emoji:
  // WebDriver has no command for either, so the events a phone keyboard sends are dispatched
  // into the shim's hidden field by script (the path the shim takes; not the engine's own IME).
  await keyboardEvents(app, ['п', 'пр', 'при'], ' привет', ' 🌅');
  await app.expectText('editor_body', body + ' привет 🌅');
  // Every character of the body is drawn with a glyph, the emoji too (the emoji font, in the
  // full atlas that is built after the first frame): none is a replacement box.
  await lastValue(app, 'editor_missing_glyphs', '0', 30);
  const file = await app.shot('editor');
  await keepsRightMargin(app, file, 'editor_save', 8);
  await app.click('editor_save');
  await app.waitFor(/^event saved_entry/);
  await app.waitFor(/^event storage_flushed/);
  lap('entry written with keys and saved');

  // Open the app again; unlock with keys and Enter.
  await app.goto(url + '?' + HOOK_PARAMS);
  await unlockWithKeys(app, opts.unlockPass);
  lap('reopened and unlocked with keys + Enter');
  const n = await search(app, CANARY);
  if (n !== 1) throw new Error(`search for the canary after reopening found ${n} entries, expected 1`);
  await app.shot('search');
  lap('search found the entry');
  console.log(`  keys were typed into: ${[...app.paths].join(', ')}`);
}

// Waits until the last "value NAME V" line says `want` (a value is printed when it changes).
async function lastValue(app, name, want, seconds) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const last = app.lines.filter((l) => l.startsWith(`value ${name} `)).pop();
    if (last === `value ${name} ${want}`) return;
    if (Date.now() > end) throw new Error(`${name}: ${last || 'never reported'}, wanted ${want}`);
    await sleep(100);
  }
}

// The widget keeps `margin` CSS px from the viewport's right edge: by its box (the app's hook)
// and by the pixels (no pixel of its colour in the rightmost `margin` px of its rows).
async function keepsRightMargin(app, file, name, margin) {
  const w = app.widgets[name];
  const vw = +(await app.d.evaluate('window.innerWidth'));
  const right = w.x + w.w / 2;
  if (right > vw - margin) throw new Error(`${name} ends at ${right.toFixed(0)} of ${vw} CSS px: closer than ${margin} px to the edge`);
  const d = app.dpr, px = (v) => Math.round(v * d);
  const colour = (x, y) => execFileSync('convert', [file, '-format', `%[hex:p{${px(x)},${px(y)}}]`, 'info:']).toString().trim();
  const fill = colour(w.x - w.w / 2 + 3, w.y - w.h / 2 + 3);  // the button's own colour, off its label
  const band = execFileSync('convert', [file, '-crop', `${px(margin)}x${px(w.h)}+${px(vw - margin)}+${px(w.y - w.h / 2)}`,
    '+repage', '-format', '%c', 'histogram:info:']).toString();
  if (band.toUpperCase().includes('#' + fill.slice(0, 6).toUpperCase()))
    throw new Error(`${name}'s colour #${fill} is drawn within ${margin} px of the right edge (${file})`);
  console.log(`  ${name} ends ${(vw - right).toFixed(0)} CSS px from the right edge`);
}

export async function unlockWithKeys(app, how = 'click') {
  await app.waitFor(/^screen unlock/, 90);
  await app.field('unlock_pass', 'password', how);
  await app.keys(PASS);
  await app.expectText('unlock_pass', PASS);
  const unlocking = app.lines.length;
  await app.press('Enter');
  await app.waitFor(/^event unlocked/, 90);
  await app.waitFor(/^screen home/);
  await busyVeilCame(app, unlocking, /^event unlocked$/);
}

// A job (creating the vault, an unlock) showed the page's busy veil over the canvas (web/boot.js
// prints "busy_indicator 1 WxH TEXT" once it is laid out, with its card's size in CSS px) and
// the veil went when the job ended (`ended`: the job's event line, then "busy_indicator 0"),
// leaving no status text nor aria-busy behind. Looks at the lines since index `from`.
async function busyVeilCame(app, from, ended, seconds = 20) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const l = app.lines.slice(from);
    const shown = l.findIndex((x) => /^busy_indicator 1 [1-9]\d*x[1-9]\d* \S/.test(x));
    const done = l.findIndex((x) => ended.test(x));
    const gone = l.findIndex((x, i) => i > done && x === 'busy_indicator 0');
    if (shown >= 0 && done > shown && gone > done) break;
    if (Date.now() > end)
      throw new Error(`the busy veil did not come and go around ${ended} (shown at ${shown}, ended at ${done}, gone at ${gone})`);
    await sleep(50);
  }
  const state = await app.d.evaluate(`(() => { const v = document.getElementById('busy');
    return JSON.stringify([v.hidden, getComputedStyle(v).display, document.getElementById('busy-status').textContent,
                           document.getElementById('stage').getAttribute('aria-busy')]); })()`);
  const [hidden, display, text, ariaBusy] = JSON.parse(state);
  if (!hidden || display !== 'none' || text || ariaBusy) throw new Error(`the busy veil stayed after the job: ${state}`);
}

// Journal search typed with keys: the number of results the screen shows.
export async function search(app, word) {
  await app.nav('nav_journal');
  await app.waitFor(/^screen journal/);
  await app.field('journal_search', 'textarea');
  await app.keys(word);
  await app.expectText('journal_search', word);
  return +(await app.waitFor(/^value journal_results \d+$/, 15)).split(' ')[2];
}

export { main } from '../lib.mjs';  // PASS (seconds) / FAIL: and the exit code
