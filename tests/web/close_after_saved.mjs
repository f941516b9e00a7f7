// Closing the tab (even killing the browser) right after "Saved" loses nothing: the save is
// shown only after IndexedDB has it. Save, wait for the flush, SIGKILL Chromium at once,
// start it again on the same profile, unlock: the entry is there.
//   node close_after_saved.mjs SITE ARTIFACTS
import * as t from './lib.mjs';

const [site, art] = process.argv.slice(2);
t.needTools(site);
t.main(async () => {
  const { server, url } = await t.serve(site);
  const profile = await t.tempProfile();
  let browser = await t.launch(profile);
  try {
    let app = await t.AppPage.open(browser, art);
    await app.goto(url + '?test-hooks=1&insecure-test-kdf=1');
    await t.createVault(app);
    await t.saveNewEntry(app, 'editor_body', 'written just before closing ' + t.CANARY);
    browser.process().kill('SIGKILL');  // no unload handlers, no chance to write later
    await new Promise((r) => browser.process().once('exit', r));

    browser = await t.launch(profile);
    app = await t.AppPage.open(browser, art + '/reopened');
    await app.goto(url + '?test-hooks=1');
    await t.unlock(app);
    const n = await t.search(app, 'closing');
    await app.shot('after-kill-search');
    if (n !== 1) throw new Error(`the entry saved right before the kill is gone (found ${n})`);
  } finally {
    await browser.close().catch(() => {});
    server.close();
    await t.removeProfile(profile);
  }
});
