// The installed-app side of the page: registers the service worker and offers its updates safely (save
// first, then reload once into the new version), checks the connection with real requests to
// /api/v1/health, and relays the browser's install prompt. boot.js starts it once the app is running.
(function () {
  'use strict';

  var HEALTH_URL = '/api/v1/health';
  var HEALTH_TIMEOUT_MS = 5000;
  var ONLINE_CHECK_MS = 60000;       // while online: is it still?
  var OFFLINE_FIRST_RETRY_MS = 2000;  // while offline: back off from here
  var OFFLINE_MAX_RETRY_MS = 60000;
  var UPDATE_CHECK_MS = 3600000;     // hourly, and whenever the app becomes visible

  function Pwa(options) {
    this.module = options.module;
    this.storage = options.storage;
    this.banner = document.getElementById('update-banner');
    this.registration = null;
    this.connection = -1;  // -1 unknown, 0 offline, 1 online
    this.retryMs = 0;
    this.checkTimer = 0;
    this.installPrompt = null;
    this.reloading = false;
  }

  Pwa.prototype.start = function () {
    var self = this;
    this.checkConnection();
    window.addEventListener('online', function () { self.checkConnection(); });
    window.addEventListener('offline', function () { self.checkConnection(); });
    document.addEventListener('visibilitychange', function () {
      if (document.hidden) return;
      self.checkConnection();
      self.checkForUpdate();
    });
    window.addEventListener('beforeinstallprompt', function (event) {
      event.preventDefault();  // shown from the app's own "Install app" action instead
      self.installPrompt = event;
      self.module._roadbook_pwa_set_install(1);
    });
    window.addEventListener('appinstalled', function () {
      self.installPrompt = null;
      self.module._roadbook_pwa_set_install(0);
    });
    // iOS Safari has no install prompt: the app shows the Share, Add to Home Screen hint instead.
    var ios = /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
    if (ios && !navigator.standalone) this.module._roadbook_pwa_set_install(2);
    this.banner.querySelector('.accept').addEventListener('click', function () { self.applyUpdate(); });
    this.banner.querySelector('.decline').addEventListener('click', function () { self.banner.hidden = true; });
    return this.register();
  };

  Pwa.prototype.register = function () {
    var self = this;
    if (!('serviceWorker' in navigator)) return Promise.resolve(null);
    return navigator.serviceWorker.register('service-worker.js').then(function (registration) {
      self.registration = registration;
      if (registration.waiting && navigator.serviceWorker.controller) self.offerUpdate();
      registration.addEventListener('updatefound', function () {
        var installing = registration.installing;
        if (!installing) return;
        installing.addEventListener('statechange', function () {
          // A first install (no controller yet) is not an update: it just makes the next start offline-ready.
          if (installing.state === 'installed' && navigator.serviceWorker.controller) self.offerUpdate();
        });
      });
      navigator.serviceWorker.addEventListener('controllerchange', function () {
        if (!self.reloading) return;  // the first install claiming this page: nothing to reload
        window.location.reload();
      });
      setInterval(function () { self.checkForUpdate(); }, UPDATE_CHECK_MS);
      return registration;
    }).catch(function (error) {
      console.warn('Roadbook: the service worker could not be registered:', error);
      return null;
    });
  };

  Pwa.prototype.checkForUpdate = function () {
    if (!this.registration) return Promise.resolve(false);
    var self = this;
    var registration = this.registration;
    return registration.update().then(function () {
      // A version declined earlier is offered again at the next check.
      if (registration.waiting && navigator.serviceWorker.controller) self.offerUpdate();
      return !!registration.waiting || !!registration.installing;
    }, function () { return false; });  // offline: try again later
  };

  Pwa.prototype.offerUpdate = function () {
    var waiting = this.registration && this.registration.waiting;
    if (!waiting) return;
    this.banner.hidden = false;
  };

  // Save everything, let the new worker take over, and reload exactly once when it controls the page.
  Pwa.prototype.applyUpdate = function () {
    var self = this;
    var waiting = this.registration && this.registration.waiting;
    if (!waiting || this.reloading) return Promise.resolve();
    this.banner.querySelector('.accept').disabled = true;
    var saved = this.storage ? this.storage.flush() : Promise.resolve();
    return saved.catch(function () { /* another tab is the writer: it saves its own work */ }).then(function () {
      // Only a page that asked reloads on the controller change, and only once: no reload loops.
      self.reloading = true;
      waiting.postMessage({ type: 'skip-waiting' });
    });
  };

  // The connection is what a real request says, not navigator.onLine (which only knows about the network
  // interface): online checks every minute, offline retries with exponential backoff.
  Pwa.prototype.checkConnection = function () {
    var self = this;
    clearTimeout(this.checkTimer);
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timeout = setTimeout(function () { if (controller) controller.abort(); }, HEALTH_TIMEOUT_MS);
    fetch(HEALTH_URL, { cache: 'no-store', signal: controller ? controller.signal : undefined }).then(function (response) {
      return response.ok ? response.json() : Promise.reject(new Error('health answered ' + response.status));
    }).then(function () {
      self.setConnection(1);
      self.retryMs = 0;
      self.checkTimer = setTimeout(function () { self.checkConnection(); }, ONLINE_CHECK_MS);
    }, function () {
      self.setConnection(0);
      self.retryMs = Math.min(self.retryMs ? self.retryMs * 2 : OFFLINE_FIRST_RETRY_MS, OFFLINE_MAX_RETRY_MS);
      self.checkTimer = setTimeout(function () { self.checkConnection(); }, self.retryMs);
    }).then(function () { clearTimeout(timeout); });
  };

  Pwa.prototype.setConnection = function (state) {
    if (state === this.connection) return;
    this.connection = state;
    this.module._roadbook_pwa_set_connection(state);
  };

  Pwa.prototype.install = function () {
    var prompt = this.installPrompt;
    if (!prompt) return;
    var self = this;
    prompt.prompt();
    prompt.userChoice.then(function () {
      self.installPrompt = null;
      self.module._roadbook_pwa_set_install(0);
    });
  };

  window.RoadbookPwa = Pwa;
})();
