import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningCli, startCli, useBuiltCli } from '../support/cli-process.js';
import { ORDERS_CLIENT, POOL_ID, requestToken, testFixtures, writeFixtureFile } from '../support/fixtures.js';
import { managementClient } from '../support/management-client.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { readStoreFile, storeFileText } from '../../src/store/store.js';
import { useTempDir } from '../support/temp-dir.js';

// One writer per store file: a second server on a store another one holds stops at once, naming
// the file and the holder; a lock whose holder is gone is taken over; --in-memory takes none.

const FAILED = 'cognito-mock: cannot start:\n';

const tmp = useTempDir('lock');
useBuiltCli();
let data: string;
let lockFile: string;
let fixtureFile: string;
let cliArgs: string[];
const mocks: CognitoMock[] = [];

beforeEach(async () => {
  data = tmp.join('db.json');
  lockFile = `${data}.lock`;
  fixtureFile = await writeFixtureFile(tmp.path);
  cliArgs = ['--port', '0', '--data', data, '--fixtures', fixtureFile];
});
afterEach(async () => { await Promise.all(mocks.splice(0).map((mock) => mock.stop())); });

/** Starts CLIs at the same moment: the ones that listen, and the output of the ones that exited. */
async function startTogether(count: number): Promise<{ running: RunningCli[]; refused: string[] }> {
  const results = await Promise.allSettled(Array.from({ length: count }, () => startCli(cliArgs)));
  return {
    running: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    refused: results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : [])),
  };
}

/** The stderr a refused CLI prints when a live server of this machine holds the store. */
const refusedBy = (pid: number): RegExp => new RegExp(
  `^the CLI exited \\(code 1, signal null\\) before listening:\\n${FAILED}  ${escapeRegExp(data)}: in use by another cognito-mock \\(pid ${pid} on \\S+, holding it since \\S+, command: \\S+ \\S+ ${escapeRegExp(cliArgs.join(' '))}\\): two servers on one store would overwrite each other's changes\\. Stop that server first, or use another store file \\(or keep this one in memory\\)\\.\\n$`,
);
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const lockHolder = async (): Promise<{ pid: number; nonce: string } & Record<string, unknown>> => JSON.parse(await readFile(lockFile, 'utf8'));

async function tokenStatus(url: string): Promise<number> {
  return (await requestToken(`${url}/oauth2/token`, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret })).status;
}

async function createClient(url: string, ClientName: string): Promise<string> {
  const { UserPoolClient } = await managementClient(url).send(new CreateUserPoolClientCommand({ UserPoolId: POOL_ID, ClientName }));
  return UserPoolClient!.ClientId!;
}

describe('one server per store file: the CLI', () => {
  it('of two servers started at the same moment on one store, exactly one runs; the other exits 1 naming the file and the holder', async () => {
    const { running, refused } = await startTogether(2);
    expect(running).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(refusedBy(running[0]!.child.pid!));
    expect((await lockHolder()).pid).toBe(running[0]!.child.pid);
    expect(await tokenStatus(running[0]!.url)).toBe(200);
  });

  it('refuses a second server while the first runs, changing no byte of the store, and the first keeps serving tokens and writes', async () => {
    const first = await startCli(cliArgs);
    const before = await createClient(first.url, 'before');
    const [storeBefore, lockBefore, storeStat] = [await storeFileText(data), await readFile(lockFile, 'utf8'), await stat(data)];

    const [{ refused }] = await Promise.all([startTogether(1), tokenStatus(first.url)]);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(refusedBy(first.child.pid!));
    expect(await storeFileText(data)).toBe(storeBefore);
    expect((await stat(data)).mtimeMs).toBe(storeStat.mtimeMs);
    expect(await readFile(lockFile, 'utf8')).toBe(lockBefore);

    expect(await tokenStatus(first.url)).toBe(200);
    const after = await createClient(first.url, 'after');
    expect((await first.stop()).code).toBe(0);
    // The stop let go of the store: no lock left, and every write is there.
    expect((await readdir(tmp.path)).sort()).toEqual(['db.json', 'db.json.journal', 'fixtures.json']);
    expect(Object.keys((await readStoreFile(data)).pools[POOL_ID]!.UserPoolClients)).toEqual(expect.arrayContaining([before, after]));
  });

  it('takes over the lock of a SIGKILLed server at the next start, with every acknowledged write', async () => {
    const killed = await startCli(cliArgs);
    const clientId = await createClient(killed.url, 'kept');
    expect((await killed.stop('SIGKILL')).signal).toBe('SIGKILL');
    expect((await lockHolder()).pid).toBe(killed.child.pid);

    const next = await startCli(cliArgs);
    expect((await lockHolder()).pid).toBe(next.child.pid);
    expect(await tokenStatus(next.url)).toBe(200);
    expect(Object.keys((await readStoreFile(data)).pools[POOL_ID]!.UserPoolClients)).toContain(clientId);
  });

  it('of three servers started at the same moment on a SIGKILLed server\'s lock, exactly one takes it over', async () => {
    await (await startCli(cliArgs)).stop('SIGKILL');
    const { running, refused } = await startTogether(3);
    expect(running).toHaveLength(1);
    expect(refused).toHaveLength(2);
    for (const output of refused) expect(output).toMatch(refusedBy(running[0]!.child.pid!));
    expect((await lockHolder()).pid).toBe(running[0]!.child.pid);
    // No claim or temp file of the race stays behind.
    expect((await readdir(tmp.path)).sort()).toEqual(['db.json', 'db.json.journal', 'db.json.lock', 'fixtures.json']);
  });

  it('takes no lock with --in-memory: two such servers run side by side and write no file', async () => {
    const args = ['--port', '0', '--in-memory', '--fixtures', fixtureFile];
    const servers = await Promise.all([startCli(args, { cwd: tmp.path }), startCli(args, { cwd: tmp.path })]);
    for (const server of servers) expect(await tokenStatus(server.url)).toBe(200);
    expect(await readdir(tmp.path)).toEqual(['fixtures.json']);
  });
});

describe('one server per store file: startCognitoMock', () => {
  it('refuses a second mock on the same data while the first runs; after stop() a new one starts', async () => {
    const first = await startCognitoMock({ fixtures: testFixtures(), data });
    mocks.push(first);
    const storeBefore = await storeFileText(data);
    await expect(startCognitoMock({ fixtures: testFixtures(), data })).rejects.toThrow(
      `${data}: in use by a server in this process (pid ${process.pid}, holding it since ${String((await lockHolder()).lockedAt)}): two servers on one store would overwrite each other's changes. Stop that server first, or use another store file (or keep this one in memory).`,
    );
    expect(await storeFileText(data)).toBe(storeBefore);
    // Reading the store from outside takes nothing from the running mock.
    expect(Object.keys((await readStoreFile(data)).pools)).toContain(POOL_ID);
    await expect(startCognitoMock({ data })).rejects.toThrow(/in use by a server in this process/);
    expect(await tokenStatus(first.url)).toBe(200);

    await mocks.pop()!.stop();
    await expect(readFile(lockFile)).rejects.toMatchObject({ code: 'ENOENT' });
    const second = await startCognitoMock({ data });
    mocks.push(second);
    expect(await tokenStatus(second.url)).toBe(200);
  });

  it('lets exactly one of several mocks started at the same moment on one store run', async () => {
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => startCognitoMock({ fixtures: testFixtures(), data })));
    mocks.push(...results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
    expect(mocks).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/in use by a server in this process/);
  });

  it('lets exactly one of several mocks started at the same moment take over a dead process\'s lock', async () => {
    mocks.push(await startCognitoMock({ fixtures: testFixtures(), data }));
    const holder = await lockHolder();
    await mocks.pop()!.stop();
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(lockFile, JSON.stringify({ ...holder, pid: deadPid, nonce: 'dead-process' }));

    const results = await Promise.allSettled(Array.from({ length: 6 }, () => startCognitoMock({ data })));
    mocks.push(...results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
    expect(mocks).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/in use by a server in this process/);
    expect((await lockHolder()).nonce).not.toBe('dead-process');
    expect((await readdir(tmp.path)).sort()).toEqual(['db.json', 'db.json.journal', 'db.json.lock', 'fixtures.json']);
  });

  it('lets go of the store when a start fails after opening it: a port in use, or a bad fixture', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(startCognitoMock({ data, port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      blocker.close();
    }
    await expect(startCognitoMock({ data, fixtures: { UserPools: [{ Id: 'bad' }] } })).rejects.toThrow(/bad/);
    await expect(readFile(lockFile)).rejects.toMatchObject({ code: 'ENOENT' });
    mocks.push(await startCognitoMock({ data }));
  });

  it('refuses a lock taken on another host, telling how to go on, and starts once it is removed', async () => {
    mocks.push(await startCognitoMock({ fixtures: testFixtures(), data }));
    const holder = await lockHolder();
    await mocks.pop()!.stop();
    const foreign = JSON.stringify({ ...holder, hostname: 'build-agent-7', pid: 4242, nonce: 'copied-from-elsewhere' });
    await writeFile(lockFile, foreign);
    const storeBefore = await storeFileText(data);

    await expect(startCognitoMock({ data })).rejects.toThrow(
      `${data}: locked by pid 4242 on host build-agent-7, holding it since ${String(holder.lockedAt)}, command: ${String(holder.command)}, which cannot be checked from here (another machine, container or boot). A running server renews the lock every 10 s; it is taken over once it has not been renewed for 30 s. If no cognito-mock runs there any more, remove ${lockFile} and start again.`,
    );
    expect(await storeFileText(data)).toBe(storeBefore);
    expect(await readFile(lockFile, 'utf8')).toBe(foreign);

    await rm(lockFile);
    mocks.push(await startCognitoMock({ data }));
  });

  it('takes over a lock from another host or container once it has gone unrenewed for 30 s (a killed container on a shared volume)', async () => {
    mocks.push(await startCognitoMock({ fixtures: testFixtures(), data }));
    const holder = await lockHolder();
    await mocks.pop()!.stop();
    // The same host, another pid namespace: what a container started again after `docker kill` sees.
    await writeFile(lockFile, JSON.stringify({ ...holder, pidNamespace: 'pid:[4026531999]', pid: 1, nonce: 'killed-container' }));
    const renewed = (secondsAgo: number) => utimes(lockFile, new Date(Date.now() - secondsAgo * 1000), new Date(Date.now() - secondsAgo * 1000));
    await renewed(25);
    await expect(startCognitoMock({ data })).rejects.toThrow(/locked by pid 1 on host .+which cannot be checked from here/);
    await renewed(31);
    const mock = await startCognitoMock({ data });
    mocks.push(mock);
    expect((await lockHolder()).nonce).not.toBe('killed-container');
    expect(await tokenStatus(mock.url)).toBe(200);
  });

  it.skipIf(process.platform !== 'linux')('takes over a lock whose pid now belongs to a later process (pid reuse) (skipped: needs Linux /proc)', async () => {
    mocks.push(await startCognitoMock({ fixtures: testFixtures(), data }));
    const holder = await lockHolder();
    await mocks.pop()!.stop();
    // This very pid, alive, but started at another time than the lock says: not the holder.
    expect(holder.processStart).toEqual(expect.any(String));
    await writeFile(lockFile, JSON.stringify({ ...holder, processStart: '1', nonce: 'earlier-process' }));

    const mock = await startCognitoMock({ data });
    mocks.push(mock);
    expect((await lockHolder()).nonce).not.toBe('earlier-process');
    expect(await tokenStatus(mock.url)).toBe(200);
  });

  it.skipIf(!existsSync('/etc/machine-id'))('takes over a lock from an earlier boot of this machine, and refuses one that may be another machine\'s (skipped: no /etc/machine-id)', async () => {
    mocks.push(await startCognitoMock({ fixtures: testFixtures(), data }));
    const holder = await lockHolder();
    await mocks.pop()!.stop();
    expect(holder.machineId).toEqual(expect.any(String));
    const { machineId, ...withoutMachineId } = holder;
    await writeFile(lockFile, JSON.stringify({ ...withoutMachineId, bootId: 'another-boot', nonce: 'unknown-machine' }));
    await expect(startCognitoMock({ data })).rejects.toThrow(/locked by pid \d+ on host .+which cannot be checked from here/);

    await writeFile(lockFile, JSON.stringify({ ...holder, machineId, bootId: 'earlier-boot', nonce: 'earlier-boot' }));
    mocks.push(await startCognitoMock({ data }));
    expect((await lockHolder()).nonce).not.toBe('earlier-boot');
  });
});
