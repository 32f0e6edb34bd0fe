import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserPoolClient } from '../../src/model/types.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { appDir, startCli, useBuiltCli } from '../support/cli-process.js';
import { NEW_POOL_KEYS, ORDERS_CLIENT, POOL_ID, READER_CLIENT, testFixtures, writeFixtureFile } from '../support/fixtures.js';
import { type RawResponse, callApi, tokenRequest } from './support/raw-http.js';
import { readStoreFile } from '../../src/store/store.js';
import { useTempDir } from '../support/temp-dir.js';

// A store that cannot be written: the write fails, the request that needed it gets
// Cognito's 500 InternalErrorException with a clear message, memory goes back to what the file
// holds, the server keeps serving tokens, and no half-written file or temp file is left.

const FAILED_WRITE = { __type: 'InternalErrorException', message: 'The store could not be written; the change was not made.' };
const M2M = { UserPoolId: POOL_ID, GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'],
  AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'] };

const tmp = useTempDir('write-failure');
useBuiltCli();
afterEach(() => { vi.restoreAllMocks(); });

function expectFailedWrite(res: RawResponse): void {
  expect(res.status).toBe(500);
  expect(res.headers['x-amzn-errortype']).toBe('InternalErrorException');
  expect(res.json).toEqual(FAILED_WRITE);
}

const tokenStatus = async (url: string): Promise<number> => (await tokenRequest(url, ORDERS_CLIENT.id, ORDERS_CLIENT.secret)).status;

describe('a store directory that disappears under a running server (in-process)', () => {
  let mock: CognitoMock;
  let stateDir: string;
  let data: string;
  let logged: string[];
  beforeEach(async () => {
    stateDir = tmp.join('state');
    data = join(stateDir, 'db.json');
    mock = await startCognitoMock({ fixtures: testFixtures(), data, keysForNewPools: NEW_POOL_KEYS });
    logged = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => { logged.push(String(line)); });
  });
  afterEach(() => mock.stop().catch(() => undefined));

  const describeClient = async (clientId: string) =>
    (await callApi(mock.url, 'DescribeUserPoolClient', { UserPoolId: POOL_ID, ClientId: clientId })).json as { UserPoolClient?: UserPoolClient; __type?: string };

  it('fails the request with 500 InternalErrorException, keeps memory as the file was, and keeps serving tokens', async () => {
    const before = await describeClient(READER_CLIENT.id);
    await rm(stateDir, { recursive: true });

    expectFailedWrite(await callApi(mock.url, 'UpdateUserPoolClient', { UserPoolId: POOL_ID, ClientId: READER_CLIENT.id, ClientName: 'changed' }));
    expectFailedWrite(await callApi(mock.url, 'CreateUserPoolClient', { ...M2M, ClientName: 'never-made' }));
    expectFailedWrite(await callApi(mock.url, 'DeleteResourceServer', { UserPoolId: POOL_ID, Identifier: 'orders' }));
    expectFailedWrite(await callApi(mock.url, 'DeleteUserPoolClient', { UserPoolId: POOL_ID, ClientId: ORDERS_CLIENT.id }));

    // Nothing of the four changes is visible.
    expect(await describeClient(READER_CLIENT.id)).toEqual(before);
    const listed = (await callApi(mock.url, 'ListUserPoolClients', { UserPoolId: POOL_ID, MaxResults: 60 })).json as { UserPoolClients: { ClientName: string }[] };
    expect(listed.UserPoolClients.map((c) => c.ClientName)).not.toContain('never-made');
    expect((await callApi(mock.url, 'DescribeResourceServer', { UserPoolId: POOL_ID, Identifier: 'orders' })).status).toBe(200);
    expect(await tokenStatus(mock.url)).toBe(200);
    // The log names the cause (for the operator) and holds no secret.
    expect(logged.length).toBeGreaterThanOrEqual(4);
    for (const line of logged) expect(line).toMatch(/^cognito-mock: store write failed: ENOENT: no such file or directory/);
    expect(logged.join('\n')).not.toContain(ORDERS_CLIENT.secret);
  });

  it('drops every change of a failed write, also changes queued behind it, so none is written by a later success', async () => {
    const { registry } = mock.server;
    const original = registry.client(READER_CLIENT.id)!.client;
    await rm(stateDir, { recursive: true });
    // Two updates of one client and a new client, started in the same tick: the first starts a
    // write, the others wait for the next one. All three must fail and leave no trace.
    const results = await Promise.allSettled([
      registry.putClient({ ...original, ClientName: 'first' }),
      registry.putClient({ ...original, ClientName: 'second' }),
      registry.putClient({ ...original, ClientId: 'queuedclient', ClientName: 'queued' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(registry.client(READER_CLIENT.id)!.client).toEqual(original);
    expect(registry.client('queuedclient')).toBeUndefined();

    // The directory comes back; the next write succeeds and holds only its own change.
    await mkdir(stateDir);
    const created = await callApi(mock.url, 'CreateUserPoolClient', { ...M2M, ClientName: 'after-recovery' });
    expect(created.status).toBe(200);
    const stored = await readStoreFile(data);
    const names = Object.values(stored.pools[POOL_ID]!.UserPoolClients).map((c) => c.ClientName);
    expect(names).toContain('after-recovery');
    expect(names).toContain('reader');
    expect(names.filter((n) => ['first', 'second', 'queued'].includes(n))).toEqual([]);
    expect(await readdir(stateDir)).toEqual(['db.json', 'db.json.journal']);

    // And a restart sees the same.
    await mock.stop();
    mock = await startCognitoMock({ data });
    expect((await describeClient(READER_CLIENT.id)).UserPoolClient!.ClientName).toBe('reader');
    expect((await describeClient('queuedclient')).__type).toBe('ResourceNotFoundException');
  });

  it('a failed CreateUserPool leaves no pool behind: no JWKS, no listing', async () => {
    await rm(stateDir, { recursive: true });
    expectFailedWrite(await callApi(mock.url, 'CreateUserPool', { PoolName: 'lost' }));
    const pools = (await callApi(mock.url, 'ListUserPools', { MaxResults: 60 })).json as { UserPools: { Id: string; Name: string }[] };
    expect(pools.UserPools.map((p) => p.Name).sort()).toEqual(['other-pool', 'test-pool']);
    expect(mock.pools()).toHaveLength(2);
  });
});

describe('a full disk under the built CLI', () => {
  // RLIMIT_FSIZE (`ulimit -f`, 512-byte blocks in POSIX sh) makes every write past the limit fail
  // with EFBIG, like a full disk does with ENOSPC: the same failed write(2), and it needs no root,
  // no mount, and works the same for root (where chmod cannot make a directory read-only).
  const LIMIT_BYTES = 64 * 512;

  it('fails the write that does not fit with 500, leaves the file whole, keeps serving, and recovers', async () => {
    const data = tmp.join('db.json');
    const fixtures = await writeFixtureFile(tmp.path);
    const cliArgs = ['--port', '0', '--data', data, '--fixtures', fixtures];
    const cli = await startCli([], {
      command: ['sh', '-c', `ulimit -f ${LIMIT_BYTES / 512} && exec "$@"`, 'sh', process.execPath, join(appDir(), 'dist', 'cli.js'), ...cliArgs],
    });

    const acknowledged = new Map<string, string>();
    let failed: RawResponse | undefined;
    for (let i = 0; i < 500 && !failed; i++) {
      const res = await callApi(cli.url, 'CreateUserPoolClient', { ...M2M, ClientName: `fill-${i}` });
      if (res.status === 200) {
        const { UserPoolClient } = res.json as { UserPoolClient: UserPoolClient };
        acknowledged.set(UserPoolClient.ClientId, UserPoolClient.ClientSecret!);
      } else {
        failed = res;
      }
    }
    expect(acknowledged.size).toBeGreaterThan(5);
    expectFailedWrite(failed!);

    // Still up, still serving tokens (also to a client created before the disk filled).
    expect(cli.child.exitCode).toBeNull();
    expect(await tokenStatus(cli.url)).toBe(200);
    const [someId, someSecret] = [...acknowledged][0]!;
    expect((await tokenRequest(cli.url, someId, someSecret)).status).toBe(200);

    // The file on disk is whole JSON holding exactly the acknowledged clients; no temp file is left.
    const storedIds = async () => Object.keys((await readStoreFile(data)).pools[POOL_ID]!.UserPoolClients);
    const fixtureIds = testFixtures().UserPools[0]!.UserPoolClients.map((c) => c.ClientId);
    expect((await storedIds()).sort()).toEqual([...fixtureIds, ...acknowledged.keys()].sort());
    expect((await readdir(tmp.path)).sort()).toEqual(['db.json', 'db.json.journal', 'db.json.lock', 'fixtures.json']);
    const listed = (await callApi(cli.url, 'ListUserPoolClients', { UserPoolId: POOL_ID, MaxResults: 60 })).json as { UserPoolClients: unknown[] };
    expect(listed.UserPoolClients.length).toBeLessThanOrEqual(60);

    // A write that fits again (a delete makes the file smaller) succeeds and does not carry the failed create.
    expect((await callApi(cli.url, 'DeleteUserPoolClient', { UserPoolId: POOL_ID, ClientId: someId })).status).toBe(200);
    acknowledged.delete(someId);
    expect((await storedIds()).sort()).toEqual([...fixtureIds, ...acknowledged.keys()].sort());

    // The operator sees why; nobody sees a secret.
    expect(cli.stderr()).toMatch(/cognito-mock: store write failed: EFBIG: file too large/);
    for (const secret of [ORDERS_CLIENT.secret, ...acknowledged.values()]) expect(cli.stderr() + cli.stdout()).not.toContain(secret);
    expect((await cli.stop()).code).toBe(0);

    // After a restart (no limit) every acknowledged client is there, and only those.
    const again = await startCli(cliArgs);
    for (const [id, secret] of acknowledged) expect((await tokenRequest(again.url, id, secret)).status).toBe(200);
    expect((await storedIds()).sort()).toEqual([...fixtureIds, ...acknowledged.keys()].sort());
  });
});
