import { validitySeconds } from '../model/rules.js';
import { type ServerOptions, startServer } from '../server.js';
import type { RunningServer } from '../server.js';
import { accessTokenClaims, signJwt } from '../tokens/access-token.js';
import type { FixtureInput } from '../store/fixtures.js';
import type { Clock } from '../clock.js';

/**
 * Options of {@link startCognitoMock}; all optional.
 *
 * @example
 * const options: StartCognitoMockOptions = { fixtures: 'test/cognito.json', issuer: 'local', clock: () => now };
 */
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

/**
 * What {@link CognitoMock.mintAccessToken} signs.
 *
 * @example
 * const expired: MintAccessTokenOptions = { clientId: READER_ID, scopes: ['orders/read'], expiresIn: -60 };
 */
export interface MintAccessTokenOptions {
  /** A client of one of the mock's pools; the token is signed with that pool's access-token key. */
  clientId: string;
  /** Default: every custom scope the client is allowed. No checks: mint what a negative test needs. */
  scopes?: string[];
  /** Lifetime in seconds (negative for an already expired token); default: the client's validity. */
  expiresIn?: number;
  /** Claims to add or override (e.g. `{ nbf: … }`, `{ iss: … }`). */
  claims?: Record<string, unknown>;
}

/**
 * What a verifier needs to trust one pool of the mock: spread it into
 * `createAccessTokenVerifier({ ...mock.verifierOptions(poolId), clientId })`.
 *
 * @example
 * const { userPoolId, issuer, jwksUri }: MockVerifierOptions = mock.verifierOptions('us-east-1_Example01');
 */
export interface MockVerifierOptions {
  userPoolId: string;
  /** The pool's `iss` in the mock's issuer mode. */
  issuer: string;
  /** The mock's JWKS URL for the pool. */
  jwksUri: string;
}

/**
 * A pool's public JWKS as the mock serves it (a type alias, not an interface, so it fits aws-jwt-verify's
 * `Jwks` and other JSON-typed parameters).
 *
 * @example
 * const jwks: MockJwks = mock.jwks(poolId); // { keys: [{ alg: 'RS256', e, kid, kty: 'RSA', n, use: 'sig' }, …] }
 */
export type MockJwks = { keys: { alg: string; e: string; kid: string; kty: string; n: string; use: string }[] };

/**
 * A running in-process cognito-mock.
 *
 * @example
 * const mock: CognitoMock = await startCognitoMock({ fixtures });
 * const token = mock.mintAccessToken({ clientId });
 * await mock.stop();
 */
export interface CognitoMock {
  /** Base URL of the running mock, e.g. `http://127.0.0.1:53121`. */
  url: string;
  /** `<url>/oauth2/token`. */
  tokenEndpoint: string;
  /** The `iss` of the pool's tokens, in the chosen issuer mode. */
  issuer(poolId: string): string;
  /** `<url>/<poolId>/.well-known/jwks.json`: where to fetch the pool's keys. */
  jwksUri(poolId: string): string;
  /**
   * Signs an access token with the pool's real key, without HTTP: Cognito's claims (reference §2.2)
   * at the mock's clock. Nothing is checked, so negative tests can mint expired, not-yet-valid or
   * over-scoped tokens. Throws if the client is unknown.
   */
  mintAccessToken(options: MintAccessTokenOptions): string;
  /** `{ userPoolId, issuer, jwksUri }` for the verifier, in the mock's issuer mode. */
  verifierOptions(poolId: string): MockVerifierOptions;
  /** The pool's public JWKS (what `jwksUri` serves), e.g. for aws-jwt-verify's `cacheJwks`. Throws if the pool is unknown. */
  jwks(poolId: string): MockJwks;
  /** The underlying server (registry, close). */
  server: RunningServer;
  /** Stops listening and waits for pending store writes. */
  stop(): Promise<void>;
}

/**
 * Starts cognito-mock in-process: the same server as the CLI, on a free port, in memory unless
 * `data` is given. With `SigningKeys` in the fixtures the start takes a few milliseconds; pools
 * without them get fresh RSA keys, generated off the main thread.
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

  const jwksUri = (poolId: string): string => `${server.url}/${poolId}/.well-known/jwks.json`;

  return {
    url: server.url,
    tokenEndpoint: `${server.url}/oauth2/token`,
    issuer: (poolId) => server.issuer(poolId),
    jwksUri,
    verifierOptions: (poolId) => ({ userPoolId: poolId, issuer: server.issuer(poolId), jwksUri: jwksUri(poolId) }),
    jwks(poolId) {
      const keys = registry.keys(poolId);
      if (!keys) throw new Error(`cognito-mock has no user pool ${poolId}`);
      return JSON.parse(keys.jwksBody) as MockJwks;
    },
    mintAccessToken({ clientId, scopes, expiresIn, claims }) {
      const record = registry.client(clientId);
      if (!record) throw new Error(`cognito-mock has no app client ${clientId}`);
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

export { vitestGlobalSetup, COGNITO_MOCK_KEY } from './vitest-global-setup.js';
export type { CognitoMockInfo, ProvideTarget } from './vitest-global-setup.js';
