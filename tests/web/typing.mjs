// Typing as people's devices type, on the phone build: real key events (CDP
// Input.dispatchKeyEvent through puppeteer's keyboard, as hardware keyboards, desktop browsers
// and iOS soft keys send them) after a touch tap and after a mouse click, IME composition
// (Input.imeSetComposition, as Android and CJK keyboards compose), and inserted text
// (Input.insertText: autocorrect, dictation, paste) — into the passphrase, title, body and
// search fields, with Latin, Cyrillic, Hebrew and emoji, and edits (Backspace, arrows, Enter,
// select-all). After each step the exact text the app holds is checked: its "text NAME
// FINGERPRINT N" hook line must equal the typed text's (keyed BLAKE2b-512, hook_key.mjs). Every
// character lands exactly once: before the one-owner fix each key-event character arrived
// twice.
//   node typing.mjs SITE ARTIFACTS
import * as t from './lib.mjs';
import { HOOK_KEY, fingerprint } from './hook_key.mjs';
const cps = (s) => [...s].length;

// Waits until the app's latest "text NAME …" line is `want`'s; fails naming what it holds.
async function expectText(app, name, want, seconds = 10) {
  const end = Date.now() + seconds * 1000;
  const re = new RegExp(`^text ${name} `);
  for (;;) {
    const last = app.lines.filter((l) => re.test(l)).pop() || `text ${name} none 0`;
    const [, , fp, n] = last.split(' ');
    if (fp === fingerprint(want)) return;
    if (Date.now() > end)
      throw new Error(`${name} holds ${n} code points (fingerprint ${fp}), expected ${cps(want)}: ${JSON.stringify(want)}`);
    await app.settle(50);
  }
}
const keys = async (app, s) => { await app.page.keyboard.type(s); await app.settle(); };
const press = async (app, k, n = 1) => { for (let i = 0; i < n; ++i) await app.page.keyboard.press(k); await app.settle(); };
async function compose(app, steps, commit) {  // an IME: the composition grows, then is committed
  for (const s of steps) await app.cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
  await app.cdp.send('Input.insertText', { text: commit });
  await app.settle();
}
async function click(app, name) {  // a mouse click, as on a desktop browser
  const w = await app.steady(name);
  await app.page.mouse.click(w.x, w.y);
  await app.settle();
}

const [site, art] = process.argv.slice(2);
t.run(site, art, async ({ app, url }) => {
  await app.goto(url + `?test-hooks=1&insecure-test-kdf=1&hook-key=${HOOK_KEY}`);
  await app.waitFor(/^screen first_run/, 60);
  // Passphrase, key events after a touch tap.
  await app.tapField('first_pass', 'password');
  await keys(app, t.PASS);
  await expectText(app, 'first_pass', t.PASS);
  // The confirmation, key events after a mouse click (a desktop browser), with a typo fixed.
  await click(app, 'first_confirm');
  await keys(app, t.PASS + 'xy');
  await press(app, 'Backspace', 2);
  await expectText(app, 'first_confirm', t.PASS);
  await app.shot('01-passphrase-typed');
  // Persistent storage is asked for on the Create tap (a user gesture; Firefox answers no
  // request made without one), not at boot.
  if (app.lines.some((l) => /^value storage_persisted /.test(l))) throw new Error('persistent storage was asked for before any tap');
  await app.tap('first_create');
  await app.waitFor(/^event created/, 60);
  for (let i = 0; !app.lines.some((l) => /^value storage_persisted [01]$/.test(l)); ++i) {
    if (i > 200) throw new Error('persistent storage was not asked for on the Create tap');
    await app.settle(50);
  }
  console.log('persistent storage asked on the Create tap: ' + app.lines.find((l) => /^value storage_persisted/.test(l)));
  const group = (await app.waitFor(/^test_recovery_group /)).split(' ')[1];
  await app.tap('recovery_group');
  await keys(app, group);
  await app.tap('recovery_confirm');
  await app.waitFor(/^screen home/);

  // Title: keys, then an IME composing Cyrillic, then edits with arrows and Backspace.
  await app.tap('home_new_entry');
  await app.waitFor(/^screen editor/);
  await app.tapField('editor_title', 'textarea');
  await keys(app, 'Warm kitchen');
  await expectText(app, 'editor_title', 'Warm kitchen');
  await compose(app, ['п', 'пр', 'при', 'прив'], ' привет');
  await expectText(app, 'editor_title', 'Warm kitchen привет');
  await press(app, 'Backspace', 2);          // "Warm kitchen прив"
  await press(app, 'ArrowLeft', 4);          // before "прив"
  await keys(app, 'X');
  await expectText(app, 'editor_title', 'Warm kitchen Xприв');

  // Body: one tap from the title opens its keyboard (the body says it is active), then keys,
  // Enter, inserted Hebrew and emoji, and select-all replaced by typing.
  await app.tap('editor_body');
  await app.expectKeyboard('textarea', 3);
  await keys(app, 'the light felt warm');
  await press(app, 'Enter');
  await app.cdp.send('Input.insertText', { text: 'שלום 🌅' });
  await expectText(app, 'editor_body', 'the light felt warm\nשלום 🌅');
  await app.shot('02-editor-typed');
  await app.page.keyboard.down('Control');
  await app.page.keyboard.press('KeyA');
  await app.page.keyboard.up('Control');
  await keys(app, 'kitchen light');
  await expectText(app, 'editor_body', 'kitchen light');
  await expectText(app, 'editor_title', 'Warm kitchen Xприв');  // untouched by the body's keys
  await app.tap('editor_save');
  await app.waitFor(/^event saved_entry/);
  await app.waitFor(/^event storage_flushed/);

  // Search: keys after a touch tap; the entry is found by a word of its body.
  await app.tapNav('nav_journal');
  await app.waitFor(/^screen journal/);
  await app.tapField('journal_search', 'textarea');
  await keys(app, 'light');
  await expectText(app, 'journal_search', 'light');
  const n = +(await app.waitFor(/^value journal_results \d+$/, 10)).split(' ')[2];
  if (n !== 1) throw new Error(`search for "light" found ${n} entries, expected 1`);
  await app.shot('03-search-typed');

  // Unlock after a reload, typing right after a mouse click.
  await app.reopen();
  await app.waitFor(/^screen unlock/, 60);
  await click(app, 'unlock_pass');
  await keys(app, t.PASS);
  await expectText(app, 'unlock_pass', t.PASS);
  await press(app, 'Enter');
  await app.waitFor(/^event unlocked/, 60);
  console.log('typing: every field holds exactly what was typed (keys, IME, inserted text)');
});
