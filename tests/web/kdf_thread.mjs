// Key derivation does not block the UI thread: create a vault with the real KDF (the
// desktop's calibrated Argon2id, >= 256 MiB) on the worker thread while the page keeps
// answering and drawing; the app reports the parameters it calibrated (>= 64 MiB); then
// unlock with it after reopening. Argon2id runs in a worker of its own (app/web/kdf_worker.cpp),
// so after that real unlock the app's heap is far below the 353 MiB it reached when the
// derivation's 256 MiB stayed in it. While the job runs the page's busy veil says so over the
// canvas (web/index.html #busy: a status region, #stage aria-busy) and no WebGL frame is drawn;
// both go when it ends; "Need help now?" tapped during the real unlock opens the crisis screen.
//   node kdf_thread.mjs SITE ARTIFACTS
import * as t from './lib.mjs';

const [site, art] = process.argv.slice(2);
t.run(site, art, async ({ app, url }) => {
  await app.goto(url + '?test-hooks=1');  // no insecure-test-kdf: the real one
  await app.waitFor(/^screen first_run/, 60);
  await app.tap('first_pass');
  await app.type(t.PASS);
  await app.tap('first_confirm');
  await app.type(t.PASS);
  // Record the gaps between animation frames of the UI thread for the whole derivation.
  await app.page.evaluate(() => {
    window.agGaps = [];
    let last = performance.now();
    const tick = (now) => { window.agGaps.push(now - last); last = now; if (!window.agStop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  const from = app.lines.length;
  await app.tap('first_create');
  await t.seen(app, /^busy_indicator 1 [1-9]\d*x[1-9]\d* \S/, from, 60);
  const busy = () => app.page.evaluate(() => {
    const veil = document.getElementById('busy'), status = document.getElementById('busy-status');
    const r = document.getElementById('busy-card').getBoundingClientRect();
    return { shown: !veil.hidden && getComputedStyle(veil).display !== 'none', w: r.width, h: r.height,
             role: status.getAttribute('role'), text: status.textContent, text2: document.getElementById('busy-text').textContent,
             ariaBusy: document.getElementById('stage').getAttribute('aria-busy') };
  });
  const during = await busy();
  console.log(`while creating: the busy veil ${JSON.stringify(during)}`);
  if (!during.shown || !(during.w > 50 && during.h > 20) || during.role !== 'status' || !during.text ||
      during.text !== during.text2 || during.ariaBusy !== 'true')
    throw new Error(`the busy indicator is not shown while the vault is created: ${JSON.stringify(during)}`);
  await app.shot('creating');
  await app.waitFor(/^event created/, 240);
  const ms = Date.now() - t0;
  await t.seen(app, /^busy_indicator 0$/, from, 30);
  const after = await busy();
  if (after.shown || after.text || after.ariaBusy) throw new Error(`the busy indicator stayed after the job: ${JSON.stringify(after)}`);
  // Under the veil the canvas kept its last frame: no WebGL frame was drawn during the job.
  await t.seen(app, /^job_phases /, from, 30);
  const phases = app.lines.slice(from).find((l) => /^job_phases /.test(l));
  if (!/ frames=0 /.test(phases)) throw new Error(`frames were drawn while the vault was created: ${phases}`);
  const gaps = await app.page.evaluate(() => { window.agStop = true; return window.agGaps; });
  const worst = Math.max(...gaps);
  console.log(`vault created with the real KDF in ${(ms / 1000).toFixed(1)} s; the UI thread drew ` +
              `${gaps.length} frames meanwhile, longest gap ${worst.toFixed(0)} ms`);
  // Derivation on the UI thread would leave one gap as long as the derivation itself; the
  // bound leaves room for a loaded 2-core machine drawing 1170x2532 in software.
  if (worst > Math.max(2000, 0.25 * ms)) throw new Error(`the UI thread was blocked for ${worst.toFixed(0)} ms of ${ms} ms`);
  if (gaps.length < 5) throw new Error(`only ${gaps.length} frames during key derivation`);
  // What the app calibrated on this device (its console line, and the test-hook values).
  const report = await app.waitFor(/^afterglow: key derivation calibrated on this device: /, 10);
  const mib = +(await app.waitFor(/^value kdf_memlimit_mib \d+$/, 10)).split(' ')[2];
  const passes = +(await app.waitFor(/^value kdf_passes \d+$/, 10)).split(' ')[2];
  console.log(`the app reports: ${report.replace(/^afterglow: /, '')}`);
  console.log(`calibrated KDF: Argon2id ${mib} MiB, ${passes} passes; creation ${(ms / 1000).toFixed(1)} s as the test saw it`);
  if (/insecure test KDF/.test(report)) throw new Error('the real-KDF vault reports the insecure test KDF');
  if (!(mib >= 64)) throw new Error(`the web build calibrated ${mib} MiB, below the 64 MiB floor`);
  if (!(passes >= 1)) throw new Error(`the web build calibrated ${passes} passes`);
  await app.waitFor(/^event storage_flushed/, 30);
  await app.shot('recovery-key');
  // The recovery group is printed only for test-KDF vaults: open the app again instead.
  const workerRuns = (from) => app.lines.slice(from).filter((l) => /^event kdf_worker_done \d+$/.test(l)).length;
  const created = workerRuns(0);  // calibration's probes, then the vault's own derivation
  if (created < 2) throw new Error(`creating the vault derived ${created} keys in the KDF worker`);
  const reopened = app.lines.length;
  await app.reopen();
  const u0 = Date.now();
  await app.waitFor(/^screen unlock/, 60);
  await t.seen(app, /^fonts_full_ms /, reopened, 60);  // the full font atlas grows the heap too
  const heap = () => app.page.evaluate(() => wasmMemory.buffer.byteLength);  // eslint-disable-line no-undef
  const locked = await heap();
  await app.tapField('unlock_pass', 'password');
  await app.type(t.PASS);
  const crisis = await app.steady('nav_crisis');
  const unlocking = app.lines.length;
  await app.tap('unlock_button');
  // "Need help now?" works while the job runs: the tap passes through the veil, the crisis
  // screen is drawn and the veil goes (the derivation takes seconds: the job is still running).
  await t.seen(app, /^busy_indicator 1 /, unlocking, 60);
  await app.tapAt(crisis.x, crisis.y);
  await t.seen(app, /^screen crisis/, unlocking, 60);
  await t.seen(app, /^busy_indicator 0$/, unlocking, 10);
  const order = app.lines.slice(unlocking).filter((l) => /^(screen crisis|event unlocked)/.test(l));
  if (order[0] !== 'screen crisis') throw new Error(`the crisis screen did not open during the unlock: ${order.join(', ')}`);
  await app.waitFor(/^event unlocked/, 240);
  await app.waitFor(/^screen home/);
  console.log(`unlocked with the real KDF in ${((Date.now() - u0) / 1000).toFixed(1)} s (including page start)`);
  const unlocked = await heap();
  console.log(`the app's wasm memory: ${locked >> 20} MiB on the unlock screen, ${unlocked >> 20} MiB after the real ` +
              `unlock (the vault's KDF: ${mib} MiB, ${passes} passes; 352 MiB when it ran in the app's heap)`);
  if (workerRuns(reopened) !== 1) throw new Error(`the unlock derived ${workerRuns(reopened)} keys in the KDF worker, not 1`);
  // The derivation's memory (>= 64 MiB) must not have stayed in the app's heap.
  if (unlocked - locked >= 48 << 20 || unlocked > 200 << 20)
    throw new Error(`the app's wasm memory grew from ${locked >> 20} to ${unlocked >> 20} MiB in a real unlock`);
});
