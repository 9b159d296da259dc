// Browser benchmarks of the rep's workspace on the demo data (10k deals, and the list at 100k): CPU time
// per frame while the deal list scrolls with the wheel, for open deals and for every deal, and while the
// deal detail is on screen. Prints one JSON object per measurement.
import { center, clickTag, launchBrowser, openApp, startServer, tagged, waitForTag } from '../tests/browser/support.mjs';

function print(bench, metric, value, unit, extra = {}) {
  console.log(JSON.stringify({ bench, metric, value: Number(value.toFixed(3)), unit, ...extra }));
}

const sizes = (process.argv.find((argument) => argument.startsWith('--sizes='))?.slice(8) ?? '10000,100000')
  .split(',').map(Number);

// Scrolls the list with the wheel, a notch every frame or so, and returns the frame statistics.
async function scrollList(page, notches) {
  const [row] = await tagged(page, 'list.row.');
  const point = center(row);
  await page.mouse.move(point.x, point.y);
  await page.evaluate(() => window.roadbook.test.takeFrameStats());
  for (let step = 0; step < notches; step += 1) {
    await page.mouse.wheel(0, step % 40 < 30 ? 240 : -240);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(100);
  return page.evaluate(() => window.roadbook.test.takeFrameStats());
}

const server = await startServer();
const browser = await launchBrowser();
try {
  for (const size of sizes) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await openApp(context, server.url);
    const loadStarted = performance.now();
    await page.evaluate((count) => window.roadbook.test.loadDemo(count), size);
    const loadMs = performance.now() - loadStarted;
    // The first frame after loading 100k deals reads them for the navigation's counts; give it time.
    await waitForTag(page, 'nav.list', { timeout: 60000 });
    const listStarted = performance.now();
    await clickTag(page, 'nav.list');
    await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag.startsWith('list.row.')),
      null, { timeout: 60000 });
    const firstListMs = performance.now() - listStarted;
    const target = size >= 100000 ? 8 : 6;
    const open = await scrollList(page, 300);
    print('web.frame-cpu.list-scrolling', 'p95', open.p95, 'ms',
      { deals: size, shown: 'open', frames: open.frames, p50: open.p50, max: open.max, ui_p95: open.ui_p95, target,
        demo_load_ms: Math.round(loadMs), first_list_ms: Math.round(firstListMs) });
    await clickTag(page, 'list.status');
    await clickTag(page, 'list.status.all');
    await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag === 'list.status' &&
      item.label === 'All deals'), null, { timeout: 60000 });
    await page.waitForTimeout(200);
    const all = await scrollList(page, 300);
    print('web.frame-cpu.list-scrolling', 'p95', all.p95, 'ms',
      { deals: size, shown: 'all', frames: all.frames, p50: all.p50, max: all.max, ui_p95: all.ui_p95, target });
    if (size === 10000) {
      // The deal detail of a listed deal, while the pointer moves over it (every move draws a frame).
      const [row] = await tagged(page, 'list.row.');
      const point = center(row);
      await page.mouse.move(point.x, point.y);
      await page.mouse.dblclick(point.x, point.y);
      await waitForTag(page, 'opp.title', { timeout: 10000 });
      await page.waitForTimeout(200);
      await page.evaluate(() => window.roadbook.test.takeFrameStats());
      for (let step = 0; step < 240; step += 1) await page.mouse.move(300 + (step % 60) * 14, 150 + (step % 40) * 12);
      const detail = await page.evaluate(() => window.roadbook.test.takeFrameStats());
      print('web.frame-cpu.deal-detail', 'p95', detail.p95, 'ms',
        { deals: size, frames: detail.frames, p50: detail.p50, max: detail.max, ui_p95: detail.ui_p95, target: 4 });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
