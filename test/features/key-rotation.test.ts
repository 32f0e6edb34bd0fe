
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { createAccessTokenVerifier } from '../../src/verifier/index.js';
import { ORDERS_CLIENT, POOL_ID, TEST_KEYS, decodeJwt, testFixtures } from '../support/fixtures.js';
import { kidOfTestKey } from '../verifier/support/forge.js';
import { accessToken, awsVerifierOnMock } from './support/aws-verifier.js';
import { useTempDir } from '../support/temp-dir.js';

// Key rotation (README "Key rotation"): a new access-token key joins the JWKS and signs from then
// on; the old one stays published until retired. Verifiers that cache the JWKS must refetch on the
// new kid, and keep accepting old tokens until the retirement.

const ORIGINAL_KID = kidOfTestKey(0);
const ID_KID = kidOfTestKey(1);
const NEXT_KID = kidOfTestKey(4);

const tmp = useTempDir('keys');
let mock: CognitoMock;

beforeEach(async () => {
  mock = await startCognitoMock({ fixtures: testFixtures(), data: tmp.join('db.json') });
});
afterEach(async () => {
  vi.useRealTimers();
  await mock.stop();
});

const servedKids = async (poolId = POOL_ID): Promise<string[]> =>
  ((await (await fetch(mock.jwksUri(poolId))).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
const kidOf = (token: string) => decodeJwt(token).header.kid;

describe('rotateKeys / retireKeys (testing API)', () => {
  it('publishes the new key, signs with it, keeps the old one until retired', async () => {
    const before = await accessToken(mock, ORDERS_CLIENT);
    expect(kidOf(before)).toBe(ORIGINAL_KID);

    const rotation = await mock.rotateKeys(POOL_ID, { signingKey: TEST_KEYS[4]! });
    expect(rotation).toEqual({ signingKid: NEXT_KID, publishedKids: [ID_KID, NEXT_KID, ORIGINAL_KID] });
    expect(await servedKids()).toEqual([ID_KID, NEXT_KID, ORIGINAL_KID]);
    expect(mock.jwks(POOL_ID).keys.map((key) => key.kid)).toEqual([ID_KID, NEXT_KID, ORIGINAL_KID]);
    expect(kidOf(await accessToken(mock, ORDERS_CLIENT))).toBe(NEXT_KID);
    expect(kidOf(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id }))).toBe(NEXT_KID);

    expect(await mock.retireKeys(POOL_ID)).toEqual({ retiredKids: [ORIGINAL_KID], publishedKids: [ID_KID, NEXT_KID] });
    expect(await servedKids()).toEqual([ID_KID, NEXT_KID]);
    // Nothing left to retire: nothing changes.
    expect(await mock.retireKeys(POOL_ID)).toEqual({ retiredKids: [], publishedKids: [ID_KID, NEXT_KID] });
  });

  it('survives a restart from the store file, rotated-out keys included', async () => {
    await mock.rotateKeys(POOL_ID, { signingKey: TEST_KEYS[4]! });
    await mock.stop();
    mock = await startCognitoMock({ data: tmp.join('db.json') });
    expect(await servedKids()).toEqual([ID_KID, NEXT_KID, ORIGINAL_KID]);
    expect(kidOf(await accessToken(mock, ORDERS_CLIENT))).toBe(NEXT_KID);
  });

  it('generates a fresh RSA-2048 key when none is given, and refuses a key that is already published', async () => {
    const { signingKid, publishedKids } = await mock.rotateKeys(POOL_ID);
    expect(publishedKids).toEqual([ID_KID, signingKid, ORIGINAL_KID]);
    expect(signingKid).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    await expect(mock.rotateKeys(POOL_ID, { signingKey: TEST_KEYS[0]! })).rejects.toMatchObject({ type: 'InvalidParameterException' });
    await expect(mock.rotateKeys('us-east-1_Missing00')).rejects.toMatchObject({ type: 'ResourceNotFoundException' });
  });
});

describe('verifiers across a rotation', () => {
  it('aws-jwt-verify: refetches the JWKS on the new kid, accepts old tokens until retirement', async () => {
    const { verifier, fetched } = awsVerifierOnMock(mock, POOL_ID, ORDERS_CLIENT.id);
    const old = await accessToken(mock, ORDERS_CLIENT);
    await verifier.verify(old);
    expect(fetched).toHaveLength(1);

    await mock.rotateKeys(POOL_ID, { signingKey: TEST_KEYS[4]! });
    const fresh = await accessToken(mock, ORDERS_CLIENT);
    expect(await verifier.verify(fresh)).toMatchObject({ client_id: ORDERS_CLIENT.id });
    expect(fetched).toHaveLength(2);
    expect(await verifier.verify(old)).toMatchObject({ client_id: ORDERS_CLIENT.id });

    await mock.retireKeys(POOL_ID);
    const after = awsVerifierOnMock(mock, POOL_ID, ORDERS_CLIENT.id).verifier;
    await expect(after.verify(old)).rejects.toThrow(/JWK for kid .* not found in the JWKS/);
    expect(await after.verify(fresh)).toMatchObject({ client_id: ORDERS_CLIENT.id });
  });

  it('this project\'s verifier: the new kid is fetched once the 30 s refetch cooldown has passed; retired keys stop verifying', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const verifier = createAccessTokenVerifier({ ...mock.verifierOptions(POOL_ID), clientId: ORDERS_CLIENT.id });
    const old = await accessToken(mock, ORDERS_CLIENT);
    await verifier.verify(old);

    await mock.rotateKeys(POOL_ID, { signingKey: TEST_KEYS[4]! });
    const fresh = await accessToken(mock, ORDERS_CLIENT);
    // Right after the first fetch jose will not refetch (a forged kid must not hammer the JWKS endpoint).
    await expect(verifier.verify(fresh)).rejects.toMatchObject({ code: 'unknown_kid' });
    vi.advanceTimersByTime(31_000);
    expect(await verifier.verify(fresh)).toMatchObject({ client_id: ORDERS_CLIENT.id });
    expect(await verifier.verify(old)).toMatchObject({ client_id: ORDERS_CLIENT.id });

    await mock.retireKeys(POOL_ID);
    const after = createAccessTokenVerifier({ ...mock.verifierOptions(POOL_ID), clientId: ORDERS_CLIENT.id });
    await expect(after.verify(old)).rejects.toMatchObject({ code: 'unknown_kid' });
    expect(await after.verify(fresh)).toMatchObject({ client_id: ORDERS_CLIENT.id });
  });
});

describe('POST /_mock/pools/<poolId>/rotate-keys and …/retire-keys', () => {
  const admin = (path: string, body?: string) => fetch(`${mock.url}/_mock/pools/${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body }),
  });

  it('rotate with a given key and retire, answering JSON', async () => {
    const rotated = await admin(`${POOL_ID}/rotate-keys`, JSON.stringify({ SigningKey: TEST_KEYS[4] }));
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get('content-type')).toBe('application/json');
    expect(await rotated.json()).toEqual({ UserPoolId: POOL_ID, SigningKid: NEXT_KID, PublishedKids: [ID_KID, NEXT_KID, ORIGINAL_KID] });
    expect(kidOf(await accessToken(mock, ORDERS_CLIENT))).toBe(NEXT_KID);

    const retired = await admin(`${POOL_ID}/retire-keys`);
    expect(await retired.json()).toEqual({ UserPoolId: POOL_ID, RetiredKids: [ORIGINAL_KID], PublishedKids: [ID_KID, NEXT_KID] });
  });

  it('answers Cognito-shaped errors', async () => {
    const cases: [string, string | undefined, string][] = [
      ['us-east-1_Missing00/rotate-keys', '{}', 'ResourceNotFoundException'],
      ['us-east-1_Missing00/retire-keys', undefined, 'ResourceNotFoundException'],
      [`${POOL_ID}/rotate-keys`, JSON.stringify({ SigningKey: 'not a key' }), 'InvalidParameterException'],
      [`${POOL_ID}/rotate-keys`, JSON.stringify({ SigningKey: TEST_KEYS[1] }), 'InvalidParameterException'],
      [`${POOL_ID}/rotate-keys`, '{not json', 'SerializationException'],
    ];
    for (const [path, body, type] of cases) {
      const res = await admin(path, body);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('x-amzn-errortype')).toBe(type);
      expect(await res.json()).toEqual({ __type: type, message: expect.any(String) });
    }
    expect(await servedKids()).toEqual([ID_KID, ORIGINAL_KID]);
  });
});
