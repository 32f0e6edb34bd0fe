import { escapeHtml } from '../hosted/html.js';

// The console's page frame: one inline style sheet, no inline script, no asset from elsewhere. The
// one script is the mock's own /_mock/console/console.js, and every page reads whole without it.

export { escapeHtml };

/** The console's views, in the order of its navigation bar. */
export const VIEWS = [
  { id: 'overview', path: '/_mock/console', title: 'Overview' },
  { id: 'requests', path: '/_mock/console/requests', title: 'Requests' },
  { id: 'decoder', path: '/_mock/console/decoder', title: 'Token decoder' },
  { id: 'mint', path: '/_mock/console/mint', title: 'Mint tokens' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

/**
 * What every console answer carries: nothing but the mock's origin may load (`script-src 'self'`
 * for console.js, `connect-src 'self'` for its polling), never framed, never cached (pages show
 * secrets and minted tokens), never sent on as a referrer.
 */
export const CONSOLE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

const STYLE = `
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f2f3f3;color:#16191f}
header{background:#232f3e;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.4rem;align-items:center;flex-wrap:wrap}
header strong{font-size:1.05rem}
header a{color:#d1d5db;text-decoration:none;margin-right:1.1rem}
header a[aria-current=page]{color:#fff;font-weight:600;border-bottom:2px solid #ff9900}
main{padding:1rem 1.2rem;max-width:80rem}
h1{font-size:1.3rem;margin:.4rem 0 1rem}
h2{font-size:1.15rem;margin:1.6rem 0 .5rem}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
section.card{background:#fff;border-radius:.4rem;box-shadow:0 1px 3px rgba(0,0,0,.15);padding:.8rem 1rem;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e9ebed}
td.path,td.reason{overflow-wrap:anywhere;min-width:12rem}
td.time,td.status,td.ms,td.method,th{white-space:nowrap}
th{background:#fafafa;font-weight:600}
code,.mono,textarea{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
code{overflow-wrap:anywhere}
tr.refused td{background:#fff7f7}
tr.refused td:first-child{box-shadow:inset 3px 0 #d91515}
tr.refused td.status,.bad{color:#d91515;font-weight:600}
.good{color:#037f0c;font-weight:600}
.muted{color:#5f6b7a}
dl.urls{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:.4rem 0}
dl.urls dt{font-weight:600}
dl.urls dd{margin:0}
textarea{width:100%;box-sizing:border-box}
form.inline{display:inline}
fieldset{border:1px solid #d1d5db;border-radius:.3rem;margin:.5rem 0}
label{margin-right:.8rem}
input[type=text],input[type=password],select{padding:.3rem;font-size:14px}
button{padding:.35rem .9rem;font-size:14px;cursor:pointer}
p.notice,section.notice{border:1px solid #037f0c;background:#f2fcf3;padding:.5rem;border-radius:.3rem}
p.error{border:1px solid #d91515;background:#fff7f7;padding:.5rem;border-radius:.3rem}
`;

/** A console page: the navigation bar with `current` marked, then `body` (already escaped HTML). */
export function consolePage(current: ViewId, body: string): string {
  const view = VIEWS.find((v) => v.id === current)!;
  const nav = VIEWS.map((v) => `<a href="${v.path}"${v.id === current ? ' aria-current="page"' : ''}>${v.title}</a>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)} · cognito-mock console</title>
<style>${STYLE}</style>
<script src="/_mock/console/console.js" defer></script>
</head>
<body data-view="${current}">
<header><strong>cognito-mock console</strong>
<nav>
${nav}
</nav>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** An epoch-seconds time as `<time>`: ISO UTC in the HTML (console.js may show it in local time). */
export function timeTag(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return escapeHtml(String(seconds));
  const iso = date.toISOString();
  return `<time datetime="${iso}">${iso}</time>`;
}

/** A list of values as comma-separated `<code>`, or a dash when there is none. */
export function codeList(values: readonly string[] | undefined): string {
  if (!values || values.length === 0) return '<span class="muted">—</span>';
  return values.map((value) => `<code>${escapeHtml(value)}</code>`).join(', ');
}
