import { createPrivateKey, createPublicKey } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { createAccessTokenVerifier } from '../../src/verifier/index.js';
import { ORDERS_CLIENT, POOL_ID, TEST_KEYS, testFixtures } from '../support/fixtures.js';
import { claimsOf, hs256WithPublicPem, kidOfTestKey, publicPemOfTestKey, signWithTestKey, unsecured } from './support/forge.js';

const NOW_MS = 1_767_225_600_000;

/** A JWKS endpoint that counts its requests and serves whatever the test puts in `body`. */
class JwksServer {
  hits = 0;
  status = 200;
  body = '';
  readonly server: Server = createServer((_req, res) => {
    this.hits++;
    res.writeHead(this.status, { 'content-type': 'application/json' }).end(this.body);
  });
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks.json`;
  }
}

let mock: CognitoMock;
let jwks: JwksServer;

beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: testFixtures(), clock: () => NOW_MS });
  jwks = new JwksServer();
  await new Promise<void>((resolve) => jwks.server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => jwks.server.close(resolve));
  await mock.stop();
});
afterEach(() => {
  vi.useRealTimers();
  jwks.hits = 0;
  jwks.status = 200;
});

const verifierOnCountingServer = () => createAccessTokenVerifier({
  userPoolId: POOL_ID, clientId: null, jwksUri: jwks.url, clock: () => NOW_MS,
});

describe('the JWKS cache', () => {
  it('fetches the JWKS once for many verifications, concurrent ones included', async () => {
    jwks.body = JSON.stringify(mock.jwks(POOL_ID));
    const verifier = verifierOnCountingServer();
    const token = mock.mintAccessToken({ clientId: ORDERS_CLIENT.id });
    await Promise.all([verifier.verify(token), verifier.verify(token), verifier.verify(token)]);
    for (let i = 0; i < 5; i++) await verifier.verify(token);
    expect(jwks.hits).toBe(1);
  });

  it('refetches on an unknown kid only after the 30 s cooldown, then accepts a rotated-in key', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    jwks.body = JSON.stringify(mock.jwks(POOL_ID));
    const verifier = verifierOnCountingServer();
    await verifier.verify(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id }));

    // The pool rotates in test key 4; a token signed with it arrives before the cooldown ends.
    const rotated = await signWithTestKey(4, claimsOf(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id })));
    const jwk = createPublicKey(createPrivateKey(TEST_KEYS[4]!)).export({ format: 'jwk' });
    jwks.body = JSON.stringify({ keys: [...mock.jwks(POOL_ID).keys, { alg: 'RS256', e: jwk.e, kid: kidOfTestKey(4), kty: 'RSA', n: jwk.n, use: 'sig' }] });
    await expect(verifier.verify(rotated)).rejects.toMatchObject({ code: 'unknown_kid' });
    expect(jwks.hits).toBe(1);

    vi.advanceTimersByTime(31_000);
    await expect(verifier.verify(rotated)).resolves.toMatchObject({ client_id: ORDERS_CLIENT.id });
    expect(jwks.hits).toBe(2);
  });

  it('never fetches for alg none or HS256 tokens', async () => {
    const verifier = verifierOnCountingServer();
    const claims = claimsOf(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id }));
    await expect(verifier.verify(unsecured(claims, { kid: kidOfTestKey(0), alg: 'none' }))).rejects.toMatchObject({ code: 'alg_not_allowed' });
    await expect(verifier.verify(await hs256WithPublicPem(claims, publicPemOfTestKey(0), kidOfTestKey(0))))
      .rejects.toMatchObject({ code: 'alg_not_allowed' });
    expect(jwks.hits).toBe(0);
  });

  it.each([
    ['answers 500', 500, '{"keys":[]}'],
    ['serves something that is not a JWKS', 200, '<html>'],
  ])('rejects with jwks_unavailable when the JWKS endpoint %s', async (_name, status, body) => {
    jwks.status = status;
    jwks.body = body;
    await expect(verifierOnCountingServer().verify(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id })))
      .rejects.toMatchObject({ code: 'jwks_unavailable', name: 'JwksUnavailableError' });
  });

  it('rejects with jwks_unavailable when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const verifier = createAccessTokenVerifier({ userPoolId: POOL_ID, clientId: null, jwksUri: `http://127.0.0.1:${port}/jwks.json`, clock: () => NOW_MS });
    await expect(verifier.verify(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id }))).rejects.toMatchObject({ code: 'jwks_unavailable' });
  });
});
