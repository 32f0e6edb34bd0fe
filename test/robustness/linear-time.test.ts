import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server.js';
import { ORDERS_CLIENT, POOL_ID, basicAuth, testFixtures } from '../support/fixtures.js';
import { API_TARGET_PREFIX, type RawRequest, rawRequest } from './support/raw-http.js';

// Every regular expression and parse applied to request data runs in time linear in its length:
// one hostile request must not hold the event loop (and with it every other client's token
// request). A quadratic pattern on `Authorization: Credential=Credential=…` once cost ~88 ms per
// 15 KB header; a linear parse of the same bytes costs well under a millisecond. The bound is
// generous (5 ms on loopback, after a warm-up) and taken on the fastest of several runs: a
// quadratic parse pays its cost on every run, while a machine busy with other work only slows
// some of them (the median of 7 went over 5 ms for benign-cost requests on a loaded 2-core machine).

const BOUND_MS = 5;
const RUNS = 7;
/** Under Node's 16 KiB limit for all headers together (a larger one is Node's bare 431, never parsed). */
const HEADER_BYTES = 15_000;
const BODY_BYTES = 16 * 1024;

const FORM = 'application/x-www-form-urlencoded';
const JSON_11 = 'application/x-amz-json-1.1';
const basic = basicAuth(ORDERS_CLIENT.id, ORDERS_CLIENT.secret);
const fill = (unit: string, bytes: number): string => unit.repeat(Math.floor(bytes / unit.length));
const quiet = { warn: () => undefined };

let plain: RunningServer;
let proxied: RunningServer;
beforeAll(async () => {
  plain = await startServer({ fixtures: testFixtures(), log: quiet });
  // URLs taken from requests, X-Forwarded-* trusted: those headers are parsed too.
  proxied = await startServer({ fixtures: testFixtures(), log: quiet, publicUrlFromRequest: true, trustProxy: true });
});
afterAll(async () => { await Promise.all([plain.close(), proxied.close()]); });

const token = (headers: Record<string, string>, body = 'grant_type=client_credentials'): RawRequest =>
  ({ path: '/oauth2/token', headers: { authorization: basic, 'content-type': FORM, ...headers }, body });
const api = (headers: Record<string, string>, body = JSON.stringify({ UserPoolId: POOL_ID }), operation = 'DescribeUserPool'): RawRequest =>
  ({ path: '/', headers: { 'content-type': JSON_11, 'x-amz-target': `${API_TARGET_PREFIX}${operation}`, ...headers }, body });
const faults = (body: string, headers: Record<string, string> = {}): RawRequest =>
  ({ path: '/_mock/faults', headers: { 'content-type': 'application/json', ...headers }, body });
const discovery = (headers: Record<string, string>): RawRequest => ({ method: 'GET', path: `/${POOL_ID}/.well-known/openid-configuration`, headers });

const hostileHeaders: Record<string, string> = {
  'authorization (repeated Credential=)': fill('Credential=', HEADER_BYTES),
  'authorization (Credential= then slashes)': `Credential=${fill('a/', HEADER_BYTES)}`,
  'authorization (Basic, spaces)': `Basic ${fill(' ', HEADER_BYTES)}x y`,
  'authorization (Basic, long token)': `Basic ${fill('a', HEADER_BYTES)}!`,
  'host (long name)': fill('a', HEADER_BYTES),
  'host (colons)': `[${fill(':', HEADER_BYTES)}`,
  'content-type (repeated charset)': `${FORM}${fill('; charset', HEADER_BYTES)}`,
  'content-type (semicolons and spaces)': `${JSON_11}${fill('; ', HEADER_BYTES)}`,
  'cookie': fill('a=b; ', HEADER_BYTES),
  'x-forwarded-host': fill('a,', HEADER_BYTES),
  'x-forwarded-port': fill('9', HEADER_BYTES),
  'x-forwarded-proto': fill('https ,', HEADER_BYTES),
};

/** Which header each hostile value goes in. */
const headerName = (label: string): string => label.split(' ')[0]!;

const cases: [string, () => RunningServer, RawRequest][] = [];
for (const [label, value] of Object.entries(hostileHeaders)) {
  const header = { [headerName(label)]: value };
  cases.push([`token endpoint, ${label}`, () => plain, token(header)]);
  cases.push([`management API, ${label}`, () => plain, api(header)]);
  cases.push([`/_mock/faults, ${label}`, () => plain, faults('{"On":"nowhere"}', header)]);
  cases.push([`discovery from requests, ${label}`, () => proxied, discovery(header)]);
}
const hostileBodies: [string, RawRequest][] = [
  ['token form of ampersands', token({}, fill('&', BODY_BYTES))],
  ['token form of equals signs', token({}, `grant_type=${fill('=', BODY_BYTES)}`)],
  ['token form of pluses and percents', token({}, `scope=${fill('+%2', BODY_BYTES)}`)],
  ['token form of one long name', token({}, fill('a', BODY_BYTES))],
  ['management JSON nested deep', api({}, fill('[', BODY_BYTES))],
  ['management JSON of one long string', api({}, JSON.stringify({ UserPoolId: POOL_ID, ClientName: `${fill('a ', BODY_BYTES)}!` }), 'CreateUserPoolClient')],
  ['management tag values', api({}, JSON.stringify({ ResourceArn: `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${POOL_ID}`, Tags: { k: `${fill('a:', BODY_BYTES)}\u0000` } }), 'TagResource')],
  ['management resource ARN of colons', api({}, JSON.stringify({ ResourceArn: `arn:${fill(':', BODY_BYTES)}` }), 'ListTagsForResource')],
  ['management Lambda ARN', api({}, JSON.stringify({ UserPoolId: POOL_ID, LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: `arn:${fill('a:', BODY_BYTES)}!` } } }), 'UpdateUserPool')],
  ['management pool id', api({}, JSON.stringify({ UserPoolId: `us-east-1_${fill('a', BODY_BYTES)}!` }))],
  ['/_mock/faults error name', faults(JSON.stringify({ On: 'management', Error: `A${fill('a', BODY_BYTES)}!` }))],
  ['/_mock/faults nested deep', faults(fill('{"a":', BODY_BYTES))],
];
for (const [label, request] of hostileBodies) cases.push([label, () => plain, request]);

async function fastestMs(server: RunningServer, request: RawRequest, agent: Agent): Promise<{ ms: number; status: number }> {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const res = await rawRequest(server.url, { ...request, agent });
    times.push(performance.now() - start);
    status = res.status;
  }
  return { ms: Math.min(...times), status };
}

describe(`hostile input is answered in under ${BOUND_MS} ms`, () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  afterAll(() => agent.destroy());

  it('warms up the endpoints and the client', async () => {
    for (const [, server, request] of cases.slice(0, 8)) await rawRequest(server().url, { ...request, agent });
    for (const [, request] of hostileBodies) await rawRequest(plain.url, { ...request, agent });
  });

  it.each(cases)('%s', async (_label, server, request) => {
    const { ms, status } = await fastestMs(server(), request, agent);
    expect(status).toBeLessThan(500);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});
