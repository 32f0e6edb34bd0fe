import { OAuthError } from '../errors.js';
import { validitySeconds } from '../model/rules.js';
import { type ServerOptions, startServer } from '../server.js';
import type { RunningServer } from '../server.js';
import { accessTokenClaims, signJwt } from '../tokens/access-token.js';
import type { FixtureInput } from '../store/fixtures.js';
import type { Clock } from '../clock.js';

export interface StartCognitoMockOptions {
  /** A fixture file or directory path, or the fixture object itself (`{ UserPools: [...] }`). */
  fixtures?: FixtureInput;
  /** Port to listen on; default 0 (a free port). */
  port?: number;
  /** `aws` (default), `local`, or a base URL: see README "Issuer modes". */
  issuer?: string;
  /** A store file to keep state in; default: in memory. */
  data?: string;
  /** Time source in milliseconds; default `Date.now`. Move it to expire tokens without sleeping. */
  clock?: Clock;
}

export interface MintAccessTokenOptions {
  clientId: string;
  /** Default: every custom scope the client is allowed. No checks: mint what a negative test needs. */
  scopes?: string[];
  /** Lifetime in seconds (negative for an already expired token); default: the client's validity. */
  expiresIn?: number;
  /** Claims to add or override (e.g. `{ nbf: … }`, `{ iss: … }`). */
  claims?: Record<string, unknown>;
}

export interface CognitoMock {
  /** Base URL of the running mock, e.g. `http://127.0.0.1:53121`. */
  url: string;
  /** `<url>/oauth2/token`. */
  tokenEndpoint: string;
  /** The `iss` of the pool's tokens, in the chosen issuer mode. */
  issuer(poolId: string): string;
  /** `<url>/<poolId>/.well-known/jwks.json`: where to fetch the pool's keys. */
  jwksUri(poolId: string): string;
  /** Signs an access token with the pool's real key, without HTTP. */
  mintAccessToken(options: MintAccessTokenOptions): string;
  /** The underlying server (registry, close). */
  server: RunningServer;
  stop(): Promise<void>;
}

/**
 * Starts cognito-mock in-process: the same server as the CLI, on a free port, in memory unless
 * `data` is given.
 *
 * @example
 * const mock = await startCognitoMock({ fixtures: 'test/fixtures/pool.json' });
 * const res = await fetch(mock.tokenEndpoint, { method: 'POST', headers: { authorization: `Basic ${btoa(`${id}:${secret}`)}`,
 *   'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
 * await mock.stop();
 */
export async function startCognitoMock(options: StartCognitoMockOptions = {}): Promise<CognitoMock> {
  const serverOptions: ServerOptions = { port: options.port ?? 0 };
  if (options.fixtures !== undefined) serverOptions.fixtures = options.fixtures;
  if (options.issuer !== undefined) serverOptions.issuer = options.issuer;
  if (options.data !== undefined) serverOptions.data = options.data;
  if (options.clock !== undefined) serverOptions.clock = options.clock;
  const server = await startServer(serverOptions);
  const { registry } = server;

  return {
    url: server.url,
    tokenEndpoint: `${server.url}/oauth2/token`,
    issuer: (poolId) => server.issuer(poolId),
    jwksUri: (poolId) => `${server.url}/${poolId}/.well-known/jwks.json`,
    mintAccessToken({ clientId, scopes, expiresIn, claims }) {
      const record = registry.client(clientId);
      if (!record) throw new OAuthError('invalid_client', `unknown client ${clientId}`);
      const { pool, client } = record;
      const poolId = pool.UserPool.Id;
      const base = accessTokenClaims({
        clientId,
        scopes: scopes ?? (client.AllowedOAuthScopes ?? []).filter((s) => registry.activeScopes(poolId).has(s)),
        issuer: server.issuer(poolId),
        iat: Math.floor(registry.clock() / 1000),
        expiresIn: expiresIn ?? validitySeconds(client.AccessTokenValidity ?? 1, client.TokenValidityUnits?.AccessToken, 'hours'),
      });
      return signJwt(registry.keys(poolId)!.access, { ...base, ...claims });
    },
    server,
    stop: () => server.close(),
  };
}
