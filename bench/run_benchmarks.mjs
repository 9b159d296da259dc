// Runs every benchmark (or those whose name contains the filter): the native Release binaries in
// build/release/bench, their WebAssembly builds in build/web/bench under node (where built), and the
// browser benchmarks in this folder. Each prints JSON lines on stdout.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const filter = process.argv[2] || '';
const here = dirname(fileURLToPath(import.meta.url));
const buildDirectory = process.env.ROADBOOK_BUILD_DIR || join(here, '..', 'build');

const native = ['store_bench', 'model_bench', 'sync_bench'].map((name) => ({ name, command: [join(buildDirectory, 'release', 'bench', name)] }));
const wasm = ['model_bench', 'sync_bench'].map((name) => ({ name: `${name}_wasm`, command: [process.execPath, join(buildDirectory, 'web', 'bench', `${name}.js`)] }))
  .filter((bench) => existsSync(bench.command[1]));
const browser = readdirSync(here).filter((file) => file.endsWith('_bench.mjs'))
  .map((file) => ({ name: file.replace(/\.mjs$/, ''), command: [process.execPath, join(here, file)] }));

let failures = 0;
for (const bench of [...native, ...wasm, ...browser]) {
  if (filter && !bench.name.includes(filter)) continue;
  const result = spawnSync(bench.command[0], bench.command.slice(1), { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`bench: ${bench.name} failed (${result.error ? result.error.message : `exit ${result.status}`})`);
    failures += 1;
  }
}
process.exit(failures === 0 ? 0 : 1);
