// Tests of scripts/setup.sh as a new user meets it: the script runs for real in a scratch copy of the
// repository, with apt, dpkg-query, npm and id replaced by fakes that play a machine's state (what is installed,
// what the archive offers, a broken network, a full disk, no root). Every other tool comes from a folder that
// holds only the tools setup is allowed to use, so the script cannot lean on what this machine happens to have.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

const repository = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratchFolders = [];
after(() => scratchFolders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

// The tools setup.sh may find on a fresh Debian 12 (coreutils, dpkg, tar, xz-utils, gawk or mawk, sed, grep).
const systemTools = ['bash', 'awk', 'sed', 'grep', 'tail', 'cut', 'tr', 'mktemp', 'rm', 'mkdir', 'chmod', 'mv',
  'ln', 'cat', 'sha256sum', 'tar', 'xz', 'df', 'dpkg', 'env', 'dirname'];

function which(tool) {
  const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
  assert.ok(found, `the test needs ${tool} on this machine`);
  return found;
}

const fakeFolder = join(dirname(fileURLToPath(import.meta.url)), 'fakes');
const fakes = ['dpkg-query', 'apt-cache', 'apt-get', 'id', 'npm'];

// The machine every case starts from: every pinned package installed at an accepted revision.
const healthyState = `cmake 3.25.1-1
ninja-build 1.11.1-2~deb12u1
g++ 4:12.2.0-3
clang-14 1:14.0.6-12
libclang-rt-14-dev 1:14.0.6-12
emscripten 3.1.6~dfsg-5
chromium 156.0.8078.129-1~deb12u1
fonts-roboto-unhinted 2:0~20170802-3
fonts-fork-awesome 1.2.0+ds1-1
libsodium-dev 1.0.18-1+deb12u1
nlohmann-json3-dev 3.11.2-2
catch2 2.13.10-1
pkgconf 1.8.1-1
libpq-dev 15.20-0+deb12u1
postgresql 15+248+deb12u2
xz-utils 5.4.1-1+deb12u1
`;

const madisonLine = (name, version, suite, kind = 'amd64 Packages') => {
  const host = suite.endsWith('-security') ? 'http://deb.debian.org/debian-security' : 'http://deb.debian.org/debian';
  return `${name.padStart(10)} | ${version} | ${host} ${suite}/main ${kind}`;
};

// Today's archive as apt sees it, with a trixie source entry that must never be taken for a package.
const todaysArchive = [
  madisonLine('xz-utils', '5.4.1-1+deb12u2', 'bookworm-security'),
  madisonLine('xz-utils', '5.4.1-1+deb12u1', 'bookworm'),
  madisonLine('xz-utils', '5.6.4-1', 'trixie', 'Sources'),
  madisonLine('chromium', '156.0.8078.129-1~deb12u1', 'bookworm-security'),
  madisonLine('chromium', '150.0.7871.100-1~deb12u1', 'bookworm'),
  madisonLine('emscripten', '3.1.6~dfsg-5', 'bookworm'),
  madisonLine('libpq-dev', '15.20-0+deb12u1', 'bookworm-security'),
  madisonLine('libpq-dev', '15.18-0+deb12u1', 'bookworm'),
].join('\n');

function without(state, ...packages) {
  return state.split('\n').filter((line) => !packages.includes(line.split(' ')[0])).join('\n');
}

function replaced(state, name, version) {
  return `${without(state, name)}\n${name} ${version}\n`;
}

// A scratch repository with scripts/ copied in, fakes first on PATH, then the allowed system tools.
function scratchRepository({ sourcesLock, debianLock, node } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'roadbook-setup-test-'));
  scratchFolders.push(root);
  mkdirSync(join(root, 'scripts'));
  copyFileSync(join(repository, 'scripts', 'setup.sh'), join(root, 'scripts', 'setup.sh'));
  for (const lock of ['third_party.lock', 'debian-packages.lock']) {
    if (existsSync(join(repository, 'scripts', lock))) {
      copyFileSync(join(repository, 'scripts', lock), join(root, 'scripts', lock));
    }
  }
  if (sourcesLock) writeFileSync(join(root, 'scripts', 'third_party.lock'), sourcesLock(readFileSync(join(root, 'scripts', 'third_party.lock'), 'utf8')));
  if (debianLock) writeFileSync(join(root, 'scripts', 'debian-packages.lock'), debianLock);
  copyFileSync(join(repository, 'package-lock.json'), join(root, 'package-lock.json'));
  const bin = join(root, 'bin');
  mkdirSync(bin);
  for (const tool of systemTools) symlinkSync(which(tool), join(bin, tool));
  for (const name of fakes) symlinkSync(join(fakeFolder, name), join(bin, name));
  if (node) {
    writeFileSync(join(bin, 'node'), `#!/usr/bin/env bash\n${node}\n`);
    chmodSync(join(bin, 'node'), 0o755);
  } else {
    symlinkSync(process.execPath, join(bin, 'node'));
  }
  return { root, bin };
}

function runSetup(phases, { state = healthyState, archive = todaysArchive, environment = {}, ...repositoryOptions } = {}) {
  const { root, bin } = scratchRepository(repositoryOptions);
  writeFileSync(join(root, 'state'), state);
  writeFileSync(join(root, 'archive'), archive);
  writeFileSync(join(root, 'calls'), '');
  const result = spawnSync(which('bash'), [join(root, 'scripts', 'setup.sh'), ...phases], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60000,
    env: {
      PATH: bin, HOME: root, TMPDIR: tmpdir(), FAKE_STATE: join(root, 'state'), FAKE_ARCHIVE: join(root, 'archive'),
      FAKE_LOG: join(root, 'calls'), ...environment,
    },
  });
  return {
    root,
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    calls: readFileSync(join(root, 'calls'), 'utf8').trim().split('\n').filter(Boolean),
  };
}

// A failure says once what failed and once what to try, on stderr, and exits non-zero: never a silent exit.
function assertLoudFailure(result, what) {
  assert.notEqual(result.status, 0, `exit status (stdout: ${result.stdout})`);
  const errors = result.stderr.split('\n').filter((line) => line.startsWith('setup: error: '));
  const hints = result.stderr.split('\n').filter((line) => line.startsWith('setup: try: '));
  assert.equal(errors.length, 1, `one error line in stderr:\n${result.stderr}`);
  assert.equal(hints.length, 1, `one hint line in stderr:\n${result.stderr}`);
  assert.match(errors[0], what);
}

test('a package that is not installed is installed at the newest bookworm revision of its pin', () => {
  const result = runSetup(['debian'], { state: without(healthyState, 'xz-utils') });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(result.calls, [
    'update --error-on=any',
    'install -y -q --no-install-recommends xz-utils=5.4.1-1+deb12u2',
  ]);
  assert.match(result.stdout, /installed xz-utils 5\.4\.1-1\+deb12u2 \(pin 5\.4\.1\)/);
});

test('a machine with none of the packages gets every pin in one apt-get install, and each is named', () => {
  const pins = healthyState.trim().split('\n').map((line) => line.split(' '));
  const archive = pins.map(([name, version]) => madisonLine(name, version, 'bookworm')).join('\n');
  const result = runSetup(['debian'], { state: '', archive });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.calls.length, 2, result.calls.join('\n'));
  assert.equal(result.calls[0], 'update --error-on=any');
  assert.equal(result.calls[1], `install -y -q --no-install-recommends ${pins.map(([name, version]) => `${name}=${version}`).join(' ')}`);
  for (const [name, version] of pins) assert.ok(result.stdout.includes(`installed ${name} ${version} (pin `), name);
});

test('a package installed at another Debian revision of its pin is kept, with no network', () => {
  const state = replaced(replaced(healthyState, 'xz-utils', '5.4.1-1'), 'libpq-dev', '15.18-0+deb12u1');
  const result = runSetup(['debian'], { state });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(result.calls, [], 'no apt-get call at all');
  assert.doesNotMatch(result.stdout + result.stderr, /note|warning/);
});

test('a package installed at another upstream version is kept with a note', () => {
  const result = runSetup(['debian'], { state: replaced(healthyState, 'cmake', '3.27.0-1~bpo12+1') });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(result.calls, []);
  assert.match(result.stdout, /note: cmake 3\.27\.0-1~bpo12\+1 is installed; Roadbook pins 3\.25\.1/);
});

test('a package whose pin left the archive: "follow" installs the current version, "pinned" refuses', () => {
  const newerChromium = todaysArchive.replace(/156\.0\.8078\.129/, '157.0.8100.40');
  const followed = runSetup(['debian'], { state: without(healthyState, 'chromium'), archive: newerChromium });
  assert.equal(followed.status, 0, followed.stderr);
  assert.match(followed.stderr, /warning: chromium 156 is gone from the archive; installing its current version 157\.0\.8100\.40-1~deb12u1/);
  assert.ok(followed.calls.includes('install -y -q --no-install-recommends chromium=157.0.8100.40-1~deb12u1'));

  const newerEmscripten = todaysArchive.replace('3.1.6~dfsg-5', '3.1.60~dfsg-1');
  const refused = runSetup(['debian'], { state: without(healthyState, 'emscripten'), archive: newerEmscripten });
  assertLoudFailure(refused, /emscripten 3\.1\.6 is not in the Debian archive \(it offers 3\.1\.60~dfsg-1\)/);
  assert.ok(!refused.calls.some((call) => call.startsWith('install')), 'nothing installed');
});

test('a package the archive does not know is named', () => {
  const result = runSetup(['debian'], { state: without(healthyState, 'catch2') });
  assertLoudFailure(result, /catch2 is not in the Debian archive apt knows/);
});

test('no network: apt-get update fails loudly and shows what apt said', () => {
  const result = runSetup(['debian'], { state: without(healthyState, 'xz-utils'), environment: { FAKE_NO_NETWORK: '1' } });
  assertLoudFailure(result, /refreshing Debian's package lists \(apt-get update\) failed/);
  assert.match(result.stderr, /Temporary failure resolving 'deb\.debian\.org'/);
  assert.match(result.stderr, /setup: try: check the network/);
});

test('a full disk during apt-get install is named in the hint', () => {
  const result = runSetup(['debian'], {
    state: without(healthyState, 'chromium'),
    environment: { FAKE_INSTALL_FAILS: 'dpkg: error processing archive chromium.deb: No space left on device' },
  });
  assertLoudFailure(result, /installing Debian packages \(apt-get install\) failed/);
  assert.match(result.stderr, /No space left on device/);
  assert.match(result.stderr, /setup: try: the disk is full/);
});

test('not root and no sudo: says so before anything runs', () => {
  const result = runSetup(['debian'], { state: without(healthyState, 'xz-utils'), environment: { FAKE_UID: '1000' } });
  assertLoudFailure(result, /needs root/);
  assert.deepEqual(result.calls, []);
});

test('a malformed line in the Debian lock is named', () => {
  const result = runSetup(['debian'], { debianLock: 'cmake 3.25.1 pinned\nninja-build 1.11.1\n' });
  assertLoudFailure(result, /debian-packages\.lock line 2/);
});

test('a missing entry in the sources lock is named before anything is downloaded', () => {
  const result = runSetup(['sources'], { sourcesLock: (text) => text.replace(/^imgui\.sha256 .*\n/m, '') });
  assertLoudFailure(result, /third_party\.lock has no entry for imgui\.sha256/);
  assert.deepEqual(result.calls, [], 'nothing downloaded');
});

test('a cached download whose sha256 differs is refused, named and deleted', () => {
  const { root, bin } = scratchRepository();
  const tarball = join(root, 'third_party', 'downloads', 'imgui_1.90.1+ds.orig.tar.xz');
  mkdirSync(dirname(tarball), { recursive: true });
  writeFileSync(tarball, 'not the file the lock names');
  writeFileSync(join(root, 'calls'), '');
  const result = spawnSync(which('bash'), [join(root, 'scripts', 'setup.sh'), 'sources'], {
    encoding: 'utf8', env: { PATH: bin, HOME: root, TMPDIR: tmpdir(), FAKE_LOG: join(root, 'calls') },
  });
  assertLoudFailure(result, /imgui_1\.90\.1\+ds\.orig\.tar\.xz has sha256 [0-9a-f]{64}, expected ecce377d/);
  assert.ok(!existsSync(tarball), 'the refused file is deleted');
});

test('npm without a network fails loudly and shows what npm said', () => {
  const result = runSetup(['node'], { environment: { FAKE_NO_NETWORK: '1' } });
  assertLoudFailure(result, /installing node packages from package-lock\.json \(npm ci\) failed/);
  assert.match(result.stderr, /ENOTFOUND/);
});

test('Node.js older than 20 is refused at once, before any apt work', () => {
  const result = runSetup([], {
    state: without(healthyState, 'xz-utils'),
    node: '[ "$1" = --version ] && echo v18.19.0 || echo 18',
  });
  assertLoudFailure(result, /Node\.js v18\.19\.0 is too old; Roadbook needs 20 or newer/);
  assert.deepEqual(result.calls, [], 'no apt or npm call before the check');
});

test('an unknown phase is refused', () => {
  assertLoudFailure(runSetup(['everything']), /unknown setup phase 'everything'/);
});

// The entry script fails the same way: one "roadbook: error:" line and one "roadbook: try:" line.
test('./roadbook refuses an unknown command and passes a setup failure through once', () => {
  const roadbook = join(repository, 'roadbook');
  const unknown = spawnSync(which('bash'), [roadbook, 'frobnicate'], { encoding: 'utf8' });
  assert.notEqual(unknown.status, 0);
  assert.match(unknown.stderr, /^roadbook: error: unknown command 'frobnicate'$/m);
  assert.match(unknown.stderr, /^roadbook: try: \.\/roadbook help lists the commands$/m);
  const phase = spawnSync(which('bash'), [roadbook, 'setup', 'everything'], { encoding: 'utf8' });
  assert.notEqual(phase.status, 0);
  assert.equal(phase.stderr.split('\n').filter((line) => line.includes(': error: ')).length, 1, phase.stderr);
  assert.match(phase.stderr, /^setup: error: unknown setup phase 'everything'$/m);
});
