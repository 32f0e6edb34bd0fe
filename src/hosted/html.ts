/** Text as HTML: every character that could open markup or end an attribute is an entity. Names are user input. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A managed-login page: no script, no external asset (the browser needs nothing but the mock), one
 * inline style sheet. Cognito's classic pages are plain forms too (cognito-reference-users §6.3).
 */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f2f3f3;color:#16191f}
main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.25rem;margin:0 0 1.25rem}
label{display:block;font-weight:600;margin:.9rem 0 .3rem}
input[type=text],input[type=password]{box-sizing:border-box;width:100%;padding:.55rem;font-size:1rem;border:1px solid #879596;border-radius:.25rem}
input:focus{outline:2px solid #0972d3;outline-offset:1px}
input[type=submit].secondary{background:#fff;color:#0972d3;border:1px solid #0972d3}
input[type=submit]{margin-top:1.4rem;width:100%;padding:.65rem;font-size:1rem;font-weight:600;color:#fff;background:#0972d3;border:0;border-radius:.25rem;cursor:pointer}
.errorMessage{color:#d91515;background:#fff7f7;border:1px solid #d91515;border-radius:.25rem;padding:.6rem;margin:0 0 1rem}
.notice{color:#037f0c;background:#f2fcf3;border:1px solid #037f0c;border-radius:.25rem;padding:.6rem;margin:0 0 1rem}
.link{margin:.6rem 0 0;font-size:.9rem}
a{color:#0972d3}
.note{font-size:.8rem;color:#5f6b7a;margin-top:1.5rem}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** An error line announced to screen readers (`role="alert"`), or nothing. */
export const errorLine = (id: string, message: string | undefined): string =>
  message === undefined ? '' : `<p id="${id}" class="errorMessage" role="alert">${escapeHtml(message)}</p>\n`;

/** A line of news for the person on the page, announced politely (`role="status"`), or nothing. */
export const noticeLine = (id: string, message: string | undefined): string =>
  message === undefined ? '' : `<p id="${id}" class="notice" role="status">${escapeHtml(message)}</p>\n`;

/** A managed-login page's URL carrying the authorize request's own query, as an attribute value (§6.3). */
export const pageUrl = (path: string, query: string): string => escapeHtml(`${path}?${query}`);
