import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const testKey = (n: number): string => readFileSync(new URL(`../keys/test-only-${n}.pem`, import.meta.url), 'utf8');

/** Test-only private keys (test/keys/test-only-1…6.pem): pools in tests start without generating RSA keys. */
export const TEST_KEYS = [1, 2, 3, 4, 5, 6].map(testKey);

/**
 * Twenty more (test-only-7…26.pem), none of them a fixture's: `startCognitoMock({ keysForNewPools: NEW_POOL_KEYS })`
 * gives up to ten pools created through the API their keys without generating any.
 */
export const NEW_POOL_KEYS = Array.from({ length: 20 }, (_, i) => testKey(7 + i));

/** Signing keys for fixture pools; `n` picks one of three distinct pairs. */
export const signingKeys = (n: 0 | 1 | 2 = 0) => ({ AccessToken: TEST_KEYS[n * 2]!, IdToken: TEST_KEYS[n * 2 + 1]! });

export const POOL_ID = 'us-east-1_TestPool1';
export const OTHER_POOL_ID = 'eu-west-1_TestPool2';

export const ORDERS_CLIENT = { id: '1example0client0orders0id1', secret: 'orders0secret0for0tests0only0000000000000000000000000' };
export const READER_CLIENT = { id: '2example0client0reader0id2', secret: 'reader0secret0for0tests0only0000000000000000000000000' };
export const PUBLIC_CLIENT = { id: '3example0client0public0id3' };
export const CODE_CLIENT = { id: '4example0client0code0flow4', secret: 'codeflow0secret0for0tests0only00000000000000000000000' };
export const OTHER_POOL_CLIENT = { id: '5example0client0other0pool', secret: 'otherpool0secret0for0tests0only0000000000000000000000' };

const ordersServer = {
  Identifier: 'orders',
  Name: 'Orders API',
  Scopes: [
    { ScopeName: 'read', ScopeDescription: 'Read orders' },
    { ScopeName: 'write', ScopeDescription: 'Write orders' },
  ],
};

const m2m = { AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true };

/** Two pools with test keys: clients for every token-endpoint case. */
export function testFixtures() {
  return {
    UserPools: [
      {
        Id: POOL_ID,
        Name: 'test-pool',
        Domain: 'test-orders',
        SigningKeys: signingKeys(0),
        ResourceServers: [ordersServer],
        UserPoolClients: [
          { ClientId: ORDERS_CLIENT.id, ClientName: 'orders-service', ClientSecret: ORDERS_CLIENT.secret, ...m2m,
            AllowedOAuthScopes: ['orders/read', 'orders/write'] },
          { ClientId: READER_CLIENT.id, ClientName: 'reader', ClientSecret: READER_CLIENT.secret, ...m2m,
            AllowedOAuthScopes: ['orders/read'], AccessTokenValidity: 5, TokenValidityUnits: { AccessToken: 'minutes' } },
          { ClientId: PUBLIC_CLIENT.id, ClientName: 'public-spa' },
          { ClientId: CODE_CLIENT.id, ClientName: 'web-app', ClientSecret: CODE_CLIENT.secret,
            AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['openid'],
            CallbackURLs: ['https://app.example.com/callback'] },
        ],
      },
      {
        Id: OTHER_POOL_ID,
        Name: 'other-pool',
        SigningKeys: signingKeys(1),
        ResourceServers: [ordersServer],
        UserPoolClients: [
          { ClientId: OTHER_POOL_CLIENT.id, ClientName: 'other', ClientSecret: OTHER_POOL_CLIENT.secret, ...m2m,
            AllowedOAuthScopes: ['orders/read'] },
        ],
      },
    ],
  };
}

export interface TokenRequest {
  clientId?: string;
  secret?: string;
  scope?: string;
  /** `basic` (default): Authorization header; `post`: client_id/client_secret in the body. */
  auth?: 'basic' | 'post';
  grantType?: string | null;
  extra?: Record<string, string>;
}

/** Writes fixtures (default: {@link testFixtures}) as `fixtures.json` in `dir`, for a CLI's `--fixtures`; returns the path. */
export async function writeFixtureFile(dir: string, fixtures: unknown = testFixtures()): Promise<string> {
  const file = join(dir, 'fixtures.json');
  await writeFile(file, JSON.stringify(fixtures));
  return file;
}

/** An `Authorization: Basic` value: base64 of `<id>:<secret>`, as client_secret_basic sends it (RFC 6749 §2.3.1). */
export const basicAuth = (clientId: string, secret: string): string => `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;

/** POSTs a token request the way real clients do. */
export async function requestToken(tokenEndpoint: string, req: TokenRequest): Promise<Response> {
  const form = new URLSearchParams();
  if (req.grantType !== null) form.set('grant_type', req.grantType ?? 'client_credentials');
  if (req.scope !== undefined) form.set('scope', req.scope);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if ((req.auth ?? 'basic') === 'basic' && req.clientId !== undefined) {
    headers.authorization = basicAuth(req.clientId, req.secret ?? '');
  } else {
    if (req.clientId !== undefined) form.set('client_id', req.clientId);
    if (req.secret !== undefined) form.set('client_secret', req.secret);
  }
  for (const [k, v] of Object.entries(req.extra ?? {})) form.set(k, v);
  return fetch(tokenEndpoint, { method: 'POST', headers, body: form.toString() });
}

/** Decodes a JWT's header and payload without verifying (for shape assertions). */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload!, 'base64url').toString()),
  };
}
