// The pipeline board end to end: navigation, columns from the demo data, dragging a card to another stage
// (stage and change log in SQLite), Lost asking for a reason, Won asking to confirm, collapsing columns,
// and the text filter.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  center, clickTag, dragMouse, loadDemo, openApp, query, tagged, useServerAndBrowser, waitForNoTag,
  waitForTag,
} from './support.mjs';

const environment = useServerAndBrowser();

async function openBoard(viewport = { width: 1600, height: 900 }) {
  const context = await environment.newContext({ viewport });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 1000);
  await clickTag(page, 'nav.board');
  await waitForTag(page, 'board.pipeline');
  return { context, page };
}

// The board's columns left to right: [{stage, item}].
async function columns(page) {
  const found = await tagged(page, 'board.column.', { visibleOnly: false });
  return found.sort((left, right) => left.x - right.x).map((item) => ({ stage: item.tag.slice('board.column.'.length), item }));
}

// A visible card inside `column`'s rectangle.
async function firstCardIn(page, column) {
  const cards = await tagged(page, 'board.card.');
  const inside = cards.filter((card) => card.x >= column.item.x && card.x + card.w <= column.item.x + column.item.w + 1);
  assert.ok(inside.length > 0, `column ${column.stage} shows cards`);
  inside.sort((left, right) => left.y - right.y);
  return { id: inside[0].tag.slice('board.card.'.length), item: inside[0] };
}

test('the board shows a column per open stage of the first pipeline, with the demo deals', async () => {
  const { context, page } = await openBoard();
  const shown = await columns(page);
  const stages = await query(page, `SELECT s.id FROM stages s JOIN pipelines p ON p.id = s.pipeline_id
      WHERE p.position = (SELECT min(position) FROM pipelines) AND s.is_won = 0 AND s.is_lost = 0 ORDER BY s.position`);
  assert.deepEqual(shown.map((column) => column.stage), stages.map((row) => row.id));
  const card = await firstCardIn(page, shown[0]);
  const [row] = await query(page, `SELECT name, stage_id, status FROM opportunities WHERE id = '${card.id}'`);
  assert.equal(card.item.label, row.name);
  assert.equal(row.stage_id, shown[0].stage);
  assert.equal(row.status, 'open');
  const targets = (await tagged(page, 'board.drop.', { visibleOnly: false })).map((item) => item.tag);
  assert.deepEqual(targets.sort(), ['board.drop.lost', 'board.drop.won']);
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('dragging a card onto the next column moves its stage and writes the change log', async () => {
  const { context, page } = await openBoard();
  const [first, second] = await columns(page);
  const card = await firstCardIn(page, first);
  await dragMouse(page, center(card.item), { x: second.item.x + second.item.w / 2, y: second.item.y + 140 });
  await page.waitForFunction(([id, stage]) => window.roadbook.test
    .query(`SELECT stage_id FROM opportunities WHERE id = '${id}'`)[0].stage_id === stage, [card.id, second.stage]);
  const [moved] = await query(page, `SELECT stage_id, status FROM opportunities WHERE id = '${card.id}'`);
  assert.deepEqual(moved, { stage_id: second.stage, status: 'open' });
  const log = await query(page, `SELECT old_value, new_value, actor FROM change_log
      WHERE entity_id = '${card.id}' AND field = 'stage_id' ORDER BY sequence DESC LIMIT 1`);
  assert.deepEqual(log, [{ old_value: first.stage, new_value: second.stage, actor: 'local' }]);
  // The frame after the drop already shows the card in its new column, with a confirmation.
  const toast = await waitForTag(page, 'toast');
  assert.match(toast.label, /^Moved to /);
  const after = await waitForTag(page, `board.card.${card.id}`);
  assert.ok(after.x >= second.item.x && after.x < second.item.x + second.item.w, 'the card sits in the second column');
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('dropping on Lost asks for a reason from the admin list and records it', async () => {
  const { context, page } = await openBoard({ width: 1280, height: 800 });
  const shown = await columns(page);
  // Folding the other columns away brings the outcome targets into view.
  for (const column of shown.slice(1)) await clickTag(page, `board.collapse.${column.stage}`);
  await page.waitForTimeout(100);
  const folded = await columns(page);
  assert.ok(folded[1].item.w < 80, 'a folded column is a narrow strip');
  const card = await firstCardIn(page, folded[0]);
  const lostTarget = await waitForTag(page, 'board.drop.lost');
  await dragMouse(page, center(card.item), center(lostTarget));
  await waitForTag(page, 'dialog.lost');
  await clickTag(page, 'lost.confirm');
  const error = await waitForTag(page, 'error.lost_reason_id');
  assert.equal(error.label, 'Choose why the deal was lost.');
  assert.deepEqual(await query(page, `SELECT status FROM opportunities WHERE id = '${card.id}'`), [{ status: 'open' }]);
  const [reason] = await query(page, 'SELECT id, label FROM lost_reasons WHERE active = 1 ORDER BY position LIMIT 1');
  const choice = await waitForTag(page, `lost.reason.${reason.id}`);
  assert.equal(choice.label, reason.label);
  await clickTag(page, `lost.reason.${reason.id}`);
  await clickTag(page, 'lost.note');
  await page.keyboard.type('Went with the incumbent');
  await clickTag(page, 'lost.confirm');
  await waitForNoTag(page, 'dialog.lost');
  const [lost] = await query(page, `SELECT status, lost_reason_id, lost_note FROM opportunities WHERE id = '${card.id}'`);
  assert.deepEqual(lost, { status: 'lost', lost_reason_id: reason.id, lost_note: 'Went with the incumbent' });
  const log = await query(page, `SELECT new_value FROM change_log WHERE entity_id = '${card.id}' AND field = 'status'
      ORDER BY sequence DESC LIMIT 1`);
  assert.deepEqual(log, [{ new_value: 'lost' }]);
  await waitForNoTag(page, `board.card.${card.id}`);
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('dropping on Won asks to confirm; cancelling changes nothing', async () => {
  const { context, page } = await openBoard({ width: 1280, height: 800 });
  const shown = await columns(page);
  for (const column of shown.slice(1)) await clickTag(page, `board.collapse.${column.stage}`);
  await page.waitForTimeout(100);
  const card = await firstCardIn(page, (await columns(page))[0]);
  await dragMouse(page, center(card.item), center(await waitForTag(page, 'board.drop.won')));
  await waitForTag(page, 'dialog.won');
  await clickTag(page, 'won.cancel');
  await waitForNoTag(page, 'dialog.won');
  assert.deepEqual(await query(page, `SELECT status FROM opportunities WHERE id = '${card.id}'`), [{ status: 'open' }]);
  await dragMouse(page, center(await waitForTag(page, `board.card.${card.id}`)),
    center(await waitForTag(page, 'board.drop.won')));
  await clickTag(page, 'won.confirm');
  await waitForNoTag(page, 'dialog.won');
  const [won] = await query(page, `SELECT o.status, s.is_won FROM opportunities o JOIN stages s ON s.id = o.stage_id
      WHERE o.id = '${card.id}'`);
  assert.deepEqual(won, { status: 'won', is_won: 1 });
  await context.close();
});

test('the text filter narrows the board to matching deals and accounts', async () => {
  const context = await environment.newContext({ viewport: { width: 1600, height: 900 } });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 1000);
  // A deal with a name and an account nothing in the demo shares.
  await clickTag(page, 'action.new-opportunity');
  await clickTag(page, 'opp.name');
  await page.keyboard.type('Zebrafish pilot');
  await clickTag(page, 'opp.account');
  await page.keyboard.type('Quokka Öl GmbH');
  await clickTag(page, 'opp.amount');
  await page.keyboard.type('5000');
  await clickTag(page, 'opp.save');
  await waitForNoTag(page, 'dialog.new-opportunity');
  const [created] = await query(page, "SELECT id FROM opportunities WHERE name = 'Zebrafish pilot'");
  await clickTag(page, 'nav.board');
  const before = await tagged(page, 'board.card.');
  assert.ok(before.length > 5, 'the unfiltered board shows many cards');
  for (const [typed, expected] of [['zebra', created.id], ['quokka ol', created.id]]) {
    await clickTag(page, 'board.filter.text');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(typed);
    await page.waitForFunction(() => window.roadbook.test.items()
      .filter((item) => item.tag.startsWith('board.card.')).length === 1);
    const after = await tagged(page, 'board.card.');
    assert.deepEqual(after.map((item) => item.tag), [`board.card.${expected}`], `filter "${typed}"`);
  }
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => window.roadbook.test.items().filter((item) => item.tag.startsWith('board.card.')).length > 5);
  await context.close();
});

test('filtering by owner shows only that owner\'s cards', async () => {
  const { context, page } = await openBoard();
  await clickTag(page, 'board.filter.owner');
  const [owner] = await query(page, `SELECT u.id, u.name FROM users u WHERE EXISTS (SELECT 1 FROM opportunities o
      WHERE o.owner_id = u.id AND o.status = 'open') ORDER BY u.name LIMIT 1`);
  await clickTag(page, `board.filter.owner.${owner.id}`);
  await page.waitForFunction((name) => window.roadbook.test.items().some((item) => item.tag === 'board.filter.owner' &&
    item.label === name), owner.name);
  await page.waitForTimeout(100);
  const cards = await tagged(page, 'board.card.');
  assert.ok(cards.length > 0);
  const ids = cards.map((card) => `'${card.tag.slice('board.card.'.length)}'`).join(',');
  const owners = await query(page, `SELECT DISTINCT owner_id FROM opportunities WHERE id IN (${ids})`);
  assert.deepEqual(owners, [{ owner_id: owner.id }]);
  await context.close();
});

test('loadDemo refuses a database that already holds opportunities', async () => {
  const context = await environment.newContext();
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 50);
  await assert.rejects(page.evaluate(() => window.roadbook.test.loadDemo(50)), /only into an empty database/);
  assert.deepEqual(await query(page, 'SELECT count(*) AS n FROM opportunities'), [{ n: 50 }]);
  await context.close();
});
