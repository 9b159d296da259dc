// Global search end to end: "/" and Ctrl+K open it on desktop, the search button on phones; results come
// as you type across deals, accounts and contacts with diacritics folded ("mull" finds "Müller"); arrows
// and Enter open a result, Escape closes.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  clickTag, loadDemo, openApp, query, tagged, useServerAndBrowser, waitForNoTag, waitForTag,
} from './support.mjs';

const environment = useServerAndBrowser();

async function waitForLabel(page, tag, label) {
  await page.waitForFunction(([wanted, text]) => window.roadbook.test.items()
    .some((item) => item.tag === wanted && item.label === text), [tag, label]);
}

// A deal "Fleet for Müller" on the account "Müller Fahrzeugbau", typed into the New opportunity dialog.
async function createMullerDeal(page) {
  await clickTag(page, 'action.new-opportunity');
  await clickTag(page, 'opp.name');
  await page.keyboard.type('Fleet for Müller');
  await clickTag(page, 'opp.account');
  await page.keyboard.type('Müller Fahrzeugbau');
  await clickTag(page, 'opp.save');
  await waitForNoTag(page, 'dialog.new-opportunity');
  const [deal] = await query(page, `SELECT o.id, o.account_id FROM opportunities o WHERE o.name = 'Fleet for Müller'`);
  return deal;
}

async function results(page) {
  const found = await tagged(page, 'search.result.');
  return found.sort((left, right) => left.y - right.y);
}

test('typing "mull" after "/" finds Müller; arrows and Enter open the deal', async () => {
  const context = await environment.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 300);
  const deal = await createMullerDeal(page);
  await page.keyboard.press('/');
  await waitForTag(page, 'dialog.search');
  await page.keyboard.type('mull');
  await page.waitForFunction((id) => window.roadbook.test.items()
    .some((item) => item.tag === `search.result.opportunity.${id}`), deal.id);
  const found = await results(page);
  const account = found.find((item) => item.tag === `search.result.account.${deal.account_id}`);
  assert.ok(account, 'the account is a result');
  assert.equal(account.label, 'Müller Fahrzeugbau');
  for (const item of found) assert.match(item.label.normalize('NFD').replace(/\p{M}/gu, ''), /mull/i);
  const position = found.findIndex((item) => item.tag === `search.result.opportunity.${deal.id}`);
  for (let step = 0; step < position; step += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await waitForNoTag(page, 'dialog.search');
  await waitForLabel(page, 'opp.title', 'Fleet for Müller');
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('Ctrl+K opens the search, Escape closes it, and nothing found says so', async () => {
  const context = await environment.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 100);
  await clickTag(page, 'nav.list');
  await page.keyboard.press('Control+k');
  await waitForTag(page, 'dialog.search');
  await page.keyboard.type('zzqx');
  await waitForTag(page, 'search.empty');
  await page.keyboard.press('Escape');
  await waitForNoTag(page, 'dialog.search');
  // "/" typed into a text field is text, not the shortcut.
  await clickTag(page, 'list.filter');
  await page.keyboard.type('a/b');
  await page.waitForTimeout(150);
  assert.equal((await tagged(page, 'dialog.search', { visibleOnly: false })).length, 0);
  await context.close();
});

test('on a phone the search button opens it and a tapped account lists its deals', async () => {
  const context = await environment.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 100);
  const deal = await createMullerDeal(page);
  await clickTag(page, 'nav.list');
  await clickTag(page, 'action.search');
  const box = await waitForTag(page, 'dialog.search');
  assert.ok(box.w >= 389, 'the search fills the phone screen');
  await clickTag(page, 'search.input');
  await page.keyboard.type('müller fahr');
  const account = await waitForTag(page, `search.result.account.${deal.account_id}`);
  await page.touchscreen.tap(account.x + account.w / 2, account.y + account.h / 2);
  await waitForNoTag(page, 'dialog.search');
  await waitForTag(page, `list.row.${deal.id}`);
  const rows = await tagged(page, 'list.row.');
  assert.deepEqual(rows.map((row) => row.tag), [`list.row.${deal.id}`]);
  await context.close();
});
