import { faultProblem } from '../model/fault.js';
import { refuseProduction } from '../model/production-guard.js';
import { retireAccessKeys, rotateAccessKey } from '../domain/key-rotation.js';
import { importFixtureKey } from '../keys/signing-key.js';
import { MANAGEMENT_OPERATIONS } from '../management/operation-names.js';
import { pendingCode } from '../management/pending-code.js';
import { type ServerOptions, startServer } from '../server.js';
import type { CognitoMock, MockJwks, StartCognitoMockOptions } from './cognito-mock.js';
import { testingErrorOf, withTestingErrors } from './cognito-mock-error.js';
import { describedClient, describedClients, describedResourceServers, describedUserPool, requirePool } from './described-state.js';
import { listedPoolKeys } from './listed-pool-keys.js';
import { mintAccessToken } from './mint-access-token.js';
import { mintUserToken } from './mint-user-tokens.js';
import { createGroup, createUser, signIn } from './mock-users.js';

/**
 * Starts cognito-mock in-process: the same server as the CLI, on a free port, in memory unless
 * `data` is given. With `SigningKeys` in the fixtures the start takes a few milliseconds; pools
 * without them get fresh RSA keys, generated off the main thread (or `keysForNewPools`). Under
 * NODE_ENV=production it rejects with a ConfigError unless `allowProduction: true` is given.
 *
 * @example
 * const mock = await startCognitoMock({ fixtures: 'test/fixtures/pool.json' });
 * const res = await fetch(mock.tokenEndpoint, { method: 'POST', headers: { authorization: `Basic ${btoa(`${id}:${secret}`)}`,
 *   'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
 * await mock.stop();
 */
export async function startCognitoMock(options: StartCognitoMockOptions = {}): Promise<CognitoMock> {
  refuseProduction(process.env.NODE_ENV, options.allowProduction === true, 'Pass allowProduction: true to startCognitoMock');
  const serverOptions: ServerOptions = { port: options.port ?? 0 };
  if (options.fixtures !== undefined) serverOptions.fixtures = options.fixtures;
  if (options.issuer !== undefined) serverOptions.issuer = options.issuer;
  if (options.data !== undefined) serverOptions.data = options.data;
  if (options.clock !== undefined) serverOptions.clock = options.clock;
  if (options.triggers !== undefined) serverOptions.triggers = options.triggers;
  if (options.triggerTimeoutMs !== undefined) serverOptions.triggerTimeoutMs = options.triggerTimeoutMs;
  if (options.triggersDir !== undefined) serverOptions.triggersDir = options.triggersDir;
  if (options.keysForNewPools !== undefined) serverOptions.newPoolKeys = listedPoolKeys(options.keysForNewPools);
  if (options.allowedHosts !== undefined) serverOptions.allowedHosts = options.allowedHosts;
  if (options.logLevel !== undefined) serverOptions.logLevel = options.logLevel;
  if (options.logFormat !== undefined) serverOptions.logFormat = options.logFormat;
  if (options.console !== undefined) serverOptions.console = options.console;
  const server = await startServer(serverOptions);
  const { registry } = server;

  const jwksUri = (poolId: string): string => `${server.url}/${poolId}/.well-known/jwks.json`;

  return {
    url: server.url,
    tokenEndpoint: `${server.url}/oauth2/token`,
    issuer: (poolId) => server.issuer(poolId),
    jwksUri,
    verifierOptions: (poolId) => ({ userPoolId: poolId, issuer: server.issuer(poolId), jwksUri: jwksUri(poolId) }),
    jwks: (poolId) => withTestingErrors(() => {
      const keys = registry.keys(poolId);
      if (!keys) throw testingErrorOf({ code: 'pool_not_found', poolId });
      return JSON.parse(keys.jwksBody) as MockJwks;
    }),
    pool(poolId) {
      const pool = registry.pool(poolId);
      return pool && describedUserPool(pool);
    },
    pools: () => registry.pools().map(describedUserPool),
    client(clientId) {
      const record = registry.client(clientId);
      return record && describedClient(record.pool, clientId);
    },
    clients: (poolId) => describedClients(requirePool(registry, poolId)),
    resourceServers: (poolId) => describedResourceServers(requirePool(registry, poolId)),
    snapshot: () => structuredClone(registry.store.data) as unknown as Record<string, unknown>,
    // A damaged stored key of the pool (`invalid_stored_key`) too.
    mintAccessToken: (mintOptions) => withTestingErrors(() => mintAccessToken(server, mintOptions)),
    mintIdToken: (mintOptions) => withTestingErrors(() => mintUserToken(server, 'id', mintOptions)),
    mintUserAccessToken: (mintOptions) => withTestingErrors(() => mintUserToken(server, 'access', mintOptions)),
    createUser: (poolId, user) => createUser(server, poolId, user),
    createGroup: (poolId, group) => createGroup(server, poolId, group),
    signIn: (request) => signIn(server, request),
    hostedSignIn: async (request) => (await import('./hosted-sign-in.js')).hostedSignIn(server, request),
    setPreTokenGenerationTrigger: (poolId, handler) => server.triggers.set(poolId, handler),
    // Domain problems (an unknown pool, a bad or already published key, a failed write) reach the caller as CognitoMockErrors.
    rotateKeys: (poolId, rotateOptions = {}) => withTestingErrors(async () => rotateAccessKey(registry, poolId,
      rotateOptions.signingKey === undefined ? undefined : importFixtureKey(rotateOptions.signingKey))),
    retireKeys: (poolId) => withTestingErrors(() => retireAccessKeys(registry, poolId)),
    latestCode: (poolId, username) => withTestingErrors(() => {
      const code = pendingCode(registry, poolId, username);
      return code && { code: code.Code, kind: code.Kind, destination: code.Delivery.Destination, username: code.Username, expiresAt: code.ExpiresAt };
    }),
    injectFault(fault) {
      const problem = faultProblem(fault, MANAGEMENT_OPERATIONS);
      if (problem !== undefined) throw new TypeError(`cognito-mock: invalid fault: ${problem}`);
      server.faults.add(fault);
    },
    clearFaults: () => server.faults.clear(),
    requests: (limit) => server.requestLog.recent(limit).map((entry) => ({ ...entry })),
    server,
    stop: () => server.close(),
  };
}
