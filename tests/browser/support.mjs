// Shared by the browser tests: a real roadbook-server on 127.0.0.1 port 0 serving the built app, Debian's
// Chromium through playwright-core, and helpers that find widgets by their semantic tags (tests/browser/HOOKS.md).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const serverBinary = process.env.ROADBOOK_SERVER_BINARY;
const webRoot = process.env.ROADBOOK_WEB_ROOT;

export const chromiumArguments = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader',
];

export const builtWebRoot = webRoot;

// Starts roadbook-server (on an ephemeral port unless `port` is given, serving the built app unless `root`
// names another build); resolves once it printed its URL.
// Starts roadbook-server on 127.0.0.1; with `demo`, the demo organisation is created first and its users
// ({email, password, role}) are returned as `demoUsers`.
export async function startServer({ port = 0, root = webRoot, demo = false } = {}) {
  if (!serverBinary || !webRoot) {
    throw new Error('ROADBOOK_SERVER_BINARY and ROADBOOK_WEB_ROOT must be set (./roadbook test sets them)');
  }
  const dataDirectory = mkdtempSync(join(tmpdir(), 'roadbook-browser-'));
  const demoUsers = [];
  if (demo) {
    const output = execFileSync(serverBinary, ['admin', 'demo', '--data-dir', dataDirectory], { encoding: 'utf8' });
    for (const line of output.split('\n')) {
      const match = line.match(/^demo user (\S+) (\S+) (\S+)$/);
      if (match) demoUsers.push({ email: match[1], password: match[2], role: match[3] });
    }
  }
  const child = spawn(serverBinary, ['--port', String(port), '--web-root', root, '--data-dir', dataDirectory],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk) => { errors += chunk; });
  const url = await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`roadbook-server did not start: ${errors}`)), 10000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) { clearTimeout(timer); resolve(match[0]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`roadbook-server exited ${code}: ${errors}`)); });
  });
  return {
    url,
    demoUsers,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

// Debian's Chromium unless ROADBOOK_CHROMIUM names another build (for example an older one unpacked with
// dpkg -x, to see how screenshots differ between versions).
export const chromiumExecutable = process.env.ROADBOOK_CHROMIUM || '/usr/bin/chromium';

export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumExecutable, args: chromiumArguments });
}

// Registers before/after hooks that start a server and a browser for the test file and stop them at
// the end; returns an object whose `server` and `browser` are set once the hooks have run.
export function useServerAndBrowser() {
  const environment = {
    server: null,
    browser: null,
    newContext(options) { return environment.browser.newContext(options); },
  };
  before(async () => {
    environment.server = await startServer();
    environment.browser = await launchBrowser();
  });
  after(async () => {
    await environment.browser?.close();
    await environment.server?.stop();
  });
  return environment;
}

// Opens the app with the test hooks and waits for ready(); fails the test on any page error.
export async function openApp(context, baseUrl) {
  const page = await context.newPage();
  const pageErrors = [];
  const consoleMessages = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => consoleMessages.push(message.text()));
  await page.goto(`${baseUrl}?test=1`);
  await page.evaluate(() => window.roadbook.test.ready());
  page.roadbookErrors = pageErrors;
  page.roadbookConsole = consoleMessages;
  return page;
}

export async function items(page) {
  return page.evaluate(() => window.roadbook.test.items());
}

// Waits until an item with `tag` is drawn and visible, and returns it.
export async function waitForTag(page, tag, { timeout = 5000 } = {}) {
  const handle = await page.waitForFunction(
    (wanted) => window.roadbook.test.items().find((item) => item.tag === wanted && item.visible) || null,
    tag, { timeout, polling: 16 });
  return handle.jsonValue();
}

export async function waitForNoTag(page, tag, { timeout = 5000 } = {}) {
  await page.waitForFunction(
    (wanted) => !window.roadbook.test.items().some((item) => item.tag === wanted),
    tag, { timeout, polling: 16 });
}

export function center(item) {
  return { x: item.x + item.w / 2, y: item.y + item.h / 2 };
}

// Scrolls the page's content with the mouse wheel until an item tagged `tag` is drawn fully visible.
export async function scrollToTag(page, tag, { steps = 30 } = {}) {
  for (let step = 0; step < steps; step += 1) {
    const found = (await items(page)).find((item) => item.tag === tag);
    const viewport = page.viewportSize();
    if (found && found.visible && found.y >= 0 && found.y + found.h <= viewport.height) return found;
    await page.mouse.move(viewport.width * 0.6, viewport.height * 0.5);
    await framesAfter(page, () => page.mouse.wheel(0, found && found.y < 0 ? -240 : 240));
  }
  throw new Error(`${tag} did not scroll into view`);
}

export async function clickTag(page, tag) {
  const point = center(await waitForTag(page, tag));
  await page.mouse.click(point.x, point.y);
}

// A finger's tap on the middle of the item tagged `tag` (the context needs hasTouch).
export async function tapTag(page, tag) {
  const point = center(await waitForTag(page, tag));
  await page.touchscreen.tap(point.x, point.y);
}

export async function query(page, sql) {
  return page.evaluate((statement) => window.roadbook.test.query(statement), sql);
}

// Runs `input` and waits for `count` frames drawn after it. The frame count is read before the input: read
// after it, a frame drawn in between is missed, and an idle app draws no other (a wait that timed out on a
// loaded machine).
export async function framesAfter(page, input, count = 1) {
  const before = await page.evaluate(() => window.roadbook.test.frame());
  await input();
  await page.waitForFunction((target) => window.roadbook.test.frame() >= target, before + count, { polling: 16 });
}

// Waits for `count` more frames to be drawn (the app draws on demand, so something must be happening).
export async function waitForFrames(page, count) {
  const start = await page.evaluate(() => window.roadbook.test.frame());
  await page.waitForFunction((target) => window.roadbook.test.frame() >= target, start + count, { polling: 16 });
}

// Loads the seeded demo organisation (test hook); the next input draws a frame that shows it.
export async function loadDemo(page, count = 1000) {
  return page.evaluate((opportunities) => window.roadbook.test.loadDemo(opportunities), count);
}

// The last frame's items whose tag starts with `prefix`, visible ones only unless asked otherwise.
export async function tagged(page, prefix, { visibleOnly = true } = {}) {
  return (await items(page)).filter((item) => item.tag.startsWith(prefix) && (!visibleOnly || item.visible));
}

// Drags with the mouse from one point to another the way a hand does: press, a small move to start the
// drag, then the way across in steps. Every pointer event draws frames, so short pauses let them run.
export async function dragMouse(page, from, to) {
  const settle = () => page.waitForTimeout(60);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await settle();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 2 });
  await settle();
  for (let step = 1; step <= 6; step += 1) {
    await page.mouse.move(from.x + ((to.x - from.x) * step) / 6, from.y + ((to.y - from.y) * step) / 6);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(120);
  await page.mouse.up();
  await settle();
}
