// Starts Roadbook in the page: fetches the fonts while the WebAssembly compiles, hands both to the module,
// shows a clear message if anything fails, and defines window.roadbook.test.ready() for ?test=1.
(function () {
  'use strict';
  var script = document.currentScript;
  var appUrl = script.dataset.app;
  var wasmUrl = script.dataset.wasm;
  var fontUrls = script.dataset.fonts ? script.dataset.fonts.split(',') : [];
  var testMode = new URLSearchParams(window.location.search).get('test') === '1';

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
    }],
    roadbookSignalReady: function () { resolveReady(); },
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
