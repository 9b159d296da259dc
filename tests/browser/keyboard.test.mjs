// The workspace from the keyboard alone: number keys switch screens, N starts a deal whose fields are
// reached with Tab (typing letters and digits into them triggers nothing), "/" finds the deal and Enter
// opens it, L logs an activity, and Escape closes the dialog and then leaves the deal. Settings lists the
// shortcuts.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  loadDemo, openApp, query, scrollToTag, tagged, useServerAndBrowser, waitForNoTag, waitForTag,
} from './support.mjs';

const environment = useServerAndBrowser();

async function waitForPrefix(page, prefix) {
  await page.waitForFunction((wanted) => window.roadbook.test.items().some((item) => item.tag.startsWith(wanted) && item.visible),
    prefix, { timeout: 5000, polling: 16 });
}

test('number keys switch screens and Settings lists the shortcuts', async () => {
  const context = await environment.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 300);
  const screens = [['2', 'board.pipeline'], ['5', 'forecast.card.'], ['4', 'leads.row.'], ['1', 'today.'],
    ['3', 'list.row.'], ['6', 'settings.download-backup']];
  for (const [key, prefix] of screens) {
    await page.keyboard.press(key);
    await waitForPrefix(page, prefix);
  }
  await scrollToTag(page, 'settings.shortcut.6');
  const shortcuts = await tagged(page, 'settings.shortcut.');
  assert.ok(shortcuts.some((item) => item.label.startsWith('N: New opportunity')), shortcuts.map((item) => item.label).join(' | '));
  await context.close();
});

test('a deal made, found, logged against and left with the keyboard alone', async () => {
  const context = await environment.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await openApp(context, environment.server.url);
  await page.keyboard.press('n');
  await waitForTag(page, 'dialog.new-opportunity');
  // The name has the keyboard as the dialog opens; Tab moves on to the account.
  await page.keyboard.type('Keyboard renewal 2');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Tabbed Account GmbH');
  await page.keyboard.press('Enter');
  await waitForNoTag(page, 'dialog.new-opportunity');
  const deals = await query(page, `SELECT o.id, o.name, a.name AS account FROM opportunities o
    LEFT JOIN accounts a ON a.id = o.account_id`);
  assert.equal(deals.length, 1, 'one deal: the letters and digits typed into fields opened nothing else');
  assert.deepEqual({ name: deals[0].name, account: deals[0].account }, { name: 'Keyboard renewal 2', account: 'Tabbed Account GmbH' });

  await page.keyboard.press('/');
  await waitForTag(page, 'dialog.search');
  await page.keyboard.type('Keyboard renewal');
  await waitForTag(page, `search.result.opportunity.${deals[0].id}`);
  await page.keyboard.press('Enter');
  await waitForTag(page, 'opp.title');

  await page.keyboard.press('l');
  await waitForTag(page, 'dialog.log-activity');
  await page.keyboard.type('Called from the keyboard');
  await page.keyboard.press('Escape');
  await waitForNoTag(page, 'dialog.log-activity');
  assert.equal((await query(page, 'SELECT count(*) AS n FROM activities'))[0].n, 0, 'Escape logs nothing');
  await waitForTag(page, 'opp.title');  // the first Escape only closed the dialog
  await page.keyboard.press('Escape');
  await waitForNoTag(page, 'opp.title');
  await waitForTag(page, 'list.filter');
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});
