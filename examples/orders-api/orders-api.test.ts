import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { ordersApi } from './app.js';

const CHECKOUT = { id: '1orders0writer0client0id01', secret: 'checkout0secret0example0only000000000000000000000001' };
const REPORTING = { id: '2orders0reader0client0id02', secret: 'reporting0secret0example0only00000000000000000000002' };
const STRANGER = { id: '3elsewhere0client0id000003', secret: 'stranger0secret0example0only000000000000000000000003' };

let mock: CognitoMock;
let server: Server;
let api: string;

beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: fileURLToPath(new URL('cognito-fixtures.json', import.meta.url)) });
  const app = ordersApi({ ...mock.verifierOptions('us-east-1_OrdersApi'), clientId: [CHECKOUT.id, REPORTING.id] });
  server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  api = `http://127.0.0.1:${(server.address() as { port: number }).port}/orders`;
});
afterAll(async () => {
  server.close();
  await mock.stop();
});

/** The client-credentials grant, as the calling service does it. */
async function tokenFor(client: { id: string; secret: string }, scope: string): Promise<string> {
  const res = await fetch(mock.tokenEndpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa(`${client.id}:${client.secret}`)}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

const post = (token: string) => fetch(api, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

it('creates an order for a client with orders/write', async () => {
  const res = await post(await tokenFor(CHECKOUT, 'orders/write'));
  expect(res.status).toBe(201);
  expect(await res.json()).toEqual({ id: 1, createdBy: CHECKOUT.id });
});

it('answers 403 when the token lacks the scope', async () => {
  const res = await post(await tokenFor(REPORTING, 'orders/read'));
  expect(res.status).toBe(403);
  expect(res.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="orders/write"');
});

it('answers 401 to an expired token', async () => {
  const res = await post(mock.mintAccessToken({ clientId: CHECKOUT.id, expiresIn: -60 }));
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ error: 'invalid_token', code: 'token_expired' });
});

it('answers 401 to a tampered token', async () => {
  const [header, payload, signature] = (await tokenFor(REPORTING, 'orders/read')).split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  const forged = Buffer.from(JSON.stringify({ ...claims, scope: 'orders/write' })).toString('base64url');
  const res = await post(`${header}.${forged}.${signature}`);
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ error: 'invalid_token', code: 'invalid_signature' });
});

it('answers 401 to a token from another pool', async () => {
  const res = await post(await tokenFor(STRANGER, 'orders/write'));
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
});
