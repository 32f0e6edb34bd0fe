import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { CreateUserPoolClientCommand, type CreateUserPoolClientCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/model/config-error.js';
import { startServer } from '../../src/server.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { POOL_ID, decodeJwt, requestToken, signingKeys, testFixtures } from '../support/fixtures.js';
import { managementClient } from '../support/management-client.js';
import { readStoreFile } from '../../src/store/store.js';
import { useTempDir } from '../support/temp-dir.js';

// The lowdb store across restarts: keys generated once and kept, fixtures
// applied over the store at every start, and a store that cannot be read is reported and never
// overwritten.

const SECRET = 'restart0secret0for0tests0only0000000000000000000000';
const ORDERS_SERVER = (scopes: string[]) => ({
  Identifier: 'orders', Name: 'Orders API', Scopes: scopes.map((ScopeName) => ({ ScopeName, ScopeDescription: ScopeName })),
});
const m2mClient = (ClientId: string, scopes: string[]) => ({
  ClientId, ClientName: ClientId, ClientSecret: SECRET, AllowedOAuthFlows: ['client_credentials'],
  AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: scopes,
});

const tmp = useTempDir('store');
let data: string;
let mock: CognitoMock | undefined;
beforeEach(() => { data = tmp.join('state', 'db.json'); });
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});

async function restart(fixtures: { UserPools: unknown[] }): Promise<CognitoMock> {
  await mock?.stop();
  mock = await startCognitoMock({ fixtures, data });
  return mock;
}

async function token(clientId: string, secret = SECRET, scope?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await requestToken(mock!.tokenEndpoint, { clientId, secret, ...(scope === undefined ? {} : { scope }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A client made at run time, through the management API: it lives in the store, not in the fixtures. */
async function createClient(UserPoolId: string, settings: Partial<CreateUserPoolClientCommandInput> = {}): Promise<{ id: string; secret: string }> {
  const { UserPoolClient } = await managementClient(mock!.url).send(new CreateUserPoolClientCommand({
    UserPoolId, ClientName: 'runtime', GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: ['orders/read'], ...settings,
  }));
  return { id: UserPoolClient!.ClientId!, secret: UserPoolClient!.ClientSecret! };
}

const jwksOf = async (poolId: string) => (await (await fetch(mock!.jwksUri(poolId))).json()) as { keys: { kid: string }[] };

describe('restart with the same store', () => {
  it('keeps generated keys, so kids stay the same and tokens issued before the restart still verify', async () => {
    // No SigningKeys in the fixture: the pool's keys are generated on first start (the subject of this test).
    const fixtures = { UserPools: [{ Id: 'us-east-1_Restart01', Name: 'restart', ResourceServers: [ORDERS_SERVER(['read'])], UserPoolClients: [m2mClient('keeper', ['orders/read'])] }] };
    await restart(fixtures);
    const before = await jwksOf('us-east-1_Restart01');
    const issued = (await token('keeper')).body.access_token as string;

    await restart(fixtures);
    const after = await jwksOf('us-east-1_Restart01');
    expect(after).toEqual(before);
    const { payload } = await jwtVerify(issued, createLocalJWKSet(after as never), { issuer: mock!.issuer('us-east-1_Restart01') });
    expect(payload.client_id).toBe('keeper');
    expect(decodeJwt((await token('keeper')).body.access_token as string).header.kid).toBe(decodeJwt(issued).header.kid);
  });

  it('writes the store with mode 0600 and leaves no temporary file behind', async () => {
    await restart(testFixtures());
    expect((await stat(data)).mode & 0o777).toBe(0o600);
    expect(await readdir(tmp.join('state'))).toEqual(['db.json', 'db.json.journal', 'db.json.lock']);
    expect(await readStoreFile(data)).toMatchObject({ formatVersion: 1, pools: { [POOL_ID]: { UserPool: { Id: POOL_ID } } } });
  });

  it('keeps objects created at run time, and applies changed fixtures over the store', async () => {
    const fixtures = (validity: number) => ({ UserPools: [{
      Id: 'us-east-1_Restart02', Name: 'restart', SigningKeys: signingKeys(0), ResourceServers: [ORDERS_SERVER(['read'])],
      UserPoolClients: [{ ...m2mClient('fromfixture', ['orders/read']), AccessTokenValidity: validity, TokenValidityUnits: { AccessToken: 'minutes' } }],
    }] });
    await restart(fixtures(10));
    const runtime = await createClient('us-east-1_Restart02', { AccessTokenValidity: 10, TokenValidityUnits: { AccessToken: 'minutes' } });

    await restart(fixtures(20));
    expect((await token('fromfixture')).body.expires_in).toBe(1200);
    expect((await token(runtime.id, runtime.secret)).body.expires_in).toBe(600);
  });

  it('leaves a scope out of tokens once its resource server no longer defines it (reference §1.5)', async () => {
    const pool = (scopes: string[], clients: unknown[]) => ({ UserPools: [{
      Id: 'us-east-1_Restart03', Name: 'restart', SigningKeys: signingKeys(0), ResourceServers: [ORDERS_SERVER(scopes)], UserPoolClients: clients,
    }] });
    await restart(pool(['read', 'write'], [m2mClient('stored', ['orders/write', 'orders/read'])]));
    expect(decodeJwt((await token('stored')).body.access_token as string).payload.scope).toBe('orders/write orders/read');

    // The client stays in the store; the fixture's resource server drops `write`.
    await restart(pool(['read'], []));
    expect(decodeJwt((await token('stored')).body.access_token as string).payload.scope).toBe('orders/read');
    expect(decodeJwt((await token('stored', SECRET, 'orders/write orders/read')).body.access_token as string).payload.scope).toBe('orders/read');
    expect(await token('stored', SECRET, 'orders/write')).toEqual({ status: 400, body: { error: 'invalid_scope' } });
  });
});

describe('the store journal (<store>.journal)', () => {
  it('holds changes beside the snapshot; a restart replays them, and a torn last line (a crash mid-append) is dropped', async () => {
    mock = await startCognitoMock({ fixtures: testFixtures(), data });
    const journaled = await createClient(POOL_ID);
    await mock.stop();
    mock = undefined;
    expect(await readFile(`${data}.journal`, 'utf8')).toContain(journaled.id);
    await writeFile(`${data}.journal`, `${await readFile(`${data}.journal`, 'utf8')}{"set":["pools","${POOL_ID}","UserPoolClients","torn"],"va`);
    expect(Object.keys((await readStoreFile(data)).pools[POOL_ID]!.UserPoolClients)).toContain(journaled.id);
    expect(Object.keys((await readStoreFile(data)).pools[POOL_ID]!.UserPoolClients)).not.toContain('torn');
    expect(await readFile(`${data}.journal`, 'utf8')).toMatch(/\n$/);
  });

  it('rejects a journal with a broken line in the middle, naming file and line, and changes neither file', async () => {
    mock = await startCognitoMock({ fixtures: testFixtures(), data });
    await createClient(POOL_ID);
    await mock.stop();
    mock = undefined;
    const journal = `not json\n${await readFile(`${data}.journal`, 'utf8')}`;
    await writeFile(`${data}.journal`, journal);
    const snapshot = await readFile(data, 'utf8');
    await expect(startServer({ fixtures: testFixtures(), data })).rejects.toMatchObject({
      problems: [`${data}: cannot load the store: ${data}.journal: line 1 is not valid JSON. Fix or remove the file; it was not changed.`],
    });
    expect(await readFile(`${data}.journal`, 'utf8')).toBe(journal);
    expect(await readFile(data, 'utf8')).toBe(snapshot);
  });
});

describe('a store that cannot be used', () => {
  const pem = signingKeys(0).AccessToken;
  const validPool = (id: string, extra: Record<string, unknown> = {}) => ({
    UserPool: { Id: id, Name: 'p', CreationDate: 1, LastModifiedDate: 1 },
    Keys: { access: { privateKeyPem: pem }, id: { privateKeyPem: pem } }, ResourceServers: {}, UserPoolClients: {}, ...extra,
  });
  const FIX = '. Fix or remove the file; it was not changed.';

  it.each<[string, string, (file: string) => string[]]>([
    ['not JSON', '{"formatVersion": 1, "pools": {', (file) => [expect.stringMatching(new RegExp(`^${file.replaceAll('/', '\\/')}: cannot load the store: not valid JSON \\(.+\\)\\. Fix or remove the file; it was not changed\\.$`)) as unknown as string]],
    ['empty', '', (file) => [expect.stringMatching(new RegExp(`^${file.replaceAll('/', '\\/')}: cannot load the store: not valid JSON`)) as unknown as string]],
    ['an array', '[]', (file) => [`${file}: the store must be a JSON object${FIX}`]],
    ['another format version', '{"formatVersion": 2, "pools": {}}', (file) => [`${file}: formatVersion must be 1, got 2${FIX}`]],
    ['pools not an object', '{"formatVersion": 1, "pools": []}', (file) => [`${file}: pools must be an object${FIX}`]],
    ['a pool under another id', JSON.stringify({ formatVersion: 1, pools: { 'us-east-1_A': validPool('us-east-1_B') } }),
      (file) => [`${file}: pools["us-east-1_A"].UserPool.Id must be "us-east-1_A"${FIX}`]],
    ['a pool without keys', JSON.stringify({ formatVersion: 1, pools: { 'us-east-1_A': validPool('us-east-1_A', { Keys: {} }) } }),
      (file) => [`${file}: pools["us-east-1_A"].Keys must hold the access and id private keys${FIX}`]],
    ['a key that is not a private key', JSON.stringify({ formatVersion: 1, pools: { 'us-east-1_A': validPool('us-east-1_A', { Keys: { access: { privateKeyPem: 'garbage' }, id: { privateKeyPem: pem } } }) } }),
      (file) => [`${file}: pools["us-east-1_A"].Keys.access.privateKeyPem is not a private key (expected a PEM string or a private RSA JWK)${FIX}`]],
    ['a client under another id', JSON.stringify({ formatVersion: 1, pools: { 'us-east-1_A': validPool('us-east-1_A', { UserPoolClients: { abc: { ClientId: 'xyz' } } }) } }),
      (file) => [`${file}: pools["us-east-1_A"].UserPoolClients["abc"].ClientId must be "abc"${FIX}`]],
    ['a resource server whose scopes are not a list', JSON.stringify({ formatVersion: 1, pools: { 'us-east-1_A': validPool('us-east-1_A', { ResourceServers: { orders: { Identifier: 'orders', Name: 'o', Scopes: {} } } }) } }),
      (file) => [`${file}: pools["us-east-1_A"].ResourceServers["orders"].Scopes must be a list of {ScopeName, ScopeDescription}${FIX}`]],
  ])('rejects a store that is %s with a ConfigError naming the file, and leaves it byte for byte', async (_case, content, problems) => {
    const file = tmp.join('db.json');
    await writeFile(file, content, { mode: 0o600 });
    const before = await stat(file);
    const error: unknown = await startServer({ fixtures: testFixtures(), data: file }).then(async (server) => {
      await server.close();
      return undefined;
    }, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(problems(file));
    expect(await readFile(file, 'utf8')).toBe(content);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect(await readdir(tmp.path)).toEqual(['db.json']);
  });

  it('names a damaged key in a store too large to import every key at start (101 pools: PEM checked, keys imported on use)', async () => {
    const pools: Record<string, unknown> = {};
    for (let i = 0; i < 101; i++) pools[`us-east-1_P${i}`] = validPool(`us-east-1_P${i}`);
    const damaged = `${pem.slice(0, 100)}!${pem.slice(101)}`;
    pools['us-east-1_P7'] = validPool('us-east-1_P7', { Keys: { access: { privateKeyPem: pem }, id: { privateKeyPem: damaged } } });
    const file = tmp.join('db.json');
    await writeFile(file, JSON.stringify({ formatVersion: 1, pools }), { mode: 0o600 });
    await expect(startServer({ data: file })).rejects.toMatchObject({
      problems: [`${file}: pools["us-east-1_P7"].Keys.id.privateKeyPem is not a private key (expected a PEM string or a private RSA JWK)${FIX}`],
    });
    pools['us-east-1_P7'] = validPool('us-east-1_P7');
    await writeFile(file, JSON.stringify({ formatVersion: 1, pools }), { mode: 0o600 });
    const server = await startServer({ data: file });
    try {
      expect((await fetch(`${server.url}/us-east-1_P100/.well-known/jwks.json`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('reports the store\'s problems together with the fixtures\' problems', async () => {
    const file = tmp.join('db.json');
    await writeFile(file, '[]');
    const error: unknown = await startServer({ fixtures: { UserPools: [{ Id: 'bad' }] }, data: file }).catch((e: unknown) => e);
    expect((error as ConfigError).problems).toEqual([
      '<fixtures object>: UserPools[0].Id: must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+ (got "bad")',
      '<fixtures object>: UserPools[0].Name: must not be null',
      `${file}: the store must be a JSON object${FIX}`,
    ]);
  });
});
