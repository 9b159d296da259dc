// The web platform layer with real input: crisp high-DPI canvas, clicks at device scale 2, a finger tap
// that acts on the first tap, and system clipboard paste into a text field.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  center, clickTag, openApp, query, tapTag, useServerAndBrowser, waitForNoTag, waitForTag,
} from './support.mjs';

const environment = useServerAndBrowser();

for (const scale of [1, 2, 3]) {
  test(`at devicePixelRatio ${scale} the canvas backing store is ${scale}x its CSS size`, async () => {
    const context = await environment.newContext({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: scale });
    const page = await openApp(context, environment.server.url);
    const size = await page.evaluate(() => {
      const canvas = document.getElementById('canvas');
      return { width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth, cssHeight: canvas.clientHeight };
    });
    assert.equal(size.cssWidth, 1000);
    assert.equal(size.width, 1000 * scale);
    assert.equal(size.height, 700 * scale);
    await context.close();
  });
}

test('at devicePixelRatio 2 clicks land on the widget under the pointer', async () => {
  const context = await environment.newContext({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: 2 });
  const page = await openApp(context, environment.server.url);
  await clickTag(page, 'action.new-opportunity');
  const dialog = await waitForTag(page, 'dialog.new-opportunity');
  assert.ok(dialog.w > 200 && dialog.w < 1000, `dialog in CSS pixels: ${JSON.stringify(dialog)}`);
  await clickTag(page, 'opp.cancel');
  await waitForNoTag(page, 'dialog.new-opportunity');
  await context.close();
});

test('the canvas follows a window resize', async () => {
  const context = await environment.newContext({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: 2 });
  const page = await openApp(context, environment.server.url);
  await page.setViewportSize({ width: 800, height: 600 });
  await page.waitForFunction(() => document.getElementById('canvas').width === 1600);
  const button = await waitForTag(page, 'action.new-opportunity');
  assert.ok(button.x + button.w <= 800, 'the header button moved inside the narrower window');
  await context.close();
});

test('a touch tap held 150 ms opens the form on the first tap', async () => {
  const context = await environment.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await openApp(context, environment.server.url);
  const target = center(await waitForTag(page, 'action.new-opportunity'));
  const cdp = await context.newCDPSession(page);
  const point = { x: target.x, y: target.y, radiusX: 4, radiusY: 4, force: 1, id: 1 };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
  await new Promise((resolve) => setTimeout(resolve, 150));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await waitForTag(page, 'dialog.new-opportunity', { timeout: 2000 });
  await context.close();
});

test('a tap on a text field focuses the text agent, which is what opens a phone keyboard', async () => {
  const context = await environment.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await openApp(context, environment.server.url);
  await tapTag(page, 'action.new-opportunity');
  await tapTag(page, 'opp.name');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-agent');
  await page.keyboard.insertText('Ürün Öztürk');
  await tapTag(page, 'opp.save');
  await waitForNoTag(page, 'dialog.new-opportunity');
  assert.deepEqual(await query(page, 'SELECT name FROM opportunities'), [{ name: 'Ürün Öztürk' }]);
  await context.close();
});

test('text pasted from the system clipboard lands in the name field', async () => {
  const context = await environment.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: environment.server.url.replace(/\/$/, '') });
  const page = await openApp(context, environment.server.url);
  await clickTag(page, 'action.new-opportunity');
  await clickTag(page, 'opp.name');
  await page.evaluate(() => navigator.clipboard.writeText('Łódź Logistics – Q3 renewal'));
  // Ctrl+V as the browser sees it: the key plus the editor's paste command, which reads the system
  // clipboard and fires the paste event on the focused text agent (headless Chromium has no key bindings).
  const cdp = await context.newCDPSession(page);
  const key = { key: 'v', code: 'KeyV', modifiers: 2, windowsVirtualKeyCode: 86 };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key, commands: ['paste'] });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  await clickTag(page, 'opp.save');
  await waitForNoTag(page, 'dialog.new-opportunity');
  assert.deepEqual(await query(page, 'SELECT name FROM opportunities'), [{ name: 'Łódź Logistics – Q3 renewal' }]);
  await context.close();
});

test('IME composition delivers the composed text once', async () => {
  const context = await environment.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, environment.server.url);
  await clickTag(page, 'action.new-opportunity');
  await clickTag(page, 'opp.name');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'とうきょう', selectionStart: 5, selectionEnd: 5 });
  await cdp.send('Input.insertText', { text: '東京' });
  await clickTag(page, 'opp.save');
  await waitForNoTag(page, 'dialog.new-opportunity');
  assert.deepEqual(await query(page, 'SELECT name FROM opportunities'), [{ name: '東京' }]);
  await context.close();
});
