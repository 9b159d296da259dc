// Settings end to end: "Load demo data" replaces the local data with the 10k-deal demo only after its
// confirmation (cancel changes nothing), the theme switch (light, dark, like the system), and the version.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clickTag, openApp, query, useServerAndBrowser, waitForNoTag, waitForTag } from './support.mjs';

const environment = useServerAndBrowser();

async function waitForLabel(page, tag, label, timeout = 5000) {
  await page.waitForFunction(([wanted, text]) => window.roadbook.test.items()
    .some((item) => item.tag === wanted && item.label === text), [tag, label], { timeout });
}

test('load demo data replaces the local deals after the confirmation, and cancelling changes nothing', async () => {
  const context = await environment.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await openApp(context, environment.server.url);
  // A deal of the rep's own, which the demo replaces.
  await clickTag(page, 'action.new-opportunity');
  await clickTag(page, 'opp.name');
  await page.keyboard.type('My own deal');
  await clickTag(page, 'opp.save');
  await waitForNoTag(page, 'dialog.new-opportunity');
  await clickTag(page, 'nav.settings');
  await clickTag(page, 'settings.load-demo');
  await waitForTag(page, 'dialog.load-demo');
  await clickTag(page, 'dialog.cancel');
  await waitForNoTag(page, 'dialog.load-demo');
  assert.deepEqual(await query(page, 'SELECT name FROM opportunities'), [{ name: 'My own deal' }]);

  await clickTag(page, 'settings.load-demo');
  await clickTag(page, 'dialog.confirm');
  await waitForLabel(page, 'toast', 'Demo data loaded: 10,000 deals', 60000);
  assert.deepEqual(await query(page, 'SELECT count(*) AS n FROM opportunities'), [{ n: 10000 }]);
  assert.deepEqual(await query(page, "SELECT count(*) AS n FROM opportunities WHERE name = 'My own deal'"), [{ n: 0 }]);
  // The demo is saved on the device like any change.
  await page.evaluate(() => window.roadbook.test.flush());
  await clickTag(page, 'nav.list');
  await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag.startsWith('list.row.')));
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('the theme follows the choice in Settings, and the version is shown', async () => {
  const context = await environment.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  const page = await openApp(context, environment.server.url);
  await clickTag(page, 'nav.settings');
  // At the foot of the page, below the fold: drawn, if not visible.
  const version = await page.waitForFunction(() => window.roadbook.test.items()
    .find((item) => item.tag === 'settings.version') || null);
  assert.match((await version.jsonValue()).label, /^Roadbook \d+\.\d+\.\d+$/);
  // The system is dark, and "like the system" is the starting choice: the sidebar offers the light theme.
  await waitForLabel(page, 'action.toggle-theme', `${'\uf185'}  Light theme`);
  await clickTag(page, 'settings.theme.light');
  await waitForLabel(page, 'action.toggle-theme', `${'\uf186'}  Dark theme`);
  await clickTag(page, 'settings.theme.system');
  await waitForLabel(page, 'action.toggle-theme', `${'\uf185'}  Light theme`);
  await clickTag(page, 'settings.theme.dark');
  await waitForLabel(page, 'action.toggle-theme', `${'\uf185'}  Light theme`);
  await context.close();
});
