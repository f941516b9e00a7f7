// Key derivation does not block the UI thread: create a vault with the real KDF (the
// desktop's calibrated Argon2id, >= 256 MiB) on the worker thread while the page keeps
// answering and drawing; then unlock with it after reopening.
//   node kdf_thread.mjs SITE ARTIFACTS
import * as t from './lib.mjs';

const [site, art] = process.argv.slice(2);
t.needTools(site);
t.main(async () => {
  const { server, url } = await t.serve(site);
  const profile = await t.tempProfile();
  const browser = await t.launch(profile);
  try {
    const app = await t.AppPage.open(browser, art);
    await app.goto(url + '?test-hooks=1');  // no insecure-test-kdf: the real one
    await app.waitFor(/^screen first_run/, 60);
    await app.tap('first_pass');
    await app.type(t.PASS);
    await app.tap('first_confirm');
    await app.type(t.PASS);
    const t0 = Date.now();
    await app.tap('first_create');
    // While the worker derives the key, the UI thread keeps running requestAnimationFrame.
    const probe = await app.page.evaluate(() => new Promise((done) => {
      const gaps = [];
      let last = performance.now();
      const start = last;
      const tick = (now) => {
        gaps.push(now - last);
        last = now;
        if (now - start < 1500) requestAnimationFrame(tick);
        else done({ frames: gaps.length, worst: Math.max(...gaps) });
      };
      requestAnimationFrame(tick);
    }));
    console.log("probe " + JSON.stringify(probe));
    await app.shot("creating");
    await app.waitFor(/^event created/, 120);
    const secs = (Date.now() - t0) / 1000;
    console.log(`vault created with the real KDF in ${secs.toFixed(1)} s; during it ${probe.frames} frames in 1.5 s, longest gap ${probe.worst.toFixed(0)} ms`);
    // Derivation on the UI thread would give no frame at all for its whole duration (seconds);
    // the bounds leave room for a loaded 2-core machine drawing 1170x2532 in software.
    if (probe.worst > 1000) throw new Error(`the UI thread was blocked for ${probe.worst.toFixed(0)} ms during key derivation`);
    if (probe.frames < 4) throw new Error(`only ${probe.frames} frames in 1.5 s during key derivation`);
    await app.waitFor(/^event storage_flushed/, 30);
    await app.shot('recovery-key');
    // The recovery group is printed only for test-KDF vaults: open the app again instead.
    await app.reopen();
    const u0 = Date.now();
    await t.unlock(app);
    console.log(`unlocked with the real KDF in ${((Date.now() - u0) / 1000).toFixed(1)} s (including page start)`);
  } finally {
    await browser.close().catch(() => {});
    server.close();
    await t.removeProfile(profile);
  }
});
