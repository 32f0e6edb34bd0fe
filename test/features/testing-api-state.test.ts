import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kidOf } from '../../src/keys/signing-key.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { NEW_POOL_KEYS, ORDERS_CLIENT, OTHER_POOL_ID, POOL_ID, READER_CLIENT, testFixtures } from '../support/fixtures.js';
import { rawApiCall } from '../support/management-client.js';

// What the testing API shows of the mock's state: the objects as the management API describes
// them, so a test reads what an SDK call would answer without making it; and keys for new pools
// handed out from a list, so tests that create pools need not generate RSA keys.

const kid = (pem: string): string => kidOf(createPublicKey(pem));

describe('pool, pools, client, clients, resourceServers', () => {
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures(), keysForNewPools: NEW_POOL_KEYS }); });
  afterAll(() => mock.stop());

  it('show each object exactly as the management API describes it on the wire', async () => {
    expect(mock.pool(POOL_ID)).toEqual((await rawApiCall(mock.url, 'DescribeUserPool', { UserPoolId: POOL_ID })).body.UserPool);
    expect(mock.client(READER_CLIENT.id)).toEqual(
      (await rawApiCall(mock.url, 'DescribeUserPoolClient', { UserPoolId: POOL_ID, ClientId: READER_CLIENT.id })).body.UserPoolClient);
    expect(mock.client(ORDERS_CLIENT.id)!.ClientSecret).toBe(ORDERS_CLIENT.secret);
    expect(mock.resourceServers(POOL_ID)).toEqual([
      (await rawApiCall(mock.url, 'DescribeResourceServer', { UserPoolId: POOL_ID, Identifier: 'orders' })).body.ResourceServer,
    ]);
    const listed = (await rawApiCall(mock.url, 'ListUserPoolClients', { UserPoolId: POOL_ID, MaxResults: 60 })).body.UserPoolClients as { ClientId: string }[];
    expect(mock.clients(POOL_ID).map((c) => c.ClientId).sort()).toEqual(listed.map((c) => c.ClientId).sort());
    expect(mock.clients(POOL_ID).find((c) => c.ClientId === READER_CLIENT.id)).toEqual(mock.client(READER_CLIENT.id));
  });

  it('follow changes made through the API, pools created there included', async () => {
    const created = (await rawApiCall(mock.url, 'CreateUserPool', { PoolName: 'made-by-the-api' })).body.UserPool as { Id: string };
    expect(mock.pools().map((p) => p.Id)).toEqual([POOL_ID, OTHER_POOL_ID, created.Id]);
    expect(mock.pool(created.Id)).toEqual(created);
    expect(mock.clients(created.Id)).toEqual([]);
    const client = (await rawApiCall(mock.url, 'CreateUserPoolClient', { UserPoolId: created.Id, ClientName: 'late', GenerateSecret: true }))
      .body.UserPoolClient as { ClientId: string; ClientSecret: string };
    expect(mock.client(client.ClientId)).toEqual(client);
    expect(mock.clients(created.Id)).toEqual([client]);
  });

  it('answer undefined for an unknown pool or client, and throw for the lists of an unknown pool', () => {
    expect(mock.pool('us-east-1_Nope')).toBeUndefined();
    expect(mock.client('nobody')).toBeUndefined();
    expect(() => mock.clients('us-east-1_Nope')).toThrow('cognito-mock has no user pool us-east-1_Nope');
    expect(() => mock.resourceServers('us-east-1_Nope')).toThrow('cognito-mock has no user pool us-east-1_Nope');
  });

  it('hand out copies: changing one changes nothing in the mock', async () => {
    mock.pool(POOL_ID)!.Name = 'changed';
    mock.client(READER_CLIENT.id)!.AllowedOAuthScopes!.push('orders/write');
    mock.resourceServers(POOL_ID)[0]!.Scopes!.pop();
    expect(mock.pool(POOL_ID)!.Name).toBe('test-pool');
    expect(mock.client(READER_CLIENT.id)!.AllowedOAuthScopes).toEqual(['orders/read']);
    expect(mock.resourceServers(POOL_ID)[0]!.Scopes).toHaveLength(2);
  });
});

describe('snapshot', () => {
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures() }); });
  afterAll(() => mock.stop());

  it('stays the same across a rejected request and changes with an accepted one', async () => {
    const before = mock.snapshot();
    const rejected = await rawApiCall(mock.url, 'CreateUserPoolClient', { UserPoolId: POOL_ID, ClientName: 'x', AllowedOAuthScopes: ['orders/none'] });
    expect(rejected.status).toBe(400);
    expect(mock.snapshot()).toEqual(before);
    await rawApiCall(mock.url, 'AddUserPoolClientSecret', { UserPoolId: POOL_ID, ClientId: READER_CLIENT.id });
    expect(mock.snapshot()).not.toEqual(before);
  });

  it('is a copy: changing it changes nothing in the mock', () => {
    const snapshot = mock.snapshot();
    const text = JSON.stringify(snapshot);
    (snapshot as { pools: Record<string, unknown> }).pools = {};
    expect(JSON.stringify(mock.snapshot())).toBe(text);
    expect(mock.pool(POOL_ID)).toBeDefined();
  });
});

describe('keysForNewPools', () => {
  const jwksKids = async (mock: CognitoMock, poolId: string) =>
    ((await (await fetch(mock.jwksUri(poolId))).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);

  it('gives pools created through the API, and fixture pools new to the store, the listed keys in order: access-token key first', async () => {
    const fixtures = { UserPools: [...testFixtures().UserPools, { Id: 'us-east-1_NoKeys001', Name: 'no-keys' }] };
    const mock = await startCognitoMock({ fixtures, keysForNewPools: NEW_POOL_KEYS.slice(0, 4) });
    try {
      // The JWKS lists the ID-token key, then the access-token key (reference §3.1).
      expect(await jwksKids(mock, 'us-east-1_NoKeys001')).toEqual([kid(NEW_POOL_KEYS[1]!), kid(NEW_POOL_KEYS[0]!)]);
      const created = (await rawApiCall(mock.url, 'CreateUserPool', { PoolName: 'listed' })).body.UserPool as { Id: string };
      expect(await jwksKids(mock, created.Id)).toEqual([kid(NEW_POOL_KEYS[3]!), kid(NEW_POOL_KEYS[2]!)]);
    } finally {
      await mock.stop();
    }
  });

  it('generates the keys a pool needs once the list is used up', async () => {
    const mock = await startCognitoMock({ keysForNewPools: NEW_POOL_KEYS.slice(0, 1) });
    try {
      const created = (await rawApiCall(mock.url, 'CreateUserPool', { PoolName: 'half-listed' })).body.UserPool as { Id: string };
      const [idKid, accessKid] = await jwksKids(mock, created.Id);
      expect(accessKid).toBe(kid(NEW_POOL_KEYS[0]!));
      expect(NEW_POOL_KEYS.map(kid)).not.toContain(idKid);
    } finally {
      await mock.stop();
    }
  });

  it('refuses a list with a key that is not a private RSA key of 2048 bits or more, naming its place', async () => {
    await expect(startCognitoMock({ keysForNewPools: [NEW_POOL_KEYS[0]!, 'not a key'] }))
      .rejects.toThrow('cognito-mock: keysForNewPools[1] is not a private key (expected a PEM string or a private RSA JWK)');
  });
});
