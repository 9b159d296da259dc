// Screenshot baselines: Today, the pipeline board and a deal's detail, light and dark, on a laptop and a
// phone, compared with the committed PNGs in tests/browser/screenshots/. The clock is fixed and the demo
// data is seeded, so the pictures only change when the look does. After a deliberate change of the look,
// regenerate them with ROADBOOK_UPDATE_SCREENSHOTS=1 (see tests/browser/HOOKS.md) and look at every one
// before committing.
//
// Chromium versions: Debian replaces Chromium with every security update, so a fresh machine rarely has the
// build the baselines were drawn with (screenshots/baselines.json records it). The app draws every pixel
// itself through WebGL2 on SwiftShader, so another Chromium can only move anti-aliased edges by a few
// levels; the channel tolerance absorbs that, and the same limits apply to every version. A picture that
// fails on another major version than the baselines' says so in one line, with the command that redraws them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

import {
  center, chromiumExecutable, clickTag, framesAfter, loadDemo, openApp, tagged, tapTag, useServerAndBrowser, waitForTag,
} from './support.mjs';

const environment = useServerAndBrowser();
const baselineDirectory = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
const failureDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build', 'test-logs', 'screenshots');
const updating = process.env.ROADBOOK_UPDATE_SCREENSHOTS === '1';
const recordFile = join(baselineDirectory, 'baselines.json');
const regenerateCommand = 'ROADBOOK_UPDATE_SCREENSHOTS=1 ROADBOOK_SERVER_BINARY=build/debug/sync/server/roadbook-server ' +
  'ROADBOOK_WEB_ROOT=build/web/dist node --test tests/browser/screenshots.test.mjs';

// A Friday morning; the demo's dates are drawn relative to it.
const fixedNow = new Date('2026-11-27T09:30:00Z');
// A pixel counts as changed when a channel moves by more than this; a picture fails when more than
// kChangedShare of its pixels changed. Anti-aliasing noise stays far below; a moved panel, a new label or a
// wrong colour goes far above.
const kChannelTolerance = 40;
const kChangedShare = 0.003;

const sizes = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
};

async function openWorkspace(size, colorScheme) {
  const context = await environment.newContext({
    ...sizes[size], colorScheme, timezoneId: 'UTC', locale: 'en-GB', deviceScaleFactor: 1,
  });
  const page = await openApp(context, environment.server.url);
  await page.evaluate((instant) => window.roadbook.test.setClock(instant), fixedNow.toISOString());
  await loadDemo(page, 400);
  await page.evaluate(() => window.roadbook.test.flush());
  return { context, page };
}

async function press(page, size, tag) {
  await (size === 'phone' ? tapTag(page, tag) : clickTag(page, tag));
}

// Lets the last input's frames settle: no hover under the mouse (a lifted finger leaves none), no toast
// left, nothing saving.
async function settle(page, size) {
  if (size === 'desktop') await page.mouse.move(2, 2);
  await page.evaluate(() => window.roadbook.test.flush());
  await page.waitForFunction(() => !window.roadbook.test.items().some((item) => item.tag === 'toast'),
    null, { timeout: 10000, polling: 100 });
  if (size === 'desktop') {
    await framesAfter(page, () => page.mouse.move(3, 3));
  }
  await page.waitForTimeout(300);
}

const screens = {
  async today(page, size) {
    await press(page, size, 'nav.today');
    await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag.startsWith('today.')));
  },
  async board(page, size) {
    await press(page, size, 'nav.board');
    await waitForTag(page, 'board.pipeline');
  },
  async deal(page, size) {
    await press(page, size, 'nav.list');
    await page.waitForFunction(() => window.roadbook.test.items().some((item) => item.tag.startsWith('list.row.')));
    const [row] = (await tagged(page, 'list.row.')).sort((left, right) => left.y - right.y);
    const point = center(row);
    if (size === 'phone') await page.touchscreen.tap(point.x, point.y);
    else await page.mouse.dblclick(point.x, point.y);
    await waitForTag(page, 'opp.title');
  },
};

// Compares two PNGs in the browser (no image library needed here): the share of changed pixels, and a
// picture of where they are (changed pixels red over a faded copy of the baseline).
async function comparePictures(context, expected, actual) {
  const page = await context.newPage();
  try {
    return await page.evaluate(async ({ expectedBase64, actualBase64, tolerance }) => {
      const decode = async (base64) => createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
      const [left, right] = [await decode(expectedBase64), await decode(actualBase64)];
      if (left.width !== right.width || left.height !== right.height) {
        return { sizeMismatch: `${left.width}x${left.height} against ${right.width}x${right.height}` };
      }
      const pixels = (bitmap) => {
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const drawing = canvas.getContext('2d');
        drawing.drawImage(bitmap, 0, 0);
        return drawing.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [before, after] = [pixels(left), pixels(right)];
      const difference = new ImageData(left.width, left.height);
      let changed = 0;
      for (let index = 0; index < before.data.length; index += 4) {
        let largest = 0;
        for (let channel = 0; channel < 3; channel += 1) {
          largest = Math.max(largest, Math.abs(before.data[index + channel] - after.data[index + channel]));
        }
        const moved = largest > tolerance;
        if (moved) changed += 1;
        difference.data[index] = moved ? 255 : before.data[index] / 4 + 160;
        difference.data[index + 1] = moved ? 0 : before.data[index + 1] / 4 + 160;
        difference.data[index + 2] = moved ? 0 : before.data[index + 2] / 4 + 160;
        difference.data[index + 3] = 255;
      }
      const canvas = new OffscreenCanvas(left.width, left.height);
      canvas.getContext('2d').putImageData(difference, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let index = 0; index < bytes.length; index += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
      }
      return { share: changed / (before.data.length / 4), changed, differenceBase64: btoa(binary) };
    }, { expectedBase64: expected.toString('base64'), actualBase64: actual.toString('base64'), tolerance: kChannelTolerance });
  } finally {
    await page.close();
  }
}

// Which Chromium drew the baselines, and what that means for this run's comparison.
function versionNote(running) {
  if (!existsSync(recordFile)) return { differentMajor: true, line: `no ${recordFile} records the baselines' Chromium` };
  const drawnWith = JSON.parse(readFileSync(recordFile, 'utf8')).chromium;
  const major = (version) => version.split('.')[0];
  return {
    differentMajor: major(drawnWith) !== major(running),
    line: `baselines drawn with Chromium ${drawnWith}, this run uses ${running}`,
  };
}

// Set by the tests, so the record names the Chromium that drew the pictures.
let runningVersion = null;
if (updating) {
  after(() => {
    if (!runningVersion) return;
    writeFileSync(recordFile, `${JSON.stringify({ chromium: runningVersion, executable: chromiumExecutable }, null, 2)}\n`);
  });
}

for (const size of Object.keys(sizes)) {
  for (const colorScheme of ['light', 'dark']) {
    test(`screenshots of Today, the board and a deal on ${size} in ${colorScheme} match the baselines`, async (t) => {
      const { context, page } = await openWorkspace(size, colorScheme);
      runningVersion = environment.browser.version();
      const problems = [];
      let largestShare = 0;
      for (const [screen, open] of Object.entries(screens)) {
        await open(page, size);
        await settle(page, size);
        assert.deepEqual(page.roadbookErrors, [], 'no page errors');
        const name = `${screen}-${size}-${colorScheme}.png`;
        const baseline = join(baselineDirectory, name);
        const actual = await page.screenshot();
        if (updating) {
          mkdirSync(baselineDirectory, { recursive: true });
          writeFileSync(baseline, actual);
          continue;
        }
        if (!existsSync(baseline)) {
          problems.push(`${name}: no baseline; run with ROADBOOK_UPDATE_SCREENSHOTS=1 to create it`);
          continue;
        }
        const comparison = await comparePictures(context, readFileSync(baseline), actual);
        largestShare = Math.max(largestShare, comparison.share ?? 1);
        if (comparison.sizeMismatch || comparison.share > kChangedShare) {
          mkdirSync(failureDirectory, { recursive: true });
          writeFileSync(join(failureDirectory, name.replace('.png', '-actual.png')), actual);
          if (comparison.differenceBase64) {
            writeFileSync(join(failureDirectory, name.replace('.png', '-difference.png')),
              Buffer.from(comparison.differenceBase64, 'base64'));
          }
          problems.push(comparison.sizeMismatch
            ? `${name}: the picture is ${comparison.sizeMismatch}`
            : `${name}: ${(comparison.share * 100).toFixed(2)} % of pixels changed (${comparison.changed}); ` +
              `see ${failureDirectory}`);
        }
      }
      await context.close();
      const version = versionNote(runningVersion);
      t.diagnostic(`${version.line}; largest changed share ${(largestShare * 100).toFixed(3)} %`);
      if (problems.length > 0 && version.differentMajor) {
        problems.unshift(`${version.line} (another major version): if the app's look did not change, ` +
          `redraw the baselines with ${regenerateCommand}, look at each and commit them`);
      }
      assert.deepEqual(problems, []);
    });
  }
}
