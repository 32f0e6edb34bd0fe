import type { RequestLogEntry } from '../model/request-log.js';
import { consolePage, escapeHtml } from './layout.js';

// The requests view: the request log newest first, refusals marked. console.js keeps the table
// current by polling /_mock/requests and builds the same rows with the same classes (textContent,
// never HTML), so the page reads the same with JavaScript on or off.

/** "The last few hundred": fewer than the log keeps, so a page stays quick to render and read. */
export const REQUESTS_SHOWN = 300;

/** A refusal or a failure: a 4xx or 5xx, or a page that answered with an error (a redirect with `error=`). */
export const isRefusal = (entry: RequestLogEntry): boolean => entry.status >= 400 || entry.error !== undefined;

export function requestsPage(entries: readonly RequestLogEntry[]): string {
  const rows = [...entries].reverse().map(requestRow).join('\n');
  return consolePage('requests', `<h1>Requests</h1>
<p class="muted" id="live-status">The last ${REQUESTS_SHOWN} requests, newest first, without the console's own. Reload for new ones (with JavaScript the list refreshes itself).</p>
<table id="requests"><thead><tr><th>Time</th><th>Method</th><th>Path</th><th>Status</th><th>Operation</th><th>Client</th><th>Pool</th><th>Error</th><th>Reason</th><th>ms</th></tr></thead>
<tbody>
${rows || EMPTY_ROW}
</tbody></table>`);
}

const EMPTY_ROW = '<tr class="empty"><td colspan="10" class="muted">No requests yet.</td></tr>';

function requestRow(entry: RequestLogEntry): string {
  const iso = new Date(entry.time).toISOString();
  const cell = (value: string | undefined, name: string) => `<td class="${name}">${value === undefined ? '' : escapeHtml(value)}</td>`;
  return `<tr class="${isRefusal(entry) ? 'request refused' : 'request'}"><td class="time"><time datetime="${iso}">${iso}</time></td>${cell(entry.method, 'method')}${cell(entry.path, 'path')}${cell(String(entry.status), 'status')}${cell(entry.operation, 'operation')}${cell(entry.clientId, 'client')}${cell(entry.poolId, 'pool')}${cell(entry.error, 'error')}${cell(entry.reason, 'reason')}${cell(String(entry.ms), 'ms')}</tr>`;
}
