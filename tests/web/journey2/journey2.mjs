// The journey's second pass on a phone (issue 22), at 390x844 DPR 3 with touch:
// - item 7: on the crisis screen every number is a tap-sized "Call"/"Text" button that opens
//   its tel:/sms: link through the page, inside the tap's user activation (which browsers ask
//   of a link to the dialler), and the first ones are on the first screenful, above the
//   footer; with no care team saved the screen offers to add one;
// - item 9: a questionnaire's answers are at least 44 CSS px tall, and when the next question
//   opens after a tap no answer is hovered (shaded): by the app's hook and by the pixels of
//   the answers' backgrounds, which are all the same colour;
// - item 12: calendar days are at least 44 CSS px; a session's label on Share wraps within the
//   width (none cut: the app's hook); the lock screen opens at its top after a long screen
//   was scrolled down.
//   node journey2.mjs SITE ARTIFACTS
import { execFileSync } from 'node:child_process';
import * as t from '../lib.mjs';

const [site, art] = process.argv.slice(2);

// The colour of one CSS px of a screenshot (device px = CSS px x DPR).
function pixel(file, x, y) {
  const d = t.VIEWPORT.deviceScaleFactor;
  return execFileSync('convert', [file, '-format', `%[pixel:p{${Math.round(x * d)},${Math.round(y * d)}}]`, 'info:']).toString();
}

t.run(site, art, async ({ app, url }) => {
  // The page's link to the dialler is a real <a href> clicked by the shim; the test records
  // the click (and whether the tap's user activation still held) instead of leaving the page.
  await app.page.evaluateOnNewDocument(() => {
    HTMLAnchorElement.prototype.click = function () {
      console.log('opened ' + this.href + ' active=' + navigator.userActivation.isActive);
    };
  });
  await app.goto(url + '?test-hooks=1&insecure-test-kdf=1');
  await t.createVault(app);

  // ---- item 7: crisis numbers are links -------------------------------------------------
  await app.tapNav('nav_crisis');
  await app.waitFor(/^screen crisis/);
  await app.widget('crisis_add_care_team');  // no care team yet: offered
  await app.widget('crisis_call_US_emergency');
  await app.widget('crisis_text_us.988');
  app.checkTargets('crisis_call_US_emergency', 'crisis_call_us.988', 'crisis_text_us.988', 'crisis_add_care_team');
  // The numbers come first: Call and Text are on the first screenful, without scrolling -
  // inside the viewport and above the footer (Go back).
  const back = await app.steady('crisis_back');
  for (const n of ['crisis_call_US_emergency', 'crisis_call_us.988', 'crisis_text_us.988']) {
    const w = await app.steady(n);
    const [x0, x1, y0, y1] = [w.x - w.w / 2, w.x + w.w / 2, w.y - w.h / 2, w.y + w.h / 2];
    if (x0 < 0 || x1 > t.VIEWPORT.width || y0 < 0 || y1 > back.y - back.h / 2)
      throw new Error(`${n} (${x0.toFixed(0)},${y0.toFixed(0)})-(${x1.toFixed(0)},${y1.toFixed(0)}) is not on the first screenful (the footer starts at ${(back.y - back.h / 2).toFixed(0)})`);
  }
  await app.shot('j2-01-crisis');
  await app.tap('crisis_call_US_emergency');
  await app.waitFor(/^opened tel:911 active=true$/, 5);
  await app.tap('crisis_text_us.988');
  await app.waitFor(/^opened sms:988 active=true$/, 5);
  // Fireside's number has letters: its call uses the line's digits.
  await app.tap('crisis_call_us.fireside');
  await app.waitFor(/^opened tel:\+16234737433 active=true$/, 5);
  await app.tap('crisis_back');
  await app.waitFor(/^screen home/);

  // ---- item 9: questionnaire answers on a phone -------------------------------------------
  await app.tap('home_questionnaire');
  await app.waitFor(/^screen questionnaire/);
  await app.tap('measure_start_phq-9');
  const picks = [2, 1, 3, 0, 2, 1, 3, 2];  // items 1..8; item 9 (self-harm) and 10 get the first answer
  for (let item = 1; item <= 10; ++item) {
    await app.waitFor(new RegExp(`^screen questionnaire_item_${item}$`));
    const from = app.mark;  // just after the question's screen line
    for (let i = 0; i < 4; ++i) await app.steady(`measure_option${i}`);
    app.checkTargets('measure_option0', 'measure_option1', 'measure_option2', 'measure_option3');
    const hovered = app.lines.slice(from).filter((l) => /^value measure_hovered [0-9]+$/.test(l));
    if (hovered.length) throw new Error(`question ${item} opened with an answer hovered: ${hovered.join(', ')}`);
    if (item === 1 || item === 2 || item === 9) {
      const file = await app.shot(`j2-0${item + 1}-phq9-item${item}`);
      const colours = [0, 1, 2, 3].map((i) => {
        const w = app.widgets[`measure_option${i}`];
        return pixel(file, w.x - w.w / 2 + 3, w.y);
      });
      if (new Set(colours).size !== 1) throw new Error(`question ${item}: the answers' backgrounds differ: ${colours.join(' ')}`);
    }
    await app.tap(`measure_option${item <= 8 ? picks[item - 1] : 0}`);
  }
  await app.waitFor(/^screen questionnaire_result/);
  await app.shot('j2-11-phq9-result');

  // ---- item 12: calendar days are touch-sized; the lock screen opens at its top -----------
  await app.tapNav('nav_new_session');
  await app.waitFor(/^screen session/);
  await app.tap('session_date_pick');
  for (const d of [14, 15, 16]) await app.steady(`session_date_day_${d}`);  // the popup settles over frames
  app.checkTargets('session_date_day_14', 'session_date_day_15', 'session_date_day_16');
  app.checkApart('session_date_day_14', 'session_date_day_15', 'session_date_day_16');
  await app.shot('j2-12-calendar');
  await app.tap('session_date_day_15');
  // The session saved, its label on Share wraps in the phone's width (it was cut at the edge).
  await app.tap('session_save');
  await app.waitFor(/^event saved_session$/);
  await app.tapNav('nav_export');
  await app.waitFor(/^screen export/);
  await app.waitFor(/^value export_session_labels_cut \d+$/);
  await app.steady('export_session_0');
  const cut = app.lines.filter((l) => /^value export_session_labels_cut /.test(l)).pop();
  if (cut !== 'value export_session_labels_cut 0') throw new Error(`Share: ${cut} (a session's label reaches past the column)`);
  app.checkApart('export_session_0');
  app.checkTargets('export_session_0');
  await app.shot('j2-13-share');
  await app.tapNav('nav_crisis');
  await app.waitFor(/^screen crisis/);
  await app.drag(-600);  // far down the crisis screen's lines
  await app.tapNav('nav_lock');
  await app.waitFor(/^screen unlock/);
  const bar = await app.widget('nav_crisis');
  // Its first frame is laid out at the last screen's scroll (a scroll set applies a frame
  // later; a loaded machine's frames outlast steady()'s wait): within 5 s of hook lines
  // "Welcome back" must be under the bar.
  let welcome = await app.steady('unlock_welcome');
  for (const end = Date.now() + 5000; welcome.y - welcome.h / 2 < bar.y + bar.h / 2 && Date.now() < end;) {
    await app.settle(100);
    welcome = app.widgets.unlock_welcome;
  }
  await app.shot('j2-14-locked');
  if (welcome.y - welcome.h / 2 < bar.y + bar.h / 2)
    throw new Error(`the lock screen opened scrolled: "Welcome back" is at y=${welcome.y} CSS px, under the top bar (${bar.y})`);
});
