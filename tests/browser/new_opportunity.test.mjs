// The first real screen end to end in headless Chromium: create an opportunity by clicking and typing,
// see it listed and stored exactly, and see validation name the field.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clickTag, items, openApp, query, useServerAndBrowser, waitForNoTag, waitForTag } from './support.mjs';

const NAME = 'Café Müller – Ørsted Åse Łódź Ελλάδα';
const environment = useServerAndBrowser();

test('the app reports ready and draws its tagged widgets', async () => {
  const context = await environment.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, environment.server.url);
  assert.ok(await page.evaluate(() => window.roadbook.test.frame()) >= 2);
  const tags = (await items(page)).map((item) => item.tag);
  assert.ok(tags.includes('action.new-opportunity'), `tags drawn: ${tags.join(', ')}`);
  assert.ok(tags.includes('nav.list'));
  const newButton = (await items(page)).find((item) => item.tag === 'action.new-opportunity');
  assert.equal(newButton.label.trim().endsWith('New opportunity'), true);
  assert.equal(newButton.visible, true);
  assert.deepEqual(await query(page, 'SELECT count(*) AS n FROM opportunities'), [{ n: 0 }]);
  assert.deepEqual(page.roadbookErrors, []);
  // The background shader from shaders/ compiled and linked (the app says so when it falls back).
  assert.equal(page.roadbookConsole.filter((text) => text.includes('background')).length, 0,
    page.roadbookConsole.join('\n'));
  await context.close();
});

test('a new opportunity with a non-ASCII name is created by clicking and typing, listed and stored exactly', async () => {
  const context = await environment.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, environment.server.url);
  await clickTag(page, 'action.new-opportunity');
  await waitForTag(page, 'dialog.new-opportunity');
  await clickTag(page, 'opp.name');
  await page.keyboard.type(NAME);
  await clickTag(page, 'opp.account');
  await page.keyboard.type('Müller GmbH');
  await clickTag(page, 'opp.amount');
  await page.keyboard.type('12,500.50');
  await clickTag(page, 'opp.close-date');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2027-03-31');
  await clickTag(page, 'opp.save');
  await waitForNoTag(page, 'dialog.new-opportunity');

  const rows = await query(page, `SELECT o.id, o.name, a.name AS account, o.amount_minor, o.currency_code,
      o.expected_close_date, o.status FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id`);
  assert.equal(rows.length, 1);
  assert.deepEqual({ ...rows[0], id: undefined }, {
    id: undefined, name: NAME, account: 'Müller GmbH', amount_minor: 1250050, currency_code: 'EUR',
    expected_close_date: '2027-03-31', status: 'open',
  });
  assert.match(rows[0].id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const listed = await waitForTag(page, `list.row.${rows[0].id}`);
  assert.equal(listed.label, NAME);
  const history = await query(page, `SELECT count(*) AS n FROM change_log WHERE entity_id = '${rows[0].id}'`);
  assert.ok(history[0].n >= 5, 'every field of the new opportunity is in the change log');
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('saving without a name shows the error under the name field and writes nothing', async () => {
  const context = await environment.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, environment.server.url);
  await clickTag(page, 'action.new-opportunity');
  await clickTag(page, 'opp.amount');
  await page.keyboard.type('-5');
  await clickTag(page, 'opp.save');
  const nameError = await waitForTag(page, 'error.name');
  assert.equal(nameError.label, 'Name is required.');
  const amountError = await waitForTag(page, 'error.amount');
  assert.equal(amountError.label, 'Amount cannot be negative.');
  const nameField = (await items(page)).find((item) => item.tag === 'opp.name');
  assert.ok(nameError.y > nameField.y, 'the message sits under its field');
  assert.deepEqual(await query(page, 'SELECT count(*) AS n FROM opportunities'), [{ n: 0 }]);
  // The dialog stays open with what was typed, so nothing is lost; fixing the name saves it.
  await clickTag(page, 'opp.name');
  await page.keyboard.type('Pilot');
  await clickTag(page, 'opp.amount');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('5');
  await clickTag(page, 'opp.save');
  await waitForNoTag(page, 'dialog.new-opportunity');
  assert.deepEqual(await query(page, 'SELECT name, amount_minor FROM opportunities'), [{ name: 'Pilot', amount_minor: 500 }]);
  await context.close();
});

test('query() refuses statements that would change data', async () => {
  const context = await environment.newContext();
  const page = await openApp(context, environment.server.url);
  await assert.rejects(query(page, 'DELETE FROM opportunities'), /read-only/);
  await context.close();
});
