// Renders the SVG icons in web/ to the PNG sizes the web app manifest needs, with Debian's headless Chromium
// (the one the browser tests use), so the PNGs are built from sources in the repository, never committed.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

// Returns [{size, png}] for each requested size of `svgPath`.
export async function renderIcons(svgPath, sizes) {
  const svg = readFileSync(svgPath, 'utf8');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const rendered = [];
    for (const size of sizes) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ',
        `<svg width="${size}" height="${size}" `)}</body></html>`);
      rendered.push({ size, png: await page.screenshot({ omitBackground: true, type: 'png' }) });
      await page.close();
    }
    return rendered;
  } finally {
    await browser.close();
  }
}
