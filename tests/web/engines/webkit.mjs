// The core journey in WebKitGTK (Debian's webkit2gtk-driver + libwebkit2gtk-4.1-0): the
// test starts WebKitWebDriver, which drives WebKitGTK's MiniBrowser, and speaks classic W3C
// WebDriver to it over HTTP on 127.0.0.1 with node's fetch (no npm client). Input is W3C
// Actions: mouse clicks at the widget centres and real key events (a key down/up per
// character: the engine sends keydown/keypress/input/keyup as for a hardware keyboard).
// WebKitGTK's WebDriver has no touch input. MiniBrowser needs a display: the test runs
// itself under `xvfb-run -a` (app.mjs inXvfb). Then an offline start: WebDriver cannot
// switch the network off, so the test stops its server (the origin refuses connections) and
// the app must start from the service worker, unlock with keys and find the entry.
//   node webkit.mjs SITE ARTIFACTS
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import * as e from './app.mjs';

const DRIVER = process.env.AFTERGLOW_WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.AFTERGLOW_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const [site, art] = process.argv.slice(2);
e.needTools(site, [
  [`WebKitWebDriver (${DRIVER}: Debian webkit2gtk-driver, run scripts/setup-web.sh)`, existsSync(DRIVER)],
  [`MiniBrowser (${MINIBROWSER}: Debian libwebkit2gtk-4.1-0)`, existsSync(MINIBROWSER)],
  ['xvfb-run (Debian xvfb, xauth)', existsSync('/usr/bin/xvfb-run') && existsSync('/usr/bin/xauth')],
  ['ImageMagick convert (scripts/setup-web.sh)', existsSync('/usr/bin/convert')],
]);

// The page's console, as WebKitWebDriver offers no log endpoint and MiniBrowser's
// --enable-write-console-messages-to-stdout prints nothing in automation mode (automation
// sessions are ephemeral, and WebKit does not print an ephemeral page's console). A script
// injected after navigation would miss the app's first lines (boot reloads the page once
// through the service worker, and widget lines are printed only when a widget moves), so
// the test's server puts this script at the top of index.html's <head>: it runs before any
// script of the app, in every load (the service worker caches and serves the same bytes, so
// the offline start has it too). It keeps each console line in window.__agEngineLines,
// which the test drains every 100 ms with Execute Script.
const CONSOLE_TAP = `<script>(function () {
  var q = window.__agEngineLines = [];
  ['log', 'info', 'warn', 'error'].forEach(function (k) {
    var f = console[k];
    console[k] = function () {
      try { q.push(Array.prototype.map.call(arguments, String).join(' ')); } catch (x) { /* */ }
      return f.apply(console, arguments);
    };
  });
  window.addEventListener('error', function (ev) { q.push('pageerror ' + ev.message); });
})();</script>`;

async function freePort() {
  const s = createServer();
  await new Promise((ok) => s.listen(0, '127.0.0.1', ok));
  const port = s.address().port;
  await new Promise((ok) => s.close(ok));
  return port;
}

const KEYS = { Enter: '\uE007', Backspace: '\uE003' };

class WebKitDriver {
  static async launch() {
    const d = new WebKitDriver();
    d.port = await freePort();
    d.base = `http://127.0.0.1:${d.port}`;
    // JSC_useSharedArrayBuffer=1: WebKitGTK as Debian ships it keeps SharedArrayBuffer off
    // even on a cross-origin-isolated page (Safari turns it on for isolated pages since iOS
    // 15.2; the Linux ports leave it behind this JavaScriptCore option). The app cannot run
    // without it (boot.js then says so), so the driver, MiniBrowser and its web processes
    // inherit the option: what is tested is an engine with SharedArrayBuffer, as in Safari.
    d.proc = spawn(DRIVER, [`--port=${d.port}`, '--host=local'], {
      env: { ...process.env, JSC_useSharedArrayBuffer: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    d.log = [];
    const keep = (b) => { for (const l of b.toString().split('\n')) if (l.trim()) d.log.push(l); d.log.splice(0, d.log.length - 40); };
    d.proc.stdout.on('data', keep);
    d.proc.stderr.on('data', keep);
    try {
      await d.start();
    } catch (err) {
      try { process.kill(-d.proc.pid, 'SIGTERM'); } catch { /* gone */ }
      throw err;
    }
    return d;
  }
  async start() {
    const d = this;
    const end = Date.now() + 20000;
    for (;;) {
      const ok = await fetch(d.base + '/status').then((r) => r.json()).then((j) => j.value && j.value.ready, () => false);
      if (ok) break;
      if (Date.now() > end) throw new Error('WebKitWebDriver did not answer /status:\n' + d.log.join('\n'));
      await sleep(100);
    }
    const s = await d.cmd('POST', '/session', { capabilities: { alwaysMatch: {
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } } });
    d.sid = s.sessionId;
    d.version = `${s.capabilities.browserName} ${s.capabilities.browserVersion}`;
    // A phone-sized viewport as far as MiniBrowser's window (its toolbar has a minimum
    // width) allows.
    await d.cmd('POST', `/session/${d.sid}/window/rect`, { width: 390, height: 900 });
  }
  // One WebDriver command at a time (the console poller shares the session).
  cmd(method, path, body) {
    const go = async () => {
      const r = await fetch(this.base + path, { method, headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body) });
      const j = await r.json();
      if (!r.ok) throw new Error(`WebDriver ${method} ${path}: ${j.value && j.value.error}: ${j.value && j.value.message}`);
      return j.value;
    };
    const p = (this.queue || Promise.resolve()).then(go, go);
    this.queue = p.catch(() => {});
    return p;
  }
  attach(app) {
    this.polling = true;
    (async () => {
      while (this.polling) {
        try {
          const got = await this.cmd('POST', `/session/${this.sid}/execute/sync`,
            { script: 'var q = window.__agEngineLines; return q ? q.splice(0) : null;', args: [] });
          if (got) for (const l of got) app.line(l);
        } catch { /* the page is navigating: next time */ }
        await sleep(100);
      }
    })();
  }
  async goto(url) { await this.cmd('POST', `/session/${this.sid}/url`, { url }); }
  async click(x, y) {
    await this.cmd('POST', `/session/${this.sid}/actions`, { actions: [{ type: 'pointer', id: 'mouse',
      parameters: { pointerType: 'mouse' }, actions: [
        { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport', duration: 0 },
        { type: 'pointerDown', button: 0 }, { type: 'pause', duration: 50 }, { type: 'pointerUp', button: 0 }] }] });
  }
  async tap() { throw new Error('WebKitWebDriver has no touch input'); }
  async keys(values) {
    await this.cmd('POST', `/session/${this.sid}/actions`, { actions: [{ type: 'key', id: 'keyboard',
      actions: values.flatMap((v) => [{ type: 'keyDown', value: v }, { type: 'keyUp', value: v }]) }] });
  }
  async type(text) { await this.keys([...text]); }
  async press(key) { await this.keys([KEYS[key]]); }
  async evaluate(expr) {
    return this.cmd('POST', `/session/${this.sid}/execute/sync`, { script: `return (${expr});`, args: [] });
  }
  async screenshot(file) {
    await writeFile(file, Buffer.from(await this.cmd('GET', `/session/${this.sid}/screenshot`), 'base64'));
  }
  async close() {
    this.polling = false;
    if (this.sid) await this.cmd('DELETE', `/session/${this.sid}`).catch(() => {});
    try { process.kill(-this.proc.pid, 'SIGTERM'); } catch { /* gone */ }
  }
}

function run() {
  e.main(async () => {
    const srv = await e.serve(site, CONSOLE_TAP);
    let d = null;
    try {
      const t0 = Date.now();
      d = await WebKitDriver.launch();
      const app = new e.EngineApp(d, art);
      d.attach(app);
      await app.goto('about:blank');
      const vp = await d.evaluate('[innerWidth, innerHeight, devicePixelRatio]');
      console.log(`${d.version} started in ${((Date.now() - t0) / 1000).toFixed(1)} s; viewport ${vp[0]}x${vp[1]} CSS px at DPR ${vp[2]}`);
      // The passphrase fields the first-run and unlock screens focus by themselves take the
      // keys through the shim's hidden field (the path a phone's keyboard uses); clicked
      // fields move the focus to the canvas, so their keys go through GLFW.
      await e.coreJourney(app, srv.url, { firstPass: 'autofocus', unlockPass: 'autofocus' });

      // ---- offline start: the server stopped (connections refused) ----
      const lap = e.stopwatch();
      srv.stop();
      const refused = await fetch(srv.url).then(() => false, () => true);
      if (!refused) throw new Error('the stopped server still answered');
      const from = app.lines.length;
      await app.goto(srv.url + '?' + e.HOOK_PARAMS);
      // The app's threads import afterglow.js as the Blob boot.js fetched through the service
      // worker (Module.mainScriptUrlOrBlob): WebKit fetched their importScripts() past the
      // worker, so with the server gone they failed ("NetworkError: Load failed").
      await e.unlockWithKeys(app);
      const served = await d.evaluate('self.crossOriginIsolated && !!navigator.serviceWorker.controller');
      if (!served) throw new Error('the start without the server was not isolated and served by the service worker');
      const n = await e.search(app, e.CANARY);
      if (n !== 1) throw new Error(`without the server, the search for the canary found ${n} entries, expected 1`);
      await app.shot('offline-search');
      lap('start with the server stopped: unlocked with keys, search found the entry');
      if (app.retries) console.log(`${app.retries} clicks made again`);
    } catch (err) {
      if (d && d.log.length) console.error('WebKitWebDriver said:\n  ' + d.log.slice(-15).join('\n  '));
      throw err;
    } finally {
      if (d) await d.close();
      srv.stop();
    }
  });
}

if (e.inXvfb(import.meta.url)) run();
