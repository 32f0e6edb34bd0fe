// The managed login's code flow driven as a browser-less CI job does (as test/hosted/support-flow.ts):
// authorize → 302 to /login → the form (XSRF-TOKEN cookie, hidden `_csrf`) → POST with the
// credentials → 302 to the callback with a code → the code exchanged with its PKCE verifier.
// One call is one full sign-in; any step answering otherwise throws, so it counts as an error.
import { createHash, randomBytes } from 'node:crypto';
import { request } from './http.mjs';

const pkce = () => {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** Cookies of name → value, fed from Set-Cookie. */
function take(jar, res) {
  for (const line of [res.headers['set-cookie'] ?? []].flat()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    if (/Max-Age=0/i.test(line)) jar.delete(pair.slice(0, eq));
    else jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}
const cookieHeader = (jar) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

/** {baseUrl, clientId, redirectUri, username, password, agent}: resolves the token response. */
export async function hostedCodeFlow({ baseUrl, clientId, redirectUri, username, password, agent }) {
  const jar = new Map();
  const step = async (url, init, want, what) => {
    const res = await request(url, { ...init, agent, headers: { ...init.headers, cookie: cookieHeader(jar) } });
    take(jar, res);
    if (res.status !== want) throw new Error(`${what}: ${res.status} ${res.body.slice(0, 160)}`);
    return res;
  };
  const { verifier, challenge } = pkce();
  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' });
  const authorize = await step(`${baseUrl}/oauth2/authorize?${query}`, { method: 'GET' }, 302, 'authorize');
  const login = await step(new URL(authorize.headers.location, baseUrl).href, { method: 'GET' }, 200, 'login page');
  const action = /<form [^>]*action="([^"]+)"/.exec(login.body)?.[1]?.replace(/&amp;/g, '&');
  if (!action) throw new Error('login page: no form');
  const form = new URLSearchParams();
  for (const [, name, value] of login.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(name, value.replace(/&amp;/g, '&'));
  if (!form.has('_csrf')) throw new Error('login page: no _csrf field');
  form.set('username', username);
  form.set('password', password);
  if (!form.has('cognitoAsfData')) form.set('cognitoAsfData', '');
  const posted = await step(new URL(action, baseUrl).href, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 302, 'login post');
  const callback = new URL(posted.headers.location);
  const code = callback.searchParams.get('code');
  if (!code || !callback.href.startsWith(redirectUri)) throw new Error(`login post: redirected to ${posted.headers.location}`);
  const exchange = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier });
  const token = await step(`${baseUrl}/oauth2/token`, { method: 'POST', body: exchange.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 200, 'token');
  const body = JSON.parse(token.body);
  if (!body.id_token || !body.access_token) throw new Error('token: no id_token/access_token');
  return body;
}
