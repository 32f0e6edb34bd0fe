import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { readStoreFile, storeFileText } from '../../src/store/store.js';
import { decodeJwt, requestToken, signingKeys } from '../support/fixtures.js';

// Fixtures applied over a store at start (README "Fixtures and the store"): a client id a fixture
// lists under another pool than the store holds it in moves to the fixture's pool, whichever pool
// held it and in whichever order the pools come; the same fixtures again write nothing; and what a
// fixture leaves unset (null) is not stored.

const FIRST = 'us-east-1_Moving001';
const SECOND = 'us-east-1_Moving002';
const CLIENT = { id: 'moving0client', secret: 'moving0secret0for0tests0only00000000000000000000' };
const m2m = {
  ClientId: CLIENT.id, ClientName: 'mover', ClientSecret: CLIENT.secret, AllowedOAuthFlows: ['client_credentials'],
  AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'],
};
const poolFixture = (Id: string, n: 0 | 1, clients: unknown[]) => ({
  Id, Name: Id.slice(-3), SigningKeys: signingKeys(n), UserPoolClients: clients,
  ResourceServers: [{ Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] }],
});

let dir: string;
let data: string;
let mock: CognitoMock | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cognito-mock-apply-fixtures-'));
  data = join(dir, 'db.json');
});
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function start(pools: unknown[]): Promise<CognitoMock> {
  await mock?.stop();
  mock = await startCognitoMock({ fixtures: { UserPools: pools }, data });
  return mock;
}

/** The pools the store file lists the client in, and the issuer of the token it gets. */
async function whereIsTheClient(): Promise<{ stored: string[]; issuer: unknown }> {
  const pools = (await readStoreFile(data)).pools;
  const stored = Object.keys(pools).filter((id) => Object.hasOwn(pools[id]!.UserPoolClients, CLIENT.id));
  const res = await requestToken(mock!.tokenEndpoint, { clientId: CLIENT.id, secret: CLIENT.secret });
  const body = (await res.json()) as { access_token: string };
  return { stored, issuer: decodeJwt(body.access_token).payload.iss };
}

describe('a fixture client that another pool holds in the store', () => {
  it('moves out of a pool that is no fixture any more', async () => {
    await start([poolFixture(FIRST, 0, [m2m]), poolFixture(SECOND, 1, [])]);
    await start([poolFixture(SECOND, 1, [m2m])]);
    await mock!.stop();
    mock = undefined;
    expect((await readStoreFile(data)).pools[FIRST]?.UserPoolClients).toEqual({});
    await start([poolFixture(SECOND, 1, [m2m])]);
    expect(await whereIsTheClient()).toEqual({ stored: [SECOND], issuer: mock!.issuer(SECOND) });
  });

  it.each([['after', [FIRST, SECOND]], ['before', [SECOND, FIRST]]])('moves between fixture pools, its new pool listed %s the old one', async (_case, order) => {
    await start([poolFixture(FIRST, 0, [m2m]), poolFixture(SECOND, 1, [])]);
    const pools: Record<string, unknown> = { [FIRST]: poolFixture(FIRST, 0, []), [SECOND]: poolFixture(SECOND, 1, [m2m]) };
    await start(order.map((id) => pools[id]));
    expect(await whereIsTheClient()).toEqual({ stored: [SECOND], issuer: mock!.issuer(SECOND) });
  });
});

describe('the same fixtures again', () => {
  it('write nothing: the store\'s bytes stay as they were', async () => {
    const pools = [poolFixture(FIRST, 0, [m2m, { ClientId: 'generated0secret', ClientName: 'g', GenerateSecret: true }])];
    await start(pools);
    await mock!.stop();
    mock = undefined;
    const before = await storeFileText(data);
    await start(pools);
    await mock!.stop();
    mock = undefined;
    expect(await storeFileText(data)).toBe(before);
  });
});

describe('a null member of a fixture client', () => {
  it('is one not set, as the API reads it: the default hour, and the store it leaves loads at the next start', async () => {
    const pools = [poolFixture(FIRST, 0, [{ ...m2m, AccessTokenValidity: null }])];
    for (const _round of [1, 2]) {
      await start(pools);
      const res = await requestToken(mock!.tokenEndpoint, { clientId: CLIENT.id, secret: CLIENT.secret });
      expect(((await res.json()) as { expires_in: number }).expires_in).toBe(3600);
    }
    expect((await readStoreFile(data)).pools[FIRST]!.UserPoolClients[CLIENT.id]).not.toHaveProperty('AccessTokenValidity');
  });
});

