// Two tabs of one browser profile (a home-screen icon and a browser tab) never overwrite each
// other's entries: one holds the journal (Web Locks); the other says so and takes it over on a
// tap, after the first has locked and flushed. Entries are saved in turn A, B, A, B, each tab
// taking the journal from the other; then a fresh start finds all 4 (before the fix: 3).
//   node two_tabs.mjs SITE ARTIFACTS
import * as t from './lib.mjs';

// Taps the notice's button (HTML, over the canvas) with a finger.
async function takeOver(app) {
  await app.waitFor(/^event tab_lock_busy/, 60);
  await app.page.waitForSelector('#notice-button', { visible: true });
  await app.shot('busy-' + app.lines.length);
  await app.page.tap('#notice-button');
}

// `to` (showing "moved to another tab") takes the journal back from `from`, then saves an entry.
async function handOver(from, to, title) {
  await to.page.bringToFront();
  await to.page.waitForSelector('#notice-button', { visible: true });
  to.mark = to.lines.length;
  await to.page.tap('#notice-button');
  await takeOver(to);
  await from.waitFor(/^event tab_released/, 30);
  await to.waitFor(/^event tab_lock_held/, 30);
  await t.unlock(to);
  await t.saveNewEntry(to, 'editor_title', title);
}

const [site, art] = process.argv.slice(2);
t.run(site, art, async ({ app: a, url, browser }) => {
  const start = url + '?test-hooks=1&insecure-test-kdf=1';
  await a.goto(start);
  await a.waitFor(/^event tab_lock_held/, 30);
  await t.createVault(a);
  await t.saveNewEntry(a, 'editor_title', 'Entry one from tab A');

  const b = await t.AppPage.open(browser, art + '/b');
  await b.goto(start);
  await takeOver(b);
  await a.waitFor(/^event tab_released/, 30);
  await b.waitFor(/^event tab_lock_held/, 30);
  await t.unlock(b);
  await t.saveNewEntry(b, 'editor_title', 'Entry two from tab B');

  // A's "Use it here" reloads it; B holds the journal, so A asks for it; and back again.
  await handOver(b, a, 'Entry three from tab A');
  await handOver(a, b, 'Entry four from tab B');
  const inB = await t.search(b, 'Entry');
  if (inB !== 4) throw new Error(`tab B finds ${inB} of 4 entries`);
  b.checkGestures();
  await b.page.close();
  // A fresh start (a page opened after both): all four are there.
  await a.page.bringToFront();
  a.mark = a.lines.length;
  await a.page.tap('#notice-button');   // "Use it here": B is gone, the lock is free
  await a.waitFor(/^event tab_lock_held/, 30);
  await t.unlock(a);
  const n = await t.search(a, 'Entry');
  await a.shot('all-four');
  console.log(`two tabs: ${n} of 4 entries saved in turn by two tabs are there`);
  if (n !== 4) throw new Error(`a fresh start finds ${n} of 4 entries`);
});
