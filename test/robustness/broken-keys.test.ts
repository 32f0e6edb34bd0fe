import { createPrivateKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/model/config-error.js';
import type { StoreData } from '../../src/model/types.js';
import { readStoreFile } from '../../src/store/store.js';
import { type CognitoMock, CognitoMockError, startCognitoMock } from '../../src/testing/index.js';
import { createAccessTokenVerifier } from '../../src/verifier/index.js';
import { ORDERS_CLIENT, OTHER_POOL_CLIENT, OTHER_POOL_ID, POOL_ID, TEST_KEYS, signingKeys, testFixtures } from '../support/fixtures.js';
import { useTempDir } from '../support/temp-dir.js';
import { type RawResponse, callApi, rawRequest, tokenRequest } from './support/raw-http.js';

// Damaged private keys in a store file (a hand edit, a bad merge, a disk fault). A key that does
// not parse, and one that parses but signs tokens its own JWKS entry does not verify (OpenSSL
// imports RSA keys without checking that their members fit together), must never give an opaque
// 500 or a token no verifier accepts. A store of up to 100 pools has every key proven at start:
// the start fails naming the file, the pool and the key. A bigger store imports keys on first use:
// every path that needs the damaged pool's keys answers a clear error naming the pool and the key,
// and the other pools keep working. No RSA key is generated: the test keys, one of them altered.

const tmp = useTempDir('broken-keys', 'all');

/** Test key 5 with one bit of its modulus flipped, re-encoded as PKCS#8 PEM: node:crypto imports it. */
const ALTERED = (() => {
  const jwk = createPrivateKey(TEST_KEYS[4]!).export({ format: 'jwk' });
  const n = Buffer.from(jwk.n!, 'base64url');
  n[100]! ^= 0x01;
  return createPrivateKey({ key: { ...jwk, n: n.toString('base64url') }, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }).toString();
})();
/** Test key 6 cut short: the PEM armour and base64 lines a big store's start-up check looks at, but no key. */
const TRUNCATED = (() => {
  const lines = TEST_KEYS[5]!.trim().split('\n');
  return [...lines.slice(0, 11), lines[lines.length - 1], ''].join('\n');
})();

const ALTERED_POOL_ID = 'us-east-1_Altered01';
const ALTERED_CLIENT = { id: '6example0client0altered0id', secret: 'altered0secret0for0tests0only000000000000000000000000' };
const TOKEN_CLIENT = { id: '7example0client0gettoken07', secret: 'gettoken0secret0for0tests0only00000000000000000000007' };
const SIGNATURE_DOES_NOT_VERIFY = 'does not verify its own signature (its private and public parts do not match: an altered key)';
const NOT_A_KEY = 'is not a private key (expected a PEM string or a private RSA JWK)';
/** The lazy-import threshold is 200 keys (src/store/store-shape.ts); two per pool. */
const BIG = 101;

/**
 * A store of `pools` pools (the test fixtures, a third pool like the second, fillers up to the count)
 * written by a real server, then edited as a person would: the third pool's access-token key
 * altered, the second pool's ID-token key cut short. Written as one snapshot file, no journal.
 */
async function damagedStore(name: string, pools: number): Promise<string> {
  const fixtures = testFixtures();
  const other = fixtures.UserPools[1]!;
  other.UserPoolClients.push({
    ClientId: TOKEN_CLIENT.id, ClientName: 'api-token', ClientSecret: TOKEN_CLIENT.secret, ExplicitAuthFlows: ['ALLOW_CLIENT_TOKEN_AUTH'],
    AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'],
  } as never);
  fixtures.UserPools.push({
    ...other, Id: ALTERED_POOL_ID, Name: 'altered', SigningKeys: signingKeys(2),
    UserPoolClients: [{ ...other.UserPoolClients[0]!, ClientId: ALTERED_CLIENT.id, ClientSecret: ALTERED_CLIENT.secret } as never],
  });
  for (let i = fixtures.UserPools.length; i < pools; i++) {
    fixtures.UserPools.push({ Id: `us-east-1_Filler${String(i).padStart(3, '0')}`, Name: `filler-${i}`, SigningKeys: signingKeys(2) } as never);
  }
  const seed = tmp.join(`${name}-seed.json`);
  await (await startCognitoMock({ fixtures, data: seed })).stop();
  const data: StoreData = await readStoreFile(seed);
  data.pools[ALTERED_POOL_ID]!.Keys.access = { privateKeyPem: ALTERED };
  data.pools[OTHER_POOL_ID]!.Keys.id = { privateKeyPem: TRUNCATED };
  const file = tmp.join(`${name}.json`);
  await writeFile(file, JSON.stringify(data), { mode: 0o600 });
  return file;
}

describe('a small store with damaged keys (every key proven at start)', () => {
  it('does not start: a ConfigError naming the file, each damaged key by pool and slot, and why; the file is left alone', async () => {
    const file = await damagedStore('small', 3);
    const before = await readFile(file, 'utf8');
    const error = await startCognitoMock({ data: file }).then(async (mock) => { await mock.stop(); return undefined; }, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      `${file}: pools["${OTHER_POOL_ID}"].Keys.id.privateKeyPem ${NOT_A_KEY}. Fix or remove the file; it was not changed.`,
      `${file}: pools["${ALTERED_POOL_ID}"].Keys.access.privateKeyPem ${SIGNATURE_DOES_NOT_VERIFY}. Fix or remove the file; it was not changed.`,
    ]);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});

describe(`a big store with damaged keys (${BIG} pools: keys imported on first use)`, () => {
  let mock: CognitoMock;
  const logged: string[] = [];
  beforeAll(async () => {
    const file = await damagedStore('big', BIG);
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => { logged.push(String(line)); });
    mock = await startCognitoMock({ data: file });
  }, 60_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await mock?.stop();
  });

  const jwks = (poolId: string): Promise<RawResponse> => rawRequest(mock.url, { method: 'GET', path: `/${poolId}/.well-known/jwks.json` });
  const storedKeyMessage = (poolId: string, key: string, reason: string): string =>
    `The stored signing key ${key} of user pool ${poolId} ${reason}. Fix the key in the store file or remove the pool.`;

  it('JWKS: a 500 with a JSON message naming the pool and the key, for a key that does not parse and for an altered one', async () => {
    expect(await jwks(OTHER_POOL_ID)).toMatchObject({ status: 500, json: { message: storedKeyMessage(OTHER_POOL_ID, 'IdToken', NOT_A_KEY) } });
    expect(await jwks(ALTERED_POOL_ID)).toMatchObject({ status: 500, json: { message: storedKeyMessage(ALTERED_POOL_ID, 'AccessToken', SIGNATURE_DOES_NOT_VERIFY) } });
  });

  it('discovery does not touch the keys: it still answers', async () => {
    expect((await rawRequest(mock.url, { method: 'GET', path: `/${ALTERED_POOL_ID}/.well-known/openid-configuration` })).status).toBe(200);
  });

  it('/oauth2/token: 500 server_error with an error_description naming the pool and the key, never a token', async () => {
    for (const [client, poolId, key, reason] of [
      [OTHER_POOL_CLIENT, OTHER_POOL_ID, 'IdToken', NOT_A_KEY], [ALTERED_CLIENT, ALTERED_POOL_ID, 'AccessToken', SIGNATURE_DOES_NOT_VERIFY],
    ] as const) {
      const res = await tokenRequest(mock.url, client.id, client.secret);
      expect({ status: res.status, body: res.json }).toEqual({
        status: 500, body: { error: 'server_error', error_description: `the stored signing key ${key} of user pool ${poolId} ${reason}` },
      });
    }
  });

  it('GetClientToken and /_mock rotate-keys and retire-keys: InternalErrorException 500 naming the pool and the key; nothing changes', async () => {
    const expected = { status: 500, json: { __type: 'InternalErrorException', message: storedKeyMessage(OTHER_POOL_ID, 'IdToken', NOT_A_KEY) } };
    expect(await callApi(mock.url, 'GetClientToken', { ClientId: TOKEN_CLIENT.id, Secret: TOKEN_CLIENT.secret })).toMatchObject(expected);
    const mockApi = (action: string, body: unknown) => rawRequest(mock.url, { path: `/_mock/pools/${OTHER_POOL_ID}/${action}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await mockApi('rotate-keys', { SigningKey: TEST_KEYS[3] })).toMatchObject(expected);
    expect(await mockApi('retire-keys', {})).toMatchObject(expected);
    expect((mock.snapshot() as unknown as StoreData).pools[OTHER_POOL_ID]!.Keys.id).toEqual({ privateKeyPem: TRUNCATED });
  });

  it('testing API: jwks, mintAccessToken and rotateKeys throw a CognitoMockError invalid_stored_key naming the pool and the key', async () => {
    const expected = {
      name: 'CognitoMockError', code: 'invalid_stored_key', type: 'InternalErrorException',
      message: `cognito-mock: the stored signing key AccessToken of user pool ${ALTERED_POOL_ID} ${SIGNATURE_DOES_NOT_VERIFY}`,
    };
    expect(() => mock.jwks(ALTERED_POOL_ID)).toThrow(CognitoMockError);
    expect(() => mock.jwks(ALTERED_POOL_ID)).toThrow(expect.objectContaining(expected));
    expect(() => mock.mintAccessToken({ clientId: ALTERED_CLIENT.id })).toThrow(expect.objectContaining(expected));
    await expect(mock.rotateKeys(ALTERED_POOL_ID, { signingKey: TEST_KEYS[3]! })).rejects.toMatchObject(expected);
  });

  it('the other pools keep working: JWKS, a token that verifies', async () => {
    expect((await jwks(POOL_ID)).status).toBe(200);
    const res = await tokenRequest(mock.url, ORDERS_CLIENT.id, ORDERS_CLIENT.secret);
    expect(res.status).toBe(200);
    const verifier = createAccessTokenVerifier({ ...mock.verifierOptions(POOL_ID), clientId: ORDERS_CLIENT.id });
    expect(await verifier.verify((res.json as { access_token: string }).access_token)).toMatchObject({ client_id: ORDERS_CLIENT.id });
  });

  it('logs each damaged pool once, naming the key and no key material', () => {
    const lines = logged.filter((line) => line.includes('stored signing key'));
    expect(lines.sort()).toEqual([
      `cognito-mock: the stored signing key AccessToken of user pool ${ALTERED_POOL_ID} ${SIGNATURE_DOES_NOT_VERIFY}`,
      `cognito-mock: the stored signing key IdToken of user pool ${OTHER_POOL_ID} ${NOT_A_KEY}`,
    ]);
    expect(logged.join('\n')).not.toMatch(/PRIVATE KEY|MII/);
  });
});
