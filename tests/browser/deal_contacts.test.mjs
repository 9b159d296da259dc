// The contacts on a deal end to end: adding an existing contact with a suggested role, changing the role
// inline, making them primary, removing them and undoing it, an already-linked contact that cannot be
// picked twice; and on a phone, creating a new contact from the deal with touch.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  center, clickTag, framesAfter, items, loadDemo, openApp, query, scrollToTag, tagged, tapTag, useServerAndBrowser, waitForNoTag,
  waitForTag,
} from './support.mjs';

const environment = useServerAndBrowser();

// Opens the first listed deal (double-click on desktop, a tap on a phone) and returns its id.
async function openFirstDeal(page, phone) {
  await loadDemo(page, 300);
  await (phone ? tapTag(page, 'nav.list') : clickTag(page, 'nav.list'));
  await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag.startsWith('list.row.')));
  const [row] = (await tagged(page, 'list.row.')).sort((left, right) => left.y - right.y);
  const point = center(row);
  if (phone) await page.touchscreen.tap(point.x, point.y);
  else await page.mouse.dblclick(point.x, point.y);
  await waitForTag(page, 'opp.title');
  return row.tag.slice('list.row.'.length);
}

async function links(page, deal) {
  return query(page, `SELECT contact_id, role FROM opportunity_contacts WHERE opportunity_id = '${deal}' ORDER BY contact_id`);
}

test('add a contact with a role, change the role, make them primary, remove and undo', async () => {
  const context = await environment.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await openApp(context, environment.server.url);
  const deal = await openFirstDeal(page, false);
  const before = await links(page, deal);
  // Someone from another account, so the search (not the account's own list) has to find them.
  const [person] = await query(page, `SELECT c.id, c.name FROM contacts c WHERE c.id NOT IN
      (SELECT contact_id FROM opportunity_contacts WHERE opportunity_id = '${deal}')
    AND coalesce(c.account_id, '') <> (SELECT coalesce(account_id, '') FROM opportunities WHERE id = '${deal}')
    ORDER BY c.name LIMIT 1`);

  await scrollToTag(page, 'opp.add-contact');
  await clickTag(page, 'opp.add-contact');
  await waitForTag(page, 'dialog.add-contact');
  // Typing starts once the frames after the click have focused the field; keys sent earlier are lost on a
  // loaded machine.
  await framesAfter(page, () => clickTag(page, 'add-contact.search'), 2);
  // Typed at a person's pace: a burst of keys with no delay lost the result in some full-suite runs (not
  // reproduced alone); when it is missing, the dialog's items are printed to tell a lost key from a bad match.
  await page.keyboard.type(person.name, { delay: 20 });
  try {
    await waitForTag(page, `add-contact.result.${person.id}`, { timeout: 10000 });
  } catch (error) {
    const shown = (await items(page)).filter((item) => item.tag.startsWith('add-contact'));
    console.log(`searched for ${person.name}; the dialog showed ${JSON.stringify(shown.map((item) => [item.tag, item.label]))}`);
    throw error;
  }
  await clickTag(page, `add-contact.result.${person.id}`);
  await waitForTag(page, 'add-contact.chosen');
  await clickTag(page, 'add-contact.role.champion');
  await clickTag(page, 'add-contact.confirm');
  await waitForNoTag(page, 'dialog.add-contact');
  assert.deepEqual(await links(page, deal),
    [...before, { contact_id: person.id, role: 'Champion' }].sort((a, b) => a.contact_id.localeCompare(b.contact_id)));

  // The role is edited in place and saved with Enter.
  await scrollToTag(page, `opp.contact.${person.id}.role`);
  await clickTag(page, `opp.contact.${person.id}.role`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Economic buyer');
  await page.keyboard.press('Enter');
  await page.waitForFunction(([opportunity, contact]) => window.roadbook.test.query(
    `SELECT role FROM opportunity_contacts WHERE opportunity_id = '${opportunity}' AND contact_id = '${contact}'`)[0]?.role
      === 'Economic buyer', [deal, person.id]);

  await clickTag(page, `opp.contact.${person.id}.make-primary`);
  await page.waitForFunction(([opportunity, contact]) => window.roadbook.test.query(
    `SELECT primary_contact_id AS id FROM opportunities WHERE id = '${opportunity}'`)[0].id === contact, [deal, person.id]);
  await waitForTag(page, `opp.contact.${person.id}.primary`);

  // Removing is one click, and the toast's Undo puts back the link, its role and the primary contact.
  await clickTag(page, `opp.contact.${person.id}.remove`);
  await page.waitForFunction(([opportunity, contact]) => window.roadbook.test.query(
    `SELECT count(*) AS n FROM opportunity_contacts WHERE opportunity_id = '${opportunity}' AND contact_id = '${contact}'`)[0].n
      === 0, [deal, person.id]);
  await clickTag(page, 'toast.undo');
  await page.waitForFunction(([opportunity, contact]) => window.roadbook.test.query(
    `SELECT role FROM opportunity_contacts WHERE opportunity_id = '${opportunity}' AND contact_id = '${contact}'`)[0]?.role
      === 'Economic buyer', [deal, person.id]);
  assert.deepEqual(await query(page, `SELECT primary_contact_id AS id FROM opportunities WHERE id = '${deal}'`), [{ id: person.id }]);

  // Someone already on the deal is shown but cannot be picked a second time; Escape closes the dialog.
  await scrollToTag(page, 'opp.add-contact');
  await clickTag(page, 'opp.add-contact');
  // Typing starts once the frames after the click have focused the field; keys sent earlier are lost on a
  // loaded machine.
  await framesAfter(page, () => clickTag(page, 'add-contact.search'), 2);
  await page.keyboard.type(person.name);
  await clickTag(page, `add-contact.result.${person.id}`);
  await page.waitForTimeout(100);
  assert.equal((await tagged(page, 'add-contact.chosen')).length, 0, 'an already linked contact is not chosen');
  await page.keyboard.press('Escape');
  await waitForNoTag(page, 'dialog.add-contact');
  assert.equal((await links(page, deal)).length, before.length + 1);
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('on a phone a new contact is created from the deal and joins its account', async () => {
  const context = await environment.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await openApp(context, environment.server.url);
  const deal = await openFirstDeal(page, true);
  const addButton = await scrollToTag(page, 'opp.add-contact');
  assert.ok(addButton.h >= 40, 'a finger-sized button');
  await tapTag(page, 'opp.add-contact');
  await waitForTag(page, 'dialog.add-contact');
  await tapTag(page, 'add-contact.new');
  await tapTag(page, 'add-contact.name');
  await page.keyboard.type('Zoë Åkesson');
  await tapTag(page, 'add-contact.email');
  await page.keyboard.type('zoe.akesson@example.se');
  await tapTag(page, 'add-contact.role.technical-buyer');
  await tapTag(page, 'add-contact.confirm');
  await waitForNoTag(page, 'dialog.add-contact');
  const [created] = await query(page, `SELECT c.email, c.account_id = o.account_id AS same_account, l.role
    FROM contacts c JOIN opportunity_contacts l ON l.contact_id = c.id JOIN opportunities o ON o.id = l.opportunity_id
    WHERE c.name = 'Zoë Åkesson' AND o.id = '${deal}'`);
  assert.deepEqual(created, { email: 'zoe.akesson@example.se', same_account: 1, role: 'Technical buyer' });
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});
