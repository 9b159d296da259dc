// Browser benchmarks of the rep's workspace on the demo data (10k deals, and the list at 100k). Per screen,
// CPU time per frame from input to draw data (the budget) while the pointer works the screen, with
// the whole frame (draw lists handed to WebGL too) beside it; the frames from a click that changes data to
// the frame that shows it. Prints one JSON object per measurement.
import { center, clickTag, launchBrowser, openApp, startServer, tagged, waitForTag } from '../tests/browser/support.mjs';

function print(bench, metric, value, unit, extra = {}) {
  console.log(JSON.stringify({ bench, metric, value: Number(value.toFixed(3)), unit, ...extra }));
}

const sizes = (process.argv.find((argument) => argument.startsWith('--sizes='))?.slice(8) ?? '10000,100000')
  .split(',').map(Number);

function printFrames(bench, stats, target, extra = {}) {
  print(bench, 'p95', stats.ui_p95, 'ms', {
    measured: 'input to draw data', frames: stats.frames, p50: stats.ui_p50, target,
    whole_frame_p50: stats.p50, whole_frame_p95: stats.p95, whole_frame_max: stats.max, ...extra,
  });
}

// Runs `work` and returns the frame statistics of the frames it caused.
async function framesDuring(page, work) {
  await page.evaluate(() => window.roadbook.test.takeFrameStats());
  await work();
  await page.waitForTimeout(100);
  return page.evaluate(() => window.roadbook.test.takeFrameStats());
}

// The wheel over the first item tagged `prefix`, a notch every frame or so: down mostly, up now and then.
async function wheelOver(page, prefix, notches) {
  const [item] = await tagged(page, prefix);
  const point = center(item);
  await page.mouse.move(point.x, point.y);
  return framesDuring(page, async () => {
    for (let step = 0; step < notches; step += 1) {
      await page.mouse.wheel(0, step % 40 < 30 ? 240 : -240);
      await page.waitForTimeout(16);
    }
  });
}

// The pointer sweeping over the screen (every move draws a frame, with hover on whatever is under it).
async function sweep(page, moves = 240) {
  return framesDuring(page, async () => {
    for (let step = 0; step < moves; step += 1) await page.mouse.move(300 + (step % 60) * 14, 150 + (step % 40) * 12);
  });
}

async function openScreen(page, tag, readyPrefix) {
  await clickTag(page, tag);
  await page.waitForFunction((prefix) => window.roadbook.test.items().some((item) => item.tag.startsWith(prefix)),
    readyPrefix, { timeout: 60000 });
  await page.waitForTimeout(200);
}

// Frames from releasing the mouse on a stage of the stage path until the probability shown changed: the
// release draws its frames inside the event, so reading right after it is an upper bound.
async function clickToVisibleFrames(page) {
  const stages = (await tagged(page, 'opp.stage.')).sort((left, right) => left.x - right.x);
  const before = (await tagged(page, 'opp.probability-value'))[0].label;
  const target = center(stages[stages.length - 3]);
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  const pressedAt = await page.evaluate(() => window.roadbook.test.frame());
  await page.mouse.up();
  const shown = await page.evaluate(() => ({
    frame: window.roadbook.test.frame(),
    label: window.roadbook.test.items().find((item) => item.tag === 'opp.probability-value')?.label,
  }));
  return { frames: shown.frame - pressedAt, changed: shown.label !== before };
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
    await openScreen(page, 'nav.list', 'list.row.');
    const firstListMs = performance.now() - listStarted;
    const target = size >= 100000 ? 8 : 6;
    printFrames('web.frame-cpu.list-scrolling', await wheelOver(page, 'list.row.', 300), target,
      { deals: size, shown: 'open', demo_load_ms: Math.round(loadMs), first_list_ms: Math.round(firstListMs) });
    await clickTag(page, 'list.status');
    await clickTag(page, 'list.status.all');
    await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag === 'list.status' &&
      item.label === 'All deals'), null, { timeout: 60000 });
    await page.waitForTimeout(200);
    printFrames('web.frame-cpu.list-scrolling', await wheelOver(page, 'list.row.', 300), target, { deals: size, shown: 'all' });
    if (size !== 10000) {
      await context.close();
      continue;
    }
    // The deal detail of a listed deal, while the pointer moves over it; then a click on its stage path.
    const [row] = await tagged(page, 'list.row.');
    const point = center(row);
    await page.mouse.move(point.x, point.y);
    await page.mouse.dblclick(point.x, point.y);
    await waitForTag(page, 'opp.title', { timeout: 10000 });
    await page.waitForTimeout(200);
    printFrames('web.frame-cpu.deal-detail', await sweep(page), 4, { deals: size });
    const clicks = [];
    for (let run = 0; run < 5; run += 1) clicks.push(await clickToVisibleFrames(page));
    print('web.click-to-visible', 'max', Math.max(...clicks.map((click) => click.frames)), 'frames',
      { deals: size, runs: clicks.length, all_changed: clicks.every((click) => click.changed), target: 2 });

    await openScreen(page, 'nav.board', 'board.card.');
    printFrames('web.frame-cpu.board', await sweep(page), 6, { deals: size, input: 'pointer' });
    printFrames('web.frame-cpu.board', await wheelOver(page, 'board.card.', 200), 6, { deals: size, input: 'wheel' });
    await openScreen(page, 'nav.today', 'today.');
    printFrames('web.frame-cpu.today', await sweep(page), 6, { deals: size });
    await openScreen(page, 'nav.forecast', 'forecast.card.');
    printFrames('web.frame-cpu.forecast', await sweep(page), 6, { deals: size });
    await openScreen(page, 'nav.leads', 'leads.row.');
    printFrames('web.frame-cpu.leads', await sweep(page), 6, { deals: size });
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
