// The client's page while a chosen time is being booked: fetch the page again every few seconds and put the new
// content in place, until the answer arrives (the server marks <main data-refresh> while it waits). Without script,
// a meta refresh in <noscript> does the same by reloading the page.
(function () {
  'use strict';
  var main = document.getElementById('main');
  if (!main || !main.hasAttribute('data-refresh') || !window.fetch || !window.DOMParser) {
    return;
  }
  var attempts = 0;
  function schedule() {
    attempts += 1;
    if (attempts <= 200) {
      window.setTimeout(poll, 3000);
    }
  }
  function poll() {
    window.fetch(window.location.pathname, { cache: 'no-store', credentials: 'same-origin',
        headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html').getElementById('main');
        if (!next) {
          schedule();
          return;
        }
        main.innerHTML = next.innerHTML;
        if (next.hasAttribute('data-refresh')) {
          schedule();
        } else {
          main.removeAttribute('data-refresh');
        }
      })
      .catch(schedule);
  }
  schedule();
})();
