// The release site ignores the test hooks: opened with ?test-hooks=1&insecure-test-kdf=1 it
// prints no screen/widget/event/value line, draws its first-run screen, and a vault created
// there by real touch taps uses the real key derivation (>= 64 MiB), not the fast test one:
// the vault file, read straight out of the site's IndexedDB, is opened by afterglow-cli,
// which prints its KDF parameters. The tap positions come from the test site's widget lines
// at the same viewport (same code, same layout).
//   node release_hooks.mjs RELEASE_SITE TEST_SITE ARTIFACTS AFTERGLOW_CLI
import { writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync, spawnSync } from 'node:child_process';
import * as t from './lib.mjs';
import { storedFiles } from './storage/store.mjs';

const [site, testSite, art, cliPath] = process.argv.slice(2);
t.needTools(site);
t.needTools(testSite);
if (!cliPath || !existsSync(cliPath)) {
  const msg = `missing: ${cliPath || 'afterglow-cli (fourth argument)'} (build natively first)`;
  if (process.env.CI) { console.error('FAIL: ' + msg); process.exit(1); }
  console.log('SKIPPED: ' + msg);
  process.exit(77);
}
const HOOK_LINE = /^(screen|widget|event|value|shim) |^(first_frame_ms|fonts_first_ms|fonts_full_ms|test_recovery_group) /;
const VAULT = '/data/share/afterglow/journal.afterglow';

// The vault's files (name suffix -> bytes) straight from the origin's IndexedDB (the chunk
// store of web/chunk_store.js, read by tests/web/storage/store.mjs).
async function vaultFromIndexedDB(page) {
  return (await storedFiles(page, VAULT)).map(([p, b64]) => [p.slice(VAULT.length), b64]);
}

// ImageMagick's compare: the metric's value (it prints to stderr, exit 1 when they differ).
function imageDiff(metric, a, b) {
  const r = spawnSync('compare', ['-metric', metric, a, b, 'null:'], { encoding: 'utf8' });
  const out = r.stderr.trim();
  const m = metric === 'RMSE' ? /\(([\d.e+-]+)\)/.exec(out) : /^([\d.e+-]+)/.exec(out);
  if (r.status > 1 || !m) throw new Error(`compare ${a} ${b} failed: ${out}`);
  return parseFloat(m[1]);
}

t.main(async () => {
  const work = mkdtempSync(join(tmpdir(), 'afterglow-release-'));
  writeFileSync(join(work, 'pass'), t.PASS + '\n');
  const rel = await t.serve(site);
  const tst = await t.serve(testSite);
  const profile = await t.tempProfile();
  const browser = await t.launch(profile);
  try {
    // 1. Where the first-run widgets are, from the test site at the same viewport.
    const probe = await t.AppPage.open(browser, join(art, 'test-site'));
    await probe.goto(tst.url + '?test-hooks=1&insecure-test-kdf=1');
    await probe.waitFor(/^screen first_run/, 60);
    const pos = {};
    for (const name of ['first_pass', 'first_confirm']) pos[name] = await probe.steady(name);
    await probe.tap('first_pass');
    await probe.type(t.PASS);
    await probe.tap('first_confirm');
    await probe.type(t.PASS);
    pos.first_create = await probe.steady('first_create');  // below the strength meter, once filled
    const reference = await probe.shot('01-test-site-filled');
    await probe.page.close();
    console.log('positions (CSS px) from the test site: ' +
                Object.entries(pos).map(([k, v]) => `${k} ${v.x.toFixed(0)},${v.y.toFixed(0)}`).join('; '));

    // 2. The release site with both hooks asked for.
    const app = await t.AppPage.open(browser, art);
    await app.goto(rel.url + '?test-hooks=1&insecure-test-kdf=1');
    await app.page.waitForFunction(() => {
      const l = document.getElementById('loading');
      return window.crossOriginIsolated && l && l.hidden;
    }, { timeout: 60000 });
    await app.settle(500);
    await app.shot('01-release-first-run');

    const tapField = async (name) => {
      for (let i = 0; i < 3; ++i) {
        await app.tapAt(pos[name].x, pos[name].y);
        await app.settle(300);
        if ((await app.keyboardField()) === 'password') return;
      }
      throw new Error(`tapping ${name} at ${pos[name].x},${pos[name].y} opened no passphrase keyboard`);
    };
    await tapField('first_pass');
    await app.type(t.PASS);
    await tapField('first_confirm');
    await app.type(t.PASS);
    const filled = await app.shot('02-release-filled');
    // Same code, same viewport: the filled release screen is the filled test screen.
    const diff = imageDiff('RMSE', reference, filled);
    console.log(`release vs test site, filled first-run screen: RMSE ${diff.toFixed(4)}`);
    if (!(diff < 0.02)) throw new Error(`the filled release first-run screen is not the test site's (RMSE ${diff}): a tap went astray`);

    // 3. Create the vault; it is real only once its file is in IndexedDB.
    const t0 = Date.now();
    await app.tapAt(pos.first_create.x, pos.first_create.y);
    let files = [];
    let retapped = false;
    for (;;) {
      await app.settle(1000);
      files = await vaultFromIndexedDB(app.page);
      if (files.some(([s]) => s === '')) break;
      const s = (Date.now() - t0) / 1000;
      if (s > 180) throw new Error('no vault file in IndexedDB 180 s after tapping Create');
      if (s > 4 && !retapped && !app.lines.some((l) => /key derivation calibrated/.test(l))) {
        // A tap that did nothing leaves the filled screen unchanged: tap once more.
        const now = join(art, 'probe.png');
        await app.page.screenshot({ path: now });
        if (imageDiff('AE', filled, now) === 0) await app.tapAt(pos.first_create.x, pos.first_create.y);
        retapped = true;
      }
    }
    await app.settle(2000);  // the flush after creation: take the files once they stopped changing
    files = await vaultFromIndexedDB(app.page);
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    await app.shot('03-release-recovery-key');
    const report = app.lines.find((l) => /^afterglow: key derivation calibrated/.test(l)) || '(no report line)';
    console.log(`vault created on the release site in ${secs} s; the app said: ${report}`);

    const vault = join(work, 'from-release.afterglow');
    for (const [suffix, b64] of files) writeFileSync(vault + suffix, Buffer.from(b64, 'base64'));
    const stats = execFileSync(cliPath, ['--vault', vault, '--passphrase-file', join(work, 'pass'), 'stats'],
                               { encoding: 'utf8', timeout: 60000 });
    const m = /key derivation: Argon2id, (\d+) MiB, (\d+) passes/.exec(stats);
    if (!m) throw new Error('afterglow-cli stats printed no key derivation:\n' + stats);
    console.log(`afterglow-cli stats of the release vault: Argon2id ${m[1]} MiB, ${m[2]} passes`);
    if (+m[1] < 64) throw new Error(`the release site made a vault with ${m[1]} MiB: the insecure test KDF was honoured`);

    const leaked = app.lines.filter((l) => HOOK_LINE.test(l));
    if (leaked.length) throw new Error('the release site printed test-hook lines:\n  ' + leaked.slice(0, 10).join('\n  '));
    if (!probe.lines.some((l) => /^widget first_pass /.test(l))) throw new Error('the test site printed no widget lines (the check above proves nothing)');
    console.log(`release console: ${app.lines.length} lines, none a test-hook line`);
  } finally {
    await browser.close().catch(() => {});
    rel.server.close();
    tst.server.close();
    await t.removeProfile(profile);
    rmSync(work, { recursive: true, force: true });
  }
});
