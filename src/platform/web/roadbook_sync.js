// The browser half of sync (web_sync.cpp), linked into app.js with --js-library: requests with fetch, the
// server's change events read from a streamed fetch (EventSource cannot send the bearer token), and the
// triggers that start a round: a 15-second heartbeat (pauses and backoffs wake the engine on time through
// roadbook_web_sync_wake_after), the tab becoming visible, the network coming back.
mergeInto(LibraryManager.library, {
  $RoadbookSync: {
    listening: null,  // {token, controller} of the open event stream

    deliver: function (id, status, text) {
      var size = lengthBytesUTF8(text) + 1;
      var pointer = _malloc(size);
      stringToUTF8(text, pointer, size);
      try { _roadbook_sync_reply(id, status, pointer); } finally { _free(pointer); }
    },

    // Reads "event: change" blocks from the stream; each one asks for a round. Reconnects while the token
    // is still the one signed in, with a pause so a down server is not hammered.
    stream: function (url, token) {
      var controller = new AbortController();
      RoadbookSync.listening = { token: token, controller: controller };
      var retry = function () {
        if (!RoadbookSync.listening || RoadbookSync.listening.token !== token) return;
        setTimeout(function () {
          if (RoadbookSync.listening && RoadbookSync.listening.token === token) RoadbookSync.stream(url, token);
        }, 5000);
      };
      fetch(url, { headers: { Authorization: 'Bearer ' + token }, signal: controller.signal, cache: 'no-store' })
        .then(function (response) {
          if (!response.ok || !response.body) return retry();
          var reader = response.body.getReader();
          var decoder = new TextDecoder();
          var buffer = '';
          var pump = function () {
            return reader.read().then(function (chunk) {
              if (chunk.done) return retry();
              buffer += decoder.decode(chunk.value, { stream: true });
              var end;
              while ((end = buffer.indexOf('\n\n')) >= 0) {
                var block = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                if (/^event: change$/m.test(block)) _roadbook_sync_poke();
              }
              return pump();
            });
          };
          return pump();
        })
        .catch(function () { retry(); });
    },
  },

  roadbook_web_sync_install__deps: ['$RoadbookSync'],
  roadbook_web_sync_install: function () {
    // A slow heartbeat only; pauses and backoffs wake the engine on time through roadbook_web_sync_wake_after.
    setInterval(function () { _roadbook_sync_tick(); }, 15000);
    document.addEventListener('visibilitychange', function () { if (!document.hidden) _roadbook_sync_poke(); });
    window.addEventListener('online', function () { _roadbook_sync_poke(); });
    if (new URLSearchParams(window.location.search).get('test') === '1') {
      window.roadbook = window.roadbook || {};
      window.roadbook.test = window.roadbook.test || {};
      // The engine's state: phase, pending, cursor, clientId, userId, error, conflicts.
      window.roadbook.test.syncState = function () { return JSON.parse(UTF8ToString(_roadbook_sync_state_json())); };
    }
  },

  roadbook_web_sync_send__deps: ['$RoadbookSync', 'malloc', 'free'],
  roadbook_web_sync_send: function (id, baseUrl, path, body, token) {
    var url = UTF8ToString(baseUrl) + UTF8ToString(path);
    var headers = { 'Content-Type': 'application/json' };
    var bearer = UTF8ToString(token);
    if (bearer) headers.Authorization = 'Bearer ' + bearer;
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, 20000);
    fetch(url, { method: 'POST', headers: headers, body: UTF8ToString(body), signal: controller.signal, cache: 'no-store' })
      .then(function (response) {
        return response.text().then(function (text) { RoadbookSync.deliver(id, response.status, text); });
      })
      .catch(function () { RoadbookSync.deliver(id, 0, ''); })
      .finally(function () { clearTimeout(timer); });
  },

  roadbook_web_sync_listen__deps: ['$RoadbookSync'],
  roadbook_web_sync_listen: function (baseUrl, token) {
    var bearer = UTF8ToString(token);
    if (RoadbookSync.listening) {
      RoadbookSync.listening.controller.abort();
      RoadbookSync.listening = null;
    }
    if (bearer) RoadbookSync.stream(UTF8ToString(baseUrl) + '/api/v1/sync/events', bearer);
  },

  roadbook_web_sync_wake_after: function (delay) {
    setTimeout(function () { _roadbook_sync_tick(); }, delay);
  },

  roadbook_web_page_origin: function (out, size) {
    stringToUTF8(window.location.origin, out, size);
  },
});
