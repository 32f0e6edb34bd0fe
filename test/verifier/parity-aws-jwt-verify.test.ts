import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { type AccessTokenVerifier, createAccessTokenVerifier } from '../../src/verifier/index.js';
import { CODE_CLIENT, ORDERS_CLIENT, OTHER_POOL_CLIENT, POOL_ID, READER_CLIENT, requestToken, testFixtures } from '../support/fixtures.js';
import { type Claims, claimsOf, hs256WithPublicPem, kidOfTestKey, publicPemOfTestKey, signWithTestKey, unsecured, withClaims, withHeader } from './support/forge.js';

// Parity with aws-jwt-verify 5.2.1's CognitoJwtVerifier (reference §8): for the same tokens, both
// accept or both reject. aws-jwt-verify's `scope` is any-of, so ours runs with `{ anyOf }` here.
// Both use the real clock (aws-jwt-verify has no clock option); the mock runs in `aws` issuer mode.

const ALLOWED = [ORDERS_CLIENT.id, READER_CLIENT.id];
const REQUIRED = ['orders/read'];

let mock: CognitoMock;
let ours: AccessTokenVerifier;
let theirs: ReturnType<typeof createAwsVerifier>;
const awsFetches: string[] = [];

function createAwsVerifier() {
  // The production path with the transport redirected (reference §8.4): requests for the AWS JWKS URL
  // go to the mock, so an unknown kid never reaches the network.
  const fetcher: Fetcher = {
    async fetch(uri) {
      awsFetches.push(uri);
      const res = await fetch(mock.jwksUri(new URL(uri).pathname.split('/')[1]!));
      return res.arrayBuffer();
    },
  };
  return CognitoJwtVerifier.create({ userPoolId: POOL_ID, tokenUse: 'access', clientId: ALLOWED, scope: REQUIRED },
    { jwksCache: new SimpleJwksCache({ fetcher }) });
}

beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: testFixtures(), issuer: 'aws' });
  ours = createAccessTokenVerifier({ userPoolId: POOL_ID, jwksUri: mock.jwksUri(POOL_ID), clientId: ALLOWED, scopes: { anyOf: REQUIRED } });
  theirs = createAwsVerifier();
  theirs.cacheJwks(mock.jwks(POOL_ID));
});
afterAll(() => mock.stop());

const accepts = (verify: () => Promise<unknown>): Promise<boolean> => verify().then(() => true, () => false);
const now = () => Math.floor(Date.now() / 1000);

async function tokenSet(): Promise<Record<string, { token: string; accepted: boolean }>> {
  const good = mock.mintAccessToken({ clientId: ORDERS_CLIENT.id });
  const claims = claimsOf(good);
  const pool = (c: Claims) => signWithTestKey(0, c);
  const res = await requestToken(mock.tokenEndpoint, { clientId: READER_CLIENT.id, secret: READER_CLIENT.secret });
  const fromEndpoint = ((await res.json()) as { access_token: string }).access_token;
  const { scope: _scope, ...noScope } = claims;
  const { token_use: _use, ...noTokenUse } = claims;

  return {
    'minted for an allowed client': { token: good, accepted: true },
    'from the token endpoint': { token: fromEndpoint, accepted: true },
    'with the UPDATED issuer': { token: await pool({ ...claims, iss: `https://issuer-cognito-idp.us-east-1.amazonaws.com/${POOL_ID}` }), accepted: true },
    'signed with the pool\'s ID-token key': { token: await signWithTestKey(1, claims), accepted: true },
    'with only the required scope': { token: await pool({ ...claims, scope: 'orders/read' }), accepted: true },
    'expired': { token: mock.mintAccessToken({ clientId: ORDERS_CLIENT.id, expiresIn: -60 }), accepted: false },
    'not yet valid (nbf)': { token: await pool({ ...claims, nbf: now() + 120 }), accepted: false },
    'issued in another region': { token: await pool({ ...claims, iss: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL_ID}` }), accepted: false },
    'issued by a local URL': { token: await pool({ ...claims, iss: `${mock.url}/${POOL_ID}` }), accepted: false },
    'an ID token (token_use id)': { token: await pool({ ...claims, token_use: 'id' }), accepted: false },
    'without token_use': { token: await pool(noTokenUse), accepted: false },
    'for a client that is not allowed': { token: mock.mintAccessToken({ clientId: CODE_CLIENT.id, scopes: REQUIRED }), accepted: false },
    'from another pool': { token: mock.mintAccessToken({ clientId: OTHER_POOL_CLIENT.id }), accepted: false },
    'without the required scope': { token: await pool({ ...claims, scope: 'orders/write' }), accepted: false },
    'without a scope claim': { token: await pool(noScope), accepted: false },
    'with orders/read-all': { token: await pool({ ...claims, scope: 'orders/read-all' }), accepted: false },
    'with orders/readx': { token: await pool({ ...claims, scope: 'orders/readx' }), accepted: false },
    'with orders/rea': { token: await pool({ ...claims, scope: 'orders/rea' }), accepted: false },
    'with alg none': { token: unsecured(claims, { kid: kidOfTestKey(0), alg: 'none' }), accepted: false },
    'HS256 with the public key as secret': { token: await hs256WithPublicPem(claims, publicPemOfTestKey(0), kidOfTestKey(0)), accepted: false },
    'signed by an unknown key': { token: await signWithTestKey(4, claims), accepted: false },
    'with its kid swapped': { token: withHeader(good, { kid: kidOfTestKey(1), alg: 'RS256' }), accepted: false },
    'tampered': { token: withClaims(good, { ...claims, client_id: CODE_CLIENT.id }), accepted: false },
    'not a JWT': { token: 'not.a.jwt', accepted: false },
  };
}

describe('parity with aws-jwt-verify CognitoJwtVerifier', () => {
  it('accepts and rejects the same tokens', async () => {
    const cases = await tokenSet();
    const outcomes: Record<string, { ours: boolean; awsJwtVerify: boolean }> = {};
    const expected: Record<string, { ours: boolean; awsJwtVerify: boolean }> = {};
    for (const [name, { token, accepted }] of Object.entries(cases)) {
      outcomes[name] = { ours: await accepts(() => ours.verify(token)), awsJwtVerify: await accepts(() => theirs.verify(token)) };
      expected[name] = { ours: accepted, awsJwtVerify: accepted };
    }
    expect(outcomes).toEqual(expected);
    // Only the unknown-kid refetch went out, to the AWS URL, which the fetcher sent to the mock.
    expect(new Set(awsFetches)).toEqual(new Set([`https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}/.well-known/jwks.json`]));
  });

  it('differs on purpose for a token without exp: aws-jwt-verify accepts it, this verifier does not', async () => {
    const { exp: _exp, ...claims } = claimsOf(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id }));
    const eternal = await signWithTestKey(0, claims);
    expect(await accepts(() => theirs.verify(eternal))).toBe(true);
    await expect(ours.verify(eternal)).rejects.toMatchObject({ code: 'malformed_token' });
  });
});
