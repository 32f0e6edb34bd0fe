// console.js, served by the mock itself (the CSP allows scripts from 'self' only, never inline).
// It only improves pages that read whole without it: times in the browser's own zone, and the
// requests view kept live. It writes text with textContent, never markup: log entries hold user
// input (paths, client ids), and nothing here may turn them into HTML.

export const CONSOLE_SCRIPT = `'use strict';
(function () {
  var REFRESH_MS = 1000;
  var LIMIT = 300;

  function localTime(element) {
    var date = new Date(element.getAttribute('datetime'));
    if (isNaN(date.getTime())) return;
    element.title = element.getAttribute('datetime');
    element.textContent = date.toLocaleString();
  }

  function localTimes(root) {
    var times = root.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) localTime(times[i]);
  }

  function cell(row, text, name) {
    var td = document.createElement('td');
    td.className = name;
    td.textContent = text === undefined || text === null ? '' : String(text);
    row.appendChild(td);
    return td;
  }

  function requestRow(entry) {
    var row = document.createElement('tr');
    var refused = entry.status >= 400 || entry.error !== undefined;
    row.className = refused ? 'request refused' : 'request';
    var time = document.createElement('time');
    time.setAttribute('datetime', new Date(entry.time).toISOString());
    localTime(time);
    cell(row, '', 'time').appendChild(time);
    cell(row, entry.method, 'method');
    cell(row, entry.path, 'path');
    cell(row, entry.status, 'status');
    cell(row, entry.operation, 'operation');
    cell(row, entry.clientId, 'client');
    cell(row, entry.poolId, 'pool');
    cell(row, entry.error, 'error');
    cell(row, entry.reason, 'reason');
    cell(row, entry.ms, 'ms');
    return row;
  }

  function liveRequests() {
    var body = document.querySelector('#requests tbody');
    var status = document.getElementById('live-status');
    if (!body || !status) return;
    var shown = '';
    function refresh() {
      fetch('/_mock/requests?limit=' + LIMIT, { cache: 'no-store', headers: { accept: 'application/json' } })
        .then(function (response) {
          if (!response.ok) throw new Error('HTTP ' + response.status);
          return response.json();
        })
        .then(function (answer) {
          var entries = answer.Requests || [];
          var last = entries[entries.length - 1];
          var key = entries.length + ':' + (last ? JSON.stringify(last) : '');
          status.textContent = 'Live: the last ' + LIMIT + ' requests, newest first, without the console\\'s own; refreshed every second.';
          status.className = 'live';
          if (key === shown) return;
          shown = key;
          var rows = document.createDocumentFragment();
          for (var i = entries.length - 1; i >= 0; i--) rows.appendChild(requestRow(entries[i]));
          body.replaceChildren(rows);
        })
        .catch(function (error) {
          status.textContent = 'Not live: ' + error.message + ' (retrying).';
          status.className = 'bad';
        })
        .finally(function () { setTimeout(refresh, REFRESH_MS); });
    }
    refresh();
  }

  document.addEventListener('DOMContentLoaded', function () {
    localTimes(document);
    if (document.body.getAttribute('data-view') === 'requests') liveRequests();
  });
})();
`;
