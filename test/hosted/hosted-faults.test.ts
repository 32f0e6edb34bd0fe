import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { CALLBACK, CLIENTS, PASSWORD, hostedFixtures } from './support.js';
import { Jar, get, submit } from './support-flow.js';

// Faults of the managed login (README "Fault injection"): an app's handling of a sign-in that comes
// back with `error=`, as Cognito sends its own authorize errors (cognito-reference-users §6.2).

let mock: CognitoMock;
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: hostedFixtures() });
});
afterAll(() => mock.stop());
afterEach(() => mock.clearFaults());

const authorize = (params: Record<string, string> = {}) =>
  `${mock.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: CLIENTS.spa.id, redirect_uri: CALLBACK, state: 'st-f', ...params })}`;

describe('managed-login faults', () => {
  it('sends the browser back from /oauth2/authorize with the fault\'s error and the state, once', async () => {
    mock.injectFault({ on: 'hosted', page: 'authorize', error: 'temporarily_unavailable', times: 1 });
    const failed = await get(authorize(), new Jar());
    expect(failed.status).toBe(302);
    const back = new URL(failed.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect([...back.searchParams]).toEqual([['error', 'temporarily_unavailable'], ['state', 'st-f']]);
    const next = await get(authorize(), new Jar());
    expect(next.headers.get('location')).toMatch(/^\/login\?/);
  });

  it('fails the sign-in page for one client only, in the fragment for the implicit grant', async () => {
    mock.injectFault({ on: 'hosted', page: 'login', clientId: CLIENTS.spa.id, error: 'server_error' });
    const jar = new Jar();
    const login = await get(`${mock.url}/login?${new URLSearchParams({ response_type: 'token', client_id: CLIENTS.spa.id, redirect_uri: CALLBACK, state: 's2' })}`, jar);
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe(`${CALLBACK}#error=server_error&state=s2`);
    const other = await get(`${mock.url}/login?${new URLSearchParams({ response_type: 'code', client_id: CLIENTS.web.id, redirect_uri: CALLBACK })}`, jar);
    expect(other.status).toBe(200);
    expect(await submit(mock.url, await other.text(), { username: 'alice', password: PASSWORD }, jar).then((res) => res.status)).toBe(302);
  });

  it('leaves the real answers of requests it cannot trust: an unknown redirect URI still gets the error page', async () => {
    mock.injectFault({ on: 'hosted', error: 'server_error' });
    const res = await get(authorize({ redirect_uri: 'https://elsewhere.example/cb' }), new Jar());
    expect(res.headers.get('location')).toBe(`/error?error=redirect_mismatch&client_id=${CLIENTS.spa.id}`);
  });

  it('is added, listed and cleared over /_mock/faults; a malformed one is refused', async () => {
    const add = await fetch(`${mock.url}/_mock/faults`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ On: 'hosted', Page: 'login', Error: 'access_denied', Times: 2 }) });
    expect(await add.json()).toEqual({ Faults: [{ On: 'hosted', Page: 'login', Error: 'access_denied', Times: 2 }] });
    const bad = await fetch(`${mock.url}/_mock/faults`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ On: 'hosted', Page: 'signup', Error: 'access_denied' }) });
    expect(bad.status).toBe(400);
    expect((await bad.json() as { message: string }).message).toMatch(/Page must be one of authorize, login/);
    expect(() => mock.injectFault({ on: 'hosted', error: 'invalid_client' as 'server_error' })).toThrow(TypeError);
  });
});
