
import {
  AddUserPoolClientSecretCommand, CreateUserPoolClientCommand, DeleteUserPoolClientSecretCommand, DescribeUserPoolClientCommand,
  type ExplicitAuthFlowsType, GetClientTokenCommand, ListUserPoolClientSecretsCommand, UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { ORDERS_CLIENT, POOL_ID, PUBLIC_CLIENT, READER_CLIENT, requestToken, testFixtures } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { readStoreFile } from '../../src/store/store.js';
import { useTempDir } from '../support/temp-dir.js';

// Client secret rotation (cognito-reference §1.3, §6.3): up to two active secrets, both accepted.

const NOW_MS = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const ids = { UserPoolId: POOL_ID, ClientId: ORDERS_CLIENT.id };
const secretIdAt = (clientId: string, ms: number) => `${clientId}--${ms}`;

let now = NOW_MS;
const tmp = useTempDir('rotation');
let mock: CognitoMock;
const sdk = () => managementClient(mock.url);
const tokenStatus = async (secret: string, auth: 'basic' | 'post' = 'basic') =>
  (await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret, auth })).status;

beforeEach(async () => {
  now = NOW_MS;
  mock = await startCognitoMock({ fixtures: testFixtures(), data: tmp.join('db.json'), clock: () => now });
});
afterEach(async () => {
  await mock.stop();
});

describe('AddUserPoolClientSecret, ListUserPoolClientSecrets, DeleteUserPoolClientSecret', () => {
  it('rotates a secret with no moment where the client cannot authenticate', async () => {
    // Before: one secret, listed with the client's creation date, never with its value.
    const before = await sdk().send(new ListUserPoolClientSecretsCommand(ids));
    const original = before.ClientSecrets![0]!;
    expect(before.ClientSecrets).toHaveLength(1);
    expect(original).toEqual({ ClientSecretId: secretIdAt(ORDERS_CLIENT.id, NOW_MS), ClientSecretCreateDate: new Date(NOW_MS) });

    // Add a generated second secret: its value is returned once, 52 characters like every generated secret.
    now += 60_000;
    const { ClientSecretDescriptor: added } = await sdk().send(new AddUserPoolClientSecretCommand(ids));
    expect(added).toEqual({ ClientSecretId: secretIdAt(ORDERS_CLIENT.id, now), ClientSecretValue: expect.stringMatching(/^[0-9a-v]{52}$/),
      ClientSecretCreateDate: new Date(now) });
    const next = added!.ClientSecretValue!;

    // Both work, in either client authentication method; other secrets do not.
    expect([await tokenStatus(ORDERS_CLIENT.secret), await tokenStatus(next), await tokenStatus(next, 'post')]).toEqual([200, 200, 200]);
    expect(await tokenStatus(READER_CLIENT.secret)).toBe(400);
    const listed = await sdk().send(new ListUserPoolClientSecretsCommand(ids));
    expect(listed.ClientSecrets!.map((secret) => secret.ClientSecretId)).toEqual([original.ClientSecretId, added!.ClientSecretId]);
    expect(JSON.stringify(listed)).not.toContain(next);

    // Retire the original: it stops working at once; Describe now shows the remaining secret.
    await sdk().send(new DeleteUserPoolClientSecretCommand({ ...ids, ClientSecretId: original.ClientSecretId! }));
    expect([await tokenStatus(ORDERS_CLIENT.secret), await tokenStatus(next)]).toEqual([400, 200]);
    const { UserPoolClient } = await sdk().send(new DescribeUserPoolClientCommand(ids));
    expect(UserPoolClient!.ClientSecret).toBe(next);
    expect(UserPoolClient).not.toHaveProperty('ClientSecrets');
  });

  it('takes a custom secret without echoing it, and allows at most two', async () => {
    const custom = 'custom0rotated0secret0value000001';
    const { ClientSecretDescriptor } = await sdk().send(new AddUserPoolClientSecretCommand({ ...ids, ClientSecret: custom }));
    expect(ClientSecretDescriptor).toEqual({ ClientSecretId: expect.stringMatching(new RegExp(`^${ORDERS_CLIENT.id}--\\d+$`)), ClientSecretCreateDate: new Date(now) });
    // Same clock: the id still differs from the original's.
    const { ClientSecrets } = await sdk().send(new ListUserPoolClientSecretsCommand(ids));
    expect(new Set(ClientSecrets!.map((secret) => secret.ClientSecretId)).size).toBe(2);
    expect(await tokenStatus(custom)).toBe(200);

    const third = await failure(sdk().send(new AddUserPoolClientSecretCommand(ids)));
    expect(third).toMatchObject({ name: 'LimitExceededException', status: 400 });
    expect((await sdk().send(new ListUserPoolClientSecretsCommand(ids))).ClientSecrets).toHaveLength(2);
  });

  it('refuses to delete the last secret, an unknown secret id, and a secret for a public client', async () => {
    const [only] = (await sdk().send(new ListUserPoolClientSecretsCommand(ids))).ClientSecrets!;
    expect(await failure(sdk().send(new DeleteUserPoolClientSecretCommand({ ...ids, ClientSecretId: only!.ClientSecretId! }))))
      .toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect((await failure(sdk().send(new DeleteUserPoolClientSecretCommand({ ...ids, ClientSecretId: `${ORDERS_CLIENT.id}--1` })))).name)
      .toBe('ResourceNotFoundException');
    expect((await failure(sdk().send(new AddUserPoolClientSecretCommand({ UserPoolId: POOL_ID, ClientId: PUBLIC_CLIENT.id })))).name)
      .toBe('InvalidParameterException');
    expect((await failure(sdk().send(new AddUserPoolClientSecretCommand({ ...ids, ClientSecret: 'short' })))).name).toBe('InvalidParameterException');
    expect((await failure(sdk().send(new ListUserPoolClientSecretsCommand({ UserPoolId: POOL_ID, ClientId: 'nope' })))).name)
      .toBe('ResourceNotFoundException');
    expect(await tokenStatus(ORDERS_CLIENT.secret)).toBe(200);
  });

  it('both secrets work for GetClientToken', async () => {
    const { UserPoolClient } = await sdk().send(new CreateUserPoolClientCommand({ UserPoolId: POOL_ID, ClientName: 'api-token', GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_CLIENT_TOKEN_AUTH' as ExplicitAuthFlowsType], AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['orders/read'] }));
    const client = { UserPoolId: POOL_ID, ClientId: UserPoolClient!.ClientId! };
    const { ClientSecretDescriptor } = await sdk().send(new AddUserPoolClientSecretCommand(client));
    for (const Secret of [UserPoolClient!.ClientSecret!, ClientSecretDescriptor!.ClientSecretValue!]) {
      const { ClientAuthenticationResult } = await sdk().send(new GetClientTokenCommand({ ClientId: client.ClientId, Secret }));
      expect(ClientAuthenticationResult!.TokenType).toBe('Bearer');
    }
  });

  it('keeps both secrets through UpdateUserPoolClient and a restart from the store file', async () => {
    const { ClientSecretDescriptor } = await sdk().send(new AddUserPoolClientSecretCommand(ids));
    await sdk().send(new UpdateUserPoolClientCommand({ ...ids, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['orders/read'] }));
    const stored = await readStoreFile(tmp.join('db.json'));
    expect(stored.pools[POOL_ID]!.UserPoolClients[ORDERS_CLIENT.id]!.ClientSecrets).toHaveLength(2);

    await mock.stop();
    // Restarted without fixtures: the store alone holds the client (a fixture would replace it, secrets included).
    mock = await startCognitoMock({ data: tmp.join('db.json'), clock: () => now });
    expect([await tokenStatus(ORDERS_CLIENT.secret), await tokenStatus(ClientSecretDescriptor!.ClientSecretValue!)]).toEqual([200, 200]);
    expect((await sdk().send(new ListUserPoolClientSecretsCommand(ids))).ClientSecrets).toHaveLength(2);
  });

  it('keeps the rotated secrets of a fixture client with "GenerateSecret": true across restarts with the same fixtures', async () => {
    const generated = { UserPoolId: POOL_ID, ClientId: '9generated0secret0client09' };
    const fixtures = testFixtures();
    fixtures.UserPools[0]!.UserPoolClients.push({ ClientId: generated.ClientId, ClientName: 'generated', GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'] } as never);
    await mock.stop();
    mock = await startCognitoMock({ fixtures, data: tmp.join('db.json'), clock: () => now });
    const first = (await sdk().send(new DescribeUserPoolClientCommand(generated))).UserPoolClient!.ClientSecret!;
    const second = (await sdk().send(new AddUserPoolClientSecretCommand(generated))).ClientSecretDescriptor!.ClientSecretValue!;
    await mock.stop();
    mock = await startCognitoMock({ fixtures, data: tmp.join('db.json'), clock: () => now });
    for (const secret of [first, second]) {
      expect((await requestToken(mock.tokenEndpoint, { clientId: generated.ClientId, secret })).status).toBe(200);
    }
  });
});
