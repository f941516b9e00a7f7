// The service worker caches and serves only the files this build pinned (SHA-256 in sw.js):
// - a boot.js changed on the server while the worker installs is never cached: the install
//   fails, and once the server is fixed the genuine file is what runs;
// - a boot.js another page of the origin puts into the worker's cache (caches.put) is never
//   served: the app starts with the genuine one;
// - served under a path that shares its origin with other pages, the app says it needs an
//   address of its own and does not start.
//   node sw_integrity.mjs SITE ARTIFACTS
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as t from './lib.mjs';

const POISON = 'console.log("poisoned boot.js ran");';
const [site, art] = process.argv.slice(2);
t.needTools(site);
t.main(async () => {
  const profile = await t.tempProfile();
  const copy = join(profile, 'site');
  await cp(site, copy, { recursive: true });
  const genuine = await readFile(join(copy, 'boot.js'), 'utf8');
  // Tampered on the server at the first visit, while the worker installs.
  await writeFile(join(copy, 'boot.js'), POISON + genuine);
  const { server, url } = await t.serve(copy);
  const browser = await t.launch(join(profile, 'chromium'));
  try {
    const app = await t.AppPage.open(browser, art);
    await app.goto(url + '?test-hooks=1');
    await app.waitFor(/^poisoned boot\.js ran/, 30);  // the network's copy ran once: no worker yet
    const installed = await app.page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await new Promise((r) => setTimeout(r, 1500));  // the install's fetches and checks
      return !!(reg && (reg.active || reg.waiting));
    });
    if (installed) throw new Error('a service worker installed with a changed boot.js');
    const cached = await app.page.evaluate(async () => (await caches.keys()).length);
    console.log(`changed boot.js at install: no worker installed, ${cached} caches kept a copy of it`);

    // The server is fixed: the genuine file installs and runs; the changed one never again.
    await writeFile(join(copy, 'boot.js'), genuine);
    app.mark = app.lines.length;
    await app.reopen();
    await app.waitFor(/^screen first_run/, 60);
    await app.reopen();  // now under the worker (isolated), from its cache
    await app.waitFor(/^screen first_run/, 60);
    const controlled = await app.page.evaluate(() => !!navigator.serviceWorker.controller);
    if (!controlled) throw new Error('the worker does not control the page after the fix');

    // Another page of the origin poisons the worker's cache.
    await app.page.evaluate(async (poison) => {
      for (const k of await caches.keys()) {
        const c = await caches.open(k);
        await c.put('boot.js', new Response(poison, { headers: { 'Content-Type': 'text/javascript' } }));
      }
    }, POISON);
    const from = app.lines.length;
    await app.reopen();
    await app.waitFor(/^screen first_run/, 60);
    if (app.lines.slice(from).some((l) => /poisoned boot\.js ran/.test(l))) throw new Error('a poisoned cached boot.js was served');
    console.log('a boot.js put into the cache by the page was not served; the genuine one ran');
    await app.shot('genuine-after-poison');

    // A path that shares the origin (as user.github.io/afterglow/ does).
    const shared = join(profile, 'shared');
    await mkdir(shared, { recursive: true });
    await cp(copy, join(shared, 'afterglow'), { recursive: true });
    const s2 = await t.serve(shared);
    try {
      const p = await t.AppPage.open(browser, art);
      await p.goto(s2.url + 'afterglow/?test-hooks=1');
      await p.waitFor(/^event own_origin_needed/, 20);
      const text = await p.page.$eval('#notice-text', (e) => e.textContent);
      if (!/address of its own/.test(text)) throw new Error('unexpected message: ' + text);
      if (p.lines.some((l) => /^screen /.test(l))) throw new Error('the app started under a shared path');
      await p.shot('shared-origin');
      console.log('under /afterglow/: ' + text);
    } finally {
      s2.server.close();
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
    await t.removeProfile(profile);
  }
});
