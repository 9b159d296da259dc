// The forecast: a column per month from overdue to five months ahead with totals per category and a chart;
// dragging a deal to the next month moves its expected close date (and Undo moves it back); phones reach
// it from the bottom navigation.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  center, clickTag, dragMouse, loadDemo, openApp, query, tagged, useServerAndBrowser, waitForNoTag, waitForTag,
} from './support.mjs';

const environment = useServerAndBrowser();

function monthKey(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

test('dragging a deal to the next month re-dates it, the totals follow, and Undo puts it back', async () => {
  const context = await environment.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 400);
  await clickTag(page, 'nav.forecast');
  await waitForTag(page, 'forecast.chart');
  const bars = await tagged(page, 'forecast.bar.');
  assert.equal(bars.length, 7, 'overdue, this month and five more');
  const columns = (await tagged(page, 'forecast.column.')).map((item) => item.tag.slice('forecast.column.'.length));
  assert.equal(columns[0], 'overdue');
  const now = new Date();
  assert.equal(columns[1], monthKey(now));

  // The first month with a deal card, and the month after it.
  let from;
  let card;
  for (const key of columns.slice(1, -1)) {
    const column = await waitForTag(page, `forecast.column.${key}`);
    card = (await tagged(page, 'forecast.card.')).find((item) => item.y > column.y && item.x >= column.x
      && item.x + item.w <= column.x + column.w + 1);
    if (card) { from = key; break; }
  }
  assert.ok(card, 'some month has a deal card');
  const to = columns[columns.indexOf(from) + 1];
  const id = card.tag.slice('forecast.card.'.length);
  const [before] = await query(page, `SELECT expected_close_date AS date FROM opportunities WHERE id = '${id}'`);
  assert.equal(before.date.slice(0, 7), from);
  const pipelineBefore = (await waitForTag(page, `forecast.total.${to}.pipeline`)).label;

  const target = await waitForTag(page, `forecast.column.${to}`);
  await dragMouse(page, center(card), { x: target.x + target.w / 2, y: target.y + target.h / 2 });
  await page.waitForFunction(([deal, month]) => window.roadbook.test.query(
    `SELECT expected_close_date AS date FROM opportunities WHERE id = '${deal}'`)[0].date.slice(0, 7) === month, [id, to]);
  const [after] = await query(page, `SELECT expected_close_date AS date FROM opportunities WHERE id = '${id}'`);
  assert.equal(Number(after.date.slice(8)) <= Number(before.date.slice(8)), true, 'the same day, or the month end');
  await page.waitForFunction(([tag, old]) => window.roadbook.test.items()
    .some((item) => item.tag === tag && item.label !== old), [`forecast.total.${to}.pipeline`, pipelineBefore]);
  const toast = await waitForTag(page, 'toast');
  assert.match(toast.label, /now closes in /);
  // Screen readers hear it too, through the page's live region.
  assert.match(await page.textContent('#status'), /now closes in /);

  await clickTag(page, 'toast.undo');
  await page.waitForFunction(([deal, date]) => window.roadbook.test.query(
    `SELECT expected_close_date AS date FROM opportunities WHERE id = '${deal}'`)[0].date === date, [id, before.date]);
  await waitForNoTag(page, 'toast.undo');
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('a click on a forecast card opens the deal, and phones reach the forecast from the bottom bar', async () => {
  const context = await environment.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 200);
  const nav = await waitForTag(page, 'nav.forecast');
  assert.ok(nav.y > 844 - 120, 'the forecast is in the bottom navigation');
  await page.touchscreen.tap(center(nav).x, center(nav).y);
  await waitForTag(page, 'forecast.chart');
  const [card] = await tagged(page, 'forecast.card.');
  assert.ok(card, 'a card is visible on the phone');
  await page.touchscreen.tap(center(card).x, center(card).y);
  const title = await waitForTag(page, 'opp.title');
  assert.equal(title.label, card.label);
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});
