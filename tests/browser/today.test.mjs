// Today end to end: the agenda from the demo data, completing an activity through the next-step prompt
// (scheduling the next one, or "no next step" with a reason), the designed empty state, and the phone
// layout with its bottom navigation.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  clickTag, loadDemo, openApp, query, tagged, useServerAndBrowser, waitForNoTag, waitForTag,
} from './support.mjs';

const environment = useServerAndBrowser();

async function openToday(viewport = { width: 1280, height: 900 }) {
  const context = await environment.newContext({ viewport });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 1000);
  await clickTag(page, 'nav.today');
  await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag.startsWith('today.complete.')));
  return { context, page };
}

// The visible agenda's activities that are on an open deal, with whether the deal has another scheduled
// activity due today or later (then "no next step" needs no reason).
async function visibleAgenda(page) {
  const buttons = await tagged(page, 'today.complete.');
  const ids = buttons.map((item) => `'${item.tag.slice('today.complete.'.length)}'`).join(',');
  return query(page, `SELECT x.id, x.opportunity_id, x.due_date,
      EXISTS (SELECT 1 FROM activities y WHERE y.opportunity_id = x.opportunity_id AND y.id != x.id
              AND y.state = 'scheduled' AND y.due_date >= date('now', 'localtime')) AS has_upcoming
      FROM activities x JOIN opportunities o ON o.id = x.opportunity_id
      WHERE x.id IN (${ids}) AND o.status = 'open' ORDER BY x.due_date, x.id`);
}

function localIsoDate(offsetDays) {
  const date = new Date();
  date.setDate(date.getDate() + offsetDays);
  const pad = (number) => String(number).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

test('Today lists overdue and due activities, and deals needing attention with their reasons', async () => {
  const { context, page } = await openToday();
  const dueCount = await query(page, `SELECT count(*) AS n FROM activities WHERE state = 'scheduled'
      AND due_date <= date('now', 'localtime')`);
  assert.ok(dueCount[0].n > 0, 'the demo has activities due');
  const rows = await tagged(page, 'today.activity.');
  assert.ok(rows.length > 0);
  const deals = await tagged(page, 'today.deal.');
  assert.ok(deals.length > 0, 'deals needing attention are listed');
  const [first] = await query(page, `SELECT name FROM opportunities WHERE id = '${deals.sort((a, b) => a.y - b.y)[0]
    .tag.slice('today.deal.'.length)}'`);
  assert.equal(deals[0].label, first.name);
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('completing an activity and scheduling the next step', async () => {
  const { context, page } = await openToday();
  const [activity] = await visibleAgenda(page);
  assert.ok(activity, 'an agenda activity on an open deal is visible');
  await clickTag(page, `today.complete.${activity.id}`);
  await waitForTag(page, 'dialog.next-step');
  await clickTag(page, 'next-step.outcome');
  await page.keyboard.type('Agreed on a pilot');
  await clickTag(page, 'next-step.schedule');
  await clickTag(page, 'next-step.kind.meeting');
  await clickTag(page, 'next-step.subject');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Pilot kick-off');
  const nextWeek = localIsoDate(7);
  await clickTag(page, `next-step.due.${nextWeek}`);
  await clickTag(page, 'next-step.save');
  await waitForNoTag(page, 'dialog.next-step');
  const [done] = await query(page, `SELECT state, outcome FROM activities WHERE id = '${activity.id}'`);
  assert.deepEqual(done, { state: 'done', outcome: 'Agreed on a pilot' });
  const next = await query(page, `SELECT kind, due_date, state FROM activities WHERE opportunity_id = '${activity.opportunity_id}'
      AND subject = 'Pilot kick-off'`);
  assert.deepEqual(next, [{ kind: 'meeting', due_date: nextWeek, state: 'scheduled' }]);
  await waitForNoTag(page, `today.complete.${activity.id}`);
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('completing with "no next step" requires a reason and keeps it on the deal', async () => {
  const { context, page } = await openToday();
  const agenda = await visibleAgenda(page);
  const activity = agenda.find((row) => !row.has_upcoming);
  assert.ok(activity, 'a visible activity whose deal has nothing else scheduled');
  await clickTag(page, `today.complete.${activity.id}`);
  await waitForTag(page, 'dialog.next-step');
  await clickTag(page, 'next-step.none');
  await waitForTag(page, 'next-step.reason');
  await clickTag(page, 'next-step.save');
  const error = await waitForTag(page, 'error.next_step');
  assert.match(error.label, /next step/i);
  assert.deepEqual(await query(page, `SELECT state FROM activities WHERE id = '${activity.id}'`), [{ state: 'scheduled' }]);
  await clickTag(page, 'next-step.reason');
  await page.keyboard.type('Waiting for their budget decision in May');
  await clickTag(page, 'next-step.save');
  await waitForNoTag(page, 'dialog.next-step');
  assert.deepEqual(await query(page, `SELECT state FROM activities WHERE id = '${activity.id}'`), [{ state: 'done' }]);
  assert.deepEqual(await query(page, `SELECT no_next_step_reason AS reason FROM opportunities WHERE id = '${activity.opportunity_id}'`),
    [{ reason: 'Waiting for their budget decision in May' }]);
  await context.close();
});

test('an empty Today says nothing is due', async () => {
  const context = await environment.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, environment.server.url);
  await clickTag(page, 'nav.today');
  const empty = await waitForTag(page, 'today.empty');
  assert.equal(empty.label, 'Nothing due today');
  await context.close();
});

test('at 390x844 the phone layout has a bottom navigation that reaches Today and the board', async () => {
  const context = await environment.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await openApp(context, environment.server.url);
  await loadDemo(page, 1000);
  const navigation = await Promise.all(['nav.today', 'nav.board', 'nav.list'].map((tag) => waitForTag(page, tag)));
  for (const item of navigation) {
    assert.ok(item.y >= 844 - 64 - 1 && item.y + item.h <= 844 + 1, `${item.tag} sits in the bottom bar`);
    // Five entries share 390 px: each is still well above the 48 px a finger needs.
    assert.ok(item.h >= 44 && item.w >= 72, `${item.tag} is a large touch target`);
  }
  const board = navigation[1];
  await page.touchscreen.tap(board.x + board.w / 2, board.y + board.h / 2);
  await waitForTag(page, 'board.pipeline');
  const columns = (await tagged(page, 'board.column.')).sort((a, b) => a.x - b.x);
  assert.ok(columns[0].w > 390 * 0.75, 'one column is about a screen wide');
  assert.ok(columns.length === 1 || columns[1].x > 300, 'the next column starts at the right edge');
  const today = navigation[0];
  await page.touchscreen.tap(today.x + today.w / 2, today.y + today.h / 2);
  await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag.startsWith('today.complete.')));
  const complete = (await tagged(page, 'today.complete.'))[0];
  assert.ok(complete.w >= 44 && complete.h >= 44, 'the complete button is a large touch target');
  // Settings is the gear at the top of each screen, not in the bottom bar.
  const settings = await waitForTag(page, 'nav.settings');
  assert.ok(settings.y < 120, 'the gear sits in the header');
  await page.touchscreen.tap(settings.x + settings.w / 2, settings.y + settings.h / 2);
  await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag === 'settings.load-demo'));
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('the manifest shortcut ?screen=today opens Today', async () => {
  const context = await environment.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${environment.server.url}?test=1&screen=today`);
  await page.evaluate(() => window.roadbook.test.ready());
  const empty = await waitForTag(page, 'today.empty');
  assert.equal(empty.label, 'Nothing due today');
  await context.close();
});
