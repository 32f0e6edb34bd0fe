import { type Socket, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGEMENT_BODY_LIMIT } from '../../src/management/request.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { ORDERS_CLIENT, POOL_ID, basicAuth, testFixtures } from '../support/fixtures.js';
import { API_TARGET_PREFIX, tokenRequest } from './support/raw-http.js';

// Bodies that never finish, and clients that leave mid-body. Node's default request timeout is
// 300 s, during which a body trickling forever holds its buffer (300 such: RSS 102 → 366 MB); the
// mock cuts a request off after 30 s (ServerOptions.requestTimeoutMs, lowered here to keep the
// test short). A client that goes away mid-body is its own doing: no "unexpected error" line.

const REQUEST_TIMEOUT_MS = 300;
const warnings: string[] = [];
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ fixtures: testFixtures(), requestTimeoutMs: REQUEST_TIMEOUT_MS, log: { warn: (message) => warnings.push(message) } });
});
afterAll(() => server.close());

/** A raw connection that sends `head`, then `trickle` every 20 ms until the server closes it; resolves with what the server answered and when. */
function trickle(head: string, first: Buffer | string, piece: string, giveUpMs: number): Promise<{ closedAfterMs: number; answer: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let answer = '';
    const socket: Socket = connect(server.port, '127.0.0.1', () => {
      socket.write(head);
      socket.write(first);
    });
    const timer = setInterval(() => { if (!socket.destroyed && socket.writable) socket.write(piece); }, 20);
    const giveUp = setTimeout(() => { socket.destroy(); reject(new Error(`still open after ${giveUpMs} ms`)); }, giveUpMs);
    socket.on('data', (chunk) => { answer += chunk.toString('latin1'); });
    socket.on('error', () => undefined); // a write racing the server's close
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closedAfterMs: Date.now() - started, answer });
    });
  });
}

const chunk = (data: Buffer | string): string => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`;
const apiHead = (operation: string): string => `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: ${API_TARGET_PREFIX}${operation}\r\nTransfer-Encoding: chunked\r\n\r\n`;
const tokenHead = `POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${basicAuth(ORDERS_CLIENT.id, ORDERS_CLIENT.secret)}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`;

describe('a body that never ends', () => {
  it('is cut off at the request timeout on the management API, the limit\'s worth of it buffered, and the server answers the next request', async () => {
    // Just under the limit, so all of it is buffered, then a byte every 20 ms forever.
    const almost = `{"UserPoolId":"${POOL_ID}","ClientName":"${'a'.repeat(MANAGEMENT_BODY_LIMIT - 64)}`;
    const cut = await trickle(apiHead('CreateUserPoolClient'), chunk(almost), chunk('a'), 20 * REQUEST_TIMEOUT_MS);
    expect(cut.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(cut.answer).toMatch(/^(HTTP\/1\.1 408 |$)/);
    const next = await tokenRequest(server.url, ORDERS_CLIENT.id, ORDERS_CLIENT.secret);
    expect(next.status).toBe(200);
  });

  it('is cut off on the token endpoint and on /_mock too', async () => {
    const token = await trickle(tokenHead, chunk('grant_type=client_credentials&scope='), chunk('a'), 20 * REQUEST_TIMEOUT_MS);
    expect(token.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    const admin = await trickle(`POST /_mock/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, chunk('{"On":'), chunk(' '), 20 * REQUEST_TIMEOUT_MS);
    expect(admin.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(server.faults.list()).toEqual([]);
  });

  it('leaves alone a request whose body is in but whose answer takes longer (an injected latency)', async () => {
    server.faults.add({ on: 'token', latencyMs: 2 * REQUEST_TIMEOUT_MS, times: 1 });
    const started = Date.now();
    const res = await tokenRequest(server.url, ORDERS_CLIENT.id, ORDERS_CLIENT.secret);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * REQUEST_TIMEOUT_MS - 20);
  });

  it('logs nothing as unexpected when it is cut off', () => {
    expect(warnings.filter((line) => line.includes('unexpected'))).toEqual([]);
  });
});

describe('a client that leaves mid-body', () => {
  // The management API and /_mock load on first use; loaded, the abort comes mid-body.
  beforeAll(async () => {
    await fetch(server.url, { method: 'POST' });
    await fetch(`${server.url}/_mock/faults`);
  });

  it.each([['the management API', apiHead('CreateUserPoolClient')], ['/_mock', 'POST /_mock/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'], ['the token endpoint', tokenHead]])(
    'on %s leaves no "unexpected error" line in the log', async (_label, head) => {
      const before = warnings.length;
      await new Promise<void>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1', () => {
          socket.write(head);
          socket.write(chunk(`{"UserPoolId":"${POOL_ID}",`), () => setTimeout(() => { socket.destroy(); resolve(); }, 50));
        });
        socket.on('error', reject);
      });
      // The server sees the close within milliseconds; a request after it is answered after it.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await tokenRequest(server.url, ORDERS_CLIENT.id, ORDERS_CLIENT.secret)).status).toBe(200);
      expect(warnings.slice(before)).toEqual([]);
    });
});
