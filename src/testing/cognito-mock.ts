import type { Clock } from '../clock.js';
import type { Fault } from '../model/fault.js';
import type { KeyRetirement, KeyRotation } from '../domain/key-rotation.js';
import type { RunningServer } from '../server.js';
import type { MockGroupInput, MockSignIn, MockUserInput, MockUserTokens } from './mock-users.js';
import type { FixtureInput } from '../store/fixtures.js';
import type { PreTokenGenerationHandler } from '../triggers/pre-token-generation-triggers.js';
import type { LogFormat, LogLevel } from '../middleware/request-lines.js';
import type { RequestLogEntry } from '../model/request-log.js';
import type { MintAccessTokenOptions } from './mint-access-token.js';
import type { MintUserTokenOptions } from './mint-user-tokens.js';
import type { MockHostedSignIn, MockHostedTokens } from './hosted-sign-in.js';

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
  /** Pre token generation triggers by pool id (README "Pre token generation trigger"); they win over LambdaConfig and run in this process. */
  triggers?: Record<string, PreTokenGenerationHandler>;
  /** How long a trigger may take before the request fails, in milliseconds; default 5000 (Cognito's). */
  triggerTimeoutMs?: number;
  /** Where trigger modules set through CreateUserPool/UpdateUserPool may lie (never under node_modules); default: the fixtures directory. */
  triggersDir?: string;
  /**
   * Private keys (PEM or private RSA JWK) for the pools that get their keys from the mock: pools
   * created through the API, and fixture pools without `SigningKeys` that the store does not hold
   * yet. Each such pool takes the next two, access-token key first; once they are used up, keys
   * are generated (an RSA-2048 generation takes tens to hundreds of milliseconds). Every mock starts
   * at the first key, so keep the keys distinct and meant for tests only.
   */
  keysForNewPools?: readonly (string | object)[];
  /**
   * Start even when NODE_ENV is `production` (any spelling); without it the start rejects with a
   * ConfigError, as the CLI refuses without `--allow-production` (SECURITY.md "No production by accident").
   */
  allowProduction?: boolean;
  /**
   * `Host` names the mock answers beyond IP addresses, `localhost`, single-label names and
   * `*.internal` (README "Flags", `--allowed-hosts`): `name`, `.domain` for it and its subdomains, `*` for any.
   */
  allowedHosts?: readonly string[];
  /**
   * Request lines on stderr (README "Request log"): `silent` (the default: tests stay quiet; the
   * entries are kept for {@link CognitoMock.requests} all the same), `error`, `warn` (refusals), `info` (every request).
   */
  logLevel?: LogLevel;
  /** `text` (default) or `json` lines. */
  logFormat?: LogFormat;
  /** Serve the console at `/_mock/console` (README "Console", `--no-console`). Default true. */
  console?: boolean;
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
 * A user pool as DescribeUserPool answers it on the wire (`UserPoolType`: Cognito's defaults filled
 * in, dates in epoch seconds where the AWS SDK would give `Date`s).
 *
 * @example
 * const pool: MockUserPool | undefined = mock.pool('us-east-1_Example01'); // { Id, Name, …, Domain: 'example' }
 */
export type MockUserPool = { Id: string; Name: string; CreationDate: number; LastModifiedDate: number; Domain?: string; [member: string]: unknown };

/**
 * An app client as DescribeUserPoolClient answers it on the wire (`UserPoolClientType`, `ClientSecret`
 * included, dates in epoch seconds).
 *
 * @example
 * const { ClientSecret } = mock.client('1example0client0orders0id1')!;
 */
export type MockUserPoolClient = {
  UserPoolId: string;
  ClientId: string;
  ClientName: string;
  ClientSecret?: string;
  CreationDate: number;
  LastModifiedDate: number;
  AllowedOAuthScopes?: string[];
  [member: string]: unknown;
};

/**
 * A resource server as DescribeResourceServer answers it (`ResourceServerType`).
 *
 * @example
 * const scopes = mock.resourceServers(poolId).flatMap((s) => (s.Scopes ?? []).map((x) => `${s.Identifier}/${x.ScopeName}`));
 */
export type MockResourceServer = {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes?: { ScopeName: string; ScopeDescription: string }[];
};

/**
 * A confirmation or reset code the mock "sent" (README "Confirmation and reset codes"): what the
 * user would find in their email or SMS.
 *
 * @example
 * const { code } = mock.latestCode(poolId, 'alice')!; // then ConfirmSignUp with ConfirmationCode: code
 */
export type MockCode = {
  /** Six digits. */
  code: string;
  /** `signup` (for ConfirmSignUp) or `forgot_password` (for ConfirmForgotPassword, after ForgotPassword or AdminResetUserPassword). */
  kind: 'signup' | 'forgot_password';
  /** The masked destination, as `CodeDeliveryDetails.Destination` showed it. */
  destination: string;
  /** The user's internal username (the sub in an email-username pool). */
  username: string;
  /** When the code stops working, epoch milliseconds of the mock's clock. */
  expiresAt: number;
};

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
   * over-scoped tokens. Throws a CognitoMockError `client_not_found` if the client is unknown.
   */
  mintAccessToken(options: MintAccessTokenOptions): string;
  /**
   * Signs a user's ID token with the pool's ID-token key, without HTTP: the claims a sign-in
   * through the client gives (`cognito:groups`, readable attributes, `aud`), bent by the same
   * switches as `mintAccessToken`. Throws a CognitoMockError `client_not_found` for an unknown
   * client, `sign_in_refused` (`user_not_found`) for a user not in the client's pool.
   *
   * @example
   * const idToken = mock.mintIdToken({ clientId, username: 'alice', expired: true });
   */
  mintIdToken(options: MintUserTokenOptions): string;
  /**
   * Signs a user's access token (`username`, `cognito:groups`, scope `aws.cognito.signin.user.admin`)
   * with the pool's access-token key, as `mintIdToken` does.
   *
   * @example
   * const accessToken = mock.mintUserAccessToken({ clientId, username: 'alice', claims: { 'cognito:groups': ['admins'] } });
   */
  mintUserAccessToken(options: MintUserTokenOptions): string;
  /** `{ userPoolId, issuer, jwksUri }` for the verifier, in the mock's issuer mode. */
  verifierOptions(poolId: string): MockVerifierOptions;
  /** The pool's public JWKS (what `jwksUri` serves), e.g. for aws-jwt-verify's `cacheJwks`. Throws a CognitoMockError `pool_not_found` if the pool is unknown. */
  jwks(poolId: string): MockJwks;
  /** The pool as DescribeUserPool shows it, or undefined if the mock has no such pool. A copy: changing it changes nothing. */
  pool(poolId: string): MockUserPool | undefined;
  /** Every pool the mock holds (fixture pools and pools created through the API), as {@link CognitoMock.pool} shows them. */
  pools(): MockUserPool[];
  /** The app client, of whichever pool, as DescribeUserPoolClient shows it (its secret included), or undefined. */
  client(clientId: string): MockUserPoolClient | undefined;
  /** The pool's app clients as {@link CognitoMock.client} shows them. Throws a CognitoMockError `pool_not_found` if the pool is unknown. */
  clients(poolId: string): MockUserPoolClient[];
  /** The pool's resource servers as DescribeResourceServer shows them. Throws a CognitoMockError `pool_not_found` if the pool is unknown. */
  resourceServers(poolId: string): MockResourceServer[];
  /**
   * A deep copy of everything the mock holds (pools with their keys, resource servers, clients and
   * secrets), as plain data: compare two to assert that a request changed nothing. Its layout is the
   * store file's; read members through the methods above.
   */
  snapshot(): Record<string, unknown>;
  /** Sets (a function, run in this process) or removes (undefined) the pool's pre token generation trigger; it wins over LambdaConfig. */
  setPreTokenGenerationTrigger(poolId: string, handler: PreTokenGenerationHandler | undefined): void;
  /**
   * Adds a new access-token key to the pool's JWKS and signs with it from now on; the old key stays
   * published. Rejects with a CognitoMockError: `pool_not_found`, `invalid_key`, `key_already_published`, `store_write_failed`.
   */
  rotateKeys(poolId: string, options?: RotateKeysOptions): Promise<KeyRotation>;
  /** Removes the rotated-out keys from the pool's JWKS: tokens they signed stop verifying. Rejects like {@link CognitoMock.rotateKeys}. */
  retireKeys(poolId: string): Promise<KeyRetirement>;
  /**
   * Creates a user (AdminCreateUser, no message sent), with a permanent password (CONFIRMED) and
   * groups if given; resolves to the user as AdminGetUser answers it. Rejects with a
   * CognitoMockError: `pool_not_found`, `request_refused` (e.g. `type` UsernameExistsException,
   * InvalidPasswordException), `store_write_failed`.
   */
  createUser(poolId: string, user: MockUserInput): Promise<Record<string, unknown>>;
  /** Creates a group (CreateGroup); resolves to its `GroupType`. Rejects like {@link CognitoMock.createUser}. */
  createGroup(poolId: string, group: MockGroupInput): Promise<Record<string, unknown>>;
  /**
   * Signs a user in with a password, without HTTP: the checks and tokens of ADMIN_USER_PASSWORD_AUTH
   * (whatever the client's flows and secret), a refresh token the API accepts. Rejects with a
   * CognitoMockError `client_not_found` or `sign_in_refused` (its `type` and message as the API's,
   * e.g. NotAuthorizedException "Incorrect username or password.").
   */
  signIn(request: MockSignIn): Promise<MockUserTokens>;
  /**
   * Signs a user in through the managed login, over HTTP: authorize with PKCE, the sign-in form
   * posted, the code exchanged at /oauth2/token (with the client's secret, if any). The tokens are
   * those of the code grant (`version: 2`, the granted scopes, `at_hash`, `nonce`). Rejects with a
   * CognitoMockError `hosted_sign_in_failed` saying where the flow stopped, e.g. "Incorrect username or password.".
   */
  hostedSignIn(request: MockHostedSignIn): Promise<MockHostedTokens>;
  /**
   * The code the user (by username, alias or sub) waits for: the latest one issued by SignUp,
   * ResendConfirmationCode, ForgotPassword or AdminResetUserPassword, until it is used or expires;
   * undefined if none. Throws a CognitoMockError `pool_not_found` if the pool is unknown.
   */
  latestCode(poolId: string, username: string): MockCode | undefined;
  /** Adds a fault (README "Fault injection"); throws a TypeError for a malformed one. */
  injectFault(fault: Fault): void;
  /** Removes every fault, fixture ones included. */
  clearFaults(): void;
  /** The underlying server: its internals, for the mock's own tests; the members above are the testing API. */
  server: RunningServer;
  /**
   * The last requests the mock answered (up to 500), oldest first: method, path, status, the
   * operation or grant, client and pool, and for a refusal its `error` and `reason` in words
   * (README "Request log"). Print them when a test fails to see why a request was refused.
   *
   * @example
   * const refused = mock.requests().filter((entry) => entry.error !== undefined);
   */
  requests(limit?: number): RequestLogEntry[];
  /** Stops listening and waits for pending store writes. */
  stop(): Promise<void>;
}
