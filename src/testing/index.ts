import { type ServerOptions, startServer } from '../server.js';
import type { RunningServer } from '../server.js';
import type { FixtureInput } from '../store/fixtures.js';
import type { Clock } from '../clock.js';
import { type Fault, faultProblem } from '../faults/faults.js';
import { type KeyRetirement, type KeyRotation, retireAccessKeys, rotateAccessKey } from '../keys/key-rotation.js';
import { importFixtureKey } from '../keys/signing-key.js';
import { MANAGEMENT_OPERATIONS } from '../routes/admin.js';
import type { PreTokenGenerationHandler } from '../triggers/pre-token-generation-triggers.js';
import { type MintAccessTokenOptions, mintAccessToken } from './mint-access-token.js';

export type { MintAccessTokenOptions } from './mint-access-token.js';
export type { Fault, ManagementFault, TokenFault } from '../faults/faults.js';
export type { KeyRetirement, KeyRotation } from '../keys/key-rotation.js';
export type { PreTokenGenerationHandler, TriggerContext } from '../triggers/pre-token-generation-triggers.js';
export type { AccessTokenGeneration, PreTokenGenerationV3Event } from '../triggers/pre-token-generation-event.js';

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
  /** Pre token generation triggers by pool id (README "Pre token generation trigger"); they win over LambdaConfig. */
  triggers?: Record<string, PreTokenGenerationHandler>;
  /** How long a trigger may take before the request fails, in milliseconds; default 5000 (Cognito's). */
  triggerTimeoutMs?: number;
}

/**
 * Options of {@link CognitoMock.rotateKeys}.
 *
 * @example
 * await mock.rotateKeys(poolId, { signingKey: readFileSync('test/keys/next.pem', 'utf8') });
 */
export interface RotateKeysOptions {
  /** The new private key (PEM or private RSA JWK); default: a freshly generated RSA-2048 key. */
  signingKey?: string | object;
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
  /** Sets (a function) or removes (undefined) the pool's pre token generation trigger; it wins over LambdaConfig. */
  setPreTokenGenerationTrigger(poolId: string, handler: PreTokenGenerationHandler | undefined): void;
  /** Adds a new access-token key to the pool's JWKS and signs with it from now on; the old key stays published. */
  rotateKeys(poolId: string, options?: RotateKeysOptions): Promise<KeyRotation>;
  /** Removes the rotated-out keys from the pool's JWKS: tokens they signed stop verifying. */
  retireKeys(poolId: string): Promise<KeyRetirement>;
  /** Adds a fault (README "Fault injection"); throws a TypeError for a malformed one. */
  injectFault(fault: Fault): void;
  /** Removes every fault, fixture ones included. */
  clearFaults(): void;
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
  if (options.triggers !== undefined) serverOptions.triggers = options.triggers;
  if (options.triggerTimeoutMs !== undefined) serverOptions.triggerTimeoutMs = options.triggerTimeoutMs;
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
    mintAccessToken: (mintOptions) => mintAccessToken(server, mintOptions),
    setPreTokenGenerationTrigger: (poolId, handler) => server.triggers.set(poolId, handler),
    rotateKeys: (poolId, rotateOptions = {}) => rotateAccessKey(registry, poolId,
      rotateOptions.signingKey === undefined ? undefined : importFixtureKey(rotateOptions.signingKey)),
    retireKeys: (poolId) => retireAccessKeys(registry, poolId),
    injectFault(fault) {
      const problem = faultProblem(fault, MANAGEMENT_OPERATIONS);
      if (problem !== undefined) throw new TypeError(`cognito-mock: invalid fault: ${problem}`);
      server.faults.add(fault);
    },
    clearFaults: () => server.faults.clear(),
    server,
    stop: () => server.close(),
  };
}

export { vitestGlobalSetup, COGNITO_MOCK_KEY } from './vitest-global-setup.js';
export type { CognitoMockInfo, ProvideTarget } from './vitest-global-setup.js';
