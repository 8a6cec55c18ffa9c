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

  // The time now on the program's clock, as every page writes times: 24-hour hours and minutes ("14:05").
  function clockTime(zone) {
    try {
      return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
        timeZone: zone || undefined }).format(new Date());
    } catch (e) {
      var d = new Date();
      return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
    }
  }

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
    // the changed client's row is highlighted once the re-fetched table is in place
    var changed = {};
    source.addEventListener('week', function (e) {
      status.textContent = 'Live updates: on (updated ' + clockTime(table.dataset.timeZone) + ').';
      try {
        var change = JSON.parse(e.data);
        var shown = document.getElementById('week-table');
        var week = change && Array.isArray(change.weekStart) ? change.weekStart.map(function (n) {
          return n < 10 ? '0' + n : String(n);
        }).join('-') : change && change.weekStart;
        if (change && change.clientId && (!week || !shown || week === shown.dataset.weekStart)) {
          changed[change.clientId] = true;
        }
      } catch (ignored) { /* an event without a body still refreshes */ }
      refresh();
    });
    // htmx:load bubbles from the new table (afterSwap fires on the replaced one, already out of the page)
    document.body.addEventListener('htmx:load', function () {
      Object.keys(changed).forEach(function (clientId) {
        var row = document.getElementById('client-' + clientId);
        if (row) {
          row.classList.add('changed');
          var name = row.querySelector('a');
          if (name) { status.textContent = 'Live updates: on (' + name.textContent + ' updated ' + clockTime(table.dataset.timeZone) + ').'; }
        }
      });
      changed = {};
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

  // "Reason for late entry" on a form with a date: shown (and required) only for a day up to today in the program's
  // zone (data-today), or while it carries an error; without scripts it is always shown.
  function lateEntryFields() {
    document.querySelectorAll('[data-late-date]').forEach(function (box) {
      var date = document.getElementById(box.dataset.lateDate);
      var input = box.querySelector('input[name="lateEntryReason"]');
      if (!date || !input) {
        return;
      }
      var sync = function () {
        var late = (date.value && date.value <= box.dataset.today) || input.getAttribute('aria-invalid') === 'true'
            || input.value;
        box.hidden = !late;
        input.required = !!late;
      };
      date.addEventListener('input', sync);
      date.addEventListener('change', sync);
      sync();
    });
  }

  document.addEventListener('DOMContentLoaded', startLive);
  document.addEventListener('DOMContentLoaded', lateEntryFields);
})();
