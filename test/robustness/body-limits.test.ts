import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGEMENT_BODY_LIMIT } from '../../src/management/request.js';
import { TOKEN_BODY_LIMIT } from '../../src/routes/token.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { ORDERS_CLIENT, POOL_ID, basicAuth, testFixtures } from '../support/fixtures.js';
import { rawRequest } from './support/raw-http.js';

// Body and header limits (README "Token endpoint" and "Management API"): the token
// endpoint reads at most 64 KiB, the management API 1 MiB. A larger body is read to its end and
// dropped (up to 64 MiB, then the connection is closed), so the client gets a clean 413 in its
// protocol's shape instead of a reset, and the connection stays usable.

const MiB = 1024 * 1024;
const FORM = 'application/x-www-form-urlencoded';
const basic = basicAuth(ORDERS_CLIENT.id, ORDERS_CLIENT.secret);

let mock: CognitoMock;
beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures() }); });
afterAll(() => mock.stop());

const tokenBody = (size: number): string => {
  const prefix = 'grant_type=client_credentials&scope=';
  return `${prefix}${'a'.repeat(size - prefix.length)}`;
};
const apiBody = (size: number): string => {
  const prefix = JSON.stringify({ UserPoolId: POOL_ID, ClientName: '' });
  return `${prefix.slice(0, -2)}${'a'.repeat(size - prefix.length)}"}`; // the two characters cut off come back at the end
};

describe('request size limits', () => {
  it('documents the limits the tests below use', () => {
    expect(TOKEN_BODY_LIMIT).toBe(64 * 1024);
    expect(MANAGEMENT_BODY_LIMIT).toBe(MiB);
  });

  it('token endpoint: the largest body is read, one byte more is 413 {"error":"invalid_request"}', async () => {
    const at = await rawRequest(mock.url, { path: '/oauth2/token', headers: { authorization: basic, 'content-type': FORM }, body: tokenBody(TOKEN_BODY_LIMIT) });
    // Read and parsed: the long scope is not one the client has.
    expect({ status: at.status, body: at.json }).toEqual({ status: 400, body: { error: 'invalid_scope' } });
    const over = await rawRequest(mock.url, { path: '/oauth2/token', headers: { authorization: basic, 'content-type': FORM }, body: tokenBody(TOKEN_BODY_LIMIT + 1) });
    expect({ status: over.status, body: over.json }).toEqual({ status: 413, body: { error: 'invalid_request' } });
  });

  it('management API: the largest body is read, one byte more is 413 RequestEntityTooLargeException', async () => {
    const call = (body: string) => rawRequest(mock.url, { path: '/', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPoolClient' }, body });
    const at = await call(apiBody(MANAGEMENT_BODY_LIMIT));
    expect(at.status).toBe(400);
    expect((at.json as { __type: string }).__type).toBe('InvalidParameterException'); // the 1 MiB name is too long
    const over = await call(apiBody(MANAGEMENT_BODY_LIMIT + 1));
    expect(over.status).toBe(413);
    expect(over.json).toEqual({ __type: 'RequestEntityTooLargeException', message: `Request body is larger than ${MANAGEMENT_BODY_LIMIT} bytes.` });
  });

  // The largest request rejected cleanly: bodies are drained up to 64 MiB.
  for (const size of [10 * MiB, 63 * MiB]) {
    for (const chunked of [false, true]) {
      it(`a ${size / MiB} MiB body (${chunked ? 'chunked' : 'Content-Length'}) gets a clean 413 on both endpoints, and the connection is reused`, async () => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        try {
          const token = await rawRequest(mock.url, { agent, chunked, path: '/oauth2/token', headers: { authorization: basic, 'content-type': FORM }, body: tokenBody(size), timeoutMs: 60_000 });
          expect({ status: token.status, body: token.json }).toEqual({ status: 413, body: { error: 'invalid_request' } });
          const api = await rawRequest(mock.url, { agent, chunked, path: '/', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPoolClient' }, body: apiBody(size), timeoutMs: 60_000 });
          expect({ status: api.status, type: (api.json as { __type: string }).__type }).toEqual({ status: 413, type: 'RequestEntityTooLargeException' });
          // The same connection serves the next request.
          const next = await rawRequest(mock.url, { agent, path: '/oauth2/token', headers: { authorization: basic, 'content-type': FORM }, body: 'grant_type=client_credentials' });
          expect(next.status).toBe(200);
        } finally {
          agent.destroy();
        }
      }, 60_000);
    }
  }

  it('headers over Node\'s 16 KiB limit get a clean 431 (no reset), and the server keeps serving', async () => {
    const huge = `Basic ${'A'.repeat(100 * 1024)}`;
    const res = await rawRequest(mock.url, { path: '/oauth2/token', headers: { authorization: huge, 'content-type': FORM }, body: 'grant_type=client_credentials' });
    expect(res.status).toBe(431);
    const next = await rawRequest(mock.url, { path: '/oauth2/token', headers: { authorization: basic, 'content-type': FORM }, body: 'grant_type=client_credentials' });
    expect(next.status).toBe(200);
  });
});
