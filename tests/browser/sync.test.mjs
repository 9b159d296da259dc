// Sync in the browser: two reps of one team in two browser contexts against a real roadbook-server with
// the demo organisation. Signing in uploads what was made before; a change travels to the other rep
// within 2 seconds (push, change event, pull); a rep offline keeps working and catches up when back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  center, clickTag, launchBrowser, loadDemo, openApp, scrollToTag, startServer, waitForNoTag, waitForTag,
} from './support.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function syncState(page) {
  return page.evaluate(() => window.roadbook.test.syncState());
}

async function waitForSynced(page, timeout = 5000) {
  await page.waitForFunction(() => {
    const state = window.roadbook.test.syncState();
    return state.userId !== '' && state.phase === 'idle' && state.pending === 0 && state.lastSyncedAt > 0;
  }, null, { timeout, polling: 50 });
}

async function signIn(page, user, { removeDemo = false } = {}) {
  await clickTag(page, 'nav.settings');
  await scrollToTag(page, 'sync.sign-in');
  const url = await waitForTag(page, 'sync.server-url');
  assert.equal(url.label, new URL(server.url).origin, 'the server defaults to the page origin');
  await clickTag(page, 'sync.email');
  await page.keyboard.type(user.email);
  await clickTag(page, 'sync.password');
  await page.keyboard.type(user.password);
  await clickTag(page, 'sync.sign-in');
  if (removeDemo) {
    await waitForTag(page, 'dialog.remove-demo');
    await clickTag(page, 'dialog.confirm');
  }
  await waitForSynced(page);
  await scrollToTag(page, 'sync.sign-out');
}

async function createDeal(page, name, amount) {
  await clickTag(page, 'nav.list');
  await clickTag(page, 'action.new-opportunity');
  await waitForTag(page, 'dialog.new-opportunity');
  await clickTag(page, 'opp.name');
  await page.keyboard.type(name);
  await clickTag(page, 'opp.amount');
  await page.keyboard.type(amount);
  await scrollToTag(page, 'opp.save');
  await clickTag(page, 'opp.save');
}

// Waits until `page` holds a deal called `name`; on timeout the error carries every page's sync state.
async function waitForDeal(page, name, timeout, pages) {
  try {
    await page.waitForFunction((wanted) => window.roadbook.test.query(
      `SELECT count(*) AS n FROM opportunities WHERE name = '${wanted}'`)[0].n === 1, name, { timeout, polling: 20 });
  } catch (error) {
    const states = await Promise.all(pages.map((each) => syncState(each)));
    throw new Error(`${error.message}\nsync states: ${JSON.stringify(states)}`);
  }
}

async function dealNamed(page, name) {
  const rows = await page.evaluate((wanted) => window.roadbook.test.query(
    `SELECT id, name, amount_minor FROM opportunities WHERE name = '${wanted}'`), name);
  return rows[0];
}

test('a deal made before signing in is uploaded, and a new one reaches the other rep within 2 seconds', async () => {
  const reps = server.demoUsers.filter((user) => user.role === 'rep');
  assert.equal(reps.length, 2);
  const contextA = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const contextB = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const pageA = await openApp(contextA, server.url);
  const pageB = await openApp(contextB, server.url);

  await createDeal(pageA, 'Made offline first', '1200');
  await waitForTag(pageA, 'sync.status');
  assert.equal((await waitForTag(pageA, 'sync.status')).label, 'On this device only');
  await signIn(pageA, reps[0]);
  await signIn(pageB, reps[1]);
  await waitForDeal(pageB, 'Made offline first', 5000, [pageA, pageB]);
  // The deal nobody owned became the signed-in rep's, on both devices.
  const repA = (await syncState(pageA)).userId;
  await pageB.waitForFunction(([owner]) => window.roadbook.test.query(
    "SELECT owner_id FROM opportunities WHERE name = 'Made offline first'")[0].owner_id === owner, [repA],
  { timeout: 5000 });

  await createDeal(pageA, 'Travels fast', '2500');
  const started = Date.now();
  await waitForDeal(pageB, 'Travels fast', 2000, [pageA, pageB]);
  const elapsed = Date.now() - started;
  assert.ok(elapsed <= 2000, `the change took ${elapsed} ms`);
  const deal = await dealNamed(pageB, 'Travels fast');
  assert.equal(deal.amount_minor, 250000);
  assert.match((await waitForTag(pageB, 'sync.status')).label, /^Synced at \d\d:\d\d$/);
  assert.deepEqual(pageA.roadbookErrors, []);
  assert.deepEqual(pageB.roadbookErrors, []);

  // Offline, the rep keeps working; back online, the change goes out without a click.
  await contextA.setOffline(true);
  await createDeal(pageA, 'Made on the train', '700');
  await pageA.waitForTimeout(300);
  assert.ok((await syncState(pageA)).pending > 0);
  await contextA.setOffline(false);
  await pageA.evaluate(() => window.dispatchEvent(new Event('online')));
  await waitForDeal(pageB, 'Made on the train', 5000, [pageA, pageB]);
  await contextA.close();
  await contextB.close();
});

// Opens the deal called `name` from the list (a double-click on its row); returns its id.
async function openDeal(page, name) {
  await clickTag(page, 'nav.list');
  const { id } = await dealNamed(page, name);
  // A pull or the connection banner can move the row between reading its place and the double-click
  // (what is tested here is sync, not the list): read the place again and retry then.
  for (let attempt = 1; ; attempt += 1) {
    const row = await waitForTag(page, `list.row.${id}`);
    const point = center(row);
    await page.mouse.move(point.x, point.y);
    await page.mouse.dblclick(point.x, point.y);
    try {
      await waitForTag(page, 'opp.title', { timeout: 2000 });
      return id;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

// Sets the amount of the deal called `name` in its detail and waits for the save.
async function editAmount(page, name, amount) {
  const id = await openDeal(page, name);
  await scrollToTag(page, 'opp.amount');
  await clickTag(page, 'opp.amount');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(amount);
  await scrollToTag(page, 'opp.save');
  await clickTag(page, 'opp.save');
  await page.waitForFunction(([wanted, minor]) => window.roadbook.test.query(
    `SELECT amount_minor FROM opportunities WHERE id = '${wanted}'`)[0].amount_minor === minor,
  [id, Math.round(Number(amount) * 100)]);
  return id;
}

// Waits for an item tagged `tag` with exactly `label`, drawn but perhaps scrolled out of view.
async function waitForLabel(page, tag, label) {
  await page.waitForFunction(([wanted, text]) => window.roadbook.test.items()
    .some((item) => item.tag === wanted && item.label === text), [tag, label], { timeout: 5000 });
}

async function amountOf(page, id) {
  const rows = await page.evaluate((wanted) => window.roadbook.test.query(
    `SELECT amount_minor FROM opportunities WHERE id = '${wanted}'`), id);
  return rows[0]?.amount_minor;
}

test('the same amount changed offline and online lands in the conflict inbox, and "keep theirs" wins everywhere',
  async () => {
    const reps = server.demoUsers.filter((user) => user.role === 'rep');
    const contextA = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const contextB = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const pageA = await openApp(contextA, server.url);
    const pageB = await openApp(contextB, server.url);
    await signIn(pageA, reps[0]);
    await signIn(pageB, reps[1]);
    await createDeal(pageA, 'Contested renewal', '1000');
    await waitForDeal(pageB, 'Contested renewal', 5000, [pageA, pageB]);

    // A goes into a basement; B lowers the amount and it reaches the server first.
    await contextA.setOffline(true);
    await pageA.evaluate(() => window.dispatchEvent(new Event('offline')));
    await pageA.waitForFunction(() => window.roadbook.test.items()
      .some((item) => item.tag === 'sync.status' && item.label.startsWith('Offline')));  // the layout has settled
    const id = await editAmount(pageB, 'Contested renewal', '2000');
    await waitForSynced(pageB);
    // A, offline and unaware, sets another amount later: the detail says it waits.
    await editAmount(pageA, 'Contested renewal', '3000');
    await waitForLabel(pageA, 'opp.sync-state', '1 change will sync when back online');

    await contextA.setOffline(false);
    await pageA.evaluate(() => window.dispatchEvent(new Event('online')));
    // A's later edit wins on the server, but it overwrote a value A never saw: the inbox asks. Both replicas
    // agree within 2 seconds of A's return.
    await pageA.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag === 'opp.sync-state'
      && item.label.startsWith('Conflict on Amount')), null, { timeout: 2000 });
    await pageB.waitForFunction((wanted) => window.roadbook.test.query(
      `SELECT amount_minor FROM opportunities WHERE id = '${wanted}'`)[0].amount_minor === 300000, id, { timeout: 2000 });

    await scrollToTag(pageA, 'opp.sync-resolve');
    await clickTag(pageA, 'opp.sync-resolve');
    await scrollToTag(pageA, 'conflict.keep-theirs');
    const row = await waitForTag(pageA, 'conflict.row');
    assert.match(row.label, /Contested renewal/);
    await clickTag(pageA, 'conflict.keep-theirs');
    await waitForNoTag(pageA, 'conflict.row');
    // Keeping B's value writes it again as A's newest change: it wins on every replica.
    await pageB.waitForFunction((wanted) => window.roadbook.test.query(
      `SELECT amount_minor FROM opportunities WHERE id = '${wanted}'`)[0].amount_minor === 200000, id, { timeout: 2000 });
    assert.equal(await amountOf(pageA, id), 200000);
    await waitForSynced(pageA);
    await openDeal(pageA, 'Contested renewal');
    await waitForLabel(pageA, 'opp.sync-state', 'In sync with Roadbook Demo');
    assert.deepEqual(pageA.roadbookErrors, []);
    assert.deepEqual(pageB.roadbookErrors, []);
    await contextA.close();
    await contextB.close();
  });

test('signing in over the demo data asks first, removes it and never uploads it', async () => {
  const reps = server.demoUsers.filter((user) => user.role === 'rep');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, server.url);
  await loadDemo(page, 200);
  const query = (sql) => page.evaluate((text) => window.roadbook.test.query(text), sql);
  assert.equal((await query('SELECT count(*) AS n FROM opportunities'))[0].n, 200);

  // Cancelling keeps everything as it was.
  await clickTag(page, 'nav.settings');
  await scrollToTag(page, 'sync.sign-in');
  await clickTag(page, 'sync.email');
  await page.keyboard.type(reps[0].email);
  await clickTag(page, 'sync.password');
  await page.keyboard.type(reps[0].password);
  await clickTag(page, 'sync.sign-in');
  await waitForTag(page, 'dialog.remove-demo');
  await clickTag(page, 'dialog.cancel');
  await waitForNoTag(page, 'dialog.remove-demo');
  assert.equal((await syncState(page)).userId, '');
  assert.equal((await query('SELECT count(*) AS n FROM opportunities'))[0].n, 200);

  await clickTag(page, 'sync.sign-in');
  await waitForTag(page, 'dialog.remove-demo');
  await clickTag(page, 'dialog.confirm');
  await waitForSynced(page);
  // Only the team's deals from the earlier tests are here, and the organisation's people, not the demo's.
  const names = (await query('SELECT name FROM opportunities ORDER BY name')).map((row) => row.name);
  assert.ok(names.includes('Contested renewal'), names.join(', '));
  assert.ok(names.length < 10, `${names.length} deals after the sign-in`);
  assert.equal((await query('SELECT count(*) AS n FROM users'))[0].n, server.demoUsers.length + 1);  // with the admin
  assert.equal((await query("SELECT count(*) AS n FROM change_log WHERE clock LIKE '%:demo'"))[0].n, 0);
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});
