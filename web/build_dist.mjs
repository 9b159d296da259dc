// Assembles the deployable web app in one folder: content-hashed copies of app.js, app.wasm, the scripts,
// the stylesheet, the icons (PNGs rendered from web/*.svg), two screenshot baselines and the fonts; an
// index.html and a web app manifest that name them; asset-manifest.json; and service-worker.js with the
// precache list, whose cache name is a hash of everything, so any changed file changes the worker.
// Usage: node build_dist.mjs --out DIR --app-js FILE --app-wasm FILE --web-src DIR --fonts A,B,C --version V
//   --screenshots DIR (the folder of the browser suite's screenshot baselines)
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

import { renderIcons } from './render_icons.mjs';

function parseArguments(argv) {
  const options = {};
  for (let index = 2; index < argv.length; index += 2) {
    const name = argv[index];
    if (!name.startsWith('--') || index + 1 >= argv.length) throw new Error(`build_dist: bad argument ${name}`);
    options[name.slice(2)] = argv[index + 1];
  }
  for (const required of ['out', 'app-js', 'app-wasm', 'web-src', 'fonts', 'version', 'screenshots']) {
    if (!options[required]) throw new Error(`build_dist: --${required} is required`);
  }
  return options;
}

const options = parseArguments(process.argv);
const assets = [];

// Writes `content` into the output as <stem>.<hash><extension> and returns the path relative to the web root.
function addHashedContent(content, stem, extension, folder = '') {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
  const name = `${stem}.${hash}${extension}`;
  const relative = folder ? `${folder}/${name}` : name;
  mkdirSync(join(options.out, folder), { recursive: true });
  writeFileSync(join(options.out, relative), content);
  assets.push({ path: relative, bytes: content.length, sha256: hash });
  return relative;
}

// Copies `source` into the output as name.<hash>.ext and returns the path relative to the web root.
function addHashed(source, folder = '') {
  const extension = extname(source);
  return addHashedContent(readFileSync(source), basename(source, extension), extension, folder);
}

// Fills {{NAME}} placeholders of a template in web/ from `values`.
function fillTemplate(file, values) {
  return readFileSync(join(options['web-src'], file), 'utf8').replace(/{{([A-Z_0-9]+)}}/g, (whole, key) => {
    if (!(key in values)) throw new Error(`build_dist: ${file} names unknown value ${whole}`);
    return values[key];
  });
}

rmSync(options.out, { recursive: true, force: true });
mkdirSync(options.out, { recursive: true });

const names = {
  APP: addHashed(options['app-js']),
  WASM: addHashed(options['app-wasm']),
  BOOT: addHashed(join(options['web-src'], 'boot.js')),
  STORAGE: addHashed(join(options['web-src'], 'storage.js')),
  STORAGE_TABS: addHashed(join(options['web-src'], 'storage_tabs.js')),
  CSS: addHashed(join(options['web-src'], 'app.css')),
  ICON: addHashed(join(options['web-src'], 'icon.svg')),
  FONTS: options.fonts.split(',').map((font) => addHashed(font, 'fonts')).join(','),
  VERSION: options.version,
};

const icons = await renderIcons(join(options['web-src'], 'icon.svg'), [180, 192, 512]);
const maskable = await renderIcons(join(options['web-src'], 'icon-maskable.svg'), [512]);
for (const { size, png } of icons) names[`ICON_${size}`] = addHashedContent(png, `icon-${size}`, '.png', 'icons');
names.ICON_MASKABLE_512 = addHashedContent(maskable[0].png, 'icon-maskable-512', '.png', 'icons');
// The install prompt's screenshots are the browser suite's baselines, so they always show the app as it is.
const baselines = options.screenshots;
// A PNG's "WIDTHxHEIGHT" from its IHDR chunk, for the manifest's screenshot sizes.
const pngSize = (file) => { const bytes = readFileSync(file); return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`; };
for (const [key, file] of [['SCREENSHOT_WIDE', 'board-desktop-light.png'], ['SCREENSHOT_NARROW', 'today-phone-light.png']]) {
  names[key] = addHashed(join(baselines, file), 'screenshots');
  names[`${key}_SIZE`] = pngSize(join(baselines, file));
}
names.PWA = addHashed(join(options['web-src'], 'pwa.js'));
names.MANIFEST = addHashedContent(Buffer.from(fillTemplate('manifest.webmanifest', names)), 'manifest', '.webmanifest');

const html = fillTemplate('index.html', names);
writeFileSync(join(options.out, 'index.html'), html);

// The worker precaches the page and every asset; its cache name changes with any byte of any of them.
const precache = ['./', ...assets.map((asset) => asset.path)];
const cacheVersion = createHash('sha256').update(html).update(JSON.stringify(assets)).digest('hex').slice(0, 16);
writeFileSync(join(options.out, 'service-worker.js'), fillTemplate('service-worker.js', {
  CACHE_VERSION: cacheVersion, PRECACHE: JSON.stringify(precache, null, 2), VERSION: options.version,
}));
writeFileSync(join(options.out, 'asset-manifest.json'), JSON.stringify({
  version: options.version, entry: 'index.html', service_worker: 'service-worker.js', cache_version: cacheVersion,
  assets,
}, null, 2) + '\n');
console.log(`build_dist: ${assets.length + 2} files in ${options.out}`);
