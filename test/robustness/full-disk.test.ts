import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { UserPoolClient } from '../../src/model/types.js';
import { startCli, useBuiltCli } from '../support/cli-process.js';
import { POOL_ID, writeFixtureFile } from '../support/fixtures.js';
import { useTempDir } from '../support/temp-dir.js';
import { callApi, tokenRequest } from './support/raw-http.js';

// A real small filesystem (tmpfs) filled by concurrent creates, then freed, then the server is
// SIGKILLed and started again: every acknowledged create is there and serves tokens, no refused one
// is. Mounting needs root; where it cannot be done, the test says so in its name and is skipped.

function tmpfsProblem(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root';
  const dir = mkdtempSync(join(tmpdir(), 'cognito-mock-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'mount -t tmpfs failed';
  } finally {
    rmdirSync(dir);
  }
}

const problem = tmpfsProblem();
const tmp = useTempDir('full-disk');
useBuiltCli();

const M2M = { UserPoolId: POOL_ID, GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'],
  AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'] };

describe.skipIf(problem !== undefined)(`a full tmpfs under the built CLI${problem ? ` (skipped: ${problem})` : ''}`, () => {
  it('keeps every acknowledged create and no refused one across the disk filling, freeing, a SIGKILL and a restart', async () => {
    const disk = tmp.join('disk');
    execFileSync('mkdir', [disk]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', disk]);
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    try {
      const data = join(disk, 'db.json');
      const fixtures = await writeFixtureFile(tmp.path);
      const cli = await startCli(['--port', '0', '--data', data, '--fixtures', fixtures]);
      const acknowledged = new Map<string, { id: string; secret: string }>();
      const refused = new Set<string>();
      let n = 0;
      const burst = async (count: number) => {
        await Promise.all(Array.from({ length: 16 }, async () => {
          while (n < count) {
            const name = `c-${n++}-${'x'.repeat(40)}`;
            const res = await callApi(cli.url, 'CreateUserPoolClient', { ...M2M, ClientName: name }, agent);
            if (res.status === 200) {
              const { UserPoolClient } = res.json as { UserPoolClient: UserPoolClient };
              acknowledged.set(name, { id: UserPoolClient.ClientId, secret: UserPoolClient.ClientSecret! });
            } else {
              expect(res.status).toBe(500);
              refused.add(name);
            }
          }
        }));
      };
      // Leave a few kilobytes free, and fill them with creates from 16 connections.
      const filler = join(disk, 'filler');
      await writeFile(filler, Buffer.alloc(1024 * 1024 - 96 * 1024)).catch(() => undefined);
      await burst(600);
      expect(refused.size).toBeGreaterThan(10);
      await rm(filler);
      await burst(800);
      expect([...acknowledged.keys()].filter((name) => Number(name.split('-')[1]) >= 600).length).toBeGreaterThan(100);
      expect((await cli.stop('SIGKILL')).signal).toBe('SIGKILL');

      const again = await startCli(['--port', '0', '--data', data]);
      const listed = new Set<string>();
      let token: string | undefined;
      do {
        const page = (await callApi(again.url, 'ListUserPoolClients', { UserPoolId: POOL_ID, MaxResults: 60, ...(token ? { NextToken: token } : {}) }, agent)).json as { UserPoolClients: { ClientName: string }[]; NextToken?: string };
        for (const client of page.UserPoolClients) listed.add(client.ClientName);
        token = page.NextToken;
      } while (token);
      for (const name of acknowledged.keys()) expect(listed.has(name), `acknowledged ${name}`).toBe(true);
      for (const name of refused) expect(listed.has(name), `refused ${name}`).toBe(false);
      for (const { id, secret } of [...acknowledged.values()].slice(-20)) expect((await tokenRequest(again.url, id, secret, undefined, agent)).status).toBe(200);
      await again.stop();
    } finally {
      agent.destroy();
      execFileSync('umount', ['-l', disk]);
    }
  }, 120_000);
});
