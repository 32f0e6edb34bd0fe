import type { Context } from 'koa';

/**
 * Whether a console form came from the console itself. The forms mint tokens and start sign-in
 * sessions; a page on another site could post to a mock on localhost (it cannot read the answer,
 * but need not). Browsers say where a form came from (`Sec-Fetch-Site`, else `Origin`); a request
 * that says neither is a script or curl, which could reach the mock's API anyway.
 */
export function sameOrigin(ctx: Context): boolean {
  const site = ctx.get('sec-fetch-site');
  if (site !== '') return site === 'same-origin' || site === 'none';
  const origin = ctx.get('origin');
  if (origin === '' || origin === 'null') return origin === '';
  return URL.canParse(origin) && new URL(origin).host === ctx.get('host');
}
