// The page locks when it is hidden for longer than the auto-lock delay (visibilitychange),
// and not when it is hidden for less. The test site shortens the delay to DELAY seconds
// (?test-autolock-seconds=N). The page is hidden for real: a second tab is brought to the
// front (document.visibilityState is checked from the page). A saved entry and an unsaved
// draft survive the lock, even its last keys typed while a slow storage flush was waiting; a
// quick note captured on the lock screen is there after unlocking.
//   node visibility_lock.mjs SITE ARTIFACTS
import * as t from './lib.mjs';

const [site, art] = process.argv.slice(2);
const DELAY = 8;  // seconds; long enough for the test's own steps between two inputs
const DRAFT_BODY = 'words not saved yet';
const VIEW_CORNER = { x: 300, y: 120 };  // below the top bar, beside the entry's kind: no widget

t.run(site, art, async ({ app, url, browser }) => {
  const visibility = () => app.page.evaluate(() => document.visibilityState);
  // Hides the app's page for `seconds` behind another tab, then brings it back.
  let other = null;
  const hide = async (seconds) => {
    if (!other) { other = await browser.newPage(); await other.goto('about:blank'); }
    await other.bringToFront();
    await app.waitFor(/^value page_hidden 1$/, 10);
    const state = await visibility();
    if (state !== 'hidden') throw new Error(`behind another tab the page is '${state}', not hidden`);
    const t0 = Date.now();
    await app.settle(seconds * 1000);
    await app.page.bringToFront();
    await app.waitFor(/^value page_hidden 0$/, 10);
    const back = await visibility();
    if (back !== 'visible') throw new Error(`brought to the front the page is '${back}'`);
    return (Date.now() - t0) / 1000;
  };
  const since = (re) => app.lines.slice(app.mark).filter((l) => re.test(l));
  // Keeps a read-write transaction on the app's IndexedDB store busy for `ms` (resolves once
  // it holds it): the app's flush waits behind it. { done }: how long it was held.
  const holdStorage = async (ms) => {
    const done = app.page.evaluate((ms) => new Promise((resolve, reject) => {
      const req = indexedDB.open('afterglow-storage');
      req.onerror = () => reject(new Error('could not open the app\'s IndexedDB'));
      req.onsuccess = () => {
        const store = req.result.transaction('chunks', 'readwrite').objectStore('chunks');
        const t0 = performance.now();
        window.agHeld = true;
        const again = () => {
          if (performance.now() - t0 >= ms) { req.result.close(); resolve(performance.now() - t0); return; }
          store.count().onsuccess = again;
        };
        again();
      };
    }), ms);
    await app.page.waitForFunction(() => window.agHeld === true, { timeout: 10000 });
    return { done };
  };

  await app.goto(url + `?test-hooks=1&insecure-test-kdf=1&test-autolock-seconds=${DELAY}`);
  await t.createVault(app);

  // A saved entry.
  await t.saveNewEntry(app, 'editor_title', 'Saved before hiding ' + t.CANARY);
  await app.shot('05-saved');

  // Hidden for less than the delay: still unlocked when it comes back. (A finger on the page
  // first: the idle time is then the time hidden, however long the flush and screenshot took.)
  await app.tapAt(VIEW_CORNER.x, VIEW_CORNER.y);
  await app.settle(300);
  const start = app.lines.length;
  const short = await hide(DELAY / 3);
  await app.settle(1000);
  const locks = app.lines.slice(start).filter((l) => /^event (auto_)?locked|^screen unlock/.test(l));
  if (locks.length) throw new Error(`hidden ${short.toFixed(1)} s (< ${DELAY} s) and it locked: ${locks.join(', ')}`);
  console.log(`hidden ${short.toFixed(1)} s (delay ${DELAY} s): still unlocked`);

  // An unsaved draft (the autosave runs 1.5 s after the last key): hide at once.
  await app.tapNav('nav_home');
  await app.waitFor(/^screen home/);
  await app.tap('home_new_entry');
  await app.waitFor(/^screen editor/);
  await app.tapField('editor_title', 'textarea');
  const typed = app.lines.length;
  await app.type('Draft left open ' + t.CANARY);
  await app.tapField('editor_body', 'textarea');
  // The rest of the body is typed while a storage flush is slow (the browser's IndexedDB is
  // held by another transaction); frames go on and apply them, and the page is hidden with
  // that flush still waiting: hiding must keep them in the draft (any keys still in the shim's
  // queue are applied by unseen frames).
  const [first, rest] = [DRAFT_BODY.slice(0, 5), DRAFT_BODY.slice(5)];
  const held = await holdStorage(8000);  // before the keys: the autosave comes 1.5 s after them
  app.mark = app.lines.length;
  await app.type(first);
  await app.waitFor(/^event draft_saved/, 10);  // the autosave; its flush now waits
  const flushing = app.mark;
  await app.type(rest);
  if (app.lines.slice(flushing).some((l) => l === 'event storage_flushed'))
    throw new Error('the flush was not held: the test would not show the keys typed meanwhile');
  const before = app.lines.length;
  const long = await hide(DELAY + 4);
  console.log(`storage held for ${(await held.done / 1000).toFixed(1)} s from the autosave; the body's last ${rest.length} characters were typed meanwhile`);
  // While hidden (before the page said it is back): the draft saved, then the lock.
  const away = app.lines.slice(before);
  const back = away.indexOf('value page_hidden 0');
  const locked = away.indexOf('event auto_locked');
  const early = app.lines.slice(typed, before).filter((l) => /^event (saved_entry|draft_saved)/.test(l));
  console.log(`hidden ${long.toFixed(1)} s with the draft open (saved before hiding: ${early.length ? early.join(', ') : 'no'}); ` +
              `while hidden: ${away.slice(0, Math.max(back, 0)).filter((l) => /^event /.test(l)).join(', ')}`);
  if (locked < 0) throw new Error(`hidden ${long.toFixed(1)} s (> ${DELAY} s) and it did not lock:\n  ` + away.join('\n  '));
  if (locked > back) console.log('(it locked on return, not while hidden: the hidden page\'s timer ran late)');
  await app.waitFor(/^screen unlock/, 10);
  await app.shot('06-locked-on-return');

  // Quick capture on the lock screen.
  await app.tap('note_title');
  await app.type('Captured while locked ' + t.CANARY);
  await app.tap('note_body');
  await app.type('a few words after the session');
  await app.shot('07-capture');
  await app.tap('note_save');
  await app.waitFor(/^event captured/);
  await app.waitFor(/^event storage_flushed/);

  await app.tap('unlock_pass');  // still the lock screen (t.unlock waits for it to appear)
  await app.type(t.PASS);
  await app.tap('unlock_button');
  await app.waitFor(/^event unlocked/, 60);
  await app.waitFor(/^screen home/);
  await app.shot('08-unlocked');
  // The app keeps the open draft as an encrypted draft: "New entry" brings it back whole.
  await app.tap('home_new_entry');
  await app.waitFor(/^screen editor/);
  await app.shot('09-draft-back');
  // editor_chars is printed when it changes: an empty editor would print 0 here.
  const chars = app.lines.filter((l) => /^value editor_chars /.test(l)).pop();
  if (chars !== `value editor_chars ${DRAFT_BODY.length}`) throw new Error(`the draft did not come back: ${chars}`);
  await app.tap('editor_save');
  await app.waitFor(/^event saved_entry/);
  const n = await t.search(app, t.CANARY);
  await app.shot('10-search');
  if (n !== 3) throw new Error(`after the lock the journal has ${n} entries with the canary, not 3 (saved, draft, capture)`);
  console.log('after unlocking: the saved entry, the draft (back in the editor, then saved) and the capture are all there');
  if (since(/^pageerror /).length) throw new Error('page errors: ' + since(/^pageerror /).join('; '));
});
