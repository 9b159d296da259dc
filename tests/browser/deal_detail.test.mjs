// The deal detail end to end: opened from the list (double-click) and the board (a click), fields edited
// with inline validation naming the field and the rule, the stage path, the probability override and its
// reset, logging a call followed by the next-step prompt, and outcomes (postpone, reopen, and a postponed
// deal waking on its date under the test clock).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  center, clickTag, loadDemo, openApp, query, tagged, useServerAndBrowser, waitForNoTag, waitForTag,
} from './support.mjs';

const environment = useServerAndBrowser();

async function waitForLabel(page, tag, label) {
  await page.waitForFunction(([wanted, text]) => window.roadbook.test.items()
    .some((item) => item.tag === wanted && item.label === text), [tag, label]);
}

// Opens the first deal of the list by double-clicking its row; returns its id.
async function openFirstDeal(viewport = { width: 1440, height: 900 }) {
  const context = await environment.newContext({ viewport });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 300);
  await clickTag(page, 'nav.list');
  await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag.startsWith('list.row.')));
  const [row] = (await tagged(page, 'list.row.')).sort((left, right) => left.y - right.y);
  const point = center(row);
  await page.mouse.move(point.x, point.y);
  await page.mouse.dblclick(point.x, point.y);
  const id = row.tag.slice('list.row.'.length);
  await waitForLabel(page, 'opp.title', row.label);
  return { context, page, id };
}

async function replaceText(page, tag, text) {
  await clickTag(page, tag);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
}

test('editing a deal shows each broken rule under its field and saves nothing until it is fixed', async () => {
  const { context, page, id } = await openFirstDeal();
  const [before] = await query(page, `SELECT name, amount_minor, expected_close_date FROM opportunities WHERE id = '${id}'`);
  await replaceText(page, 'opp.name', '');
  await replaceText(page, 'opp.amount', '12.345');
  await replaceText(page, 'opp.close-date', '2027-02-30');
  await clickTag(page, 'opp.save');
  await waitForLabel(page, 'error.name', 'Name is required.');
  const amount = await waitForTag(page, 'error.amount');
  assert.match(amount.label, /decimals/);
  const date = await waitForTag(page, 'error.expected_close_date');
  assert.match(date.label, /2027-02-30/);
  assert.deepEqual(await query(page, `SELECT name, amount_minor, expected_close_date FROM opportunities WHERE id = '${id}'`),
    [before]);

  await replaceText(page, 'opp.name', 'Renewal for Müller');
  await replaceText(page, 'opp.amount', '12,345.50');
  await replaceText(page, 'opp.close-date', '2027-03-31');
  await clickTag(page, 'opp.save');
  await waitForLabel(page, 'toast', 'Changes saved');
  await waitForNoTag(page, 'error.name');
  const [after] = await query(page, `SELECT name, amount_minor, expected_close_date FROM opportunities WHERE id = '${id}'`);
  assert.deepEqual(after, { name: 'Renewal for Müller', amount_minor: 1234550, expected_close_date: '2027-03-31' });
  const log = await query(page, `SELECT field, new_value FROM change_log WHERE entity_id = '${id}'
      AND field IN ('name', 'amount_minor', 'expected_close_date') ORDER BY sequence DESC LIMIT 3`);
  assert.deepEqual(log.map((row) => row.field).sort(), ['amount_minor', 'expected_close_date', 'name']);
  // The history (further down the page) shows the change, newest first.
  await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag === 'opp.history.0'
    && item.label.includes('→')));
  await waitForLabel(page, 'opp.title', 'Renewal for Müller');
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('the stage path moves the deal; the probability override shows its badge and resets', async () => {
  const { context, page, id } = await openFirstDeal();
  const [deal] = await query(page, `SELECT pipeline_id, stage_id FROM opportunities WHERE id = '${id}'`);
  const [target] = await query(page, `SELECT id, name FROM stages WHERE pipeline_id = '${deal.pipeline_id}'
      AND is_won = 0 AND is_lost = 0 AND id != '${deal.stage_id}' ORDER BY position DESC LIMIT 1`);
  await clickTag(page, `opp.stage.${target.id}`);
  await waitForLabel(page, 'toast', `Moved to ${target.name}`);
  assert.deepEqual(await query(page, `SELECT stage_id FROM opportunities WHERE id = '${id}'`), [{ stage_id: target.id }]);

  await clickTag(page, 'opp.probability');
  await page.keyboard.type('150');
  await clickTag(page, 'opp.probability-set');
  const range = await waitForTag(page, 'error.probability');
  assert.match(range.label, /100/);
  await replaceText(page, 'opp.probability', '65');
  await clickTag(page, 'opp.probability-set');
  await waitForTag(page, 'opp.probability-overridden');
  await waitForLabel(page, 'opp.probability-value', '65%');
  assert.deepEqual(await query(page, `SELECT probability_override AS p FROM opportunities WHERE id = '${id}'`), [{ p: 65 }]);
  await clickTag(page, 'opp.probability-reset');
  await waitForNoTag(page, 'opp.probability-overridden');
  assert.deepEqual(await query(page, `SELECT probability_override AS p FROM opportunities WHERE id = '${id}'`), [{ p: null }]);
  await context.close();
});

test('logging a call from the detail asks for the next step and records both', async () => {
  const { context, page, id } = await openFirstDeal();
  await clickTag(page, 'opp.log-activity');
  await waitForTag(page, 'dialog.log-activity');
  await clickTag(page, 'log.next');
  await waitForLabel(page, 'error.subject', 'Subject is required.');
  await clickTag(page, 'log.kind.call');
  await clickTag(page, 'log.subject');
  await page.keyboard.type('Call with the buyer');
  await clickTag(page, 'log.outcome');
  await page.keyboard.type('Wants a pilot');
  await clickTag(page, 'log.next');
  await waitForTag(page, 'dialog.next-step');
  await waitForNoTag(page, 'dialog.log-activity');
  const outcome = await waitForTag(page, 'next-step.outcome');
  assert.ok(outcome);
  await clickTag(page, 'next-step.kind.meeting');
  await replaceText(page, 'next-step.subject', 'Pilot kickoff');
  const quick = (await tagged(page, 'next-step.due.'))[0];
  const due = quick.tag.slice('next-step.due.'.length);
  await clickTag(page, quick.tag);
  await clickTag(page, 'next-step.save');
  await waitForNoTag(page, 'dialog.next-step');
  const activities = await query(page, `SELECT kind, subject, state, outcome, due_date FROM activities
      WHERE opportunity_id = '${id}' AND subject IN ('Call with the buyer', 'Pilot kickoff') ORDER BY subject`);
  assert.equal(activities.length, 2);
  assert.deepEqual({ ...activities[0], due_date: undefined },
    { kind: 'call', subject: 'Call with the buyer', state: 'done', outcome: 'Wants a pilot', due_date: undefined });
  assert.deepEqual(activities[1], { kind: 'meeting', subject: 'Pilot kickoff', state: 'scheduled', outcome: '', due_date: due });
  // Both show in the timeline.
  await page.waitForTimeout(100);
  const timeline = (await tagged(page, 'opp.activity.', { visibleOnly: false })).map((item) => item.label);
  assert.ok(timeline.includes('Call with the buyer') && timeline.includes('Pilot kickoff'), timeline.join(', '));
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('postpone needs a future date and a reason; reopen brings the deal back', async () => {
  const { context, page, id } = await openFirstDeal();
  await clickTag(page, 'opp.postpone');
  await waitForTag(page, 'dialog.postpone');
  await clickTag(page, 'postpone.confirm');
  await waitForTag(page, 'error.postponed_reason');
  await clickTag(page, 'postpone.reason');
  await page.keyboard.type('Budget frozen');
  await clickTag(page, 'postpone.confirm');
  await waitForNoTag(page, 'dialog.postpone');
  const [postponed] = await query(page, `SELECT status, postponed_reason FROM opportunities WHERE id = '${id}'`);
  assert.deepEqual(postponed, { status: 'postponed', postponed_reason: 'Budget frozen' });
  const status = await waitForTag(page, 'opp.status');
  assert.match(status.label, /^Postponed until .*: Budget frozen$/);
  await clickTag(page, 'opp.reopen');
  await waitForLabel(page, 'opp.status', 'Open');
  assert.deepEqual(await query(page, `SELECT status FROM opportunities WHERE id = '${id}'`), [{ status: 'open' }]);
  await clickTag(page, 'opp.back');
  await waitForTag(page, 'list.filter');
  await context.close();
});

test('a click on a board card opens its deal', async () => {
  const context = await environment.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 300);
  await clickTag(page, 'nav.board');
  await waitForTag(page, 'board.pipeline');
  const [card] = await tagged(page, 'board.card.');
  await clickTag(page, card.tag);
  await waitForLabel(page, 'opp.title', card.label);
  await clickTag(page, 'opp.back');
  await waitForTag(page, 'board.pipeline');
  await context.close();
});

test('a postponed deal leaves the board and comes back on its date (test clock)', async () => {
  const context = await environment.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
  const page = await openApp(context, environment.server.url);
  await page.evaluate(() => window.roadbook.test.setClock('2026-11-27T09:00:00Z'));
  await clickTag(page, 'action.new-opportunity');
  await clickTag(page, 'opp.name');
  await page.keyboard.type('Pilot for Vlatava Bau');
  await clickTag(page, 'opp.amount');
  await page.keyboard.type('9,000');
  await clickTag(page, 'opp.save');
  await waitForNoTag(page, 'dialog.new-opportunity');
  const [{ id }] = await query(page, 'SELECT id FROM opportunities');
  await clickTag(page, 'nav.board');
  await clickTag(page, `board.card.${id}`);
  await waitForLabel(page, 'opp.title', 'Pilot for Vlatava Bau');
  await clickTag(page, 'opp.postpone');
  const dialog = await waitForTag(page, 'dialog.postpone');
  const nextWeek = await waitForTag(page, 'postpone.until.2026-12-04');
  assert.ok(nextWeek.x + nextWeek.w <= dialog.x + dialog.w, 'the quick dates wrap inside the dialog');
  await clickTag(page, 'postpone.reason');
  await page.keyboard.type('Waiting for the new budget');
  await clickTag(page, 'postpone.confirm');
  await waitForNoTag(page, 'dialog.postpone');
  const [postponed] = await query(page, `SELECT status, postponed_until FROM opportunities WHERE id = '${id}'`);
  assert.deepEqual(postponed, { status: 'postponed', postponed_until: '2026-12-04' });  // "next week" by default

  // The board shows nothing while the deal sleeps, and Today does not offer it back yet.
  await clickTag(page, 'nav.board');
  await waitForTag(page, 'board.pipeline');
  assert.equal((await tagged(page, 'board.card.', { visibleOnly: false })).length, 0, 'no card while postponed');
  await clickTag(page, 'nav.today');
  await waitForTag(page, 'today.empty');
  assert.equal((await tagged(page, 'today.wak')).length, 0, 'not back before its date');

  // A week later Today offers it back; bringing it back returns it to its stage with a follow-up task.
  await page.evaluate(() => window.roadbook.test.setClock('2026-12-04T08:00:00Z'));
  await waitForTag(page, `today.waking.${id}`);
  await clickTag(page, 'today.wake');
  await page.waitForFunction((deal) => window.roadbook.test.query(
    `SELECT status FROM opportunities WHERE id = '${deal}'`)[0].status === 'open', id);
  const [task] = await query(page, `SELECT count(*) AS n FROM activities
    WHERE opportunity_id = '${id}' AND due_date = '2026-12-04' AND state = 'scheduled'`);
  assert.equal(task.n, 1, 'a follow-up task due the day it came back');
  await clickTag(page, 'nav.board');
  await waitForTag(page, `board.card.${id}`);
  await context.close();
});

test('a click made right after a dialog closes reaches what it was aimed at', async () => {
  const context = await environment.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 300);
  await clickTag(page, 'nav.board');
  const [card] = await tagged(page, 'board.card.');
  await clickTag(page, card.tag);
  await waitForLabel(page, 'opp.title', card.label);
  await clickTag(page, 'opp.postpone');
  await clickTag(page, 'postpone.reason');
  await page.keyboard.type('Budget frozen');
  const confirm = center(await waitForTag(page, 'postpone.confirm'));
  const board = center(await waitForTag(page, 'nav.board'));
  // Both clicks in one task, so no animation frame runs between them: the second lands in the first frames
  // after the dialog closed, which used to find the closed modal still blocking the window behind it.
  await page.evaluate(([first, second]) => {
    const canvas = document.getElementById('canvas');
    const send = (type, point) => canvas.dispatchEvent(new PointerEvent(type, {
      clientX: point.x, clientY: point.y, button: 0, buttons: type === 'pointerdown' ? 1 : 0, pointerId: 1,
      pointerType: 'mouse', isPrimary: true, bubbles: true, cancelable: true,
    }));
    for (const point of [first, second]) {
      send('pointermove', point);
      send('pointerdown', point);
      send('pointerup', point);
    }
  }, [confirm, board]);
  await waitForTag(page, 'board.pipeline');
  assert.equal((await query(page, `SELECT status FROM opportunities WHERE id = '${card.tag.slice('board.card.'.length)}'`))[0].status,
    'postponed');
  await context.close();
});
