// Undo from the toast: a card dragged to another column goes back (a new stage change in the log, not a
// rollback), a won deal returns to the board, and the offer expires after a few seconds.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  center, clickTag, dragMouse, loadDemo, openApp, query, tagged, useServerAndBrowser, waitForNoTag, waitForTag,
} from './support.mjs';

const environment = useServerAndBrowser();

async function openBoard() {
  const context = await environment.newContext({ viewport: { width: 1600, height: 900 } });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 1000);
  await clickTag(page, 'nav.board');
  await waitForTag(page, 'board.pipeline');
  return { context, page };
}

async function columns(page) {
  const found = await tagged(page, 'board.column.', { visibleOnly: false });
  return found.sort((left, right) => left.x - right.x).map((item) => ({ stage: item.tag.slice('board.column.'.length), item }));
}

async function firstCardIn(page, column) {
  const cards = (await tagged(page, 'board.card.'))
    .filter((card) => card.x >= column.item.x && card.x + card.w <= column.item.x + column.item.w + 1)
    .sort((left, right) => left.y - right.y);
  assert.ok(cards.length > 0, `column ${column.stage} shows cards`);
  return { id: cards[0].tag.slice('board.card.'.length), item: cards[0] };
}

async function stageOf(page, id) {
  return (await query(page, `SELECT stage_id FROM opportunities WHERE id = '${id}'`))[0].stage_id;
}

test('undo restores a moved card to its column, as a new change in the log', async () => {
  const { context, page } = await openBoard();
  const [first, second] = await columns(page);
  const card = await firstCardIn(page, first);
  await dragMouse(page, center(card.item), { x: second.item.x + second.item.w / 2, y: second.item.y + 140 });
  await page.waitForFunction(async ([id, stage]) => (await window.roadbook.test
    .query(`SELECT stage_id FROM opportunities WHERE id = '${id}'`))[0].stage_id === stage, [card.id, second.stage]);
  const toast = await waitForTag(page, 'toast');
  assert.match(toast.label, /^Moved to /);
  await clickTag(page, 'toast.undo');
  await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag === 'toast' && item.label === 'Undone'));
  assert.equal(await stageOf(page, card.id), first.stage);
  const log = await query(page, `SELECT old_value, new_value FROM change_log WHERE entity_id = '${card.id}'
      AND field = 'stage_id' ORDER BY sequence DESC LIMIT 2`);
  assert.deepEqual(log, [{ old_value: second.stage, new_value: first.stage },
    { old_value: first.stage, new_value: second.stage }]);
  // The card is drawn in its first column again.
  const back = await waitForTag(page, `board.card.${card.id}`);
  assert.ok(back.x >= first.item.x && back.x < first.item.x + first.item.w, 'the card is back in the first column');
  await waitForNoTag(page, 'toast.undo');
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('undo brings a won deal back to the board; the offer expires after about six seconds', async () => {
  const { context, page } = await openBoard();
  const shown = await columns(page);
  for (const column of shown.slice(1)) await clickTag(page, `board.collapse.${column.stage}`);
  await page.waitForTimeout(100);
  const card = await firstCardIn(page, (await columns(page))[0]);
  await dragMouse(page, center(card.item), center(await waitForTag(page, 'board.drop.won')));
  await clickTag(page, 'won.confirm');
  await waitForNoTag(page, `board.card.${card.id}`);
  assert.deepEqual(await query(page, `SELECT status FROM opportunities WHERE id = '${card.id}'`), [{ status: 'won' }]);
  await clickTag(page, 'toast.undo');
  await waitForTag(page, `board.card.${card.id}`);
  const [row] = await query(page, `SELECT status, stage_id, closed_date FROM opportunities WHERE id = '${card.id}'`);
  assert.deepEqual(row, { status: 'open', stage_id: shown[0].stage, closed_date: null });

  // A second move's offer disappears by itself.
  const again = await waitForTag(page, `board.card.${card.id}`);
  const target = await waitForTag(page, 'board.drop.won');
  await dragMouse(page, center(again), center(target));
  await clickTag(page, 'won.confirm');
  await waitForTag(page, 'toast.undo');
  // Offered for six seconds (a loaded machine draws late, so the bounds leave room on both sides).
  await page.waitForTimeout(3000);
  assert.ok((await tagged(page, 'toast.undo')).length === 1, 'still offered after 3 s');
  await waitForNoTag(page, 'toast.undo', { timeout: 9000 });
  await context.close();
});
