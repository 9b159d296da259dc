// Assembles the deployable web app in one folder: content-hashed copies of app.js, app.wasm, boot.js,
// the stylesheet, the icon and the fonts, an index.html that names them, and asset-manifest.json.
// Usage: node build_dist.mjs --out DIR --app-js FILE --app-wasm FILE --web-src DIR --fonts A,B,C --version V
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

function parseArguments(argv) {
  const options = {};
  for (let index = 2; index < argv.length; index += 2) {
    const name = argv[index];
    if (!name.startsWith('--') || index + 1 >= argv.length) throw new Error(`build_dist: bad argument ${name}`);
    options[name.slice(2)] = argv[index + 1];
  }
  for (const required of ['out', 'app-js', 'app-wasm', 'web-src', 'fonts', 'version']) {
    if (!options[required]) throw new Error(`build_dist: --${required} is required`);
  }
  return options;
}

const options = parseArguments(process.argv);
const assets = [];

// Copies `source` into the output as name.<hash>.ext and returns the path relative to the web root.
function addHashed(source, folder = '') {
  const content = readFileSync(source);
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
  const extension = extname(source);
  const name = `${basename(source, extension)}.${hash}${extension}`;
  const relative = folder ? `${folder}/${name}` : name;
  mkdirSync(join(options.out, folder), { recursive: true });
  copyFileSync(source, join(options.out, relative));
  assets.push({ path: relative, bytes: content.length, sha256: hash });
  return relative;
}

rmSync(options.out, { recursive: true, force: true });
mkdirSync(options.out, { recursive: true });

const names = {
  APP: addHashed(options['app-js']),
  WASM: addHashed(options['app-wasm']),
  BOOT: addHashed(join(options['web-src'], 'boot.js')),
  STORAGE: addHashed(join(options['web-src'], 'storage.js')),
  CSS: addHashed(join(options['web-src'], 'app.css')),
  ICON: addHashed(join(options['web-src'], 'icon.svg')),
  FONTS: options.fonts.split(',').map((font) => addHashed(font, 'fonts')).join(','),
  VERSION: options.version,
};

let html = readFileSync(join(options['web-src'], 'index.html'), 'utf8');
html = html.replace(/{{([A-Z]+)}}/g, (whole, key) => {
  if (!(key in names)) throw new Error(`build_dist: index.html names unknown asset ${whole}`);
  return names[key];
});
writeFileSync(join(options.out, 'index.html'), html);
writeFileSync(join(options.out, 'asset-manifest.json'),
  JSON.stringify({ version: options.version, entry: 'index.html', assets }, null, 2) + '\n');
console.log(`build_dist: ${assets.length + 1} files in ${options.out}`);
