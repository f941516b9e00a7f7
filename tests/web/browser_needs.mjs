// A browser that lacks what the app needs gets a plain message instead of "Opening
// Afterglow…" forever: SharedArrayBuffer (WebKit on Linux, iOS before 15.2, in-app web views),
// WebGL 2 and IndexedDB are each taken away before the page's scripts run, and the message
// must name what is missing and what to do. It comes from the boot page's own checks, before
// the app's 8 MB is even asked for (no request for afterglow.js/.wasm/.data); the time it took
// is printed (a wall-clock limit would fail on a loaded machine, not on a broken page).
//   node browser_needs.mjs SITE ARTIFACTS
import * as t from './lib.mjs';

const cases = [
  { name: 'shared-memory', words: /SharedArrayBuffer.*iOS 15\.2/s,
    remove: () => {  // as in WebKitGTK: no shared WebAssembly memory (SharedArrayBuffer may stay)
      try { delete window.SharedArrayBuffer; } catch (e) { /* not configurable */ }
      const Memory = WebAssembly.Memory;
      WebAssembly.Memory = function (d) { if (d && d.shared) throw new TypeError('shared memory is not available'); return new Memory(d); };
    } },
  { name: 'webgl2', words: /WebGL 2/,
    remove: () => {
      const get = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : get.call(this, kind, ...rest); };
    } },
  { name: 'indexeddb', remove: () => { Object.defineProperty(window, 'indexedDB', { value: undefined }); }, words: /IndexedDB.*private browsing/s },
];

const [site, art] = process.argv.slice(2);
t.run(site, art, async ({ app, url, browser }) => {
  // The service worker is installed first (a normal visit), as on a phone that opened it before.
  await app.goto(url + '?test-hooks=1&insecure-test-kdf=1');
  await app.waitFor(/^screen first_run/, 60);
  for (const c of cases) {
    const p = await t.AppPage.open(browser, art);
    await p.page.evaluateOnNewDocument(c.remove);
    const t0 = Date.now();
    await p.goto(url + '?test-hooks=1');
    await p.waitFor(/^event browser_lacks/, 60);
    const ms = Date.now() - t0;
    const fetched = await p.page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => e.name).filter((n) => /\/afterglow\.(js|wasm|data)(\?|$)/.test(n)));
    const text = await p.page.$eval('#notice-text', (e) => e.textContent);
    const loadingShown = await p.page.$eval('#loading', (e) => !e.hidden);
    await p.shot('needs-' + c.name);
    console.log(`${c.name}: message after ${ms} ms: ${text}`);
    if (!c.words.test(text)) throw new Error(`${c.name}: the message does not say what is missing: ${text}`);
    if (loadingShown) throw new Error(`${c.name}: "Opening Afterglow…" is still shown`);
    if (fetched.length) throw new Error(`${c.name}: the app was loaded before the message: ${fetched.join(', ')}`);
    await p.page.close();
  }
  // iOS Safari in a tab (the test site's ?test-tab-forgets=1 stands in for it): before a
  // journal exists, first run explains the 7-day rule and Add to Home Screen.
  await app.page.close();  // it held the journal
  const s = await t.AppPage.open(browser, art);
  await s.goto(url + '?test-hooks=1&test-tab-forgets=1');
  await s.waitFor(/^screen first_run/, 60);
  await s.widget('first_safari_tab');
  await s.shot('safari-tab');
  console.log('first run in a Safari tab explains the 7-day rule');
});
