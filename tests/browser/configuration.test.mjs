// Settings' configuration editors: a stage's probability and rot days, a refused value shown under its
// stage, a new stage and lost reason, retiring a reason, and an exchange rate; each change is stored with
// its change-log row so it syncs like any other.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clickTag, openApp, query, scrollToTag, useServerAndBrowser, waitForNoTag, waitForTag } from './support.mjs';

const environment = useServerAndBrowser();

async function replaceText(page, tag, text) {
  await scrollToTag(page, tag);
  await clickTag(page, tag);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
}

test('an admin edits stages, lost reasons and exchange rates in Settings', async () => {
  const context = await environment.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await openApp(context, environment.server.url);
  await clickTag(page, 'nav.settings');
  const [stage] = await query(page, `SELECT s.id, s.name FROM stages s JOIN pipelines p ON p.id = s.pipeline_id
      WHERE s.is_won = 0 AND s.is_lost = 0 ORDER BY p.position, s.position LIMIT 1`);

  await replaceText(page, `stage.${stage.id}.probability`, '150');
  await clickTag(page, `stage.${stage.id}.save`);
  await waitForTag(page, 'error.default_probability');
  await replaceText(page, `stage.${stage.id}.probability`, '25');
  await replaceText(page, `stage.${stage.id}.rot`, '12');
  await clickTag(page, `stage.${stage.id}.save`);
  await waitForNoTag(page, 'error.default_probability');
  await page.waitForFunction((id) => {
    const [row] = window.roadbook.test.query(`SELECT default_probability AS p, rot_days AS r FROM stages WHERE id = '${id}'`);
    return row.p === 25 && row.r === 12;
  }, stage.id);
  const logged = await query(page, `SELECT field FROM change_log WHERE entity = 'stage' AND entity_id = '${stage.id}'
      AND field IN ('default_probability', 'rot_days') ORDER BY sequence DESC LIMIT 2`);
  assert.deepEqual(logged.map((row) => row.field).sort(), ['default_probability', 'rot_days']);

  await replaceText(page, 'settings.new-stage', 'Security review');
  await clickTag(page, 'settings.add-stage');
  await page.waitForFunction(() => window.roadbook.test.query(
    "SELECT count(*) AS n FROM stages WHERE name = 'Security review'")[0].n === 1);

  await replaceText(page, 'settings.new-reason', 'Went with a reseller');
  await clickTag(page, 'settings.add-reason');
  await page.waitForFunction(() => window.roadbook.test.query(
    "SELECT count(*) AS n FROM lost_reasons WHERE label = 'Went with a reseller' AND active = 1")[0].n === 1);
  const [reason] = await query(page, "SELECT id FROM lost_reasons WHERE label = 'Went with a reseller'");
  await scrollToTag(page, `reason.${reason.id}.retire`);
  await clickTag(page, `reason.${reason.id}.retire`);
  await waitForTag(page, `reason.${reason.id}.restore`);
  assert.deepEqual(await query(page, `SELECT active FROM lost_reasons WHERE id = '${reason.id}'`), [{ active: 0 }]);

  await replaceText(page, 'settings.rate-currency', 'chf');
  await replaceText(page, 'settings.rate-value', 'abc');
  await clickTag(page, 'settings.set-rate');
  await waitForTag(page, 'error.rate');
  await replaceText(page, 'settings.rate-value', '1.05');
  await clickTag(page, 'settings.set-rate');
  await waitForTag(page, 'rate.CHF');
  assert.deepEqual(await query(page, "SELECT rate_nanos FROM exchange_rates WHERE currency_code = 'CHF'"),
    [{ rate_nanos: 1050000000 }]);
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});
