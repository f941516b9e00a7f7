// The core journey in Firefox ESR (Debian's firefox-esr, in a window on Xvfb), which
// puppeteer-core 24 drives over WebDriver BiDi: console lines through BiDi's log events, a touch tap (W3C pointer actions
// of type touch, with dom.w3c_touch_events.enabled) on the first passphrase field and mouse
// clicks everywhere else (the desktop-browser path), real key events (BiDi input actions:
// a keydown/keypress/keyup per character, as a hardware keyboard sends them) into every
// field, exact text checked by the app's "text NAME FINGERPRINT N" lines. Then an offline
// start: BiDi's offline network emulation on, the server still up to count requests (none
// from the page may reach it), the app opens again, unlocks with keys and finds the entry.
//   node firefox.mjs SITE ARTIFACTS
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as e from './app.mjs';

const ROOT = resolve(new URL('.', import.meta.url).pathname, '../../..');
const FIREFOX = process.env.AFTERGLOW_FIREFOX || '/usr/bin/firefox-esr';
const NPM = join(ROOT, 'build-web/npm');
// A phone-sized viewport; DPR 2 so the widget lines (device px) are divided as on a phone.
const VIEWPORT = { width: 390, height: 844, deviceScaleFactor: 2, hasTouch: true };

const [site, art] = process.argv.slice(2);
e.needTools(site, [
  [`firefox-esr (${FIREFOX}: run scripts/setup-web.sh)`, existsSync(FIREFOX)],
  ['puppeteer-core (scripts/setup-web.sh)', existsSync(join(NPM, 'node_modules/puppeteer-core'))],
  ['xvfb-run (Debian xvfb, xauth)', existsSync('/usr/bin/xvfb-run') && existsSync('/usr/bin/xauth')],
  ['ImageMagick convert (scripts/setup-web.sh)', existsSync('/usr/bin/convert')],
]);

class FirefoxDriver {
  static async launch(profile) {
    const puppeteer = createRequire(join(NPM, 'package.json'))('puppeteer-core');
    const browser = await puppeteer.launch({
      // In a window on Xvfb, not headless: see app.mjs inXvfb.
      browser: 'firefox', executablePath: FIREFOX, headless: false, userDataDir: profile,
      extraPrefsFirefox: {
        'dom.w3c_touch_events.enabled': 1,           // touch events for the touch tap
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.reportingpolicy.firstRun': false,
        'app.update.enabled': false,
      },
      protocolTimeout: 60000,
    });
    const d = new FirefoxDriver();
    d.browser = browser;
    d.page = (await browser.pages())[0] || await browser.newPage();
    await d.page.setViewport(VIEWPORT);
    d.hasTouch = true;
    d.version = await browser.version();
    return d;
  }
  attach(app) {
    this.page.on('console', (m) => app.line(m.text()));
    this.page.on('pageerror', (err) => app.line('pageerror ' + err.message));
  }
  async goto(url) { await this.page.goto(url, { waitUntil: 'load', timeout: 90000 }); }
  async click(x, y) { await this.page.mouse.click(x, y); }
  async tap(x, y) { await this.page.touchscreen.tap(x, y); }
  async type(text) { await this.page.keyboard.type(text); }
  async press(key) { await this.page.keyboard.press(key); }
  async evaluate(expr) { return this.page.evaluate(expr); }
  async screenshot(file) { await this.page.screenshot({ path: file }); }
  async setOffline(on) { await this.page.setOfflineMode(on); }
  async close() { await this.browser.close().catch(() => {}); }
}

if (e.inXvfb(import.meta.url)) e.main(async () => {
  const srv = await e.serve(site);
  const profile = await mkdtemp(join(tmpdir(), 'afterglow-firefox-'));
  let d = null;
  try {
    const t0 = Date.now();
    d = await FirefoxDriver.launch(profile);
    console.log(`${d.version} started in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const app = new e.EngineApp(d, art);
    d.attach(app);
    await e.coreJourney(app, srv.url, { firstPass: 'tap' });

    // ---- offline start: the network emulated off; nothing may reach the server ----
    const lap = e.stopwatch();
    await d.setOffline(true);
    const before = srv.requests.length;
    await app.goto(srv.url + '?' + e.HOOK_PARAMS);
    await e.unlockWithKeys(app);
    const served = await d.evaluate('self.crossOriginIsolated && !!navigator.serviceWorker.controller && !navigator.onLine');
    if (!served) throw new Error('the offline start was not isolated, served by the service worker and offline');
    const n = await e.search(app, e.CANARY);
    if (n !== 1) throw new Error(`offline, the search for the canary found ${n} entries, expected 1`);
    // Only the browser's own update check of the service worker script may reach the server:
    // BiDi's offline emulation covers the page and its workers' fetches, not the service
    // worker registration (measured: one GET /sw.js per navigation). Every file of the app
    // must come from the worker's cache.
    const reached = srv.requests.slice(before);
    const fromPage = reached.filter((p) => p !== '/sw.js');
    if (fromPage.length) throw new Error(`offline, the page's requests still reached the server: ${fromPage.join(' ')}`);
    console.log(`  offline: ${reached.length} request(s) reached the server, all the browser's update check of /sw.js`);
    await app.shot('offline-search');
    lap('offline start (network emulated off, no request of the page reached the server): unlocked with keys, search found the entry');
    if (app.retries) console.log(`${app.retries} clicks made again`);
  } finally {
    if (d) await d.close();
    srv.stop();
    await rm(profile, { recursive: true, force: true });
  }
});
