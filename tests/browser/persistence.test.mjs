// Storage on the device: the SQLite pages mirrored in IndexedDB survive reloads, closed tabs,
// failed saves, VACUUM, and a second tab; a stale tab is fenced; backups restore into a fresh profile.
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { clickTag, openApp, query, useServerAndBrowser, waitForTag } from './support.mjs';

const environment = useServerAndBrowser();

async function execute(page, sql) {
  await page.evaluate((statement) => window.roadbook.test.execute(statement), sql);
}

async function flush(page) {
  await page.evaluate(() => window.roadbook.test.flush());
}

async function reopen(context, page) {
  await page.close();
  return openApp(context, environment.server.url);
}

async function integrity(page) {
  return (await query(page, 'PRAGMA integrity_check'))[0].integrity_check;
}

async function waitForStatus(page, pattern, timeout = 10000) {
  await page.waitForFunction((source) => {
    const item = window.roadbook.test.items().find((candidate) => candidate.tag === 'storage.status');
    return item && new RegExp(source).test(item.label);
  }, pattern.source, { timeout, polling: 16 });
}

// The meta record as stored, read in the page from IndexedDB.
async function storedMeta(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const opening = indexedDB.open('roadbook');
    opening.onsuccess = () => {
      const request = opening.result.transaction('meta').objectStore('meta').get('main');
      request.onsuccess = () => { resolve(request.result); opening.result.close(); };
      request.onerror = () => reject(request.error);
    };
    opening.onerror = () => reject(opening.error);
  }));
}

// Writes one record straight into the stored IndexedDB data, as another tab or a damaged disk would.
async function putStored(page, storeName, key, value) {
  await page.evaluate(({ storeName: name, key: recordKey, value: record }) => new Promise((resolve, reject) => {
    const opening = indexedDB.open('roadbook');
    opening.onsuccess = () => {
      const transaction = opening.result.transaction(name, 'readwrite');
      transaction.objectStore(name).put(record.bytes ? new Uint8Array(record.bytes) : record, recordKey);
      transaction.oncomplete = () => { opening.result.close(); resolve(); };
      transaction.onabort = () => reject(transaction.error);
    };
    opening.onerror = () => reject(opening.error);
  }), { storeName, key, value });
}

test('deals and 500 edits survive a reload', async () => {
  const context = await environment.newContext({ viewport: { width: 1280, height: 800 } });
  let page = await openApp(context, environment.server.url);
  await page.evaluate(() => window.roadbook.test.loadDemo(40));
  await waitForStatus(page, /^Saved on this device$/);
  const before = await query(page, 'SELECT count(*) AS deals, total(amount_minor) AS amount FROM opportunities');
  assert.equal(before[0].deals, 40);
  await page.evaluate(() => {
    for (let edit = 1; edit <= 500; ++edit) {
      window.roadbook.test.execute(`UPDATE opportunities SET amount_minor = ${edit} WHERE rowid = ${1 + (edit % 40)}`);
    }
  });
  const edited = await query(page, 'SELECT rowid, amount_minor FROM opportunities ORDER BY rowid');
  await flush(page);
  const meta = await storedMeta(page);
  assert.equal(meta.commitId, (await page.evaluate(() => window.roadbook.test.storageState())).committed);

  page = await reopen(context, page);
  assert.deepEqual(await query(page, 'SELECT rowid, amount_minor FROM opportunities ORDER BY rowid'), edited);
  assert.equal(await integrity(page), 'ok');
  await waitForStatus(page, /^Saved on this device$/);
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('a database larger than the initial WebAssembly memory reloads (memory grows while pages load)', async () => {
  const context = await environment.newContext();
  let page = await openApp(context, environment.server.url);
  await page.evaluate(() => window.roadbook.test.loadDemo(4000));
  await flush(page);
  const expected = await query(page, 'SELECT count(*) AS deals, total(amount_minor) AS amount, (SELECT count(*) FROM change_log) AS changes FROM opportunities');
  const meta = await storedMeta(page);
  assert.ok(meta.pageCount * meta.pageSize > 40e6, 'the database is larger than the 32 MB initial memory');
  page = await reopen(context, page);
  assert.deepEqual(await query(page, 'SELECT count(*) AS deals, total(amount_minor) AS amount, (SELECT count(*) FROM change_log) AS changes FROM opportunities'), expected);
  assert.deepEqual(page.roadbookErrors, []);
  await context.close();
});

test('closing the tab before a save completes leaves a whole earlier or equal state', async () => {
  const context = await environment.newContext();
  let page = await openApp(context, environment.server.url);
  // Each commit adds a row and bumps a counter in one transaction: a partial commit would break count = total.
  await execute(page, 'CREATE TABLE probe_rows (id INTEGER PRIMARY KEY, body BLOB); CREATE TABLE probe_total (n INTEGER); INSERT INTO probe_total VALUES (0)');
  await flush(page);
  await page.evaluate(() => {
    for (let commit = 0; commit < 60; ++commit) {
      window.roadbook.test.execute('BEGIN; INSERT INTO probe_rows (body) VALUES (randomblob(20000)); UPDATE probe_total SET n = n + 1; COMMIT');
    }
  });
  await page.close({ runBeforeUnload: false });  // no flush: the saves may be cut off anywhere

  page = await openApp(context, environment.server.url);
  assert.equal(await integrity(page), 'ok');
  const [state] = await query(page, 'SELECT (SELECT count(*) FROM probe_rows) AS rows, (SELECT n FROM probe_total) AS total');
  assert.equal(state.rows, state.total);
  assert.ok(state.rows >= 0 && state.rows <= 60);
  await context.close();
});

test('failed saves show "not saved", retry, and end saved with nothing lost', async () => {
  const context = await environment.newContext({ viewport: { width: 1280, height: 800 } });
  let page = await openApp(context, environment.server.url);
  await page.evaluate(() => window.roadbook.test.loadDemo(10));
  await flush(page);
  await page.evaluate(() => window.roadbook.test.failNextSaves(3));
  await execute(page, "UPDATE opportunities SET name = 'Retried deal' WHERE rowid = 3");
  await waitForStatus(page, /^Not saved on this device: .+, retrying$/);
  await waitForStatus(page, /^Saved on this device$/, 15000);
  page = await reopen(context, page);
  assert.deepEqual(await query(page, 'SELECT name FROM opportunities WHERE rowid = 3'), [{ name: 'Retried deal' }]);
  await context.close();
});

test('VACUUM after a large insert and delete (holes, truncation) reloads intact', async () => {
  const context = await environment.newContext();
  let page = await openApp(context, environment.server.url);
  await execute(page, `CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
    INSERT INTO blobs (body) SELECT randomblob(5000 + i * 13) FROM n`);
  await flush(page);
  const grown = (await storedMeta(page)).pageCount;
  await execute(page, 'DELETE FROM blobs WHERE id % 4 <> 0');
  await execute(page, 'VACUUM');
  await flush(page);
  const expected = await query(page, 'SELECT count(*) AS n, sum(length(body)) AS bytes FROM blobs');
  page = await reopen(context, page);
  assert.equal(await integrity(page), 'ok');
  assert.deepEqual(await query(page, 'SELECT count(*) AS n, sum(length(body)) AS bytes FROM blobs'), expected);
  assert.ok((await storedMeta(page)).pageCount <= grown);
  await context.close();
});

test('a second tab waits, "Use here" hands over without losing a commit, and a stale writer is fenced', async () => {
  const context = await environment.newContext({ viewport: { width: 1280, height: 800 } });
  const first = await openApp(context, environment.server.url);
  await execute(first, 'CREATE TABLE probe_tabs (what TEXT)');

  const second = await context.newPage();
  await second.goto(`${environment.server.url}?test=1`);
  await second.waitForSelector('#elsewhere:not([hidden])');
  assert.match(await second.textContent('#elsewhere'), /open in another tab/);

  // The first tab's last commit is not saved yet when the second asks: the handover must carry it.
  await execute(first, "INSERT INTO probe_tabs VALUES ('written just before the handover')");
  await second.click('#elsewhere-use-here');
  await second.evaluate(() => window.roadbook.test.ready());
  assert.deepEqual(await query(second, 'SELECT what FROM probe_tabs'), [{ what: 'written just before the handover' }]);
  await first.waitForSelector('#elsewhere:not([hidden])');
  assert.equal((await first.evaluate(() => window.roadbook.test.storageState())).role, 'replaced');

  // A writer whose epoch is no longer the stored one (another tab took over while it was frozen) must not save.
  await execute(second, "INSERT INTO probe_tabs VALUES ('saved by the writer')");
  await flush(second);
  const current = await storedMeta(second);
  await putStored(second, 'meta', 'main', { ...current, writerEpoch: current.writerEpoch + 1 });
  await execute(second, "INSERT INTO probe_tabs VALUES ('from the stale writer')");
  await second.waitForFunction(() => window.roadbook.test.storageState().role === 'replaced', null, { timeout: 5000 })
    .catch(async (error) => { throw new Error(`${error.message}: ${JSON.stringify(await second.evaluate(() => window.roadbook.test.storageState()))}`); });
  await second.waitForSelector('#elsewhere:not([hidden])');
  const meta = await storedMeta(second);
  // The fenced tab let go of the lock, so a new tab becomes the writer at once, on what was saved.
  const third = await openApp(context, environment.server.url);
  assert.deepEqual(await query(third, 'SELECT what FROM probe_tabs ORDER BY rowid'),
    [{ what: 'written just before the handover' }, { what: 'saved by the writer' }]);
  assert.equal(await integrity(third), 'ok');
  assert.ok((await storedMeta(third)).writerEpoch > meta.writerEpoch);
  await context.close();
});

test('a backup restores into a fresh profile; a file that is not a backup is refused and changes nothing', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'roadbook-backup-'));
  try {
    const source = await environment.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await openApp(source, environment.server.url);
    await page.evaluate(() => window.roadbook.test.loadDemo(25));
    const fingerprint = 'SELECT count(*) AS deals, total(amount_minor) AS amount, max(name) AS name, (SELECT count(*) FROM change_log) AS changes FROM opportunities';
    const expected = await query(page, fingerprint);
    await clickTag(page, 'nav.settings');
    const downloading = page.waitForEvent('download');
    await clickTag(page, 'settings.download-backup');
    const download = await downloading;
    assert.match(download.suggestedFilename(), /^roadbook-backup-\d{4}-\d{2}-\d{2}\.sqlite$/);
    const backupPath = join(folder, 'backup.sqlite');
    await download.saveAs(backupPath);
    await source.close();

    const fresh = await environment.newContext({ viewport: { width: 1280, height: 800 } });
    let target = await openApp(fresh, environment.server.url);
    await target.evaluate(() => window.roadbook.test.loadDemo(3));
    const before = await query(target, fingerprint);

    const notBackup = join(folder, 'notes.sqlite');
    writeFileSync(notBackup, 'these are my notes, not a database'.repeat(50));
    await clickTag(target, 'nav.settings');
    await clickTag(target, 'settings.restore-backup');
    let choosing = target.waitForEvent('filechooser');
    await clickTag(target, 'settings.restore-confirm');
    await (await choosing).setFiles(notBackup);
    const toast = await waitForTag(target, 'toast');
    assert.match(toast.label, /not a SQLite database/);
    assert.deepEqual(await query(target, fingerprint), before);

    await clickTag(target, 'settings.restore-backup');
    choosing = target.waitForEvent('filechooser');
    await clickTag(target, 'settings.restore-confirm');
    const reloaded = target.waitForEvent('load');
    await (await choosing).setFiles(backupPath);
    await reloaded;
    await target.evaluate(() => window.roadbook.test.ready());
    assert.deepEqual(await query(target, fingerprint), expected);
    target = await reopen(fresh, target);
    assert.deepEqual(await query(target, fingerprint), expected);
    await fresh.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('Settings shows the save state, whether storage is persistent, and the usage estimate', async () => {
  const context = await environment.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, environment.server.url);
  await execute(page, 'CREATE TABLE probe_settings (n INTEGER)');  // the first real save asks for persistence
  await flush(page);
  await clickTag(page, 'nav.settings');
  await waitForStatus(page, /^Saved on this device$/);
  const persistence = await waitForTag(page, 'settings.storage-persistence');
  assert.match(persistence.label, /persistent/i);
  const usage = await waitForTag(page, 'settings.storage-usage');
  assert.match(usage.label, /^Using .+ of the .+ this browser allows\.$/);
  await context.close();
});

test('stored data that cannot be opened shows why, offers a download, and is not wiped', async () => {
  const context = await environment.newContext({ acceptDownloads: true });
  let page = await openApp(context, environment.server.url);
  await execute(page, 'CREATE TABLE probe_broken (n INTEGER)');
  await flush(page);
  // Scribble over the database header in IndexedDB, as a broken disk or a bad extension might.
  await putStored(page, 'pages', 0, { bytes: new Array((await storedMeta(page)).pageSize).fill(0x5a) });
  const pagesBefore = (await storedMeta(page)).pageCount;
  await page.close();
  page = await context.newPage();
  await page.goto(`${environment.server.url}?test=1`);
  await page.waitForSelector('#broken:not([hidden])');
  assert.match(await page.textContent('#broken-message'), /.+/);
  const downloading = page.waitForEvent('download');
  await page.click('#broken-download');
  const download = await downloading;
  assert.equal(download.suggestedFilename(), 'roadbook-stored-data.sqlite');
  assert.equal((await storedMeta(page)).pageCount, pagesBefore);
  await context.close();
});
