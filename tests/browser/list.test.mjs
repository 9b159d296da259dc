// The deal list end to end: rows from paged queries (scrolling far down shows the right deals), sorting by
// a column header, the text filter, selection with click, Shift+click and Ctrl+click, select all, and bulk
// owner, stage and lost changes written with their change log, each offered for undo.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  center, clickTag, loadDemo, openApp, query, tagged, useServerAndBrowser, waitForNoTag, waitForTag,
} from './support.mjs';

const environment = useServerAndBrowser();

async function openList(count = 1000, viewport = { width: 1600, height: 900 }) {
  const context = await environment.newContext({ viewport });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, count);
  await clickTag(page, 'nav.list');
  await waitForTag(page, 'list.filter');
  await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag.startsWith('list.row.')));
  return { context, page };
}

// The visible rows top to bottom: [{id, item}].
async function rows(page) {
  const found = await tagged(page, 'list.row.');
  return found.sort((left, right) => left.y - right.y).map((item) => ({ id: item.tag.slice('list.row.'.length), item }));
}

async function clickWith(page, modifier, item) {
  const point = center(item);
  await page.keyboard.down(modifier);
  await page.mouse.click(point.x, point.y);
  await page.keyboard.up(modifier);
}

async function waitForLabel(page, tag, label) {
  await page.waitForFunction(([wanted, text]) => window.roadbook.test.items()
    .some((item) => item.tag === wanted && item.label === text), [tag, label]);
}

// The open deals in the list's default order (expected close date, then id), as the store sorts them.
const OPEN_BY_CLOSE_DATE = "SELECT id, name FROM opportunities WHERE status = 'open' ORDER BY expected_close_date, id";

test('the list shows the open deals in close-date order and scrolling far down shows the right rows', async () => {
  const { context, page } = await openList();
  const open = await query(page, OPEN_BY_CLOSE_DATE);
  assert.deepEqual((await rows(page)).slice(0, 5).map((row) => row.id), open.slice(0, 5).map((row) => row.id));
  // Every deal, so there are many pages of them.
  await clickTag(page, 'list.status');
  await clickTag(page, 'list.status.all');
  await waitForLabel(page, 'list.status', 'All deals');
  const expected = await query(page, 'SELECT id, name FROM opportunities ORDER BY expected_close_date, id');
  await page.waitForFunction((id) => window.roadbook.test.items().some((item) => item.tag === `list.row.${id}`),
    expected[0].id);
  const shown = await rows(page);
  assert.ok(shown.length >= 10, 'a screenful of rows');
  assert.deepEqual(shown.slice(0, 5).map((row) => row.id), expected.slice(0, 5).map((row) => row.id));
  assert.equal(shown[0].item.label, expected[0].name);
  // Far past the first window of loaded rows: the rows come from another page of the query.
  const table = center(shown[3].item);
  await page.mouse.move(table.x, table.y);
  for (let step = 0; step < 100; step += 1) {
    await page.mouse.wheel(0, 800);
    await page.waitForTimeout(10);
  }
  await page.waitForTimeout(200);
  const [first] = await rows(page);
  const position = expected.findIndex((row) => row.id === first.id);
  assert.ok(position > 300, `scrolled to row ${position}`);
  const later = (await rows(page)).slice(0, 5).map((row) => row.id);
  assert.deepEqual(later, expected.slice(position, position + 5).map((row) => row.id));
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('a column header sorts and the filter narrows the rows', async () => {
  const { context, page } = await openList();
  await clickTag(page, 'list.sort.name');
  const [byName] = await query(page, "SELECT id FROM opportunities WHERE status = 'open' ORDER BY name COLLATE NOCASE, id LIMIT 1");
  await page.waitForFunction((id) => {
    const listed = window.roadbook.test.items().filter((item) => item.tag.startsWith('list.row.') && item.visible);
    listed.sort((left, right) => left.y - right.y);
    return listed.length > 0 && listed[0].tag === `list.row.${id}`;
  }, byName.id);
  const [account] = await query(page, `SELECT a.name FROM accounts a JOIN opportunities o ON o.account_id = a.id
      WHERE o.status = 'open' GROUP BY a.id ORDER BY count(*) LIMIT 1`);
  await clickTag(page, 'list.filter');
  await page.keyboard.type(account.name);
  const matching = await query(page, `SELECT o.id FROM opportunities o JOIN accounts a ON a.id = o.account_id
      WHERE o.status = 'open' AND a.name = '${account.name.replaceAll("'", "''")}' ORDER BY o.name COLLATE NOCASE, o.id`);
  await page.waitForFunction((count) => window.roadbook.test.items()
    .filter((item) => item.tag.startsWith('list.row.')).length === count, matching.length);
  assert.deepEqual((await rows(page)).map((row) => row.id), matching.map((row) => row.id));
  await context.close();
});

test('bulk change the owner of three rows selected with click and Shift+click, then undo', async () => {
  const { context, page } = await openList();
  const shown = await rows(page);
  await clickTag(page, `list.row.${shown[0].id}`);
  await clickWith(page, 'Shift', shown[2].item);
  await waitForLabel(page, 'list.selection', '3 selected');
  const ids = shown.slice(0, 3).map((row) => row.id);
  const before = await query(page, `SELECT id, owner_id FROM opportunities WHERE id IN ('${ids.join("','")}') ORDER BY id`);
  const [owner] = await query(page, `SELECT id, name FROM users WHERE active = 1 AND id NOT IN
      (SELECT coalesce(owner_id, '') FROM opportunities WHERE id IN ('${ids.join("','")}')) ORDER BY name LIMIT 1`);
  await clickTag(page, 'list.bulk-owner');
  await clickTag(page, `list.bulk-owner.${owner.id}`);
  await waitForLabel(page, 'toast', `3 deals now owned by ${owner.name}`);
  const after = await query(page, `SELECT owner_id FROM opportunities WHERE id IN ('${ids.join("','")}')`);
  assert.deepEqual(after, ids.map(() => ({ owner_id: owner.id })));
  const log = await query(page, `SELECT count(*) AS n FROM change_log WHERE field = 'owner_id' AND new_value = '${owner.id}'
      AND entity_id IN ('${ids.join("','")}')`);
  assert.deepEqual(log, [{ n: 3 }]);
  // Undo puts every owner back, as a new change in the log.
  await clickTag(page, 'toast.undo');
  await waitForLabel(page, 'toast', 'Undone');
  const restored = await query(page, `SELECT id, owner_id FROM opportunities WHERE id IN ('${ids.join("','")}') ORDER BY id`);
  assert.deepEqual(restored, before);
  const undoLog = await query(page, `SELECT count(*) AS n FROM change_log WHERE field = 'owner_id'
      AND old_value = '${owner.id}' AND entity_id IN ('${ids.join("','")}')`);
  assert.deepEqual(undoLog, [{ n: 3 }]);
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('Ctrl+click toggles rows, select all takes every listed deal, and bulk stage and lost apply to the selection', async () => {
  const { context, page } = await openList(300);
  // Rows of the first pipeline, whose stages head the bulk stage menu.
  const [pipeline] = await query(page, 'SELECT id FROM pipelines ORDER BY position LIMIT 1');
  const inPipeline = new Set((await query(page, `SELECT id FROM opportunities WHERE pipeline_id = '${pipeline.id}'`))
    .map((row) => row.id));
  const shown = (await rows(page)).filter((row) => inPipeline.has(row.id));
  assert.ok(shown.length >= 3, 'three rows of the first pipeline on screen');
  await clickTag(page, `list.row.${shown[0].id}`);
  await clickWith(page, 'Control', shown[1].item);
  await clickWith(page, 'Control', shown[2].item);
  await waitForLabel(page, 'list.selection', '3 selected');
  await clickWith(page, 'Control', shown[1].item);
  await waitForLabel(page, 'list.selection', '2 selected');
  const chosen = [shown[0].id, shown[2].id];
  const [stage] = await query(page, `SELECT s.id, p.name || ' · ' || s.name AS label FROM stages s
      JOIN pipelines p ON p.id = s.pipeline_id WHERE p.id = '${pipeline.id}' AND s.is_won = 0 AND s.is_lost = 0
      ORDER BY s.position DESC LIMIT 1`);
  await clickTag(page, 'list.bulk-stage');
  await clickTag(page, `list.bulk-stage.${stage.id}`);
  await waitForLabel(page, 'toast', `2 deals moved to ${stage.label}`);
  const moved = await query(page, `SELECT stage_id FROM opportunities WHERE id IN ('${chosen.join("','")}')`);
  assert.deepEqual(moved, chosen.map(() => ({ stage_id: stage.id })));

  // Lost asks for a reason for all of them.
  await clickTag(page, 'list.bulk-lost');
  await waitForTag(page, 'dialog.lost');
  await clickTag(page, 'lost.confirm');
  assert.equal((await waitForTag(page, 'error.lost_reason_id')).label, 'Choose why the deal was lost.');
  const [reason] = await query(page, 'SELECT id FROM lost_reasons WHERE active = 1 ORDER BY position LIMIT 1');
  await clickTag(page, `lost.reason.${reason.id}`);
  await clickTag(page, 'lost.confirm');
  await waitForNoTag(page, 'dialog.lost');
  const lost = await query(page, `SELECT status, lost_reason_id FROM opportunities WHERE id IN ('${chosen.join("','")}')`);
  assert.deepEqual(lost, chosen.map(() => ({ status: 'lost', lost_reason_id: reason.id })));
  // They left the open list.
  await waitForNoTag(page, `list.row.${chosen[0]}`);

  // Select all, then clear.
  await clickTag(page, 'list.select-all');
  const [{ n: open }] = await query(page, "SELECT count(*) AS n FROM opportunities WHERE status = 'open'");
  await waitForLabel(page, 'list.selection', `${open} selected`);
  await clickTag(page, 'list.clear-selection');
  await waitForNoTag(page, 'list.selection');
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('on a phone the list is cards with checkboxes that select', async () => {
  const { context, page } = await openList(200, { width: 390, height: 844 });
  const shown = await rows(page);
  assert.ok(shown.length >= 3);
  assert.ok(shown[0].item.w > 300, 'a card spans the screen');
  await clickTag(page, `list.select.${shown[0].id}`);
  await clickTag(page, `list.select.${shown[1].id}`);
  await waitForLabel(page, 'list.selection', '2 selected');
  await context.close();
});
