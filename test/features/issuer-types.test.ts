import {
  CreateResourceServerCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, DescribeUserPoolCommand, UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { createAccessTokenVerifier } from '../../src/verifier/index.js';
import { NEW_POOL_KEYS, ORDERS_CLIENT, OTHER_POOL_CLIENT, OTHER_POOL_ID, POOL_ID, decodeJwt, testFixtures } from '../support/fixtures.js';
import { managementClient } from '../support/management-client.js';
import { accessToken, awsVerifierOnMock } from './support/aws-verifier.js';

// Issuer types (cognito-reference §3.3, §8.1): ORIGINAL `https://cognito-idp.<region>.amazonaws.com/<pool>`,
// UPDATED `https://issuer-cognito-idp.<region>.amazonaws.com/<pool>`, in `aws` issuer mode.

const ORIGINAL_ISS = `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`;
const UPDATED_ISS = `https://issuer-cognito-idp.eu-west-1.amazonaws.com/${OTHER_POOL_ID}`;

function fixturesWithUpdatedPool() {
  const fixtures = testFixtures();
  Object.assign(fixtures.UserPools[1]!, { IssuerConfiguration: { Type: 'UPDATED' } });
  return fixtures;
}

let mock: CognitoMock;
beforeAll(async () => { mock = await startCognitoMock({ fixtures: fixturesWithUpdatedPool(), issuer: 'aws', keysForNewPools: NEW_POOL_KEYS }); });
afterAll(() => mock.stop());

const discovery = async (poolId: string) =>
  (await (await fetch(`${mock.url}/${poolId}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };

describe('IssuerConfiguration.Type from fixtures', () => {
  it('sets iss and the discovery issuer; the JWKS stays at the mock\'s path for the pool', async () => {
    expect(decodeJwt(await accessToken(mock, ORDERS_CLIENT)).payload.iss).toBe(ORIGINAL_ISS);
    expect(decodeJwt(await accessToken(mock, OTHER_POOL_CLIENT)).payload.iss).toBe(UPDATED_ISS);
    expect(await discovery(POOL_ID)).toMatchObject({ issuer: ORIGINAL_ISS, jwks_uri: mock.jwksUri(POOL_ID) });
    expect(await discovery(OTHER_POOL_ID)).toMatchObject({ issuer: UPDATED_ISS, jwks_uri: mock.jwksUri(OTHER_POOL_ID) });
    expect(mock.issuer(OTHER_POOL_ID)).toBe(UPDATED_ISS);
    const { UserPool } = await managementClient(mock.url).send(new DescribeUserPoolCommand({ UserPoolId: OTHER_POOL_ID }));
    expect(UserPool!.IssuerConfiguration).toEqual({ Type: 'UPDATED' });
  });

  it('aws-jwt-verify 5.2 accepts tokens of both types from cacheJwks, with no fetch', async () => {
    for (const [poolId, client] of [[POOL_ID, ORDERS_CLIENT], [OTHER_POOL_ID, OTHER_POOL_CLIENT]] as const) {
      const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId: client.id });
      verifier.cacheJwks(mock.jwks(poolId));
      const token = await accessToken(mock, client);
      expect(verifier.verifySync(token)).toMatchObject({ client_id: client.id });
      expect(await verifier.verify(token)).toMatchObject({ iss: decodeJwt(token).payload.iss });
    }
  });

  it('aws-jwt-verify fetches an UPDATED pool\'s keys from the issuer-cognito-idp JWKS URL (served by the mock here)', async () => {
    const { verifier, fetched } = awsVerifierOnMock(mock, OTHER_POOL_ID, OTHER_POOL_CLIENT.id);
    expect(await verifier.verify(await accessToken(mock, OTHER_POOL_CLIENT))).toMatchObject({ iss: UPDATED_ISS });
    expect(fetched).toEqual([`${UPDATED_ISS}/.well-known/jwks.json`]);
  });

  it('this project\'s verifier accepts both types by default, and only the pool\'s own region', async () => {
    const verifier = createAccessTokenVerifier({ userPoolId: OTHER_POOL_ID, jwksUri: mock.jwksUri(OTHER_POOL_ID), clientId: null });
    expect(await verifier.verify(await accessToken(mock, OTHER_POOL_CLIENT))).toMatchObject({ iss: UPDATED_ISS });
    const original = mock.mintAccessToken({ clientId: OTHER_POOL_CLIENT.id, claims: { iss: `https://cognito-idp.eu-west-1.amazonaws.com/${OTHER_POOL_ID}` } });
    expect(await verifier.verify(original)).toMatchObject({ client_id: OTHER_POOL_CLIENT.id });
    const elsewhere = mock.mintAccessToken({ clientId: OTHER_POOL_CLIENT.id, claims: { iss: `https://issuer-cognito-idp.us-east-1.amazonaws.com/${OTHER_POOL_ID}` } });
    await expect(verifier.verify(elsewhere)).rejects.toMatchObject({ code: 'issuer_mismatch' });
  });
});

describe('IssuerConfiguration.Type through the API', () => {
  it('CreateUserPool with UPDATED issues issuer-cognito-idp tokens; UpdateUserPool to ORIGINAL switches the next token and discovery', async () => {
    const sdk = managementClient(mock.url, 'ap-southeast-2');
    const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'updated', IssuerConfiguration: { Type: 'UPDATED' } }));
    const poolId = UserPool!.Id!;
    expect(UserPool!.IssuerConfiguration).toEqual({ Type: 'UPDATED' });
    await sdk.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }));
    const { UserPoolClient } = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'm2m', GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'] }));
    const client = { id: UserPoolClient!.ClientId!, secret: UserPoolClient!.ClientSecret! };

    const updated = await accessToken(mock, client);
    expect(decodeJwt(updated).payload.iss).toBe(`https://issuer-cognito-idp.ap-southeast-2.amazonaws.com/${poolId}`);
    expect((await discovery(poolId)).issuer).toBe(`https://issuer-cognito-idp.ap-southeast-2.amazonaws.com/${poolId}`);

    await sdk.send(new UpdateUserPoolCommand({ UserPoolId: poolId, IssuerConfiguration: { Type: 'ORIGINAL' } }));
    const original = await accessToken(mock, client);
    expect(decodeJwt(original).payload.iss).toBe(`https://cognito-idp.ap-southeast-2.amazonaws.com/${poolId}`);
    expect((await discovery(poolId)).issuer).toBe(`https://cognito-idp.ap-southeast-2.amazonaws.com/${poolId}`);

    // One aws-jwt-verify verifier accepts tokens issued before and after the switch.
    const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId: client.id, scope: 'orders/read' });
    verifier.cacheJwks(mock.jwks(poolId));
    for (const token of [updated, original]) expect(await verifier.verify(token)).toMatchObject({ client_id: client.id });
  });
});

describe('other issuer modes', () => {
  it('ignore the issuer type: `local` gives the mock\'s own URL to pools of either type', async () => {
    const local = await startCognitoMock({ fixtures: fixturesWithUpdatedPool(), issuer: 'local' });
    try {
      expect(decodeJwt(await accessToken(local, OTHER_POOL_CLIENT)).payload.iss).toBe(`${local.url}/${OTHER_POOL_ID}`);
    } finally {
      await local.stop();
    }
  });
});
