import {
  CreateUserPoolClientCommand, type CreateUserPoolClientCommandInput, DeleteUserPoolClientCommand, DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand, UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { ORDERS_CLIENT, OTHER_POOL_ID, POOL_ID, decodeJwt, requestToken, testFixtures } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';

const M2M = { AllowedOAuthFlows: ['client_credentials' as const], AllowedOAuthFlowsUserPoolClient: true };

describe('management API: app clients', () => {
  let mock: CognitoMock;
  let now: number;
  const sdk = () => managementClient(mock.url);
  const create = (input: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'> & { UserPoolId?: string }) =>
    sdk().send(new CreateUserPoolClientCommand({ UserPoolId: POOL_ID, ...input }));
  const createFails = async (input: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'>) => failure(create(input));

  beforeEach(async () => {
    now = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    mock = await startCognitoMock({ fixtures: testFixtures(), clock: () => now });
  });
  afterEach(() => mock.stop());

  it('answers the minimal client exactly as Cognito does: defaults, member order, epoch-second dates', async () => {
    const res = await fetch(mock.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPoolClient' },
      body: JSON.stringify({ UserPoolId: POOL_ID, ClientName: 'TailzClient' }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const { UserPoolClient } = JSON.parse(text) as { UserPoolClient: Record<string, unknown> };
    // Reference §6.4, observed minimal output: same members, same order, nothing else.
    expect(UserPoolClient).toEqual({
      UserPoolId: POOL_ID, ClientName: 'TailzClient', ClientId: expect.stringMatching(/^[0-9a-v]{26}$/),
      LastModifiedDate: 1767323045.678, CreationDate: 1767323045.678, RefreshTokenValidity: 30, TokenValidityUnits: {},
      AllowedOAuthFlowsUserPoolClient: false, EnableTokenRevocation: true, EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: 3,
    });
    expect(Object.keys(UserPoolClient)).toEqual(['UserPoolId', 'ClientName', 'ClientId', 'LastModifiedDate', 'CreationDate',
      'RefreshTokenValidity', 'TokenValidityUnits', 'AllowedOAuthFlowsUserPoolClient', 'EnableTokenRevocation',
      'EnablePropagateAdditionalUserContextData', 'AuthSessionValidity']);
    expect(text).toContain('"CreationDate":1767323045.678');
  });

  it('GenerateSecret gives a 26-character [0-9a-v] id and a 52-character [0-9a-v] secret that DescribeUserPoolClient returns', async () => {
    const { UserPoolClient } = await create({ ClientName: 'generated', GenerateSecret: true });
    expect(UserPoolClient!.ClientId).toMatch(/^[0-9a-v]{26}$/);
    expect(UserPoolClient!.ClientSecret).toMatch(/^[0-9a-v]{52}$/);
    const described = await sdk().send(new DescribeUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: UserPoolClient!.ClientId }));
    expect(described.UserPoolClient).toEqual(UserPoolClient);
  });

  it('takes a custom ClientSecret, and refuses it together with GenerateSecret or when too short', async () => {
    const secret = 'my0own0secret0that0is0long0enough';
    const { UserPoolClient } = await create({ ClientName: 'custom', ClientSecret: secret, ...M2M, AllowedOAuthScopes: ['orders/read'] });
    expect(UserPoolClient!.ClientSecret).toBe(secret);
    expect((await requestToken(mock.tokenEndpoint, { clientId: UserPoolClient!.ClientId!, secret })).status).toBe(200);
    expect(await createFails({ ClientName: 'both', ClientSecret: secret, GenerateSecret: true })).toMatchObject({
      name: 'InvalidParameterException', message: 'You cannot specify both GenerateSecret as true and provide a ClientSecret value.',
    });
    expect((await createFails({ ClientName: 'short', ClientSecret: 'short' })).name).toBe('InvalidParameterException');
    expect((await createFails({ ClientName: 'bad chars', ClientSecret: 'has-dashes-which-are-not-allowed' })).name).toBe('InvalidParameterException');
  });

  it('enforces the OAuth flow rules with Cognito\'s exceptions and messages', async () => {
    expect(await createFails({ ClientName: 'no secret', ...M2M, AllowedOAuthScopes: ['orders/read'] })).toEqual({
      name: 'InvalidOAuthFlowException', status: 400,
      message: 'client_credentials flow can not be selected if client does not have a client secret.',
    });
    expect((await createFails({ ClientName: 'mixed', GenerateSecret: true, AllowedOAuthFlows: ['client_credentials', 'code'],
      AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'] })).name).toBe('InvalidOAuthFlowException');
    expect(await createFails({ ClientName: 'no scopes', GenerateSecret: true, ...M2M })).toMatchObject({
      name: 'InvalidParameterException',
      message: 'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.',
    });
    expect((await createFails({ ClientName: 'bad flow', AllowedOAuthFlows: ['password' as never] })).name).toBe('InvalidParameterException');
  });

  it('answers ScopeDoesNotExistException "Invalid scope requested: X" for a scope no resource server defines', async () => {
    expect(await createFails({ ClientName: 'x', GenerateSecret: true, ...M2M, AllowedOAuthScopes: ['orders/read', 'orders/delete'] })).toEqual({
      name: 'ScopeDoesNotExistException', message: 'Invalid scope requested: orders/delete', status: 400,
    });
    // Standard scopes need no resource server.
    const { UserPoolClient } = await create({ ClientName: 'web', AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: ['https://app.example.com/cb', 'http://localhost:3000/cb'] });
    expect(UserPoolClient!.AllowedOAuthScopes).toEqual(['openid', 'email']);
  });

  it('checks token validities and their units: "Invalid range for token validity."', async () => {
    const range = { name: 'InvalidParameterException', message: 'Invalid range for token validity.' };
    expect(await createFails({ ClientName: 'x', AccessTokenValidity: 4, TokenValidityUnits: { AccessToken: 'minutes' } })).toMatchObject(range);
    expect(await createFails({ ClientName: 'x', AccessTokenValidity: 25 })).toMatchObject(range); // 25 hours: over a day
    expect(await createFails({ ClientName: 'x', RefreshTokenValidity: 11, TokenValidityUnits: { RefreshToken: 'years' as never } }))
      .toMatchObject({ name: 'InvalidParameterException' });
    expect((await createFails({ ClientName: 'x', AccessTokenValidity: 0 })).name).toBe('InvalidParameterException');
    const { UserPoolClient } = await create({ ClientName: 'five minutes', AccessTokenValidity: 5, IdTokenValidity: 1,
      RefreshTokenValidity: 60, TokenValidityUnits: { AccessToken: 'minutes', RefreshToken: 'minutes' } });
    expect(UserPoolClient).toMatchObject({ AccessTokenValidity: 5, IdTokenValidity: 1, RefreshTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', RefreshToken: 'minutes' } });
    // Unset refresh validity is 30 days, written in the unit given.
    const hours = await create({ ClientName: 'refresh in hours', TokenValidityUnits: { RefreshToken: 'hours' } });
    expect(hours.UserPoolClient!.RefreshTokenValidity).toBe(720);
  });

  it('rejects bad names, callback URLs and unknown pools', async () => {
    expect(await createFails({ ClientName: 'slash/not/allowed' })).toMatchObject({ name: 'InvalidParameterException' });
    expect((await createFails({ ClientName: 'x', CallbackURLs: ['http://app.example.com/cb'] })).name).toBe('InvalidParameterException');
    expect(await failure(create({ UserPoolId: 'us-east-1_Missing00', ClientName: 'x' }))).toMatchObject({
      name: 'ResourceNotFoundException', message: 'User pool us-east-1_Missing00 does not exist.',
    });
  });

  it('answers LimitExceededException for the 1,001st client of a pool', async () => {
    const fixtures = testFixtures();
    const pool = fixtures.UserPools[1]!;
    pool.UserPoolClients = Array.from({ length: 999 }, (_, i) => ({ ...pool.UserPoolClients[0]!, ClientId: `bulk${i}`, ClientName: `bulk-${i}` }));
    await mock.stop();
    mock = await startCognitoMock({ fixtures });
    await create({ UserPoolId: OTHER_POOL_ID, ClientName: 'the 1000th' });
    expect(await failure(create({ UserPoolId: OTHER_POOL_ID, ClientName: 'the 1001st' }))).toMatchObject({ name: 'LimitExceededException', status: 400 });
    await create({ ClientName: 'another pool has room' });
  });

  it('UpdateUserPoolClient replaces the whole configuration and keeps id, secret, creation date and name', async () => {
    const { UserPoolClient: before } = await create({ ClientName: 'svc', GenerateSecret: true, ...M2M,
      AllowedOAuthScopes: ['orders/read', 'orders/write'], AccessTokenValidity: 10, TokenValidityUnits: { AccessToken: 'minutes' },
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] });
    now += 60_000;
    const { UserPoolClient: after } = await sdk().send(new UpdateUserPoolClientCommand({
      UserPoolId: POOL_ID, ClientId: before!.ClientId, ...M2M, AllowedOAuthScopes: ['orders/read'],
    }));
    expect(after).toEqual({
      UserPoolId: POOL_ID, ClientName: 'svc', ClientId: before!.ClientId, ClientSecret: before!.ClientSecret,
      LastModifiedDate: new Date(now), CreationDate: before!.CreationDate, RefreshTokenValidity: 30, TokenValidityUnits: {},
      AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read'], AllowedOAuthFlowsUserPoolClient: true,
      EnableTokenRevocation: true, EnablePropagateAdditionalUserContextData: false, AuthSessionValidity: 3,
    });
    const described = await sdk().send(new DescribeUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: before!.ClientId }));
    expect(described.UserPoolClient).toEqual(after);
  });

  it('UpdateUserPoolClient applies the same rules as create and names missing clients', async () => {
    const { UserPoolClient } = await create({ ClientName: 'public' });
    expect((await failure(sdk().send(new UpdateUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: UserPoolClient!.ClientId,
      ...M2M, AllowedOAuthScopes: ['orders/read'] })))).name).toBe('InvalidOAuthFlowException');
    expect((await failure(sdk().send(new UpdateUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: ORDERS_CLIENT.id,
      ...M2M, AllowedOAuthScopes: ['inventory/read'] })))).name).toBe('ScopeDoesNotExistException');
    expect(await failure(sdk().send(new UpdateUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: 'nosuchclient' })))).toEqual({
      name: 'ResourceNotFoundException', message: 'User pool client nosuchclient does not exist.', status: 400,
    });
    // A client of another pool is not found through this one.
    expect((await failure(sdk().send(new DescribeUserPoolClientCommand({ UserPoolId: OTHER_POOL_ID, ClientId: ORDERS_CLIENT.id })))).name)
      .toBe('ResourceNotFoundException');
  });

  it('ListUserPoolClients pages with MaxResults and NextToken', async () => {
    for (let i = 0; i < 5; i++) await create({ ClientName: `client-${i}` });
    const expected = mock.clients(POOL_ID).map((client) => client.ClientId).sort();
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await sdk().send(new ListUserPoolClientsCommand({ UserPoolId: POOL_ID, MaxResults: 2, ...(NextToken ? { NextToken } : {}) }));
      expect(page.UserPoolClients!.length).toBeLessThanOrEqual(2);
      for (const item of page.UserPoolClients!) {
        expect(Object.keys(item).sort()).toEqual(['ClientId', 'ClientName', 'UserPoolId']);
        seen.push(item.ClientId!);
      }
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen).toEqual(expected);
    expect(expected).toHaveLength(9);
    expect((await failure(sdk().send(new ListUserPoolClientsCommand({ UserPoolId: POOL_ID, MaxResults: 61 })))).name).toBe('InvalidParameterException');
    expect((await failure(sdk().send(new ListUserPoolClientsCommand({ UserPoolId: 'us-east-1_Missing00' })))).name).toBe('ResourceNotFoundException');
  });

  it('DeleteUserPoolClient removes the client; a second delete is ResourceNotFoundException', async () => {
    const { UserPoolClient } = await create({ ClientName: 'short-lived' });
    await sdk().send(new DeleteUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: UserPoolClient!.ClientId }));
    expect((await failure(sdk().send(new DescribeUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: UserPoolClient!.ClientId })))).name)
      .toBe('ResourceNotFoundException');
    expect((await failure(sdk().send(new DeleteUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: UserPoolClient!.ClientId })))).message)
      .toBe(`User pool client ${UserPoolClient!.ClientId} does not exist.`);
  });

  it('create → token → update → token → delete → invalid_client, each effect immediate', async () => {
    now = Date.now(); // real time, so aws-jwt-verify checks expiry against the tokens' own clock
    const { UserPoolClient: client } = await create({ ClientName: 'cycle', GenerateSecret: true, ...M2M,
      AllowedOAuthScopes: ['orders/read', 'orders/write'] });
    const credentials = { clientId: client!.ClientId!, secret: client!.ClientSecret! };
    const jwks = await (await fetch(mock.jwksUri(POOL_ID))).json();
    const verifier = CognitoJwtVerifier.create({ userPoolId: POOL_ID, tokenUse: 'access', clientId: client!.ClientId! });
    verifier.cacheJwks(jwks as never);

    const first = (await (await requestToken(mock.tokenEndpoint, credentials)).json()) as { access_token: string; expires_in: number };
    expect(first.expires_in).toBe(3600);
    const claims = await verifier.verify(first.access_token);
    expect(claims).toMatchObject({ client_id: client!.ClientId, scope: 'orders/read orders/write',
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}` });

    await sdk().send(new UpdateUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: client!.ClientId, ...M2M,
      AllowedOAuthScopes: ['orders/read'], AccessTokenValidity: 10, TokenValidityUnits: { AccessToken: 'minutes' } }));
    const second = (await (await requestToken(mock.tokenEndpoint, credentials)).json()) as { access_token: string; expires_in: number };
    expect(second.expires_in).toBe(600);
    const { payload } = decodeJwt(second.access_token);
    expect(payload.scope).toBe('orders/read');
    expect((payload.exp as number) - (payload.iat as number)).toBe(600);
    await verifier.verify(second.access_token);
    const denied = await requestToken(mock.tokenEndpoint, { ...credentials, scope: 'orders/write' });
    expect(await denied.json()).toEqual({ error: 'invalid_scope' });

    await sdk().send(new DeleteUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: client!.ClientId }));
    const gone = await requestToken(mock.tokenEndpoint, credentials);
    expect(gone.status).toBe(400);
    expect(await gone.json()).toEqual({ error: 'invalid_client' });
  });
});
