// Regenerates the README's (and the web app manifest's) screenshots from the real app: the list and the New
// opportunity dialog on desktop in light and dark, the phone list, the pipeline board and Settings on the
// demo organisation, and Today on a phone. Run after
// ./roadbook build:  ROADBOOK_SERVER_BINARY=build/debug/sync/server/roadbook-server \
//   ROADBOOK_WEB_ROOT=build/web/dist node scripts/take_screenshots.mjs
import { clickTag, launchBrowser, openApp, startServer, waitForNoTag, waitForTag } from '../tests/browser/support.mjs';

const deals = [
  ['Fleet renewal 2027', 'Łódź Logistics', '48,000', 'EUR', '2027-02-26'],
  ['Café Müller – espresso line', 'Café Müller', '12,500.50', 'EUR', '2027-01-15'],
  ['Cold-chain sensors pilot', 'Ørsted Åse Foods', '7,800', 'USD', '2026-12-18'],
  ['Regional warehouse expansion', 'Ελλάδα Distribution', '126,000', 'EUR', '2027-04-30'],
  ['Service contract extension', 'Nordic Rail AB', '19,900', 'SEK', '2026-11-20'],
];

async function addDeals(page) {
  for (const [name, account, amount, currency, close] of deals) {
    await clickTag(page, 'action.new-opportunity');
    await clickTag(page, 'opp.name');
    await page.keyboard.type(name);
    await clickTag(page, 'opp.account');
    await page.keyboard.type(account);
    await clickTag(page, 'opp.amount');
    await page.keyboard.type(amount);
    await clickTag(page, 'opp.currency');
    await page.keyboard.type(currency);  // the picker's filter field; Enter takes the first match
    await page.keyboard.press('Enter');
    await clickTag(page, 'opp.close-date');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(close);
    await clickTag(page, 'opp.save');
    await waitForNoTag(page, 'dialog.new-opportunity');
  }
  await page.waitForTimeout(3500);  // let the toast fade
}

const server = await startServer();
const browser = await launchBrowser();
try {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 760 }, colorScheme: scheme });
    const page = await openApp(context, server.url);
    await addDeals(page);
    await page.screenshot({ path: `docs/screenshot-desktop-${scheme}.png` });
    await clickTag(page, 'action.new-opportunity');
    await waitForTag(page, 'dialog.new-opportunity');
    await page.waitForTimeout(100);
    await page.screenshot({ path: `docs/screenshot-new-opportunity-${scheme}.png` });
    await context.close();
  }
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const page = await openApp(phone, server.url);
  await addDeals(page);
  await page.screenshot({ path: 'docs/screenshot-phone-light.png' });
  await phone.close();

  // The workspace on the seeded demo organisation: the pipeline board on a laptop, Today on a phone.
  const demo = await browser.newContext({ viewport: { width: 1280, height: 760 }, colorScheme: 'light' });
  const board = await openApp(demo, server.url);
  await board.evaluate(() => window.roadbook.test.loadDemo(400));
  await clickTag(board, 'nav.board');
  await waitForTag(board, 'board.filter.text');
  await board.waitForTimeout(300);
  await board.screenshot({ path: 'docs/screenshot-board-light.png' });
  await clickTag(board, 'nav.settings');
  await waitForTag(board, 'settings.download-backup');
  await board.waitForTimeout(300);
  await board.screenshot({ path: 'docs/screenshot-settings-light.png' });
  await demo.close();
  const demoPhone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const today = await openApp(demoPhone, server.url);
  await today.evaluate(() => window.roadbook.test.loadDemo(400));
  await today.evaluate(() => window.roadbook.test.flush());
  await today.goto(`${server.url}?test=1&screen=today`);
  await today.evaluate(() => window.roadbook.test.ready());
  await today.waitForTimeout(500);
  await today.screenshot({ path: 'docs/screenshot-today-phone-light.png' });
  await demoPhone.close();
} finally {
  await browser.close();
  await server.stop();
}
