// Browser benchmarks of the rep's workspace on the demo data (10k deals, and the list at 100k). Per screen,
// CPU time per frame from input to draw data (the part each screen's target holds) while the pointer works, with
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

// Frames drawn from releasing the mouse on another stage of the stage path to the first frame that shows the
// move (the newest line of the deal's history). Listeners on the window around the app's own (capture before
// it, bubble after it) read the frame counter on both sides of the release; a frame requested for later
// would be counted by the poll.
async function clickToVisibleFrames(page, deal) {
  const [{ stage }] = await page.evaluate((id) => window.roadbook.test.query(
    `SELECT stage_id AS stage FROM opportunities WHERE id = '${id}'`), deal);
  const other = (await tagged(page, 'opp.stage.')).sort((left, right) => left.x - right.x)
    .find((item) => item.tag !== `opp.stage.${stage}`);
  await page.evaluate(() => {
    const newestLine = () => window.roadbook.test.items().find((item) => item.tag === 'opp.history.0')?.label;
    window.clickWatch = { shownBefore: newestLine() };
    window.addEventListener('pointerup', () => { window.clickWatch.released = window.roadbook.test.frame(); },
      { capture: true, once: true });
    window.addEventListener('pointerup', () => {
      window.clickWatch.afterEvent = window.roadbook.test.frame();
      window.clickWatch.changedInEvent = newestLine() !== window.clickWatch.shownBefore;
    }, { once: true });
  });
  const target = center(other);
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  await page.mouse.up();
  await page.waitForFunction(() => window.roadbook.test.items().find((item) => item.tag === 'opp.history.0')
    ?.label !== window.clickWatch.shownBefore, null, { polling: 'raf', timeout: 5000 });
  return page.evaluate(() => {
    const watch = window.clickWatch;
    return (watch.changedInEvent ? watch.afterEvent : window.roadbook.test.frame()) - watch.released;
  });
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
    // The deal detail of a listed open deal, while the pointer moves over it; then clicks on its stage path.
    await clickTag(page, 'list.status');
    await clickTag(page, 'list.status.open');
    await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag === 'list.status' &&
      item.label === 'Open'), null, { timeout: 60000 });
    await page.waitForTimeout(200);
    const rows = (await tagged(page, 'list.row.')).sort((left, right) => left.y - right.y);
    const statuses = await page.evaluate(() => Object.fromEntries(window.roadbook.test.query(
      'SELECT id, status FROM opportunities').map((deal) => [deal.id, deal.status])));
    const row = rows.find((item) => statuses[item.tag.slice('list.row.'.length)] === 'open');
    const point = center(row);
    await page.mouse.move(point.x, point.y);
    await page.mouse.dblclick(point.x, point.y);
    await waitForTag(page, 'opp.title', { timeout: 10000 });
    await page.waitForTimeout(200);
    printFrames('web.frame-cpu.deal-detail', await sweep(page), 4, { deals: size });
    const clicks = [];
    const deal = row.tag.slice('list.row.'.length);
    for (let run = 0; run < 6; run += 1) clicks.push(await clickToVisibleFrames(page, deal));
    print('web.click-to-visible', 'max', Math.max(...clicks), 'frames', { deals: size, runs: clicks.length, each: clicks, target: 2 });

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
