// Uploads cut short on the phone (issue 20): the phone web app in headless Chromium syncs through
// a real Apache 2.4 + mod_dav on 127.0.0.1 (tests/sync/apache/) behind a small proxy that can
// hold an upload half-way (hold_proxy.mjs), with afterglow-cli as the other device (it made the
// journal; the phone joined it from its first run through the proxy).
//   The server killed mid-upload: the app prints "dav_put N" as the upload starts, the proxy
//   holds it half sent, Apache is killed; the app says the connection was lost in plain words
//   (assets/pack/sync.json) and keeps the entry; the CLI, syncing meanwhile, reads no half
//   file and skips none; Apache restarted, the next sync completes and the CLI holds the entry
//   exactly.
//   Lock during an upload that does not end: the lock comes within a few seconds (it does not
//   wait for the request, which is left unfinished); after unlock the next sync completes and
//   the CLI holds that entry exactly too.
//   node interrupted.mjs SITE ARTIFACTS AFTERGLOW_CLI
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as t from '../lib.mjs';
import { HOOK_KEY } from '../hook_key.mjs';
import { holdProxy } from './hold_proxy.mjs';
import { apache, cliFor, needAll, openJoin, step, tapJoin, waitText, words, writeEntry } from './phone.mjs';

const [site, art, cliPath] = process.argv.slice(2);
needAll(site, cliPath);

const FIRST = { title: 'From the laptop', body: 'The journal began on the laptop, fs3canary.' };
const KILLED = { title: 'Before the storm', body: 'Written while the server went down, kl7canary: nothing lost.' };
const LOCKED = { title: 'Locked mid-upload', body: 'Locked while this was on its way, lk8canary: it still arrives.' };

t.main(async () => {
  const work = mkdtempSync(join(tmpdir(), 'afterglow-webcut-'));
  const { server, url } = await t.serve(site);
  const origin = url.replace(/\/$/, '');
  const davDir = join(work, 'dav');
  execFileSync('mkdir', ['-p', davDir]);
  const profile = await t.tempProfile();
  let browser = null, proxy = null;
  try {
    const started = apache('start', davDir, origin);
    const direct = /url=(\S+)/.exec(started)[1] + 'Afterglow/';
    proxy = await holdProxy(+/port=(\d+)/.exec(started)[1]);
    writeFileSync(join(work, 'pass'), t.PASS + '\n');
    const cli = cliFor(cliPath, work);
    const cliSync = () => {  // a whole sync that read every file it listed: nothing skipped
      const out = cli(['sync']);
      if (/skipped/.test(out)) throw new Error('the CLI skipped a file (a half upload read?):\n' + out);
    };
    const cliHolds = (e) => {  // the entry, its title and text exact; false when it is not there
      const word = e.body.match(/[a-z]{2}\dcanary/)[0];
      const id = (cli(['search', word]).trim().split('\n').find((l) => l.trim()) || '').trim().split(/\s+/)[0];
      if (!id) return false;
      const shown = cli(['show', id]);
      if (!shown.includes(e.title) || !shown.split('\n').includes(e.body)) throw new Error('the CLI holds the entry but not exactly:\n' + shown);
      return true;
    };
    cli(['init']);
    cli(['add', '--title', FIRST.title], FIRST.body);
    cli(['sync', '--target', direct]);

    browser = await t.launch(profile);
    const app = await t.AppPage.open(browser, art);
    const timed = [];  // each console line with when it came, for the lock's duration
    app.page.on('console', (m) => { for (const l of String(m.text()).split('\n')) timed.push([Date.now(), l]); });
    const screen = () => (app.lines.filter((l) => /^screen /.test(l)).pop() || '').split(' ')[1];
    const openSync = async () => {
      if (screen() === 'sync') return;
      await app.navTo('nav_settings', /^screen settings/);
      await app.tap('settings_sync');
      await app.waitFor(/^screen sync/);
    };

    // The phone joins the journal through the proxy.
    await app.goto(url + `?test-hooks=1&insecure-test-kdf=1&hook-key=${HOOK_KEY}`);
    await openJoin(app, proxy.url('/dav/Afterglow/'), t.PASS);
    const joined = await tapJoin(app);
    if (!joined.includes('event joined')) throw new Error('the phone did not join:\n  ' + joined.slice(-12).join('\n  '));
    await app.waitFor(/^screen home/, 10);
    step('the phone joined through the proxy');

    // 1. Apache killed while the phone's upload is half sent.
    await writeEntry(app, KILLED);
    proxy.arm();
    let armed = app.lines.length;
    // The sync a few seconds after the change: once its upload is held half sent, Apache is
    // killed and the connection cut (as the server's death cuts it), whatever screen is up.
    const killed = proxy.held().then((h) => { apache('kill', davDir); proxy.drop(); return h; });
    await openSync();
    await t.seen(app, /^dav_put \d+$/, armed, 30);
    const held = await killed;
    step(`upload held at ${held.sent} of ${held.length} bytes, Apache killed`);
    await waitText(app, 'sync_error', words('sync.dropped'), 20);
    await app.shot('01-killed-mid-upload');
    apache('restart', davDir);
    cliSync();
    if (cliHolds(KILLED)) throw new Error('the CLI has an entry whose upload was cut short');
    await app.reveal('sync_now');
    await app.tap('sync_now');
    await app.waitFor(/^event synced$/, 30);
    await waitText(app, 'sync_error', '', 5);
    cliSync();
    if (!cliHolds(KILLED)) throw new Error('after the next sync the CLI still lacks the entry');
    step('killed mid-upload: said so, nothing lost; the next sync completed; the CLI has the entry exactly');

    // 2. Locked while an upload does not end: the lock does not wait for it.
    await writeEntry(app, LOCKED);
    proxy.arm();
    armed = app.lines.length;
    await t.seen(app, /^dav_put \d+$/, armed, 30);
    await proxy.held();
    const tapped = app.lines.length, from = timed.length;
    await app.tapNav('nav_lock');
    await app.waitFor(/^event locked$/, 30);
    // From the tap reaching the page (the shim's line) to the lock (the event's line).
    const after = timed.slice(from);
    const lock = after.findIndex(([, l]) => l === 'event locked');
    const tap = after.slice(0, lock).findLast(([, l]) => /^shim tap /.test(l));
    const took = (after[lock][0] - tap[0]) / 1000;
    step(`locked ${took.toFixed(1)} s after the tap, the upload still in flight: ${proxy.holding()}`);
    if (!proxy.holding()) throw new Error('the upload ended before the lock: not the case under test');
    if (!(took < 8)) throw new Error(`the lock waited ${took.toFixed(1)} s for an upload in flight`);
    proxy.drop();  // the server never gets the rest
    app.mark = tapped;  // the unlock screen may be drawn before the event's line
    const since = app.lines.length;
    await t.unlock(app);
    await t.seen(app, /^event synced$/, since, 30);
    cliSync();
    if (!cliHolds(LOCKED) || !cliHolds(KILLED) || !cliHolds(FIRST)) throw new Error('the CLI lacks an entry after the sync that followed the lock');
    step('locked mid-upload: the next sync completed; the CLI has every entry exactly');
    t.scanCanary(join(davDir, 'www/dav'), 'kl7canary');
    t.scanCanary(join(davDir, 'www/dav'), 'lk8canary');
    app.checkGestures();
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (proxy) proxy.close();
    server.close();
    try { apache('stop', davDir); } catch { /* not started */ }
    await t.removeProfile(profile);
    rmSync(work, { recursive: true, force: true });
  }
});
