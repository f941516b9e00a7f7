// First run on a phone: create a vault with touch taps and the keyboard shim, write and save
// an entry, reload, unlock, find the entry; then no plaintext canary anywhere in the profile
// (IndexedDB, localStorage, caches: UTF-8, UTF-16, base64, hex).
//   node journey.mjs SITE ARTIFACTS
import * as t from './lib.mjs';

const [site, art] = process.argv.slice(2);
t.run(site, art, async ({ app, url, browser, profile }) => {
  await app.goto(url + '?test-hooks=1&insecure-test-kdf=1');
  await t.createVault(app);
  // A long press (0.8 s by the touch events' timestamps) is the desktop's right click: it
  // does not press the button under it. The tap after it does.
  const nw = await app.steady('home_new_entry');
  const from = app.lines.length;
  await app.tapAt(nw.x, nw.y, 0.8);
  await app.waitFor(/^shim long_press /);
  await app.settle(600);
  if (app.lines.slice(from).some((l) => /^screen /.test(l))) throw new Error('a long press on New entry opened a screen');
  app.expectLongPresses(1);
  // A quick tap that reaches a busy page late (blocked for 0.8 s between the finger's down
  // and up) is still a tap: New entry opens.
  await app.tapAt(nw.x, nw.y, 0.06, 800);
  await app.waitFor(/^screen editor/);
  await app.steady('editor_emotion');  // below the footer; no draft status yet
  const chipsFrom = app.lines.length;   // a widget line is printed only when it moves
  await app.tapField('editor_title', 'textarea');
  await app.type('Warm kitchen ' + t.CANARY);
  await app.tapField('editor_body', 'textarea');
  await app.type(t.CANARY + ' the light felt warm, ');
  await app.key('Enter');
  await app.type('Привет мир · שלום');
  await app.key('Backspace');  // removes the last character typed
  await app.shot('05-editor');
  // The draft's status line and Save to journal share the footer without overlapping.
  await app.widget('editor_status');
  app.checkApart('editor_status', 'editor_save');
  // The feeling chips below the body are touch-sized on a phone, and the draft status above
  // them ("Unsaved changes …" takes two lines here, "Draft saved …" one) did not move them.
  await app.widget('editor_emotion');
  app.checkTargets('editor_emotion', 'editor_save', 'editor_title');
  const moved = app.lines.slice(chipsFrom).filter((l) => /^widget editor_emotion /.test(l));
  if (moved.length) throw new Error(`the feeling chips moved as the draft status changed: ${moved.join(', ')}`);
  await app.tap('editor_save');
  await app.waitFor(/^event saved_entry/);
  await app.waitFor(/^event storage_flushed/);
  await app.shot('06-saved');

  await app.reopen();
  // "Forgot it? Use the recovery key" is for a tired thumb too.
  await app.widget('unlock_recovery_toggle', 60);
  app.checkTargets('unlock_recovery_toggle', 'unlock_button', 'unlock_pass');
  await t.unlock(app);
  await app.shot('07-unlocked');
  const n = await t.search(app, t.CANARY);
  await app.shot('08-search');
  if (n !== 1) throw new Error(`expected 1 entry with the canary after reload, found ${n}`);
  // Lock so no decrypted text stays in memory, then scan what the browser stored.
  await app.tapNav('nav_lock');
  await app.waitFor(/^event locked/);
  await browser.close();
  console.log(t.scanCanary(profile).trim());
});
