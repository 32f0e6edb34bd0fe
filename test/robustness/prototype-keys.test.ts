import { writeFile } from 'node:fs/promises';
import {
  CreateResourceServerCommand, CreateUserPoolClientCommand, DeleteResourceServerCommand, DescribeResourceServerCommand,
  DescribeUserPoolClientCommand, ListResourceServersCommand, ListUserPoolClientsCommand, UpdateResourceServerCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/model/config-error.js';
import { startServer } from '../../src/server.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { POOL_ID, decodeJwt, requestToken, signingKeys } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { readStoreFile, storeFileText } from '../../src/store/store.js';
import { useTempDir } from '../support/temp-dir.js';

// Ids and identifiers are user input that key objects in memory and in the store. Names that
// Object.prototype already has (`constructor`, `toString`, `hasOwnProperty`) and `__proto__` must
// behave like any other name: no phantom objects, no false duplicates, nothing lost on restart.

const SECRET = 'prototype0secret0for0tests0only00000000000000000000';
const PROTOTYPE_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const server = (Identifier: string) => ({ Identifier, Name: Identifier, Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }] });
const m2m = (ClientId: string, AllowedOAuthScopes: string[]) => ({
  ClientId, ClientName: 'prototype-name', ClientSecret: SECRET, AllowedOAuthFlows: ['client_credentials'],
  AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes,
});
const fixtures = () => ({
  UserPools: [{
    Id: POOL_ID, Name: 'prototype-pool', SigningKeys: signingKeys(0),
    ResourceServers: PROTOTYPE_NAMES.map(server),
    UserPoolClients: [
      m2m('__proto__', ['constructor/read', 'toString/read']),
      m2m('constructor', ['hasOwnProperty/read']),
      m2m('toString', ['valueOf/read']),
    ],
  }],
});

const tmp = useTempDir('proto');
let data: string;
let mock: CognitoMock | undefined;
beforeEach(() => { data = tmp.join('db.json'); });
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});

async function scopeOf(clientId: string): Promise<unknown> {
  const res = await requestToken(mock!.tokenEndpoint, { clientId, secret: SECRET });
  const body = (await res.json()) as { access_token?: string };
  expect(res.status, `${clientId}: ${JSON.stringify(body)}`).toBe(200);
  return decodeJwt(body.access_token!).payload.scope;
}

describe('names that Object.prototype has, as ids and identifiers', () => {
  it('work in fixtures: every client gets its tokens, before and after a restart', async () => {
    for (let start = 0; start < 2; start++) {
      await mock?.stop();
      mock = await startCognitoMock({ fixtures: fixtures(), data });
      expect(await scopeOf('__proto__')).toBe('constructor/read toString/read');
      expect(await scopeOf('constructor')).toBe('hasOwnProperty/read');
      expect(await scopeOf('toString')).toBe('valueOf/read');
    }
    const stored = await readStoreFile(data);
    expect(Object.keys(stored.pools[POOL_ID]!.UserPoolClients).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.keys(stored.pools[POOL_ID]!.ResourceServers).sort()).toEqual([...PROTOTYPE_NAMES].sort());

    const sdk = managementClient(mock!.url);
    const listed = await sdk.send(new ListUserPoolClientsCommand({ UserPoolId: POOL_ID, MaxResults: 60 }));
    expect(listed.UserPoolClients!.map((c) => c.ClientId).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    const described = await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: '__proto__' }));
    expect(described.UserPoolClient!.AllowedOAuthScopes).toEqual(['constructor/read', 'toString/read']);
    const servers = await sdk.send(new ListResourceServersCommand({ UserPoolId: POOL_ID, MaxResults: 50 }));
    expect(servers.ResourceServers!.map((s) => s.Identifier).sort()).toEqual([...PROTOTYPE_NAMES].sort());
  });

  it('are unknown until defined: no phantom client or resource server', async () => {
    mock = await startCognitoMock({ fixtures: { UserPools: [{ Id: POOL_ID, Name: 'empty', SigningKeys: signingKeys(0) }] }, data });
    for (const clientId of ['__proto__', ...PROTOTYPE_NAMES]) {
      const res = await requestToken(mock.tokenEndpoint, { clientId, secret: SECRET });
      expect({ clientId, status: res.status, body: await res.json() }).toEqual({ clientId, status: 400, body: { error: 'invalid_client' } });
    }
    const sdk = managementClient(mock.url);
    for (const Identifier of PROTOTYPE_NAMES) {
      expect((await failure(sdk.send(new DescribeResourceServerCommand({ UserPoolId: POOL_ID, Identifier })))).name).toBe('ResourceNotFoundException');
      expect((await failure(sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: Identifier })))).name).toBe('ResourceNotFoundException');
    }
    // A client may not list a scope of a resource server that only Object.prototype "has".
    expect(await failure(sdk.send(new CreateUserPoolClientCommand({ UserPoolId: POOL_ID, ClientName: 'x', GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['constructor/read'] }))))
      .toMatchObject({ name: 'ScopeDoesNotExistException', message: 'Invalid scope requested: constructor/read' });
  });

  it('work through the management API, and survive a restart', async () => {
    mock = await startCognitoMock({ fixtures: { UserPools: [{ Id: POOL_ID, Name: 'api', SigningKeys: signingKeys(0) }] }, data });
    let sdk = managementClient(mock.url);
    for (const Identifier of PROTOTYPE_NAMES) {
      const { ResourceServer } = await sdk.send(new CreateResourceServerCommand({ UserPoolId: POOL_ID, ...server(Identifier) }));
      expect(ResourceServer!.Identifier).toBe(Identifier);
    }
    // A second create of the same name is the duplicate; the first was not.
    expect((await failure(sdk.send(new CreateResourceServerCommand({ UserPoolId: POOL_ID, ...server('constructor') })))).name).toBe('InvalidParameterException');
    await sdk.send(new UpdateResourceServerCommand({ UserPoolId: POOL_ID, Identifier: 'toString', Name: 'renamed',
      Scopes: [{ ScopeName: 'write', ScopeDescription: 'write' }] }));
    await sdk.send(new DeleteResourceServerCommand({ UserPoolId: POOL_ID, Identifier: 'valueOf' }));
    const { UserPoolClient: client } = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: POOL_ID, ClientName: 'proto',
      GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['constructor/read', 'toString/write', 'hasOwnProperty/read'] }));
    sdk.destroy();

    await mock.stop();
    mock = await startCognitoMock({ data });
    sdk = managementClient(mock.url);
    const servers = await sdk.send(new ListResourceServersCommand({ UserPoolId: POOL_ID, MaxResults: 50 }));
    expect(servers.ResourceServers!.map((s) => [s.Identifier, s.Name])).toEqual([
      ['constructor', 'constructor'], ['hasOwnProperty', 'hasOwnProperty'], ['toString', 'renamed'],
    ]);
    const res = await requestToken(mock.tokenEndpoint, { clientId: client!.ClientId!, secret: client!.ClientSecret! });
    expect(decodeJwt(((await res.json()) as { access_token: string }).access_token).payload.scope).toBe('constructor/read toString/write hasOwnProperty/read');
    sdk.destroy();
  });

  it('a __proto__ key in a hand-written store is an ordinary client, not a prototype', async () => {
    mock = await startCognitoMock({ fixtures: fixtures(), data });
    await mock.stop();
    mock = undefined;
    // Rewrite the file as a person would: JSON text with "__proto__" as a key.
    const text = await storeFileText(data);
    expect(text).toContain('"__proto__":{');
    await writeFile(data, JSON.stringify(JSON.parse(text), null, 2));
    mock = await startCognitoMock({ data });
    expect(await scopeOf('__proto__')).toBe('constructor/read toString/read');
    expect(mock.clients(POOL_ID).map((client) => client.ClientId).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    // How the store holds them in memory (no prototype to collide with) is no member of the testing API: read through the server.
    expect(Object.getPrototypeOf(mock.server.registry.pool(POOL_ID)!.UserPoolClients)).toBe(null);
  });

  it('reserves the resource server identifier __proto__ in fixtures, with the words the API uses', async () => {
    const error = await startServer({ fixtures: { UserPools: [{ Id: POOL_ID, Name: 'p', SigningKeys: signingKeys(0), ResourceServers: [server('__proto__')] }] } })
      .then(async (s) => { await s.close(); return undefined; }, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(['<fixtures object>: UserPools[0].ResourceServers[0].Identifier: The identifier __proto__ is reserved by cognito-mock.']);
  });
});
