// Starts Roadbook in the page: fetches the fonts and reads the stored pages (web/storage.js) while the
// WebAssembly compiles, hands them to the module, shows the tab-level screens (open in another tab, stored
// data that cannot be opened, fatal errors), and defines window.roadbook.test.ready() for ?test=1.
(function () {
  'use strict';
  var script = document.currentScript;
  var appUrl = script.dataset.app;
  var wasmUrl = script.dataset.wasm;
  var fontUrls = script.dataset.fonts ? script.dataset.fonts.split(',') : [];
  var parameters = new URLSearchParams(window.location.search);
  var testMode = parameters.get('test') === '1';
  // The size of the records a new store keeps pages in (64 KiB: see storage_bench in bench/README.md); SQLite's
  // own pages are 8 KiB inside them. Benchmarks compare sizes with ?pageSize= in test mode.
  var pageSize = testMode && Number(parameters.get('pageSize')) ? Number(parameters.get('pageSize')) : 65536;

  var resolveReady;
  var rejectReady;
  var ready = new Promise(function (resolve, reject) { resolveReady = resolve; rejectReady = reject; });
  window.roadbook = { version: script.dataset.version };
  if (testMode) {
    // Until the module installs the real hooks, everything but ready() answers as "nothing drawn yet".
    window.roadbook.test = {
      ready: function () { return ready; },
      frame: function () { return 0; },
      items: function () { return []; },
      query: function () { throw new Error('Roadbook has not started yet'); },
      flush: function () { return ready; },
    };
  }

  function fail(message) {
    document.documentElement.classList.add('roadbook-failed');
    document.getElementById('fatal-message').textContent = message;
    document.getElementById('fatal').hidden = false;
    rejectReady(new Error(message));
  }

  function showScreen(name) {
    var root = document.documentElement;
    root.classList.toggle('roadbook-elsewhere', name === 'elsewhere' || name === 'taking-over');
    document.getElementById('elsewhere').hidden = !(name === 'elsewhere' || name === 'taking-over');
    document.getElementById('elsewhere-use-here').disabled = name === 'taking-over';
    document.getElementById('elsewhere-message').textContent = name === 'taking-over'
      ? 'Taking over from the other tab...'
      : 'Roadbook is open in another tab or window. Only one can make changes at a time.';
  }

  var storage = new window.RoadbookStorage({ pageSize: pageSize, onScreen: showScreen });
  document.getElementById('elsewhere-use-here').addEventListener('click', function () { storage.useHere(); });
  var stored = storage.start().catch(function (error) {
    // IndexedDB refused to open (private browsing in some browsers): run in memory and say so in the app.
    console.warn('Roadbook: device storage unavailable:', error);
    if (error && error.name === 'IncompatibleStore') throw error;
    storage.becomeUnavailable();
  });

  // The module could not open what is stored: explain, and offer the stored pages as a file. Nothing is
  // deleted; a newer Roadbook or support can read the file.
  function storageFailed(message) {
    document.documentElement.classList.add('roadbook-failed');
    document.getElementById('broken-message').textContent = message;
    document.getElementById('broken').hidden = false;
    rejectReady(new Error(message));
  }
  document.getElementById('broken-download').addEventListener('click', function () {
    storage.storedFile().then(function (blob) {
      var link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'roadbook-stored-data.sqlite';
      link.click();
    }, function (error) { document.getElementById('broken-message').textContent = String(error); });
  });

  // A font that fails to load leaves the app usable with the built-in font, so failures become null.
  var fonts = Promise.all(fontUrls.map(function (url) {
    return fetch(url).then(function (response) { return response.ok ? response.arrayBuffer() : null; })
      .catch(function () { return null; });
  }));

  window.Module = {
    locateFile: function (path) { return path.endsWith('.wasm') ? wasmUrl : path; },
    preRun: [function () {
      Module.addRunDependency('roadbook-fonts');
      fonts.then(function (buffers) {
        Module.roadbookFonts = buffers;
        Module.removeRunDependency('roadbook-fonts');
      });
      // main() waits until this tab is the writer and the stored pages are read.
      Module.addRunDependency('roadbook-storage');
      stored.then(function () {
        Module.roadbookStorage = storage;
        Module.removeRunDependency('roadbook-storage');
      }, function (error) { storageFailed(error.message); });
    }],
    roadbookStorageFailed: storageFailed,
    roadbookSignalReady: function () {
      resolveReady();
      // The installed-app side starts once the app runs, so it never competes with startup.
      if (window.RoadbookPwa && !Module.roadbookPwa) {
        Module.roadbookPwa = new window.RoadbookPwa({ module: Module, storage: Module.roadbookStorage });
        Module.roadbookPwaStarted = Module.roadbookPwa.start();
      }
    },
    roadbookFatal: fail,
    onAbort: function (what) { fail('The app stopped unexpectedly (' + what + ').'); },
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
  };

  var app = document.createElement('script');
  app.src = appUrl;
  app.onerror = function () { fail('The app could not be downloaded. Check the connection and reload.'); };
  document.body.appendChild(app);
})();
