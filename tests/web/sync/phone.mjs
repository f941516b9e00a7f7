// Pieces the phone's sync tests share (join.mjs, interrupted.mjs): Apache and the CLI as the
// other device, the app's text hooks, its words, and joining from the first run by typing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as t from '../lib.mjs';
import { fingerprint } from '../hook_key.mjs';

export const DAV_USER = 'patient', DAV_PASS = 'app password 1';
const APACHE = join(t.ROOT, 'tests/sync/apache/apache.sh');

// Chromium, the site, apache2 and the CLI, or a visible skip (a failure under CI).
export function needAll(site, cliPath) {
  t.needTools(site);
  for (const [tool, what] of [['/usr/sbin/apache2', 'apache2 (Debian package apache2)'],
    ['/usr/bin/htpasswd', 'htpasswd (Debian package apache2-utils)']]) {
    if (existsSync(tool)) continue;
    if (process.env.CI) { console.error('FAIL: missing ' + what); process.exit(1); }
    console.log('SKIPPED: missing ' + what);
    process.exit(77);
  }
  t.needCli(cliPath);
}

// tests/sync/apache/apache.sh CMD DIR [ORIGIN]: its output.
export const apache = (cmd, dir, ...more) => execFileSync('bash', [APACHE, cmd, dir, ...more]).toString();

// afterglow-cli on the vault in WORK (test KDF, the folder's login in its environment).
export function cliFor(cliPath, work) {
  return (args, input) => execFileSync(cliPath, ['--vault', join(work, 'desk.afterglow'), '--passphrase-file',
    join(work, 'pass'), '--insecure-test-kdf', ...args], { input: input ?? '', env: { ...process.env,
    AFTERGLOW_WEBDAV_USER: DAV_USER, AFTERGLOW_WEBDAV_PASSWORD: DAV_PASS } }).toString();
}

// A sync text of assets/pack/sync.json as the app shows it ("Heading. Body").
const texts = JSON.parse(readFileSync(join(t.ROOT, 'assets/pack/sync.json'), 'utf8')).journey_texts;
export const words = (id) => { const x = texts.find((j) => j.id === id); return x.heading + '. ' + x.body; };

// Waits until the app's text hook NAME holds exactly WANT (its fingerprint).
export async function waitText(app, name, want, seconds = 20) {
  const last = () => { const l = app.lines.filter((x) => x.startsWith(`text ${name} `)).pop(); return l ? l.split(' ')[2] : null; };
  for (const end = Date.now() + seconds * 1000; last() !== fingerprint(want);) {
    if (Date.now() > end) throw new Error(`${name} never showed ${JSON.stringify(want)}; last lines:\n  ` + app.lines.slice(-12).join('\n  '));
    await app.settle(50);
  }
}

// A field of the first run's join step, typed into (the screen holds secrets: every field
// opens the password keyboard).
export async function typeInto(app, name, text) {
  await app.reveal(name);
  await app.tapField(name, 'password');
  await app.type(text);
}

// First run → "Join a journal you already have" → the address, user and app password, and
// the passphrase (when given). The join button is not tapped.
export async function openJoin(app, url, passphrase) {
  await app.waitFor(/^screen first_run/, 60);
  await app.reveal('first_join');
  await app.tap('first_join');
  await app.widget('join_url');
  await typeInto(app, 'join_url', url);
  await typeInto(app, 'join_user', DAV_USER);
  await typeInto(app, 'join_app_password', DAV_PASS);
  if (passphrase) await typeInto(app, 'join_secret', passphrase);
}

// Taps "Join my journal": the lines from the tap to its event (joined or join_failed).
export async function tapJoin(app) {
  const from = app.lines.length;
  await app.reveal('join_button');
  await app.tap('join_button');
  await t.seen(app, /^event (joined|join_failed)$/, from, 30);
  return app.lines.slice(from);
}

// Seconds since the test started, with what was done.
const T0 = Date.now();
export const step = (what) => console.log(`${((Date.now() - T0) / 1000).toFixed(1)} s: ${what}`);

// From any screen: a new entry with E's title and body, saved.
export async function writeEntry(app, e) {
  const screen = (app.lines.filter((l) => /^screen /.test(l)).pop() || '').split(' ')[1];
  if (screen !== 'home') await app.navTo('nav_home', /^screen home/);
  for (let i = 0; ; ++i) {  // home's cards may still move under the finger (counted, as lib.mjs does)
    if (i === 3) throw new Error('"New entry" did not open the editor');
    if (i) ++app.retries;
    await app.tap('home_new_entry');
    if (await app.waitFor(/^screen editor/, 4).catch(() => null)) break;
  }
  await app.tapField('editor_title', 'textarea');
  await app.type(e.title);
  await app.tapField('editor_body', 'textarea');
  await app.type(e.body);
  await waitText(app, 'editor_body', e.body, 5);
  await app.tap('editor_save');
  await app.waitFor(/^event saved_entry/);
}
