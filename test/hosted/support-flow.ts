import { createHash, randomBytes } from 'node:crypto';

// Drives the managed login the way a CI job without a browser does: plain HTTP, the sign-in form
// posted as any HTML form is, cookies carried by hand.

export const pkce = () => {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** A cookie jar of name → value, fed from `Set-Cookie` headers. */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export async function get(url: string, jar: Jar): Promise<Response> {
  const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(res);
  return res;
}

/** Posts a page's form: its hidden fields as served, plus `fields`, to its `action`. */
export async function submit(base: string, html: string, fields: Record<string, string>, jar: Jar): Promise<Response> {
  const action = /<form [^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  if (action === undefined) throw new Error(`no form in ${html.slice(0, 200)}`);
  const body = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) body.set(name!, value!.replace(/&amp;/g, '&'));
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  const res = await fetch(new URL(action, base), {
    method: 'POST', redirect: 'manual', body, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
  });
  jar.take(res);
  return res;
}
