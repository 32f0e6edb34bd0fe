import { createPrivateKey, sign } from 'node:crypto';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import {
  AccessTokenError,
  AlgorithmNotAllowedError,
  ClientIdMismatchError,
  InvalidSignatureError,
  IssuerMismatchError,
  MalformedTokenError,
  ScopeMismatchError,
  TokenExpiredError,
  TokenNotYetValidError,
  TokenUseMismatchError,
  UnknownKidError,
  createAccessTokenVerifier,
  type AccessTokenErrorCode,
  type AccessTokenVerifier,
  type VerifyOverrides,
} from '../../src/verifier/index.js';
import { CODE_CLIENT, ORDERS_CLIENT, OTHER_POOL_ID, POOL_ID, READER_CLIENT, TEST_KEYS, requestToken, testFixtures } from '../support/fixtures.js';
import {
  type Claims,
  claimsOf,
  hs256WithPublicPem,
  kidOfTestKey,
  publicPemOfTestKey,
  signWithTestKey,
  unsecured,
  withClaims,
  withHeader,
} from './support/forge.js';

// Test keys: 0 = POOL_ID's access key, 1 = its ID-token key, 2/3 = OTHER_POOL_ID's, 4/5 = nobody's.
const NOW_S = 1_767_225_600; // 2026-01-01T00:00:00Z
const AWS_ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`;

let mock: CognitoMock;
let verifier: AccessTokenVerifier;
let valid: string;
let validClaims: Claims;

beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: testFixtures(), clock: () => NOW_S * 1000 });
  verifier = createAccessTokenVerifier({
    ...mock.verifierOptions(POOL_ID),
    clientId: [ORDERS_CLIENT.id, READER_CLIENT.id],
    clock: () => NOW_S * 1000,
  });
  valid = mock.mintAccessToken({ clientId: ORDERS_CLIENT.id });
  validClaims = claimsOf(valid);
});
afterAll(() => mock.stop());

/** The rejection of `token`, asserted to be one of ours with the given class and code. */
async function rejection(token: string, overrides?: VerifyOverrides): Promise<AccessTokenError> {
  const error: unknown = await verifier.verify(token, overrides).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AccessTokenError);
  return error as AccessTokenError;
}

async function expectRejected(token: string, code: AccessTokenErrorCode, errorClass: abstract new (...args: never[]) => AccessTokenError,
  overrides?: VerifyOverrides): Promise<AccessTokenError> {
  const error = await rejection(token, overrides);
  expect({ code: error.code, name: error.name }).toEqual({ code, name: errorClass.name });
  expect(error).toBeInstanceOf(errorClass);
  return error;
}

const signedByPool = (claims: Claims) => signWithTestKey(0, claims);

describe('createAccessTokenVerifier: accepts', () => {
  it('a token minted by the pool, returning its claims unchanged', async () => {
    expect(await verifier.verify(valid)).toEqual(validClaims);
    expect(validClaims.iss).toBe(AWS_ISSUER);
  });

  it('a token from the token endpoint (the same claims a real client gets)', async () => {
    const res = await requestToken(mock.tokenEndpoint, { clientId: READER_CLIENT.id, secret: READER_CLIENT.secret });
    const { access_token } = (await res.json()) as { access_token: string };
    expect(await verifier.verify(access_token)).toMatchObject({ client_id: READER_CLIENT.id, scope: 'orders/read' });
  });
});

describe('createAccessTokenVerifier: the token itself', () => {
  it.each([
    ['an empty string', ''],
    ['one segment', 'abc'],
    ['two segments', 'abc.def'],
    ['four segments', 'a.b.c.d'],
    ['a header that is not JSON', `${Buffer.from('{kid').toString('base64url')}.e30.sig`],
    ['a header that is not base64url', '!!!.e30.sig'],
  ])('rejects %s as malformed_token', async (_name, token) => {
    await expectRejected(token, 'malformed_token', MalformedTokenError);
  });

  it('rejects claims that are not a JSON object as malformed_token', async () => {
    // Signed, so only the claims' shape can fail.
    const input = `${valid.split('.')[0]}.${Buffer.from('[1]').toString('base64url')}`;
    const signature = sign('sha256', Buffer.from(input), createPrivateKey(TEST_KEYS[0]!)).toString('base64url');
    await expectRejected(`${input}.${signature}`, 'malformed_token', MalformedTokenError);
  });

  it('rejects a non-string token as malformed_token', async () => {
    await expectRejected(42 as unknown as string, 'malformed_token', MalformedTokenError);
  });

  it('rejects alg none (with and without a kid) as alg_not_allowed', async () => {
    await expectRejected(unsecured(validClaims), 'alg_not_allowed', AlgorithmNotAllowedError);
    await expectRejected(unsecured(validClaims, { kid: kidOfTestKey(0), alg: 'none' }), 'alg_not_allowed', AlgorithmNotAllowedError);
  });

  it('rejects HS256 signed with the public key PEM as secret (key confusion) as alg_not_allowed', async () => {
    const pem = publicPemOfTestKey(0);
    const forged = await hs256WithPublicPem(validClaims, pem, kidOfTestKey(0));
    // The forgery is real: a verifier that trusted the header's alg would accept it.
    await expect(jwtVerify(forged, new TextEncoder().encode(pem), { currentDate: new Date(NOW_S * 1000) })).resolves.toBeDefined();
    await expectRejected(forged, 'alg_not_allowed', AlgorithmNotAllowedError);
  });

  it('rejects RS384 and PS256, even signed with the pool key, as alg_not_allowed', async () => {
    await expectRejected(await signWithTestKey(0, validClaims, { kid: kidOfTestKey(0), alg: 'RS384' }), 'alg_not_allowed', AlgorithmNotAllowedError);
    await expectRejected(await signWithTestKey(0, validClaims, { kid: kidOfTestKey(0), alg: 'PS256' }), 'alg_not_allowed', AlgorithmNotAllowedError);
  });

  it('rejects a header without kid as unknown_kid', async () => {
    await expectRejected(await signWithTestKey(0, validClaims, { kid: undefined }), 'unknown_kid', UnknownKidError);
  });

  it('rejects a kid that is not in the JWKS as unknown_kid', async () => {
    await expectRejected(await signWithTestKey(4, validClaims), 'unknown_kid', UnknownKidError);
    // Another pool's real key is unknown here too.
    await expectRejected(await signWithTestKey(2, validClaims), 'unknown_kid', UnknownKidError);
  });

  it('rejects a kid swapped to the pool\'s other key as invalid_signature', async () => {
    const swapped = withHeader(valid, { kid: kidOfTestKey(1), alg: 'RS256' });
    await expectRejected(swapped, 'invalid_signature', InvalidSignatureError);
  });

  it('rejects a foreign key signing under the pool\'s kid as invalid_signature', async () => {
    await expectRejected(await signWithTestKey(4, validClaims, { kid: kidOfTestKey(0) }), 'invalid_signature', InvalidSignatureError);
  });

  it('rejects tampered claims as invalid_signature', async () => {
    await expectRejected(withClaims(valid, { ...validClaims, scope: 'orders/admin' }), 'invalid_signature', InvalidSignatureError);
  });

  it('rejects a truncated signature as invalid_signature', async () => {
    await expectRejected(valid.slice(0, -4), 'invalid_signature', InvalidSignatureError);
  });
});

describe('createAccessTokenVerifier: claims', () => {
  it.each([
    ['another region', 'https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_TestPool1'],
    ['another pool', `https://cognito-idp.us-east-1.amazonaws.com/${OTHER_POOL_ID}`],
    ['a trailing slash', `${AWS_ISSUER}/`],
    ['the mock\'s local URL', `http://127.0.0.1:9330/${POOL_ID}`],
  ])('rejects an iss of %s as issuer_mismatch', async (_name, iss) => {
    const error = await expectRejected(await signedByPool({ ...validClaims, iss }), 'issuer_mismatch', IssuerMismatchError);
    expect(error).toMatchObject({ claim: 'iss' });
  });

  it('rejects a token without iss as issuer_mismatch', async () => {
    const { iss: _iss, ...claims } = validClaims;
    await expectRejected(await signedByPool(claims), 'issuer_mismatch', IssuerMismatchError);
  });

  it('accepts both of the pool\'s issuers (ORIGINAL, UPDATED) when no issuer is given (reference §3.3)', async () => {
    const byDefault = createAccessTokenVerifier({ userPoolId: POOL_ID, jwksUri: mock.jwksUri(POOL_ID), clientId: null, clock: () => NOW_S * 1000 });
    const updated = `https://issuer-cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`;
    await expect(byDefault.verify(await signedByPool({ ...validClaims, iss: updated }))).resolves.toMatchObject({ iss: updated });
    await expect(byDefault.verify(valid)).resolves.toMatchObject({ iss: AWS_ISSUER });
    await expect(byDefault.verify(await signedByPool({ ...validClaims, iss: `https://evil.amazonaws.com/${POOL_ID}` })))
      .rejects.toMatchObject({ code: 'issuer_mismatch' });
  });

  it('rejects an expired token as token_expired, also at exactly exp', async () => {
    const error = await expectRejected(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id, expiresIn: -60 }), 'token_expired', TokenExpiredError);
    expect(error.message).toBe(`Token expired at ${new Date((NOW_S - 60) * 1000).toISOString()}`);
    await expectRejected(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id, expiresIn: 0 }), 'token_expired', TokenExpiredError);
    await expect(verifier.verify(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id, expiresIn: 1 }))).resolves.toBeDefined();
  });

  it('lets graceSeconds accept a recently expired token', async () => {
    const token = mock.mintAccessToken({ clientId: ORDERS_CLIENT.id, expiresIn: -30 });
    await expect(verifier.verify(token, { graceSeconds: 60 })).resolves.toBeDefined();
    await expectRejected(token, 'token_expired', TokenExpiredError, { graceSeconds: 10 });
  });

  it('rejects an nbf in the future as token_not_yet_valid', async () => {
    const token = mock.mintAccessToken({ clientId: ORDERS_CLIENT.id, claims: { nbf: NOW_S + 120 } });
    const error = await expectRejected(token, 'token_not_yet_valid', TokenNotYetValidError);
    expect(error).toMatchObject({ claim: 'nbf' });
    await expect(verifier.verify(token, { graceSeconds: 120 })).resolves.toBeDefined();
  });

  it('takes the time from the injected clock', async () => {
    let now = NOW_S * 1000;
    const clocked = createAccessTokenVerifier({ ...mock.verifierOptions(POOL_ID), clientId: null, clock: () => now });
    const token = mock.mintAccessToken({ clientId: READER_CLIENT.id }); // READER: 5 minutes
    await expect(clocked.verify(token)).resolves.toBeDefined();
    now += 299_000;
    await expect(clocked.verify(token)).resolves.toBeDefined();
    now += 1_000;
    await expect(clocked.verify(token)).rejects.toMatchObject({ code: 'token_expired' });
  });

  it.each([
    ['missing', undefined],
    ['a string', String(NOW_S + 60)],
  ])('rejects exp %s as malformed_token', async (_name, exp) => {
    const { exp: _exp, ...claims } = validClaims;
    await expectRejected(await signedByPool(exp === undefined ? claims : { ...claims, exp }), 'malformed_token', MalformedTokenError);
  });

  it('rejects an ID token (token_use id, signed with the pool\'s ID-token key) as token_use_mismatch', async () => {
    const idToken = await signWithTestKey(1, {
      sub: '945864e8-30e1-7010-6377-79d39e0c3261', aud: ORDERS_CLIENT.id, token_use: 'id', auth_time: NOW_S,
      iss: AWS_ISSUER, exp: NOW_S + 3600, iat: NOW_S, 'cognito:username': 'alice',
    });
    const error = await expectRejected(idToken, 'token_use_mismatch', TokenUseMismatchError);
    expect(error.message).toBe('Token use not allowed: id. Expected: access');
  });

  it('rejects a missing token_use as token_use_mismatch', async () => {
    const { token_use: _use, ...claims } = validClaims;
    await expectRejected(await signedByPool(claims), 'token_use_mismatch', TokenUseMismatchError);
  });

  it('rejects a client that is not allowed as client_id_mismatch', async () => {
    const error = await expectRejected(mock.mintAccessToken({ clientId: CODE_CLIENT.id }), 'client_id_mismatch', ClientIdMismatchError);
    expect(error.message).toBe(`Client ID not allowed: ${CODE_CLIENT.id}. Expected: ${ORDERS_CLIENT.id}, ${READER_CLIENT.id}`);
    await expectRejected(valid, 'client_id_mismatch', ClientIdMismatchError, { clientId: READER_CLIENT.id });
  });

  it('rejects a missing client_id as client_id_mismatch', async () => {
    const { client_id: _id, ...claims } = validClaims;
    await expectRejected(await signedByPool(claims), 'client_id_mismatch', ClientIdMismatchError);
  });

  it('accepts any client of the pool with clientId: null', async () => {
    await expect(verifier.verify(mock.mintAccessToken({ clientId: CODE_CLIENT.id }), { clientId: null })).resolves.toBeDefined();
  });
});

describe('createAccessTokenVerifier: scopes', () => {
  const withScope = (scope: string | undefined) => {
    const { scope: _scope, ...claims } = validClaims;
    return signedByPool(scope === undefined ? claims : { ...claims, scope });
  };

  it('needs every scope of an array (all-of)', async () => {
    const both = await withScope('orders/write orders/read');
    await expect(verifier.verify(both, { scopes: ['orders/read', 'orders/write'] })).resolves.toBeDefined();
    const error = await expectRejected(await withScope('orders/read'), 'scope_mismatch', ScopeMismatchError, { scopes: ['orders/read', 'orders/write'] });
    expect(error.message).toBe('Missing scope: orders/write. Token scopes: orders/read');
  });

  it('treats { allOf } like an array', async () => {
    await expectRejected(await withScope('orders/read'), 'scope_mismatch', ScopeMismatchError, { scopes: { allOf: ['orders/read', 'orders/write'] } });
  });

  it('needs one scope of { anyOf }', async () => {
    await expect(verifier.verify(await withScope('orders/read'), { scopes: { anyOf: ['orders/write', 'orders/read'] } })).resolves.toBeDefined();
    await expectRejected(await withScope('orders/read'), 'scope_mismatch', ScopeMismatchError, { scopes: { anyOf: ['orders/write', 'orders/admin'] } });
  });

  it.each([
    ['an extension of it', 'orders/read-all'],
    ['it plus a letter', 'orders/readx'],
    ['a prefix of it', 'orders/rea'],
    ['its resource server alone', 'orders'],
    ['it with a leading letter', 'xorders/read'],
    ['it glued to another by a tab', 'orders/read\torders/write'],
    ['it in another case', 'Orders/Read'],
    ['no scope at all (empty claim)', ''],
  ])('does not take %s for orders/read', async (_name, scope) => {
    await expectRejected(await withScope(scope), 'scope_mismatch', ScopeMismatchError, { scopes: ['orders/read'] });
  });

  it('rejects a token without a scope claim as scope_mismatch when scopes are required', async () => {
    const token = await withScope(undefined);
    await expectRejected(token, 'scope_mismatch', ScopeMismatchError, { scopes: ['orders/read'] });
    await expect(verifier.verify(token)).resolves.toBeDefined();
  });

  it('finds the scope among others, in any order, with stray spaces', async () => {
    await expect(verifier.verify(await withScope(' orders/write  orders/read '), { scopes: ['orders/read'] })).resolves.toBeDefined();
  });

  it('rejects a scope claim that is not a string as malformed_token', async () => {
    const token = await signedByPool({ ...validClaims, scope: ['orders/read'] });
    await expectRejected(token, 'malformed_token', MalformedTokenError, { scopes: ['orders/read'] });
  });
});

describe('createAccessTokenVerifier: order of checks', () => {
  it('judges the signature before any claim', async () => {
    const expiredForeign = await signWithTestKey(4, { ...validClaims, exp: NOW_S - 10, token_use: 'id' }, { kid: kidOfTestKey(0) });
    await expectRejected(expiredForeign, 'invalid_signature', InvalidSignatureError);
  });

  it('checks iss before exp, and token_use before client_id and scope', async () => {
    await expectRejected(await signedByPool({ ...validClaims, iss: 'https://evil.example', exp: NOW_S - 10 }), 'issuer_mismatch', IssuerMismatchError);
    await expectRejected(await signedByPool({ ...validClaims, token_use: 'id', client_id: 'x', scope: '' }), 'token_use_mismatch',
      TokenUseMismatchError, { scopes: ['orders/read'] });
  });
});
