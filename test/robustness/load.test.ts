import { Agent } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startCli, useBuiltCli } from '../support/cli-process.js';
import { ORDERS_CLIENT, OTHER_POOL_ID, POOL_ID, READER_CLIENT, writeFixtureFile } from '../support/fixtures.js';
import { type RawResponse, callApi, tokenRequest } from './support/raw-http.js';
import { useTempDir } from '../support/temp-dir.js';

// Load without loss, not timed: 5,000 token requests over 64 connections while
// 200 management writes run, against the built CLI; zero errors, and after a restart on the same
// store every write is there.

const TOKEN_REQUESTS = 5_000;
const CONNECTIONS = 64;
const WRITES = 200;

const tmp = useTempDir('load');
useBuiltCli();

describe('load without loss (built CLI)', () => {
  it(`${TOKEN_REQUESTS} token requests at ${CONNECTIONS} connections during ${WRITES} management writes: no error, nothing lost`, async () => {
    const fixtures = await writeFixtureFile(tmp.path);
    const args = ['--port', '0', '--data', tmp.join('db.json'), '--fixtures', fixtures];
    const cli = await startCli(args);

    const tokenAgent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const apiAgent = new Agent({ keepAlive: true, maxSockets: 16 });
    const failures: string[] = [];
    const note = (what: string, res: RawResponse | Error) => {
      failures.push(res instanceof Error ? `${what}: ${res.message}` : `${what}: ${res.status} ${res.text.slice(0, 200)}`);
    };

    let sent = 0;
    const writes: Promise<void>[] = [];
    const tokenWorker = async () => {
      while (sent < TOKEN_REQUESTS) {
        const n = sent++;
        // The writes are spread over the whole run, each started from a token worker, not awaited by it.
        if (n % (TOKEN_REQUESTS / WRITES) === 0) writes.push(write(n / (TOKEN_REQUESTS / WRITES)));
        const client = n % 2 === 0 ? ORDERS_CLIENT : READER_CLIENT;
        try {
          const res = await tokenRequest(cli.url, client.id, client.secret, 'grant_type=client_credentials', tokenAgent);
          if (res.status !== 200 || typeof (res.json as { access_token?: unknown }).access_token !== 'string') note(`token ${n}`, res);
        } catch (error) {
          note(`token ${n}`, error as Error);
        }
      }
    };

    // 180 new clients in one pool, 20 resource servers in another: every one acknowledged must survive.
    const clients = new Map<string, string>();
    const servers: string[] = [];
    const write = async (i: number) => {
      try {
        if (i % 10 === 9) {
          const identifier = `load-${i}`;
          const res = await callApi(cli.url, 'CreateResourceServer', { UserPoolId: OTHER_POOL_ID, Identifier: identifier, Name: identifier,
            Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }] }, apiAgent);
          if (res.status === 200) servers.push(identifier);
          else note(`write ${i}`, res);
        } else {
          const res = await callApi(cli.url, 'CreateUserPoolClient', { UserPoolId: POOL_ID, ClientName: `load-${i}`, GenerateSecret: true,
            AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'] }, apiAgent);
          if (res.status !== 200) return note(`write ${i}`, res);
          const { ClientId, ClientSecret } = (res.json as { UserPoolClient: { ClientId: string; ClientSecret: string } }).UserPoolClient;
          clients.set(ClientId, ClientSecret);
        }
      } catch (error) {
        note(`write ${i}`, error as Error);
      }
    };

    await Promise.all(Array.from({ length: CONNECTIONS }, tokenWorker));
    await Promise.all(writes);
    expect(writes).toHaveLength(WRITES);
    tokenAgent.destroy();
    apiAgent.destroy();
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(TOKEN_REQUESTS);
    expect(clients.size + servers.length).toBe(WRITES);
    expect((await cli.stop()).code).toBe(0);

    // Restart on the same store: every write is there, and every new client gets a token.
    const again = await startCli(args);
    const listed = new Set<string>();
    let NextToken: string | undefined;
    do {
      const page = (await callApi(again.url, 'ListUserPoolClients', { UserPoolId: POOL_ID, MaxResults: 60, ...(NextToken ? { NextToken } : {}) })).json as
        { UserPoolClients: { ClientId: string }[]; NextToken?: string };
      for (const client of page.UserPoolClients) listed.add(client.ClientId);
      NextToken = page.NextToken;
    } while (NextToken);
    expect([...clients.keys()].filter((id) => !listed.has(id))).toEqual([]);
    const storedServers = (await callApi(again.url, 'ListResourceServers', { UserPoolId: OTHER_POOL_ID, MaxResults: 50 })).json as { ResourceServers: { Identifier: string }[] };
    expect(storedServers.ResourceServers.map((s) => s.Identifier)).toEqual(expect.arrayContaining(servers));
    const tokens = await Promise.all([...clients].map(([id, secret]) => tokenRequest(again.url, id, secret)));
    expect(tokens.filter((res) => res.status !== 200).map((res) => res.text)).toEqual([]);
  }, 120_000);
});
