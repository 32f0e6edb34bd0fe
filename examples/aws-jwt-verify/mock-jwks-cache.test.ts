import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { mockJwksCache } from './mock-jwks-cache.js';

const POOL_ID = 'us-east-1_OrdersApi';
const CHECKOUT = { id: '1orders0writer0client0id01', secret: 'checkout0secret0example0only000000000000000000000001' };

let mock: CognitoMock;
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: fileURLToPath(new URL('../orders-api/cognito-fixtures.json', import.meta.url)) });
});
afterAll(() => mock.stop());

async function token(): Promise<string> {
  const res = await fetch(mock.tokenEndpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa(`${CHECKOUT.id}:${CHECKOUT.secret}`)}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'orders/write' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

it('lets an unchanged CognitoJwtVerifier fetch the pool\'s keys from the mock', async () => {
  const verifier = CognitoJwtVerifier.create({ userPoolId: POOL_ID, tokenUse: 'access', clientId: CHECKOUT.id, scope: 'orders/write' },
    { jwksCache: mockJwksCache(mock.url) });
  expect(await verifier.verify(await token())).toMatchObject({ client_id: CHECKOUT.id, scope: 'orders/write' });
});

it('refetches through the mock when a token names a new key', async () => {
  const verifier = CognitoJwtVerifier.create({ userPoolId: POOL_ID, tokenUse: 'access', clientId: CHECKOUT.id },
    { jwksCache: mockJwksCache(mock.url) });
  await verifier.verify(await token());
  await mock.rotateKeys(POOL_ID);
  expect(await verifier.verify(await token())).toMatchObject({ client_id: CHECKOUT.id });
});

it('fails verification when the mock has no such pool', async () => {
  const verifier = CognitoJwtVerifier.create({ userPoolId: 'us-east-1_NoSuchPool', tokenUse: 'access', clientId: CHECKOUT.id },
    { jwksCache: mockJwksCache(mock.url) });
  const [header, , signature] = (await token()).split('.');
  const claims = Buffer.from(JSON.stringify({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_NoSuchPool', token_use: 'access',
    client_id: CHECKOUT.id, exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
  await expect(verifier.verify(`${header}.${claims}.${signature}`)).rejects.toThrow(/answered 404/);
});
