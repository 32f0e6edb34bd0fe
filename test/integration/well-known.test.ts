import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import {
  ORDERS_CLIENT, OTHER_POOL_ID, POOL_ID, TEST_KEYS, decodeJwt, requestToken, signingKeys, testFixtures,
} from '../support/fixtures.js';

// GET /<poolId>/.well-known/jwks.json and …/openid-configuration (cognito-reference §3), and the
// issuer modes that decide `iss` (§3.3, §8).

/** kid = Base64(SHA-256(DER SubjectPublicKeyInfo)), recomputed here from the JWK's public n and e alone. */
const kidFromJwk = (n: string, e: string): string =>
  createHash('sha256').update(createPublicKey({ key: { kty: 'RSA', n, e }, format: 'jwk' }).export({ type: 'spki', format: 'der' })).digest('base64');

/** The same kid, from a test key's PEM: an independent check that the JWKS serves the right public keys. */
const kidFromPem = (pem: string): string =>
  createHash('sha256').update(createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'der' })).digest('base64');

const DISCOVERY_FIELDS = [
  'authorization_endpoint', 'end_session_endpoint', 'id_token_signing_alg_values_supported', 'issuer', 'jwks_uri',
  'response_types_supported', 'revocation_endpoint', 'scopes_supported', 'subject_types_supported', 'token_endpoint',
  'token_endpoint_auth_methods_supported', 'userinfo_endpoint',
];

/** The discovery document the mock must serve for a pool (Cognito's 12 fields, §3.2). */
const discoveryFor = (base: string, poolId: string, issuer: string) => ({
  authorization_endpoint: `${base}/oauth2/authorize`,
  end_session_endpoint: `${base}/logout`,
  id_token_signing_alg_values_supported: ['RS256'],
  issuer,
  jwks_uri: `${base}/${poolId}/.well-known/jwks.json`,
  response_types_supported: ['code', 'token'],
  revocation_endpoint: `${base}/oauth2/revoke`,
  scopes_supported: ['openid', 'email', 'phone', 'profile'],
  subject_types_supported: ['public'],
  token_endpoint: `${base}/oauth2/token`,
  token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  userinfo_endpoint: `${base}/oauth2/userInfo`,
});

async function tokenPayload(tokenEndpoint: string): Promise<Record<string, unknown>> {
  const res = await requestToken(tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
  expect(res.status).toBe(200);
  return decodeJwt(((await res.json()) as { access_token: string }).access_token).payload;
}

describe('GET /<poolId>/.well-known/jwks.json', () => {
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures() }); });
  afterAll(() => mock.stop());

  it('serves two RSA-2048 signing keys with exactly alg, e, kid, kty, n, use, in that order', async () => {
    const res = await fetch(mock.jwksUri(POOL_ID));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const { keys, ...rest } = (await res.json()) as { keys: Record<string, string>[] };
    expect(rest).toEqual({});
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(Object.keys(key)).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(key).toEqual({ alg: 'RS256', e: 'AQAB', kid: expect.any(String), kty: 'RSA', n: expect.stringMatching(/^[\w-]{342}$/), use: 'sig' });
      const modulus = Buffer.from(key.n!, 'base64url');
      expect({ bytes: modulus.length, topBitSet: modulus[0]! >= 0x80 }).toEqual({ bytes: 256, topBitSet: true });
    }
  });

  it('derives each kid as Base64(SHA-256(SPKI DER)) of its key', async () => {
    const { keys } = (await (await fetch(mock.jwksUri(POOL_ID))).json()) as { keys: { kid: string; n: string; e: string }[] };
    for (const key of keys) expect(key.kid).toBe(kidFromJwk(key.n, key.e));
    const [accessKey, idKey] = [signingKeys(0).AccessToken, signingKeys(0).IdToken];
    expect(new Set(keys.map((k) => k.kid))).toEqual(new Set([kidFromPem(accessKey), kidFromPem(idKey)]));
  });

  it('never serves a private member', async () => {
    const text = await (await fetch(mock.jwksUri(POOL_ID))).text();
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']) expect(text).not.toContain(`"${member}"`);
    expect(text).not.toContain('PRIVATE');
  });

  it('signs access tokens with the pool\'s access key, one of the two served', async () => {
    const res = await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
    const { header } = decodeJwt(((await res.json()) as { access_token: string }).access_token);
    const { keys } = (await (await fetch(mock.jwksUri(POOL_ID))).json()) as { keys: { kid: string }[] };
    expect(keys.map((k) => k.kid)).toContain(header.kid);
    expect(header.kid).toBe(kidFromPem(signingKeys(0).AccessToken));
  });

  it('serves each pool its own keys', async () => {
    const kids = async (poolId: string) =>
      ((await (await fetch(mock.jwksUri(poolId))).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    expect(await kids(OTHER_POOL_ID)).toEqual(expect.arrayContaining([kidFromPem(TEST_KEYS[2]!), kidFromPem(TEST_KEYS[3]!)]));
    expect(await kids(OTHER_POOL_ID)).not.toEqual(expect.arrayContaining(await kids(POOL_ID)));
  });

  it.each(['jwks.json', 'openid-configuration'])('answers 404 JSON for an unknown pool (%s)', async (document) => {
    const res = await fetch(`${mock.url}/us-east-1_NoSuchPl1/.well-known/${document}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ message: 'User pool us-east-1_NoSuchPl1 does not exist.' });
  });

  it('answers 404 JSON for a path it does not serve', async () => {
    const res = await fetch(`${mock.url}/nothing/here`);
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 404, body: { message: 'No route for GET /nothing/here' } });
  });

  it('answers the same keys however a router would match the path: HEAD, a trailing slash, another case, a percent-encoded id; other methods 404', async () => {
    const path = `/${POOL_ID}/.well-known/jwks.json`;
    const keys = await (await fetch(`${mock.url}${path}`)).text();
    for (const variant of [`${path}/`, path.toUpperCase().replace(POOL_ID.toUpperCase(), POOL_ID), path.replace('_', '%5F')]) {
      const res = await fetch(`${mock.url}${variant}`);
      expect({ variant, status: res.status, body: await res.text() }).toEqual({ variant, status: 200, body: keys });
    }
    const head = await fetch(`${mock.url}${path}`, { method: 'HEAD' });
    expect({ status: head.status, type: head.headers.get('content-type'), body: await head.text() }).toEqual({ status: 200, type: 'application/json', body: '' });
    const post = await fetch(`${mock.url}${path}`, { method: 'POST' });
    expect(post.status).toBe(404);
    const badEncoding = await fetch(`${mock.url}/%E0%A4%A/.well-known/jwks.json`);
    expect(badEncoding.status).toBe(404);
  });

  it('answers GET /health with 200', async () => {
    const res = await fetch(`${mock.url}/health`);
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { status: 'ok' } });
  });
});

describe('GET /<poolId>/.well-known/openid-configuration', () => {
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures() }); });
  afterAll(() => mock.stop());

  it('serves Cognito\'s 12 fields, keys sorted, endpoints and jwks_uri on the mock, issuer as in tokens', async () => {
    const res = await fetch(`${mock.url}/${POOL_ID}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(DISCOVERY_FIELDS);
    expect(body).toEqual(discoveryFor(mock.url, POOL_ID, `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`));
  });

  it('points jwks_uri at a document that is the pool\'s JWKS', async () => {
    const discovery = (await (await fetch(`${mock.url}/${OTHER_POOL_ID}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
    expect(await (await fetch(discovery.jwks_uri)).text()).toBe(await (await fetch(mock.jwksUri(OTHER_POOL_ID))).text());
  });
});

describe('issuer modes', () => {
  const updatedPoolFixtures = (): { UserPools: unknown[] } => {
    const [pool, ...others] = testFixtures().UserPools;
    return { UserPools: [{ ...pool, IssuerConfiguration: { Type: 'UPDATED' } }, ...others] };
  };

  const modes: [name: string, issuer: string | undefined, expected: (url: string) => string][] = [
    ['aws (default)', undefined, () => `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`],
    ['aws', 'aws', () => `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`],
    ['local', 'local', (url) => `${url}/${POOL_ID}`],
    ['a base URL', 'https://idp.example.test/cognito/', () => `https://idp.example.test/cognito/${POOL_ID}`],
  ];
  it.each(modes)('puts the same issuer in tokens and discovery: %s', async (_mode, issuer, expected) => {
    const mock = await startCognitoMock({ fixtures: testFixtures(), ...(issuer === undefined ? {} : { issuer }) });
    try {
      const payload = await tokenPayload(mock.tokenEndpoint);
      const discovery = await (await fetch(`${mock.url}/${POOL_ID}/.well-known/openid-configuration`)).json();
      expect({ iss: payload.iss, discovery, issuer: mock.issuer(POOL_ID) })
        .toEqual({ iss: expected(mock.url), discovery: discoveryFor(mock.url, POOL_ID, expected(mock.url)), issuer: expected(mock.url) });
    } finally {
      await mock.stop();
    }
  });

  it('uses the issuer-cognito-idp host for a pool with IssuerConfiguration UPDATED in aws mode (§3.3)', async () => {
    const mock = await startCognitoMock({ fixtures: updatedPoolFixtures() });
    try {
      expect((await tokenPayload(mock.tokenEndpoint)).iss).toBe(`https://issuer-cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`);
    } finally {
      await mock.stop();
    }
  });

  it('rejects an issuer that is neither aws, local nor an http(s) URL', async () => {
    await expect(startServer({ issuer: 'ftp://example.test' })).rejects.toMatchObject({
      name: 'ConfigError', problems: ['issuer must be aws, local or an http(s) base URL, got "ftp://example.test"'],
    });
  });
});

describe('a public URL', () => {
  const PUBLIC = 'https://cognito.example.test:8443';
  let server: RunningServer;
  beforeAll(async () => { server = await startServer({ fixtures: testFixtures(), issuer: 'local', publicUrl: `${PUBLIC}/` }); });
  afterAll(() => server.close());

  it('is advertised by discovery and used as the local issuer, while the server listens elsewhere', async () => {
    const discovery = await (await fetch(`${server.url}/${POOL_ID}/.well-known/openid-configuration`)).json();
    expect(discovery).toEqual(discoveryFor(PUBLIC, POOL_ID, `${PUBLIC}/${POOL_ID}`));
    expect((await tokenPayload(`${server.url}/oauth2/token`)).iss).toBe(`${PUBLIC}/${POOL_ID}`);
    expect({ publicUrl: server.publicUrl, url: server.url }).toEqual({ publicUrl: PUBLIC, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
  });
});
