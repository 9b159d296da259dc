// One writer tab at a time for web/storage.js (docs/ARCHITECTURE.md, The life of an edit): a Web Lock held for the
// tab's lifetime elects the writer, whose epoch every save checks; a second tab shows "open elsewhere" and
// its "Use here" asks the writer (over a BroadcastChannel) to save and let go, taking the lock by force only
// if the writer does not answer. Extends window.RoadbookStorage, so it loads after storage.js.
(function () {
  'use strict';

  var LOCK = 'roadbook-writer';   // held by the writer tab for its lifetime
  var CHANNEL = 'roadbook-tabs';  // BroadcastChannel for handing over the writer role
  var HANDOVER_WAIT_MS = 4000;    // how long "Use here" waits for the old tab before taking the lock
  var USE_HERE_FLAG = 'roadbook-use-here';

  var Storage = window.RoadbookStorage;

  // Resolves once this tab is the writer with the stored pages read, or stays pending while another tab is
  // the writer (the "open in another tab" screen is showing). Rejects only if IndexedDB cannot be used.
  Storage.prototype.start = function () {
    var self = this;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    if (this.channel) this.channel.onmessage = function (event) { self.onMessage(event.data); };
    if (!navigator.locks) return this.becomeWriter();  // no Web Locks: trust that this is the only tab
    var useHere = false;
    try { useHere = sessionStorage.getItem(USE_HERE_FLAG) === '1'; sessionStorage.removeItem(USE_HERE_FLAG); } catch (error) { /* private mode */ }
    return new Promise(function (resolve, reject) {
      self.acquired = function () { self.becomeWriter().then(resolve, reject); };
      if (useHere) {
        self.takeOver();
        return;
      }
      self.requestLock({ ifAvailable: true }, function () {
        self.role = 'elsewhere';
        self.onScreen('elsewhere');
      });
    });
  };

  // Holds the writer lock for the life of the tab; `unavailable` runs if another tab holds it.
  Storage.prototype.requestLock = function (options, unavailable) {
    var self = this;
    navigator.locks.request(LOCK, options, function (lock) {
      if (!lock) {
        unavailable();
        return undefined;
      }
      // A second grant (the queued request after a forced takeover), or any grant after this tab was
      // replaced: let go at once. A replaced tab becomes the writer again only by reloading.
      if (self.holdsLock || self.role === 'replaced') return undefined;
      self.holdsLock = true;
      self.acquired();
      return new Promise(function (release) { self.releaseLock = release; });
    }).catch(function (error) {
      // Another tab took the lock with steal: its epoch now fences our saves; stop here.
      if (error && error.name === 'AbortError' && self.role === 'writer') self.becomeReplaced();
    });
  };

  // "Use here": ask the writer tab to save and let go, then take the lock (forcibly if it does not answer).
  Storage.prototype.takeOver = function () {
    var self = this;
    var done = false;
    this.onScreen('taking-over');
    if (this.channel) this.channel.postMessage({ type: 'handover-request' });
    var fallback = setTimeout(function () {
      if (done) return;
      done = true;
      self.requestLock({ steal: true }, function () {});
    }, this.channel ? HANDOVER_WAIT_MS : 0);
    var acquired = this.acquired;
    this.acquired = function () {
      done = true;
      clearTimeout(fallback);
      acquired();
    };
    if (this.channel) this.requestLock({}, function () {});
  };

  Storage.prototype.onMessage = function (message) {
    if (!message || message.type !== 'handover-request' || this.role !== 'writer') return;
    var self = this;
    this.flush().catch(function () { /* what could not be saved is lost to the new tab either way */ }).then(function () {
      self.becomeReplaced();
    });
  };

  // Stops writing for good: another tab is the writer now.
  Storage.prototype.becomeReplaced = function () {
    if (this.role === 'replaced') return;
    this.role = 'replaced';
    clearTimeout(this.saveTimer);
    if (this.releaseLock) this.releaseLock();
    this.releaseLock = null;
    this.holdsLock = false;
    this.rejectFlushes(new Error('Roadbook is now open in another tab'));
    this.onScreen('elsewhere');
  };

  Storage.prototype.useHere = function () {
    if (this.role === 'elsewhere' && this.acquired && !this.module) {
      this.takeOver();
      return;
    }
    // This tab's memory is older than the stored data: start again from IndexedDB.
    try { sessionStorage.setItem(USE_HERE_FLAG, '1'); } catch (error) { /* the user clicks once more */ }
    window.location.reload();
  };

})();
