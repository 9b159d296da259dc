// Browser benchmarks of the first screen in headless Chromium against a real roadbook-server:
// download size of app.wasm + app.js (raw and gzip), navigation to ready() on first and repeat visits (the
// latter from the service worker), the precache size, and CPU time per frame.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { clickTag, launchBrowser, openApp, startServer, waitForNoTag } from '../tests/browser/support.mjs';

function print(bench, metric, value, unit, extra = {}) {
  console.log(JSON.stringify({ bench, metric, value: Number(value.toFixed(3)), unit, ...extra }));
}

function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

const webRoot = process.env.ROADBOOK_WEB_ROOT;
const manifest = JSON.parse(readFileSync(join(webRoot, 'asset-manifest.json'), 'utf8'));
let raw = 0;
let gzip = 0;
for (const asset of manifest.assets.filter((entry) => /^app\.[0-9a-f]+\.(js|wasm)$/.test(entry.path))) {
  const content = readFileSync(join(webRoot, asset.path));
  raw += content.length;
  gzip += gzipSync(content, { level: 9 }).length;
}
print('web.app-download', 'raw', raw / 1e6, 'MB');
print('web.app-download', 'gzip', gzip / 1e6, 'MB', { target: 1.5 });

const server = await startServer();
const browser = await launchBrowser();
try {
  // Navigation to ready(): the first visit of a fresh profile each time (nothing cached).
  const times = [];
  for (let run = 0; run < 7; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${server.url}?test=1`);
    await page.evaluate(() => window.roadbook.test.ready());
    times.push(performance.now() - started);
    await context.close();
  }
  print('web.navigation-to-ready', 'p50', percentile(times, 0.5), 'ms', { runs: times.length, target: 1000 });
  print('web.navigation-to-ready', 'max', Math.max(...times), 'ms');

  // Repeat visits, served by the service worker from its precache, against first visits in the same run.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const first = await context.newPage();
    await first.goto(`${server.url}?test=1`);
    await first.evaluate(() => window.roadbook.test.ready());
    await first.evaluate(() => window.roadbook.test.serviceWorkerReady());
    await first.close();
    const repeats = [];
    for (let run = 0; run < 7; run += 1) {
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${server.url}?test=1`);
      await page.evaluate(() => window.roadbook.test.ready());
      repeats.push(performance.now() - started);
      await page.close();
    }
    const firstVisit = percentile(times, 0.5);
    print('web.navigation-to-ready-repeat-visit', 'p50', percentile(repeats, 0.5), 'ms',
      { runs: repeats.length, baseline_for: 'web.navigation-to-ready', first_visit_p50: Number(firstVisit.toFixed(1)),
        ratio: Number((firstVisit / percentile(repeats, 0.5)).toFixed(2)) });
    await context.close();
  }
  const precache = [...readFileSync(join(webRoot, 'service-worker.js'), 'utf8').matchAll(/^  "([^"]+)",?$/gm)]
    .map((match) => match[1]).filter((path) => path !== './');
  const precacheBytes = precache.reduce((total, path) => total + readFileSync(join(webRoot, path)).length, 0)
    + readFileSync(join(webRoot, 'index.html')).length;
  print('web.precache', 'size', precacheBytes / 1e6, 'MB', { files: precache.length + 1 });

  // CPU per frame of the list screen with a few rows while the pointer moves over it (every move redraws).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, server.url);
  for (let index = 0; index < 8; index += 1) {
    await clickTag(page, 'action.new-opportunity');
    await clickTag(page, 'opp.name');
    await page.keyboard.type(`Benchmark deal ${index}`);
    await page.keyboard.press('Enter');
    await waitForNoTag(page, 'dialog.new-opportunity');
  }
  await page.evaluate(() => window.roadbook.test.takeFrameStats());
  for (let step = 0; step < 240; step += 1) {
    await page.mouse.move(300 + (step % 60) * 12, 150 + (step % 40) * 8);
  }
  const stats = await page.evaluate(() => window.roadbook.test.takeFrameStats());
  print('web.frame-cpu.list', 'p50', stats.p50, 'ms', { frames: stats.frames });
  print('web.frame-cpu.list', 'p95', stats.p95, 'ms', { frames: stats.frames, target: 2 });
  print('web.frame-cpu.list.ui-only', 'p95', stats.ui_p95, 'ms', { frames: stats.frames });

  // Idle: frames drawn in one second with no input (the app draws on demand, so this should be 0).
  await page.waitForTimeout(4000);  // let the save toast expire
  const before = await page.evaluate(() => window.roadbook.test.frame());
  await page.waitForTimeout(1000);
  const idle = (await page.evaluate(() => window.roadbook.test.frame())) - before;
  print('web.idle-frames', 'per-second', idle, 'frames', { target: 0 });
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
