// Roadbook's storage on this device (docs/ARCHITECTURE.md): the SQLite pages mirrored in IndexedDB, loaded at start
// and saved as whole commits with retries and a writer epoch checked inside every save. storage_tabs.js adds
// the election of one writer tab. boot.js starts it before the module runs; the module calls it through
// Module.roadbookStorage (see roadbook_web.js and web_storage.cpp).
(function () {
  'use strict';

  var DATABASE = 'roadbook';      // the IndexedDB database
  var FORMAT_VERSION = 1;         // the layout of pages and meta below
  var LOAD_BATCH = 512;           // pages per getAll while loading
  var RETRY_FIRST_MS = 250;
  var RETRY_MAX_MS = 8000;

  function request(idbRequest) {
    return new Promise(function (resolve, reject) {
      idbRequest.onsuccess = function () { resolve(idbRequest.result); };
      idbRequest.onerror = function () { reject(idbRequest.error); };
    });
  }

  function finished(transaction) {
    return new Promise(function (resolve, reject) {
      transaction.oncomplete = function () { resolve(); };
      transaction.onabort = function () { reject(transaction.error || new Error('the save was cancelled')); };
    });
  }

  // What a person should read when a save fails: the browser's reason in plain words.
  function describeFailure(error) {
    var name = error && error.name;
    if (name === 'QuotaExceededError') return 'this device is out of storage space for Roadbook';
    if (name === 'InvalidStateError' || name === 'UnknownError') return 'the browser closed the storage connection';
    if (name === 'AbortError') return 'the browser cancelled the save';
    return (error && error.message) || 'the browser refused to save';
  }

  function Storage(options) {
    this.pageSize = options.pageSize;
    this.onScreen = options.onScreen;  // (name, detail) for the tab-level screens in index.html
    this.role = 'starting';            // writer | elsewhere | replaced | unavailable
    this.db = null;
    this.epoch = 0;
    this.loaded = null;                // {pageSize, pageCount, commitId, batches} until installed
    this.module = null;
    this.watermark = 0;                // the last commit id known to be in IndexedDB
    this.saving = false;
    this.saveTimer = 0;
    this.saveQueued = false;
    this.retryDelay = 0;
    this.failure = '';
    this.failuresToInject = 0;
    this.flushWaiters = [];
    this.askedForPersistence = false;
    this.startedAtCommit = undefined;  // the commit id when the app started: later commits are the person's
    this.lastEstimate = 0;
    this.releaseLock = null;
    this.holdsLock = false;
    this.channel = null;               // BroadcastChannel between tabs (storage_tabs.js)
    this.stats = { saves: 0, pagesWritten: 0, bytesWritten: 0, lastSaveMs: 0 };
  }

  Storage.prototype.openDatabase = function () {
    var self = this;
    var opening = indexedDB.open(DATABASE, 1);
    opening.onupgradeneeded = function () {
      opening.result.createObjectStore('pages');
      opening.result.createObjectStore('meta');
    };
    return request(opening).then(function (db) {
      db.onclose = function () { self.db = null; };  // Safari drops connections; the next save reopens
      db.onversionchange = function () { db.close(); self.db = null; };
      self.db = db;
      return db;
    });
  };

  // Bumps the writer epoch (strict, so a stale tab is fenced even after a crash) and reads every page.
  Storage.prototype.becomeWriter = function () {
    var self = this;
    this.role = 'writer';
    this.onScreen('loading');
    if (!window.indexedDB) {
      this.becomeUnavailable();
      return Promise.resolve();
    }
    return this.openDatabase().then(function (db) {
      var transaction = db.transaction(['meta'], 'readwrite', { durability: 'strict' });
      var meta = null;
      request(transaction.objectStore('meta').get('main')).then(function (stored) {
        meta = stored || { formatVersion: FORMAT_VERSION, pageSize: self.pageSize, pageCount: 0, commitId: 0, writerEpoch: 0 };
        meta.writerEpoch = (meta.writerEpoch || 0) + 1;
        transaction.objectStore('meta').put(meta, 'main');
      });
      return finished(transaction).then(function () { return meta; });
    }).then(function (meta) {
      if (meta.formatVersion > FORMAT_VERSION) {
        var incompatible = new Error('The data on this device was stored by a newer version of Roadbook. Reload to update.');
        incompatible.name = 'IncompatibleStore';  // boot.js shows it instead of running in memory
        throw incompatible;
      }
      self.epoch = meta.writerEpoch;
      self.watermark = meta.commitId;
      return self.readPages(meta);
    }).then(function (loaded) {
      self.loaded = loaded;
      self.installLifecycle();
    });
  };

  Storage.prototype.readPages = function (meta) {
    var started = performance.now();
    var transaction = this.db.transaction(['pages'], 'readonly');
    var store = transaction.objectStore('pages');
    var batches = [];
    for (var first = 0; first < meta.pageCount; first += LOAD_BATCH) {
      var range = IDBKeyRange.bound(first, Math.min(first + LOAD_BATCH, meta.pageCount) - 1);
      batches.push(Promise.all([request(store.getAllKeys(range)), request(store.getAll(range))]));
    }
    return Promise.all(batches).then(function (results) {
      var bytes = 0;
      results.forEach(function (batch) { batch[1].forEach(function (page) { bytes += page.byteLength; }); });
      return {
        formatVersion: meta.formatVersion, pageSize: meta.pageSize, pageCount: meta.pageCount,
        commitId: meta.commitId, batches: results, bytes: bytes, milliseconds: performance.now() - started,
      };
    });
  };

  // No IndexedDB here (or it refused to open): the app still runs, in memory, and says so.
  Storage.prototype.becomeUnavailable = function () {
    this.role = 'unavailable';
    this.loaded = null;
  };

  Storage.prototype.installLifecycle = function () {
    var self = this;
    // Leaving or hiding the page is the last chance to save: start a strict save at once.
    window.addEventListener('pagehide', function () { self.saveNow(true); });
    document.addEventListener('visibilitychange', function () { if (document.hidden) self.saveNow(true); });
  };

  // Called by the module (web_storage.cpp) once it is running: creates its mirror file at the stored page
  // size and copies the loaded pages into it. Returns the stored format version (0 for a new store).
  Storage.prototype.install = function (module) {
    this.module = module;
    var loaded = this.loaded;
    this.loaded = null;  // the pages now live in the module's memory only
    if (loaded && loaded.pageSize) this.pageSize = loaded.pageSize;
    module._roadbook_storage_begin_load(this.pageSize);
    if (!loaded) return 0;
    loaded.batches.forEach(function (batch) {
      var keys = batch[0];
      var pages = batch[1];
      for (var index = 0; index < keys.length; ++index) {
        // The pointer first: allocating the page may grow the memory, which replaces HEAPU8.
        var pointer = module._roadbook_storage_load_page(keys[index]);
        module.HEAPU8.set(new Uint8Array(pages[index]), pointer);
      }
    });
    module._roadbook_storage_finish_load(loaded.pageCount * loaded.pageSize, loaded.commitId);
    this.loadStats = { pages: loaded.pageCount, bytes: loaded.bytes, milliseconds: loaded.milliseconds };
    return loaded.pageCount ? loaded.formatVersion : 0;
  };

  // Every stored page as one SQLite file, read straight from IndexedDB: the way out when the module cannot
  // open what is stored.
  Storage.prototype.storedFile = function () {
    var self = this;
    var ready = this.db ? Promise.resolve(this.db) : this.openDatabase();
    return ready.then(function (db) {
      var transaction = db.transaction(['pages', 'meta'], 'readonly');
      return Promise.all([
        request(transaction.objectStore('meta').get('main')),
        request(transaction.objectStore('pages').getAllKeys()),
        request(transaction.objectStore('pages').getAll()),
      ]);
    }).then(function (answers) {
      var meta = answers[0] || { pageCount: 0, pageSize: self.pageSize };
      var file = new Uint8Array(meta.pageCount * meta.pageSize);
      answers[1].forEach(function (key, index) {
        if (key < meta.pageCount) file.set(new Uint8Array(answers[2][index]), key * meta.pageSize);
      });
      return new Blob([file], { type: 'application/vnd.sqlite3' });
    });
  };

  // A commit happened: save right after the code that committed returns (a microtask: more commits in the
  // same event coalesce, and the IndexedDB transaction starts before the next frame is drawn).
  Storage.prototype.scheduleSave = function () {
    var self = this;
    if (this.saveQueued || this.saveTimer || this.saving || this.role !== 'writer') return;
    this.saveQueued = true;
    // Not even the status is reported from here: this runs inside the module's commit.
    queueMicrotask(function () {
      self.saveQueued = false;
      self.save(false);
      self.reportStatus();
    });
  };

  Storage.prototype.saveNow = function (strict) {
    clearTimeout(this.saveTimer);
    this.saveTimer = 0;
    this.save(strict);
  };

  Storage.prototype.committedId = function () {
    return this.module ? this.module._roadbook_storage_commit_id() : this.watermark;
  };

  // Writes every page changed since the last save, and the meta record, in one IndexedDB transaction that
  // first checks the writer epoch. Commits that arrive meanwhile wait for the next save (coalescing).
  Storage.prototype.save = function (strict) {
    var self = this;
    if (this.saving || this.role !== 'writer' || !this.module) return;
    var module = this.module;
    if (!module._roadbook_storage_take_changes()) {
      // Nothing to save, or a write transaction is open (then its commit schedules another save).
      this.resolveFlushes();
      return;
    }
    this.saving = true;
    var commitId = module._roadbook_storage_changes_commit_id();
    var pageCount = module._roadbook_storage_changes_page_count();
    var count = module._roadbook_storage_changes_count();
    var numbers = module._roadbook_storage_changes_pages() >> 2;
    var pages = [];
    for (var index = 0; index < count; ++index) {
      var number = module.HEAPU32[numbers + index];
      var pointer = module._roadbook_storage_page_pointer(number);
      // A hole (never written) is zeros; slice() copies, so the save holds this commit's bytes.
      pages.push([number, pointer ? module.HEAPU8.slice(pointer, pointer + this.pageSize) : new Uint8Array(this.pageSize)]);
    }
    var started = performance.now();
    var ready = this.db ? Promise.resolve(this.db) : this.openDatabase();
    ready.then(function (db) {
      var transaction = db.transaction(['pages', 'meta'], 'readwrite', { durability: strict ? 'strict' : 'relaxed' });
      var metaStore = transaction.objectStore('meta');
      var pageStore = transaction.objectStore('pages');
      // The pages go in at once, so IndexedDB writes them while the meta record is read; if the epoch
      // check below fails, aborting the transaction takes them back out.
      pages.forEach(function (entry) { pageStore.put(entry[1], entry[0]); });
      pageStore.delete(IDBKeyRange.lowerBound(pageCount));  // pages cut off by truncation or VACUUM
      request(metaStore.get('main')).then(function (meta) {
        if (!meta || meta.writerEpoch !== self.epoch) {
          self.fenced = true;
          transaction.abort();
          return;
        }
        meta.pageCount = pageCount;
        meta.commitId = commitId;
        meta.pageSize = self.pageSize;
        meta.formatVersion = FORMAT_VERSION;
        meta.savedAt = Date.now();
        metaStore.put(meta, 'main');
        if (self.failuresToInject > 0) {
          self.failuresToInject -= 1;
          transaction.abort();  // test mode: behave exactly like a transaction the browser aborted
        }
      });
      return finished(transaction);
    }).then(function () {
      module._roadbook_storage_confirm_saved();
      self.saving = false;
      self.watermark = commitId;
      self.failure = '';
      self.retryDelay = 0;
      self.stats.saves += 1;
      self.stats.pagesWritten += pages.length;
      self.stats.bytesWritten += pages.length * self.pageSize;
      self.stats.lastSaveMs = performance.now() - started;
      self.afterSave(commitId);
      self.resolveFlushes();
      if (module._roadbook_storage_has_unsaved()) self.saveNow(strict);
      self.reportStatus();
    }, function (error) {
      module._roadbook_storage_return_unsaved();  // the pages stay changed for the next attempt
      self.saving = false;
      if (self.fenced) {
        self.becomeReplaced();
        return;
      }
      if (error && error.name === 'InvalidStateError') self.db = null;
      self.failure = describeFailure(error);
      self.retryDelay = Math.min(self.retryDelay ? self.retryDelay * 2 : RETRY_FIRST_MS, RETRY_MAX_MS);
      clearTimeout(self.saveTimer);
      self.saveTimer = setTimeout(function () { self.saveTimer = 0; self.save(strict); }, self.retryDelay);
      self.reportStatus();
    });
  };

  // Resolves once everything committed so far is in IndexedDB (a strict save).
  Storage.prototype.flush = function () {
    var self = this;
    if (this.role === 'replaced') return Promise.reject(new Error('Roadbook is now open in another tab'));
    if (this.role !== 'writer' || !this.module) return Promise.resolve();
    var target = this.committedId();
    if (this.watermark >= target && !this.module._roadbook_storage_has_unsaved()) return Promise.resolve();
    var promise = new Promise(function (resolve, reject) { self.flushWaiters.push({ target: target, resolve: resolve, reject: reject }); });
    if (!this.saving && !this.failure) this.saveNow(true);
    return promise;
  };

  // Resolves once everything committed so far is saved by the ordinary (relaxed, coalesced) path: what a
  // person's edit goes through. Benchmarks measure commit-to-watermark with it.
  Storage.prototype.waitForSave = function () {
    var self = this;
    var target = this.committedId();
    if (this.watermark >= target) return Promise.resolve();
    return new Promise(function (resolve, reject) { self.flushWaiters.push({ target: target, resolve: resolve, reject: reject }); });
  };

  Storage.prototype.resolveFlushes = function () {
    var self = this;
    this.flushWaiters = this.flushWaiters.filter(function (waiter) {
      if (self.watermark < waiter.target) return true;
      waiter.resolve();
      return false;
    });
  };

  Storage.prototype.rejectFlushes = function (error) {
    this.flushWaiters.forEach(function (waiter) { waiter.reject(error); });
    this.flushWaiters = [];
  };

  // Browsers may evict storage that is not persistent; ask once the person has saved something real (a
  // commit after the app started, not the migrations of a new database). The usage estimate is refreshed
  // now and then after saves, for Settings.
  Storage.prototype.afterSave = function (commitId) {
    var self = this;
    var now = Date.now();
    if (this.askedForPersistence || this.startedAtCommit === undefined || commitId <= this.startedAtCommit) {
      if (now - (this.lastEstimate || 0) > 10000) {
        this.lastEstimate = now;
        this.reportDeviceInfo();
      }
      return;
    }
    this.askedForPersistence = true;
    this.lastEstimate = now;
    if (!navigator.storage || !navigator.storage.persist) {
      this.reportDeviceInfo();
      return;
    }
    navigator.storage.persist().catch(function () { return false; }).then(function () { self.reportDeviceInfo(); });
  };

  // When this device last downloaded a backup (kept beside the data, in localStorage), or 0.
  Storage.prototype.lastBackup = function () {
    try { return Number(localStorage.getItem('roadbook-last-backup')) || 0; } catch (error) { return 0; }
  };

  Storage.prototype.noteBackup = function () {
    try { localStorage.setItem('roadbook-last-backup', String(Date.now())); } catch (error) { /* not kept */ }
    this.reportDeviceInfo();
  };

  Storage.prototype.reportDeviceInfo = function () {
    var self = this;
    var module = this.module;
    if (!module || !navigator.storage) return Promise.resolve();
    var persisted = navigator.storage.persisted ? navigator.storage.persisted().catch(function () { return null; }) : Promise.resolve(null);
    var estimate = navigator.storage.estimate ? navigator.storage.estimate().catch(function () { return {}; }) : Promise.resolve({});
    return Promise.all([persisted, estimate]).then(function (answers) {
      var state = answers[0] === null ? -1 : answers[0] ? 1 : 0;
      module._roadbook_storage_set_device_info(state, answers[1].usage || 0, answers[1].quota || 0, self.lastBackup());
    });
  };

  // Tells the app what to show: 0 saved, 1 saving, 2 not saved (with the reason), 3 memory only.
  Storage.prototype.reportStatus = function () {
    var self = this;
    var module = this.module;
    if (!module) return;
    var state;
    if (this.role === 'unavailable') state = 3;
    else if (this.failure) state = 2;
    else if (this.saving || this.saveQueued || this.saveTimer || module._roadbook_storage_has_unsaved()) state = 1;
    else state = 0;
    var reason = state === 3 ? 'this browser does not let Roadbook store data' : this.failure;
    module.roadbookWithString(reason, function (pointer) {
      module._roadbook_storage_set_status(state, pointer);
    });
  };

  Storage.prototype.state = function () {
    return {
      role: this.role, epoch: this.epoch, watermark: this.watermark, committed: this.committedId(),
      saving: this.saving, failure: this.failure, stats: this.stats,
    };
  };

  window.RoadbookStorage = Storage;
})();
