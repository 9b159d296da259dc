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
// The sync load tool: 50 clients on SQLite (one server), then over two servers on a PostgreSQL cluster it starts.
const load = join(buildDirectory, 'release', 'bench', 'sync_load');
native.push({ name: 'sync_load_sqlite', command: [load, '--database', 'sqlite', '--clients', '50'] });
native.push({ name: 'sync_load_postgresql', command: [load, '--database', 'postgresql', '--servers', '2', '--clients', '50'] });
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
