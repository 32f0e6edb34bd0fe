import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand, DeleteUserPoolClientCommand, DescribeUserPoolClientCommand,
  DescribeUserPoolCommand, ListUserPoolClientsCommand, UpdateUserPoolClientCommand, UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { startCognitoMock } from '../../src/testing/index.js';
import { ORDERS_CLIENT, POOL_ID, READER_CLIENT, requestToken, testFixtures } from '../support/fixtures.js';
import { managementClient } from '../support/management-client.js';
import { appDir, requireBuild } from '../support/cli-process.js';
import { readStoreFile } from '../../src/store/store.js';
import { useTempDir } from '../support/temp-dir.js';

/** This run's build of the CLI (test/support/build.ts), safe from rebuilds by other tests. */
const cliPath = (): string => { requireBuild(); return join(appDir(), 'dist', 'cli.js'); };
const M2M = { UserPoolId: POOL_ID, GenerateSecret: true, AllowedOAuthFlows: ['client_credentials' as const],
  AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'] };

async function allClientIds(sdk: CognitoIdentityProviderClient): Promise<Set<string>> {
  const ids = new Set<string>();
  let NextToken: string | undefined;
  do {
    const page = await sdk.send(new ListUserPoolClientsCommand({ UserPoolId: POOL_ID, MaxResults: 60, ...(NextToken ? { NextToken } : {}) }));
    for (const client of page.UserPoolClients!) ids.add(client.ClientId!);
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}

/** Starts the built CLI (what `npm start` runs) on a free port and resolves with its URL. */
function startCli(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath(), '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('exit', (code) => reject(new Error(`cognito-mock exited with ${code} before listening:\n${stderr}`)));
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

describe('management API durability', () => {
  const tmp = useTempDir('durability');

  it('200 concurrent CreateUserPoolClient calls all succeed and all survive a restart', async () => {
    const data = tmp.join('db.json');
    let mock = await startCognitoMock({ fixtures: testFixtures(), data });
    const sdk = managementClient(mock.url, 'us-east-1', 200);
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) =>
      sdk.send(new CreateUserPoolClientCommand({ ...M2M, ClientName: `burst-${i}` }))));
    const created = results.map((r) => (r.status === 'fulfilled' ? r.value.UserPoolClient! : r.reason));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(new Set(created.map((c) => c.ClientId)).size).toBe(200);
    sdk.destroy();
    await mock.stop();

    mock = await startCognitoMock({ fixtures: testFixtures(), data });
    try {
      const again = managementClient(mock.url);
      const ids = await allClientIds(again);
      for (const client of created) expect(ids.has(client.ClientId)).toBe(true);
      expect(ids.size).toBe(200 + testFixtures().UserPools[0]!.UserPoolClients.length);
      const sample = created[137]!;
      const described = await again.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: sample.ClientId }));
      expect(described.UserPoolClient).toEqual(sample);
      expect((await requestToken(mock.tokenEndpoint, { clientId: sample.ClientId!, secret: sample.ClientSecret! })).status).toBe(200);
    } finally {
      await mock.stop();
    }
  });

  it('UpdateUserPool writes the pool\'s own settings, not the pool with all its clients, and they survive a restart', async () => {
    const data = tmp.join('db.json');
    let mock = await startCognitoMock({ data });
    try {
      const sdk = managementClient(mock.url);
      const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'updated' }));
      const { UserPoolClient: client } = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id!, ClientName: 'member' }));
      await sdk.send(new UpdateUserPoolCommand({ UserPoolId: UserPool!.Id!, UserPoolTags: { team: 'store' } }));
      const lastLine = (await readFile(`${data}.journal`, 'utf8')).trimEnd().split('\n').at(-1)!;
      expect(lastLine).toContain(`"set":["pools","${UserPool!.Id}","UserPool"]`);
      expect(lastLine).not.toContain(client!.ClientId!);
      sdk.destroy();
    } finally {
      await mock.stop();
    }
    mock = await startCognitoMock({ data });
    try {
      const pool = mock.pools().find((p) => p.Name === 'updated')!;
      expect(pool.UserPoolTags).toEqual({ team: 'store' });
      expect(mock.clients(pool.Id).map((c) => c.ClientName)).toEqual(['member']);
    } finally {
      await mock.stop();
    }
  });

  it('on restart, fixtures win for the objects they define and API-created objects stay (README "Management API")', async () => {
    const data = tmp.join('db.json');
    let mock = await startCognitoMock({ fixtures: testFixtures(), data });
    let sdk = managementClient(mock.url);
    const { UserPoolClient: made } = await sdk.send(new CreateUserPoolClientCommand({ ...M2M, ClientName: 'made-by-api' }));
    await sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: ORDERS_CLIENT.id, ClientName: 'changed',
      AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'] }));
    await sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: READER_CLIENT.id }));
    await sdk.send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID, PoolName: 'renamed' }));
    await mock.stop();

    mock = await startCognitoMock({ fixtures: testFixtures(), data });
    try {
      sdk = managementClient(mock.url);
      const describe = (ClientId: string) => sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId }));
      expect((await describe(made!.ClientId!)).UserPoolClient).toEqual(made);
      expect((await describe(ORDERS_CLIENT.id)).UserPoolClient).toMatchObject({ ClientName: 'orders-service',
        AllowedOAuthScopes: ['orders/read', 'orders/write'] });
      expect((await describe(READER_CLIENT.id)).UserPoolClient!.ClientName).toBe('reader');
      expect((await sdk.send(new DescribeUserPoolCommand({ UserPoolId: POOL_ID }))).UserPool!.Name).toBe('test-pool');
    } finally {
      await mock.stop();
    }
  });

  it('a SIGKILL in the middle of a burst of creates loses no acknowledged create (3 rounds, built CLI)', async () => {
    const data = tmp.join('db.json');
    const fixtures = tmp.join('fixtures.json');
    await writeFile(fixtures, JSON.stringify(testFixtures()));
    const args = ['--data', data, '--fixtures', fixtures];
    const acknowledged = new Map<string, string>();

    for (let round = 0; round < 3; round++) {
      const { child, url } = await startCli(args);
      const sdk = managementClient(url, 'us-east-1', 16);
      // The store of every earlier round loaded, with every create it acknowledged.
      const present = await allClientIds(sdk);
      for (const id of acknowledged.keys()) expect(present.has(id), `round ${round}: ${id}`).toBe(true);

      const killAfter = acknowledged.size + 40 + round * 15;
      let failures = 0;
      const worker = async (w: number) => {
        for (let i = 0; ; i++) {
          try {
            const { UserPoolClient } = await sdk.send(new CreateUserPoolClientCommand({ ...M2M, ClientName: `r${round}-w${w}-${i}` }));
            acknowledged.set(UserPoolClient!.ClientId!, UserPoolClient!.ClientSecret!);
            if (acknowledged.size >= killAfter) child.kill('SIGKILL');
          } catch {
            failures++; // the connection died with the process: not acknowledged, may or may not be stored
            return;
          }
        }
      };
      await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
      await exited(child);
      sdk.destroy();
      expect(child.signalCode).toBe('SIGKILL');
      expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);
      expect(failures).toBe(16);
    }

    // The last round's store: restart once more, then compare the file itself with every acknowledgement.
    const { child, url } = await startCli(args);
    const present = await allClientIds(managementClient(url));
    child.kill('SIGTERM');
    await exited(child);
    const store = await readStoreFile(data);
    const stored = store.pools[POOL_ID]!.UserPoolClients;
    for (const [id, secret] of acknowledged) {
      expect(present.has(id)).toBe(true);
      expect(stored[id]?.ClientSecret).toBe(secret);
    }
  });
});
