import {
  CreateResourceServerCommand, DeleteResourceServerCommand, DescribeResourceServerCommand, DescribeUserPoolClientCommand,
  ListResourceServersCommand, UpdateResourceServerCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { ORDERS_CLIENT, OTHER_POOL_ID, POOL_ID, decodeJwt, requestToken, testFixtures } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';

const scopes = (n: number) => Array.from({ length: n }, (_, i) => ({ ScopeName: `scope${i}`, ScopeDescription: `Scope ${i}` }));

describe('management API: resource servers', () => {
  let mock: CognitoMock;
  const sdk = () => managementClient(mock.url);
  const tokenScope = async (scope?: string): Promise<string | { error: string }> => {
    const res = await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret, ...(scope ? { scope } : {}) });
    const body = (await res.json()) as { access_token?: string; error?: string };
    return body.access_token ? (decodeJwt(body.access_token).payload.scope as string) : { error: body.error! };
  };

  beforeEach(async () => { mock = await startCognitoMock({ fixtures: testFixtures() }); });
  afterEach(() => mock.stop());

  it('creates, describes, lists, updates and deletes a resource server', async () => {
    const server = { UserPoolId: POOL_ID, Identifier: 'https://inventory.example.com', Name: 'Inventory API',
      Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read stock' }, { ScopeName: 'items.write', ScopeDescription: 'Change items' }] };
    expect((await sdk().send(new CreateResourceServerCommand(server))).ResourceServer).toEqual(server);
    const described = await sdk().send(new DescribeResourceServerCommand({ UserPoolId: POOL_ID, Identifier: server.Identifier }));
    expect(described.ResourceServer).toEqual(server);

    const listed = await sdk().send(new ListResourceServersCommand({ UserPoolId: POOL_ID, MaxResults: 50 }));
    expect(listed.ResourceServers!.map((s) => s.Identifier)).toEqual(['https://inventory.example.com', 'orders']);
    expect(listed.NextToken).toBeUndefined();

    // Update replaces name and scopes; scopes left out are gone.
    const updated = await sdk().send(new UpdateResourceServerCommand({ UserPoolId: POOL_ID, Identifier: server.Identifier, Name: 'Stock' }));
    expect(updated.ResourceServer).toEqual({ UserPoolId: POOL_ID, Identifier: server.Identifier, Name: 'Stock' });

    await sdk().send(new DeleteResourceServerCommand({ UserPoolId: POOL_ID, Identifier: server.Identifier }));
    expect(await failure(sdk().send(new DescribeResourceServerCommand({ UserPoolId: POOL_ID, Identifier: server.Identifier })))).toEqual({
      name: 'ResourceNotFoundException', status: 400,
      message: `Resource server ${server.Identifier} does not exist in user pool ${POOL_ID}.`,
    });
  });

  it('pages ListResourceServers with MaxResults 1–50 and NextToken', async () => {
    for (const id of ['b', 'a', 'c']) await sdk().send(new CreateResourceServerCommand({ UserPoolId: POOL_ID, Identifier: id, Name: id }));
    const first = await sdk().send(new ListResourceServersCommand({ UserPoolId: POOL_ID, MaxResults: 2 }));
    expect(first.ResourceServers!.map((s) => s.Identifier)).toEqual(['a', 'b']);
    const second = await sdk().send(new ListResourceServersCommand({ UserPoolId: POOL_ID, MaxResults: 2, NextToken: first.NextToken! }));
    expect(second.ResourceServers!.map((s) => s.Identifier)).toEqual(['c', 'orders']);
    expect(second.NextToken).toBeUndefined();
    expect((await failure(sdk().send(new ListResourceServersCommand({ UserPoolId: POOL_ID, MaxResults: 51 })))).name).toBe('InvalidParameterException');
  });

  it('rejects scope names with "/", more than 100 scopes, duplicates and bad identifiers with InvalidParameterException', async () => {
    const create = (input: Partial<ConstructorParameters<typeof CreateResourceServerCommand>[0]>) =>
      failure(sdk().send(new CreateResourceServerCommand({ UserPoolId: POOL_ID, Identifier: 'api', Name: 'API', ...input })));
    expect(await create({ Scopes: [{ ScopeName: 'read/all', ScopeDescription: 'x' }] })).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining("at 'scopeName' failed to satisfy constraint: Member must satisfy regular expression pattern"),
    });
    expect(await create({ Scopes: scopes(101) })).toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '[101 items]' at 'scopes' failed to satisfy constraint: Member must have length less than or equal to 100",
    });
    expect((await create({ Scopes: [{ ScopeName: 'read', ScopeDescription: '' }] })).name).toBe('InvalidParameterException');
    expect((await create({ Identifier: 'has space' })).name).toBe('InvalidParameterException');
    expect((await create({ Name: 'bad/name' })).name).toBe('InvalidParameterException');
    expect((await create({ Identifier: 'orders' })).name).toBe('InvalidParameterException');
    expect((await create({ Identifier: '__proto__' })).name).toBe('InvalidParameterException');
    expect((await create({ UserPoolId: 'us-east-1_Missing00' })).name).toBe('ResourceNotFoundException');
    // 100 is allowed.
    const { ResourceServer } = await sdk().send(new CreateResourceServerCommand({ UserPoolId: POOL_ID, Identifier: 'big', Name: 'Big', Scopes: scopes(100) }));
    expect(ResourceServer!.Scopes).toHaveLength(100);
  });

  it('answers LimitExceededException for the 26th resource server of a pool', async () => {
    for (let i = 1; i < 25; i++) {
      await sdk().send(new CreateResourceServerCommand({ UserPoolId: OTHER_POOL_ID, Identifier: `api-${i}`, Name: `API ${i}` }));
    }
    expect(mock.resourceServers(OTHER_POOL_ID)).toHaveLength(25);
    expect(await failure(sdk().send(new CreateResourceServerCommand({ UserPoolId: OTHER_POOL_ID, Identifier: 'api-26', Name: 'one too many' }))))
      .toMatchObject({ name: 'LimitExceededException', status: 400 });
    // Other pools are not affected.
    await sdk().send(new CreateResourceServerCommand({ UserPoolId: POOL_ID, Identifier: 'api-26', Name: 'fine here' }));
  });

  it('Update and Delete name missing servers with ResourceNotFoundException', async () => {
    expect((await failure(sdk().send(new UpdateResourceServerCommand({ UserPoolId: POOL_ID, Identifier: 'nope', Name: 'x' })))).name)
      .toBe('ResourceNotFoundException');
    expect((await failure(sdk().send(new DeleteResourceServerCommand({ UserPoolId: POOL_ID, Identifier: 'constructor' })))).name)
      .toBe('ResourceNotFoundException');
  });

  it('a scope dropped from a resource server leaves the next token, stays on the client, and returns when re-added (§1.5)', async () => {
    expect(await tokenScope()).toBe('orders/read orders/write');
    await sdk().send(new UpdateResourceServerCommand({ UserPoolId: POOL_ID, Identifier: 'orders', Name: 'Orders API',
      Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }] }));
    expect(await tokenScope()).toBe('orders/read');
    // Allowed but inactive: requested, it is left out rather than refused.
    expect(await tokenScope('orders/read orders/write')).toBe('orders/read');
    const { UserPoolClient } = await sdk().send(new DescribeUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: ORDERS_CLIENT.id }));
    expect(UserPoolClient!.AllowedOAuthScopes).toEqual(['orders/read', 'orders/write']);

    await sdk().send(new UpdateResourceServerCommand({ UserPoolId: POOL_ID, Identifier: 'orders', Name: 'Orders API',
      Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }, { ScopeName: 'write', ScopeDescription: 'Write' }] }));
    expect(await tokenScope()).toBe('orders/read orders/write');
  });

  it('a deleted resource server\'s scopes leave tokens; with none left the request is invalid_scope', async () => {
    await sdk().send(new DeleteResourceServerCommand({ UserPoolId: POOL_ID, Identifier: 'orders' }));
    expect(await tokenScope()).toEqual({ error: 'invalid_scope' });
    await sdk().send(new CreateResourceServerCommand({ UserPoolId: POOL_ID, Identifier: 'orders', Name: 'Orders again',
      Scopes: [{ ScopeName: 'write', ScopeDescription: 'Write' }] }));
    expect(await tokenScope()).toBe('orders/write');
  });
});
