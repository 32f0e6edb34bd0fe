import { TIME_CLAIMS, claimMeaning } from './claim-meanings.js';
import type { TokenReport } from './inspect-token.js';
import { consolePage, escapeHtml, timeTag } from './layout.js';

// The token decoder: a plain form POST (the token stays out of URLs, history and the request log),
// then the verdict, each check, the header and the claims with what they mean.

export function decoderPage(token: string, report: TokenReport | undefined, error?: string): string {
  return consolePage('decoder', `<h1>Token decoder</h1>
<form method="post" action="/_mock/console/decoder" class="card">
<label for="token">A JWT (access or ID token) from this mock:</label>
<textarea id="token" name="token" rows="6" spellcheck="false" autocomplete="off" required>${escapeHtml(token)}</textarea>
<p><button type="submit" id="decode">Decode and verify</button> <span class="muted">The token is judged at the mock's clock and neither kept nor logged.</span></p>
</form>
${error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`}
${report === undefined ? '' : reportHtml(report)}`);
}

function reportHtml(report: TokenReport): string {
  const pool = report.pool === undefined ? '<p>No pool of this mock: neither its <code>iss</code> nor its <code>kid</code> is one of theirs.</p>'
    : `<p>Pool <code>${escapeHtml(report.pool.poolId)}</code>, found from its <code>${report.pool.foundBy}</code>.</p>`;
  const verdict = report.rejection === undefined
    ? '<p id="verdict" class="notice"><span class="good">A verifier of this pool would accept it.</span></p>'
    : `<p id="verdict" class="error"><span class="bad">A verifier would reject it: <code>${escapeHtml(report.rejection.code)}</code></span> — ${escapeHtml(report.rejection.text)}</p>`;
  const checks = report.checks.map((check) => `<tr class="check ${check.ok === false ? 'refused' : ''}"><td>${escapeHtml(check.name)}</td>
<td class="${check.ok === true ? 'good' : check.ok === false ? 'bad' : 'muted'}">${check.ok === true ? 'ok' : check.ok === false ? escapeHtml(check.code ?? 'failed') : '—'}</td><td>${escapeHtml(check.text)}</td></tr>`);
  return `<section class="card" id="report">
<h2>What a verifier would say</h2>
${verdict}
${pool}
<table id="checks"><thead><tr><th>Check</th><th>Result</th><th>Why</th></tr></thead><tbody>
${checks.join('\n')}
</tbody></table>
${report.header === undefined ? '' : `<h2>Header</h2>\n${claimTable('header', report.header, false)}`}
${report.claims === undefined ? '' : `<h2>Claims</h2>\n${claimTable('claims', report.claims, true)}`}
</section>`;
}

function claimTable(id: string, members: Record<string, unknown>, meanings: boolean): string {
  const rows = Object.entries(members).map(([name, value]) => {
    const shown = TIME_CLAIMS.has(name) && typeof value === 'number'
      ? `${timeTag(value)} <span class="muted">(${value})</span>`
      : `<code>${escapeHtml(typeof value === 'string' ? value : JSON.stringify(value))}</code>`;
    const meaning = meanings ? `<td class="muted">${escapeHtml(claimMeaning(name) ?? '')}</td>` : '';
    return `<tr data-claim="${escapeHtml(name)}"><td><code>${escapeHtml(name)}</code></td><td>${shown}</td>${meaning}</tr>`;
  });
  return `<table id="${id}"><thead><tr><th>Name</th><th>Value</th>${meanings ? '<th>Meaning</th>' : ''}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}
