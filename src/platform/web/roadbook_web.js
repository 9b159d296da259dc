// The browser half of the web platform layer, linked into app.js with --js-library: DOM events to the C
// entry points in web_input.cpp, the hidden text agent (phone keyboards, IME, paste), the clipboard,
// on-demand animation frames, fonts handed over by boot.js, and the window.roadbook.test hooks.
mergeInto(LibraryManager.library, {
  $RoadbookWeb: {
    canvas: null,
    textAgent: null,
    frameRequested: false,
    composing: false,
    copiedText: '',
    pendingCopy: null,
    textInputActive: false,
    clockOffsetMs: 0,  // tests only (hooks.setClock): the app's wall clock, shifted; time still flows

    // Calls a C function that takes one or two UTF-8 strings, freeing them afterwards.
    withStrings: function (strings, body) {
      var pointers = strings.map(function (text) {
        var size = lengthBytesUTF8(text) + 1;
        var pointer = _malloc(size);
        stringToUTF8(text, pointer, size);
        return pointer;
      });
      try {
        return body.apply(null, pointers);
      } finally {
        pointers.forEach(function (pointer) { _free(pointer); });
      }
    },

    pointerKind: function (event) {
      return event.pointerType === 'touch' ? 1 : event.pointerType === 'pen' ? 2 : 0;
    },

    canvasPosition: function (event) {
      var rect = RoadbookWeb.canvas.getBoundingClientRect();
      return [event.clientX - rect.left, event.clientY - rect.top];
    },

    modifiers: function (event) {
      return (event.ctrlKey ? 1 : 0) | (event.shiftKey ? 2 : 0) | (event.altKey ? 4 : 0) | (event.metaKey ? 8 : 0);
    },

    sendText: function (text) {
      if (!text) return;
      RoadbookWeb.withStrings([text], function (pointer) { _roadbook_on_text(pointer); });
    },

    // Moves what the text agent holds into Dear ImGui and empties it for the next keystroke.
    drainTextAgent: function () {
      var agent = RoadbookWeb.textAgent;
      var text = agent.value;
      agent.value = '';
      RoadbookWeb.sendText(text);
    },

    installPointer: function (canvas) {
      canvas.addEventListener('pointerdown', function (event) {
        event.preventDefault();
        try { canvas.setPointerCapture(event.pointerId); } catch (error) { /* pointer already gone */ }
        var position = RoadbookWeb.canvasPosition(event);
        _roadbook_on_pointer_button(position[0], position[1], event.button, 1, RoadbookWeb.pointerKind(event));
      }, { capture: true, passive: false });
      var release = function (event) {
        var position = RoadbookWeb.canvasPosition(event);
        var kind = RoadbookWeb.pointerKind(event);
        var wantsText = _roadbook_on_pointer_button(position[0], position[1], event.button, 0, kind);
        // pointerup of a finger is a user activation; focusing again here is what opens phone keyboards.
        if (wantsText && kind !== 0) {
          RoadbookWeb.textAgent.blur();
          RoadbookWeb.textAgent.focus({ preventScroll: true });
        }
      };
      canvas.addEventListener('pointerup', release, { capture: true });
      canvas.addEventListener('pointercancel', release, { capture: true });
      canvas.addEventListener('pointermove', function (event) {
        var position = RoadbookWeb.canvasPosition(event);
        _roadbook_on_pointer_move(position[0], position[1], RoadbookWeb.pointerKind(event));
      }, { capture: true });
      canvas.addEventListener('pointerleave', function (event) {
        if (event.pointerType === 'mouse') _roadbook_on_pointer_move(-1e30, -1e30, 0);
      });
      // Keeps focus on the text agent when the canvas is clicked (the default would move it to the body).
      canvas.addEventListener('mousedown', function (event) { event.preventDefault(); });
      canvas.addEventListener('contextmenu', function (event) { event.preventDefault(); });
      canvas.addEventListener('wheel', function (event) {
        event.preventDefault();
        var scale = event.deltaMode === 1 ? 1 / 3 : event.deltaMode === 2 ? 1 : 1 / 100;
        _roadbook_on_wheel(-event.deltaX * scale, -event.deltaY * scale);
      }, { passive: false });
    },

    installKeyboard: function () {
      var handle = function (event, down) {
        if (event.isComposing || event.keyCode === 229) return;  // the IME owns these keystrokes
        var modifiers = RoadbookWeb.modifiers(event);
        var shortcut = event.ctrlKey || event.metaKey;
        var key = (event.key || '').length === 1 ? event.key.toLowerCase() : '';
        // Paste arrives through the paste event into the text agent; Dear ImGui must not paste again.
        if (shortcut && key === 'v') return;
        if (event.shiftKey && event.key === 'Insert') return;
        var used = RoadbookWeb.withStrings([event.key || '', event.code || ''], function (keyPointer, codePointer) {
          return _roadbook_on_key(keyPointer, codePointer, down ? 1 : 0, modifiers);
        });
        var printable = (event.key || '').length === 1 && !shortcut;
        var clipboard = shortcut && (key === 'c' || key === 'x');
        // Let printable keys reach the text agent (they come back as input events) and let copy and cut
        // run so the copy event fires; everything Dear ImGui used is kept from the browser.
        if (event.key === 'Tab' || (used && !printable && !clipboard)) event.preventDefault();
      };
      window.addEventListener('keydown', function (event) { handle(event, true); }, true);
      window.addEventListener('keyup', function (event) { handle(event, false); }, true);
    },

    installTextAgent: function (agent) {
      agent.addEventListener('compositionstart', function () { RoadbookWeb.composing = true; });
      agent.addEventListener('compositionend', function () {
        RoadbookWeb.composing = false;
        RoadbookWeb.drainTextAgent();
      });
      agent.addEventListener('input', function (event) {
        if (event.isComposing || RoadbookWeb.composing) return;
        RoadbookWeb.drainTextAgent();
      });
      agent.addEventListener('paste', function (event) {
        event.preventDefault();
        var text = (event.clipboardData && event.clipboardData.getData('text/plain')) || '';
        RoadbookWeb.sendText(text.replace(/\r\n?/g, '\n'));
      });
      var copy = function (event) {
        if (RoadbookWeb.pendingCopy === null) return;
        event.clipboardData.setData('text/plain', RoadbookWeb.pendingCopy);
        event.preventDefault();
        RoadbookWeb.pendingCopy = null;
      };
      document.addEventListener('copy', copy, true);
      document.addEventListener('cut', copy, true);
    },

    installWindow: function () {
      window.addEventListener('resize', function () { _roadbook_on_resize(); });
      if (window.ResizeObserver) new ResizeObserver(function () { _roadbook_on_resize(); }).observe(RoadbookWeb.canvas);
      window.addEventListener('focus', function () { _roadbook_on_focus(1); });
      window.addEventListener('blur', function () { _roadbook_on_focus(0); });
      document.addEventListener('visibilitychange', function () { if (!document.hidden) _roadbook_on_resize(); });
      // devicePixelRatio changes (zoom, another screen) fire no resize in every browser; watch it directly.
      var watchPixelRatio = function () {
        var query = window.matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
        query.addEventListener('change', function () { _roadbook_on_resize(); watchPixelRatio(); }, { once: true });
      };
      watchPixelRatio();
    },

    installTestHooks: function () {
      var hooks = (window.roadbook && window.roadbook.test) || {};
      hooks.frame = function () { return _roadbook_test_frame_count(); };
      hooks.items = function () {
        var rect = RoadbookWeb.canvas.getBoundingClientRect();
        return JSON.parse(UTF8ToString(_roadbook_test_items_json())).map(function (item) {
          item.x += rect.left;
          item.y += rect.top;
          return item;
        });
      };
      hooks.query = function (sql) {
        var answer = RoadbookWeb.withStrings([String(sql)], function (pointer) {
          return JSON.parse(UTF8ToString(_roadbook_test_query(pointer)));
        });
        if (answer.error) throw new Error(answer.error);
        return answer.rows;
      };
      // Sets the app's wall clock (not the browser's timers) to an instant (Date, ISO text or Unix ms), from
      // which it keeps running: tests of dates (a postponed deal waking) and screenshots with fixed dates.
      hooks.setClock = function (instant) {
        var target = new Date(instant).getTime();
        if (!Number.isFinite(target)) throw new Error('setClock(instant) needs a date, ISO text or Unix milliseconds');
        RoadbookWeb.clockOffsetMs = target - Date.now();
        _roadbook_test_request_frames();
      };
      // Storage tests and benchmarks: statements that change data (one commit), and the demo organisation.
      hooks.execute = function (sql) {
        var answer = RoadbookWeb.withStrings([String(sql)], function (pointer) {
          return JSON.parse(UTF8ToString(_roadbook_test_execute(pointer)));
        });
        if (answer.error) throw new Error(answer.error);
      };
      hooks.loadDemo = function (count) {
        if (!Number.isInteger(count) || count < 1) throw new Error('loadDemo(count) needs a whole number of deals, 1 or more');
        var answer = JSON.parse(UTF8ToString(_roadbook_test_load_demo(count)));
        if (answer.error) throw new Error(answer.error);
      };
      // Benchmarks: CPU time per frame since the previous call (p50, p95, max in ms).
      hooks.takeFrameStats = function () { return JSON.parse(UTF8ToString(_roadbook_test_take_frame_stats_json())); };
      // Resolves once every commit so far is in IndexedDB (web/storage.js).
      hooks.flush = function () { return Module.roadbookStorage ? Module.roadbookStorage.flush() : Promise.resolve(); };
      // Makes the next `count` saves fail the way an aborted IndexedDB transaction does.
      hooks.failNextSaves = function (count) { Module.roadbookStorage.failuresToInject = count; };
      // The service worker: resolves once one controls this page; checks for a new version (true if waiting).
      hooks.serviceWorkerReady = function () {
        return (Module.roadbookPwaStarted || Promise.resolve()).then(function () {
          if (navigator.serviceWorker.controller) return true;
          return new Promise(function (resolve) {
            navigator.serviceWorker.addEventListener('controllerchange', function () { resolve(true); }, { once: true });
          });
        });
      };
      hooks.checkForUpdate = function () { return Module.roadbookPwa ? Module.roadbookPwa.checkForUpdate() : Promise.resolve(false); };
      hooks.waitForSave = function () { return Module.roadbookStorage ? Module.roadbookStorage.waitForSave() : Promise.resolve(); };
      hooks.storageState = function () { return Module.roadbookStorage ? Module.roadbookStorage.state() : null; };
      window.roadbook = window.roadbook || {};
      window.roadbook.test = hooks;
    },
  },

  roadbook_web_install__deps: ['$RoadbookWeb', 'malloc', 'free'],
  roadbook_web_install: function (testMode) {
    var canvas = document.getElementById('canvas');
    var agent = document.getElementById('text-agent');
    RoadbookWeb.canvas = canvas;
    RoadbookWeb.textAgent = agent;
    RoadbookWeb.installPointer(canvas);
    RoadbookWeb.installKeyboard();
    RoadbookWeb.installTextAgent(agent);
    RoadbookWeb.installWindow();
    if (testMode) RoadbookWeb.installTestHooks();
  },

  roadbook_web_storage_install__deps: ['$RoadbookWeb'],
  roadbook_web_storage_install: function () {
    Module.roadbookWithString = function (text, body) { return RoadbookWeb.withStrings([text], body); };
    if (Module.roadbookStorage) return Module.roadbookStorage.install(Module);
    _roadbook_storage_begin_load(65536);  // no storage script: an in-memory database
    return 0;
  },

  roadbook_web_storage_app_started: function () {
    var storage = Module.roadbookStorage;
    if (!storage) return;
    storage.startedAtCommit = storage.committedId();
    storage.reportStatus();
    storage.reportDeviceInfo();
  },

  // The page's ARIA live region (web/index.html): screen readers say what it holds when it changes.
  roadbook_web_announce: function (message) {
    var region = document.getElementById('status');
    if (!region) return;
    var text = UTF8ToString(message);
    // The same sentence twice in a row is announced again only when the region changes in between.
    region.textContent = region.textContent === text ? text + '\u00a0' : text;
  },

  roadbook_web_install_app: function () {
    if (Module.roadbookPwa) Module.roadbookPwa.install();
  },

  roadbook_web_storage_schedule_save: function () {
    if (Module.roadbookStorage) Module.roadbookStorage.scheduleSave();
  },

  roadbook_web_storage_failed: function (message) {
    if (Module.roadbookStorageFailed) Module.roadbookStorageFailed(UTF8ToString(message));
  },

  roadbook_web_storage_download: function (bytes, size) {
    var blob = new Blob([HEAPU8.slice(bytes, bytes + size)], { type: 'application/vnd.sqlite3' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'roadbook-backup-' + new Date().toISOString().slice(0, 10) + '.sqlite';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    if (Module.roadbookStorage) Module.roadbookStorage.noteBackup();
  },

  roadbook_web_storage_choose_restore_file__deps: ['malloc', 'free'],
  roadbook_web_storage_choose_restore_file: function () {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = '.sqlite,.sqlite3,.db,application/vnd.sqlite3,application/x-sqlite3';
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) return;
      file.arrayBuffer().then(function (buffer) {
        var bytes = new Uint8Array(buffer);
        var pointer = _malloc(Math.max(1, bytes.length));
        HEAPU8.set(bytes, pointer);
        var restored = _roadbook_storage_restore(pointer, bytes.length);
        _free(pointer);
        // The restored data is saved first, then the page starts again on it.
        if (restored && Module.roadbookStorage) Module.roadbookStorage.flush().then(function () { window.location.reload(); });
      });
    });
    input.click();
  },

  // Copies the page URL's query parameter `name` (empty if absent) into `out` (at most `size` bytes).
  roadbook_web_url_parameter: function (name, out, size) {
    var value = new URLSearchParams(window.location.search).get(UTF8ToString(name)) || '';
    stringToUTF8(value, out, size);
  },

  roadbook_web_test_mode: function () {
    return new URLSearchParams(window.location.search).get('test') === '1' ? 1 : 0;
  },

  roadbook_web_request_animation_frame__deps: ['$RoadbookWeb'],
  roadbook_web_request_animation_frame: function () {
    if (RoadbookWeb.frameRequested) return;
    RoadbookWeb.frameRequested = true;
    window.requestAnimationFrame(function () {
      RoadbookWeb.frameRequested = false;
      _roadbook_animation_frame();
    });
  },

  roadbook_web_signal_ready: function () {
    document.documentElement.classList.add('roadbook-ready');
    if (Module.roadbookSignalReady) Module.roadbookSignalReady();
  },

  roadbook_web_fatal: function (message) {
    var text = UTF8ToString(message);
    if (Module.roadbookFatal) Module.roadbookFatal(text);
  },

  roadbook_web_set_text_input__deps: ['$RoadbookWeb'],
  roadbook_web_set_text_input: function (active, x, y, lineHeight) {
    var agent = RoadbookWeb.textAgent;
    if (active) {
      // Sit under the caret so IME candidate windows and the phone's zoom target appear in the right place.
      var rect = RoadbookWeb.canvas.getBoundingClientRect();
      agent.style.left = Math.max(0, rect.left + x) + 'px';
      agent.style.top = Math.max(0, rect.top + y) + 'px';
      agent.style.height = Math.max(16, lineHeight) + 'px';
      if (document.activeElement !== agent) agent.focus({ preventScroll: true });
    } else if (document.activeElement === agent) {
      agent.blur();  // closes the phone keyboard
    }
    RoadbookWeb.textInputActive = !!active;
  },

  roadbook_web_font_size: function (index) {
    var fonts = Module.roadbookFonts || [];
    return fonts[index] ? fonts[index].byteLength : 0;
  },

  roadbook_web_copy_font: function (index, destination) {
    HEAPU8.set(new Uint8Array(Module.roadbookFonts[index]), destination);
  },

  roadbook_web_prefers_dark: function () {
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 1 : 0;
  },

  roadbook_web_now_unix_ms__deps: ['$RoadbookWeb'],
  roadbook_web_now_unix_ms: function () {
    return Date.now() + RoadbookWeb.clockOffsetMs;
  },

  roadbook_web_utc_offset_minutes: function (unixMs) {
    return -new Date(unixMs).getTimezoneOffset();
  },

  roadbook_web_set_clipboard__deps: ['$RoadbookWeb'],
  roadbook_web_set_clipboard: function (text) {
    var value = UTF8ToString(text);
    RoadbookWeb.copiedText = value;
    RoadbookWeb.pendingCopy = value;  // taken by the copy event that follows Ctrl+C
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(value).catch(function () { /* the copy event path still works */ });
    }
  },

  roadbook_web_clipboard_fallback__deps: ['$RoadbookWeb', 'malloc'],
  roadbook_web_clipboard_fallback: function () {
    // Dear ImGui asks synchronously; the system clipboard is async, so answer with our own last copy.
    if (RoadbookWeb.clipboardPointer) _free(RoadbookWeb.clipboardPointer);
    var size = lengthBytesUTF8(RoadbookWeb.copiedText) + 1;
    RoadbookWeb.clipboardPointer = _malloc(size);
    stringToUTF8(RoadbookWeb.copiedText, RoadbookWeb.clipboardPointer, size);
    return RoadbookWeb.clipboardPointer;
  },
});
