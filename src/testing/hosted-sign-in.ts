import { createHash, randomBytes } from 'node:crypto';
import type { RunningServer } from '../server.js';
import { secretsOf } from '../keys/client-secret.js';
import { CognitoMockError } from './cognito-mock-error.js';

export interface MockHostedSignIn {
  clientId: string;
  username: string;
  password: string;
  /** Space-separated; default: every scope of the client. */
  scope?: string;
  /** Default: the client's first CallbackURL. */
  redirectUri?: string;
  nonce?: string;
}

/** What the code grant gives (`idToken` only when `openid` was granted). */
export interface MockHostedTokens {
  idToken?: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * A whole managed-login code flow over HTTP, as a browser and an app would run it
 * (cognito-reference-users §6): authorize with PKCE, the sign-in form posted, the code exchanged
 * at /oauth2/token (with the client's secret, when it has one). Rejects with a CognitoMockError
 * `hosted_sign_in_failed` whose message says where the flow stopped and why.
 */
export async function hostedSignIn(server: RunningServer, request: MockHostedSignIn): Promise<MockHostedTokens> {
  const client = server.registry.client(request.clientId)?.client;
  const redirectUri = request.redirectUri ?? client?.CallbackURLs?.[0] ?? '';
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({ response_type: 'code', client_id: request.clientId, redirect_uri: redirectUri, state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' });
  if (request.scope !== undefined) query.set('scope', request.scope);
  if (request.nonce !== undefined) query.set('nonce', request.nonce);
  const authorize = await fetch(`${server.url}/oauth2/authorize?${query}`, { redirect: 'manual' });
  const toLogin = authorize.headers.get('location') ?? '';
  if (!toLogin.startsWith('/login?')) fail(`authorize answered ${authorize.status} ${toLogin}`);
  const page = await fetch(`${server.url}${toLogin}`, { redirect: 'manual' });
  const html = await page.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (csrf === undefined) fail(`the sign-in page answered ${page.status}`);
  const posted = await fetch(`${server.url}${toLogin}`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ _csrf: csrf, username: request.username, password: request.password }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `XSRF-TOKEN=${csrf}` },
  });
  const back = posted.headers.get('location');
  if (back === null) fail(/role="alert">([^<]*)</.exec(await posted.text())?.[1] ?? `the sign-in answered ${posted.status} without a redirect`);
  const code = new URL(back).searchParams.get('code');
  if (code === null) fail(`the sign-in came back with ${new URL(back).search}`);
  const secret = client === undefined ? undefined : secretsOf(client)[0];
  const token = await fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: request.clientId, code, redirect_uri: redirectUri, code_verifier: verifier,
      ...(secret === undefined ? {} : { client_secret: secret }) }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const body = await token.json() as Record<string, unknown>;
  if (token.status !== 200) fail(`the token endpoint answered ${token.status} ${JSON.stringify(body)}`);
  return {
    ...(typeof body.id_token === 'string' ? { idToken: body.id_token } : {}),
    accessToken: body.access_token as string, refreshToken: body.refresh_token as string, expiresIn: body.expires_in as number,
  };
}

function fail(reason: string): never {
  throw new CognitoMockError('hosted_sign_in_failed', 'HostedSignInFailed', `cognito-mock: the managed-login sign-in failed: ${reason}`);
}
