// OpenIOP front door: small progressive enhancements; every page works without them.
(function () {
  'use strict';

  // htmx requests carry the CSRF token like forms do.
  document.addEventListener('htmx:configRequest', function (e) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      e.detail.headers[header.content] = token.content;
    }
  });

  // Live compliance: the front door relays attendance-service's server-sent events; each change makes htmx re-fetch
  // the table (with the current filters). Without EventSource, poll every 15 s instead.
  function startLive() {
    var table = document.getElementById('week-table');
    var status = document.getElementById('live-status');
    if (!table || !table.dataset.liveUrl) {
      return;
    }
    var refresh = function () { htmx.trigger(document.body, 'compliance-changed'); };
    if (!window.EventSource) {
      status.textContent = 'Live updates: refreshing every 15 seconds.';
      setInterval(refresh, 15000);
      return;
    }
    var source = new EventSource(table.dataset.liveUrl);
    source.onopen = function () { status.textContent = 'Live updates: on.'; status.dataset.state = 'open'; };
    source.onerror = function () { status.textContent = 'Live updates: reconnecting…'; status.dataset.state = 'retry'; };
    source.addEventListener('week', function () {
      status.textContent = 'Live updates: on (updated ' + new Date().toLocaleTimeString() + ').';
      refresh();
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }

  // "Copy link" buttons: copy the named field's value and say so (the field stays selectable without scripts).
  document.addEventListener('click', function (e) {
    var id = e.target && e.target.dataset ? e.target.dataset.copy : null;
    if (!id) {
      return;
    }
    var field = document.getElementById(id);
    field.select();
    var done = function () { e.target.textContent = 'Copied'; };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand('copy'); done(); });
    } else {
      document.execCommand('copy');
      done();
    }
  });

  document.addEventListener('DOMContentLoaded', startLive);
})();
