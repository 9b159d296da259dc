// The board under a finger on a phone: a quick swipe scrolls the columns sideways and moves nothing; a
// finger that rests on a card first picks it up and drops it on another column.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { center, clickTag, loadDemo, openApp, query, tagged, useServerAndBrowser, waitForTag } from './support.mjs';

const environment = useServerAndBrowser();

async function openPhoneBoard() {
  const context = await environment.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 1000);
  await clickTag(page, 'nav.board');
  await waitForTag(page, 'board.pipeline');
  return { context, page, cdp: await context.newCDPSession(page) };
}

async function columns(page) {
  return (await tagged(page, 'board.column.', { visibleOnly: false })).sort((left, right) => left.x - right.x);
}

async function touch(cdp, type, point) {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: point ? [point] : [] });
}

test('a quick swipe scrolls the board sideways and moves no card', async () => {
  const { context, page, cdp } = await openPhoneBoard();
  const before = await columns(page);
  const stages = await query(page, "SELECT count(*) AS n FROM change_log WHERE field = 'stage_id'");
  const start = { x: 300, y: 520 };
  await touch(cdp, 'touchStart', start);
  for (let step = 1; step <= 8; step += 1) {
    await touch(cdp, 'touchMove', { x: start.x - step * 30, y: start.y });
    await page.waitForTimeout(20);
  }
  await touch(cdp, 'touchEnd');
  await page.waitForTimeout(150);
  const after = await columns(page);
  assert.ok(after[0].x < before[0].x - 150, `the columns moved left (${before[0].x} -> ${after[0].x})`);
  assert.deepEqual(await query(page, "SELECT count(*) AS n FROM change_log WHERE field = 'stage_id'"), stages);
  await context.close();
});

test('resting a finger on a card picks it up; dropping it on the next column moves the deal', async () => {
  const { context, page, cdp } = await openPhoneBoard();
  const [first] = await columns(page);
  const card = (await tagged(page, 'board.card.')).sort((left, right) => left.y - right.y)[0];
  const id = card.tag.slice('board.card.'.length);
  const from = center(card);
  await touch(cdp, 'touchStart', from);
  await page.waitForTimeout(500);
  // Carried to the right edge, the board scrolls the next column in; the finger then lets go over it.
  for (let step = 1; step <= 6; step += 1) {
    await touch(cdp, 'touchMove', { x: from.x + step * 28, y: from.y + 4 });
    await page.waitForTimeout(40);
  }
  await page.waitForTimeout(600);
  await touch(cdp, 'touchMove', { x: from.x + 170, y: from.y + 6 });
  await page.waitForTimeout(100);
  await touch(cdp, 'touchEnd');
  await page.waitForTimeout(200);
  const [moved] = await query(page, `SELECT stage_id FROM opportunities WHERE id = '${id}'`);
  assert.notEqual(moved.stage_id, first.tag.slice('board.column.'.length), 'the deal left its first stage');
  const log = await query(page, `SELECT count(*) AS n FROM change_log WHERE entity_id = '${id}' AND field = 'stage_id'
      AND new_value = '${moved.stage_id}'`);
  assert.ok(log[0].n >= 1);
  await context.close();
});

test('an upward swipe scrolls the column under the finger, not the board', async () => {
  const { context, page, cdp } = await openPhoneBoard();
  const [first] = await columns(page);
  const top = (await tagged(page, 'board.card.')).sort((left, right) => left.y - right.y)[0];
  const start = { x: 200, y: 640 };
  await touch(cdp, 'touchStart', start);
  for (let step = 1; step <= 8; step += 1) {
    await touch(cdp, 'touchMove', { x: start.x + 2, y: start.y - step * 40 });
    await page.waitForTimeout(20);
  }
  await touch(cdp, 'touchEnd');
  await page.waitForTimeout(150);
  const [after] = await columns(page);
  assert.equal(after.x, first.x, 'the board did not scroll sideways');
  const moved = (await tagged(page, 'board.card.', { visibleOnly: false })).find((item) => item.tag === top.tag);
  assert.ok(!moved || moved.y < top.y - 200, 'the first card scrolled up');
  await context.close();
});
