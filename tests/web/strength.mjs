// The phone's passphrase meter against the desktop's: every passphrase of a list is typed on
// the web app's first-run screen (keyboard shim) and the meter's score read from the test
// hooks; the desktop's scores come from the same list through app::passphrase_strength
// (tools/strength_scores, zxcvbn-c). The two estimators differ, so this measures how often
// they agree and fails when they drift apart: at least 85% identical, at least 95% within one
// step, and the same verdict on "fair or better" for at least 95%.
//   node strength.mjs SITE ARTIFACTS STRENGTH_SCORES PASSPHRASES
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as t from './lib.mjs';

const [site, art, tool, list] = process.argv.slice(2);
const phrases = readFileSync(list, 'utf8').split('\n').filter((l) => l.length);
const desktop = execFileSync(tool, { input: phrases.join('\n') + '\n' }).toString().trim().split('\n')
  .map((l) => +l.split(' ')[0]);
if (desktop.length !== phrases.length) throw new Error(`strength_scores gave ${desktop.length} scores for ${phrases.length}`);

t.run(site, art, async ({ app, url }) => {
  await app.goto(url + '?test-hooks=1&insecure-test-kdf=1');
  await app.waitFor(/^screen first_run/, 60);
  await app.page.waitForFunction(() => typeof self.zxcvbn === 'function', { timeout: 30000 });
  await app.tap('first_pass');
  await app.expectKeyboard('password');
  const lastScore = (upto) => {  // the meter's score as of console line `upto`
    for (let i = upto; i >= 0; --i) {
      const m = /^value first_strength (\d+)$/.exec(app.lines[i]);
      if (m) return +m[1];
    }
    return 0;  // never printed: still the empty field's 0
  };
  const web = [];
  for (const p of phrases) {
    await app.type(p);
    const n = [...p].length;
    await app.waitFor(new RegExp(`^value first_pass_chars ${n}$`), 10);
    web.push(lastScore(app.mark - 1));
    if (web.length === 23) await app.shot('meter');
    // Select all and delete, as on a keyboard, before the next one.
    await app.page.keyboard.down('Control');
    await app.page.keyboard.press('a');
    await app.page.keyboard.up('Control');
    await app.key('Backspace');
    await app.waitFor(/^value first_pass_chars 0$/, 10);
  }
  // One tap reaches a button drawn above the field being typed in (Dear ImGui 1.86 would
  // spend it on ending the editing): "Need help now?" opens at the first tap.
  await app.tap('first_confirm');
  await app.type('still typing');
  await app.tap('first_pass');
  await app.type('abc');
  await app.waitFor(/^value first_pass_chars 3$/, 5);
  await app.tap('nav_crisis');
  await app.waitFor(/^screen crisis/, 5);
  await app.shot('crisis-first-tap');
  let same = 0, near = 0, verdict = 0;
  const rows = [];
  phrases.forEach((p, i) => {
    const d = Math.abs(web[i] - desktop[i]);
    same += d === 0;
    near += d <= 1;
    verdict += (web[i] >= 2) === (desktop[i] >= 2);
    rows.push(`  ${d === 0 ? ' ' : d === 1 ? '~' : '!'} desktop ${desktop[i]} web ${web[i]}  ${p}`);
  });
  console.log(rows.join('\n'));
  const pct = (k) => `${k}/${phrases.length} (${((100 * k) / phrases.length).toFixed(0)}%)`;
  console.log(`identical ${pct(same)}, within one step ${pct(near)}, same fair-or-better verdict ${pct(verdict)}`);
  if (near < 0.95 * phrases.length) throw new Error('more than 5% of the web scores are two or more steps off');
  if (same < 0.85 * phrases.length) throw new Error('fewer than 85% of the scores are identical');
  if (verdict < 0.95 * phrases.length) throw new Error('the fair-or-better verdict differs on more than 5%');
});
