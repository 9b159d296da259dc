// The leads inbox: a new lead is ticked through the checklist, qualified and converted (the dialog says
// what it links or creates first, and the new deal opens); another is disqualified with a reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clickTag, openApp, query, useServerAndBrowser, waitForNoTag, waitForTag } from './support.mjs';

const environment = useServerAndBrowser();

async function waitForLabel(page, tag, label) {
  await page.waitForFunction(([wanted, text]) => window.roadbook.test.items()
    .some((item) => item.tag === wanted && item.label === text), [tag, label]);
}

async function addLead(page, name, company, email) {
  await clickTag(page, 'action.new-lead');
  await waitForTag(page, 'dialog.new-lead');
  await clickTag(page, 'new-lead.name');
  await page.keyboard.type(name);
  await clickTag(page, 'new-lead.company');
  await page.keyboard.type(company);
  await clickTag(page, 'new-lead.email');
  await page.keyboard.type(email);
  await clickTag(page, 'new-lead.source');
  await page.keyboard.type('Trade fair');
  await clickTag(page, 'new-lead.save');
  await waitForNoTag(page, 'dialog.new-lead');
  await waitForLabel(page, 'lead.title', name);
}

test('a lead is qualified through its checklist and converted into a deal, account, contact and task', async () => {
  const context = await environment.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await openApp(context, environment.server.url);
  await clickTag(page, 'nav.leads');
  await waitForTag(page, 'leads.empty');

  // A broken email is refused under its field, and nothing is saved.
  await clickTag(page, 'action.new-lead');
  await clickTag(page, 'new-lead.name');
  await page.keyboard.type('Jörg Müller');
  await clickTag(page, 'new-lead.email');
  await page.keyboard.type('not an email');
  await clickTag(page, 'new-lead.save');
  await waitForTag(page, 'error.email');
  assert.deepEqual(await query(page, 'SELECT count(*) AS n FROM leads'), [{ n: 0 }]);
  await clickTag(page, 'dialog.cancel');
  await waitForNoTag(page, 'dialog.new-lead');

  await addLead(page, 'Jörg Müller', 'Müller Kältetechnik', 'joerg@mueller.example');
  await waitForLabel(page, 'lead.status', 'New');
  await waitForNoTag(page, 'lead.qualify');  // not before every item is ticked
  await clickTag(page, 'lead.work');
  await waitForLabel(page, 'lead.status', 'Working');
  for (const item of ['budget', 'authority', 'need', 'timing']) {
    await clickTag(page, `lead.check.${item}`);
  }
  await page.waitForFunction(() => window.roadbook.test.query(
    'SELECT has_budget + has_authority + has_need + has_timing AS n FROM leads')[0].n === 4);
  await clickTag(page, 'lead.qualify');
  await waitForLabel(page, 'lead.status', 'Qualified');

  await clickTag(page, 'lead.convert');
  await waitForTag(page, 'dialog.convert');
  await waitForLabel(page, 'convert.account', 'Creates the account Müller Kältetechnik');
  await waitForLabel(page, 'convert.contact', 'Creates the contact Jörg Müller');
  await waitForTag(page, 'convert.name');  // filled with the suggested name, kept as it is
  await clickTag(page, 'convert.amount');
  await page.keyboard.type('8,400');
  await clickTag(page, 'convert.confirm');
  // The new deal opens.
  await waitForLabel(page, 'opp.title', 'Müller Kältetechnik deal');
  const [lead] = await query(page, 'SELECT status, converted_opportunity_id AS deal FROM leads');
  assert.equal(lead.status, 'converted');
  const [deal] = await query(page, `SELECT o.amount_minor, a.name AS account, c.name AS contact FROM opportunities o
      JOIN accounts a ON a.id = o.account_id JOIN contacts c ON c.id = o.primary_contact_id WHERE o.id = '${lead.deal}'`);
  assert.deepEqual(deal, { amount_minor: 840000, account: 'Müller Kältetechnik', contact: 'Jörg Müller' });
  assert.deepEqual(await query(page, `SELECT count(*) AS n FROM activities WHERE opportunity_id = '${lead.deal}'
      AND kind = 'task' AND state = 'scheduled'`), [{ n: 1 }]);

  // A second lead from the same company links the account instead of creating another.
  await clickTag(page, 'nav.leads');
  await addLead(page, 'Petra Müller', 'müller kältetechnik', 'petra@mueller.example');
  await clickTag(page, 'lead.work');
  await clickTag(page, 'lead.convert');
  await waitForLabel(page, 'convert.account', 'Links the account Müller Kältetechnik');
  await clickTag(page, 'dialog.cancel');
  await waitForNoTag(page, 'dialog.convert');

  // Disqualifying asks for the reason, and the lead leaves the active list.
  await clickTag(page, 'lead.disqualify');
  await waitForTag(page, 'dialog.disqualify');
  await clickTag(page, 'disqualify.confirm');
  await waitForTag(page, 'error.disqualify_reason');
  await clickTag(page, 'disqualify.reason');
  await page.keyboard.type('Already a customer through the parent company');
  await clickTag(page, 'disqualify.confirm');
  await waitForLabel(page, 'lead.status', 'Disqualified');
  assert.deepEqual(await query(page, "SELECT disqualify_reason AS reason FROM leads WHERE name = 'Petra Müller'"),
    [{ reason: 'Already a customer through the parent company' }]);
  await waitForLabel(page, 'leads.filter', 'Active (0)');
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});
