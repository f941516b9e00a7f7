// After the first visit the service worker has every file: with the network off a reload
// starts the app (WebAssembly threads included: the worker adds COOP/COEP), and the site is
// installable (CDP Page.getInstallabilityErrors reports nothing; manifest icons load).
//   node offline.mjs SITE ARTIFACTS
import * as t from './lib.mjs';

const [site, art] = process.argv.slice(2);
t.needTools(site);
t.main(async () => {
  const { server, url } = await t.serve(site);
  const profile = await t.tempProfile();
  const browser = await t.launch(profile);
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

    await app.page.setOfflineMode(true);
    server.close();  // nothing answers any more
    await app.reopen();
    await app.waitFor(/^screen first_run/, 60);
    await app.shot('offline-start');
    const controlled = await app.page.evaluate(() => self.crossOriginIsolated && !!navigator.serviceWorker.controller);
    if (!controlled) throw new Error('the offline start is not served (isolated) by the service worker');
  } finally {
    await browser.close().catch(() => {});
    server.close();
    await t.removeProfile(profile);
  }
});
