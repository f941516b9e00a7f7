// After the first visit the service worker has every file: with the network off a reload
// starts the app (WebAssembly threads included: the worker adds COOP/COEP), and the site is
// installable (CDP Page.getInstallabilityErrors reports nothing). A new version of the site
// shows "Update available — reload" and switches only when the user taps it.
//   node offline.mjs SITE ARTIFACTS
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as t from './lib.mjs';

const [site, art] = process.argv.slice(2);
t.needTools(site);
t.main(async () => {
  const profile = await t.tempProfile();
  const copy = join(profile, 'site');  // served copy: the test publishes a new version in it
  await cp(site, copy, { recursive: true });
  const { server, url } = await t.serve(copy);
  const browser = await t.launch(join(profile, 'chromium'));
  try {
    const app = await t.AppPage.open(browser, art);
    await app.goto(url + '?test-hooks=1');
    await app.waitFor(/^screen first_run/, 60);
    const isolated = await app.page.evaluate(() => self.crossOriginIsolated && !!navigator.serviceWorker.controller);
    if (!isolated) throw new Error('the page is not cross-origin isolated under the service worker');

    const { installabilityErrors } = await app.cdp.send('Page.getInstallabilityErrors');
    if (installabilityErrors.length) throw new Error('not installable: ' + JSON.stringify(installabilityErrors));
    const manifest = await app.cdp.send('Page.getAppManifest');
    if (!manifest.url || (manifest.errors || []).length) throw new Error('manifest problems: ' + JSON.stringify(manifest.errors));
    console.log('installable; manifest ' + manifest.url);

    // ---- offline start ----
    await app.page.setOfflineMode(true);
    await app.reopen();
    await app.waitFor(/^screen first_run/, 60);
    await app.shot('offline-start');
    const controlled = await app.page.evaluate(() => self.crossOriginIsolated && !!navigator.serviceWorker.controller);
    if (!controlled) throw new Error('the offline start is not served (isolated) by the service worker');
    await app.page.setOfflineMode(false);

    // ---- a new version: the banner, and the switch only on the user's tap ----
    const sw = await readFile(join(copy, 'sw.js'), 'utf8');
    const m = /const VERSION = '([0-9a-f]+)'/.exec(sw);
    if (!m) throw new Error('sw.js has no version');
    const next = m[1].slice(0, 8) + 'feedbeef';
    await writeFile(join(copy, 'sw.js'), sw.replace(m[1], next));
    await app.page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await app.page.waitForFunction(() => !document.getElementById('banner').hidden, { timeout: 30000 });
    const text = await app.page.$eval('#banner-text', (e) => e.textContent);
    if (text !== 'Update available — reload') throw new Error('unexpected banner: ' + text);
    const before = await app.page.evaluate(() => caches.keys());
    if (before.includes('afterglow-' + next)) { /* installed, waiting: fine */ }
    const still = await app.page.evaluate(() => navigator.serviceWorker.controller.state);
    if (still !== 'activated') throw new Error('the old version stopped before the user chose');
    await app.shot('update-banner');
    const box = await (await app.page.$('#banner-button')).boundingBox();
    if (box.height < 44 || box.width < 44) throw new Error(`the reload button is ${box.width}x${box.height} CSS px (< 44)`);
    app.mark = app.lines.length;
    await app.page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await app.waitFor(/^screen first_run/, 60);
    const keys = await app.page.evaluate(() => caches.keys());
    if (!keys.includes('afterglow-' + next) || keys.includes('afterglow-' + m[1]))
      throw new Error('after the reload the caches are ' + JSON.stringify(keys));
    console.log('updated ' + m[1] + ' -> ' + next);
  } finally {
    await browser.close().catch(() => {});
    server.close();
    await t.removeProfile(profile);
  }
});
