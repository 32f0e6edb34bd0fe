import { existsSync, statSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from './clock.js';
import { ConfigError } from './model/config-error.js';
import { type IssuerMode, issuerOf, parseIssuerMode } from './model/issuer.js';
import { type Log, stderrLog } from './model/log.js';
import { RequestLog } from './model/request-log.js';
import { type LogFormat, type LogLevel, printRequestLines } from './middleware/request-lines.js';
import type { StoredPoolKeys } from './model/types.js';
import { publicUrlOf } from './http/public-url.js';
import { type HostCheck, hostCheck, urlHostName } from './http/allowed-hosts.js';
import { shown } from './middleware/host-check.js';
import type { AppContext } from './context.js';
import { Registry } from './registry.js';
import { createApp } from './app.js';
import { applyFixtures } from './domain/apply-fixtures.js';
import { SESSION_PRUNE_INTERVAL_MS, pruneExpiredSessions } from './domain/sign-in/prune-sessions.js';
import { type FixtureInput, type FixturePool, loadFixtures } from './store/fixtures.js';
import { Store } from './store/store.js';
import { Faults } from './faults/faults.js';
import { type PreTokenGenerationHandler, PreTokenGenerationTriggers } from './triggers/pre-token-generation-triggers.js';

/** How long `close()` lets requests under way finish before it drops their connections. */
const CLOSE_GRACE_MS = 1_000;

/**
 * How long a client may take to send a whole request. Node's default is 300 s, during which a
 * body that never ends holds its buffer; real clients send the largest body (1 MiB) in milliseconds.
 */
const REQUEST_TIMEOUT_MS = 30_000;

/** Refused hosts logged at most (each once): enough to tell an operator, too few to flood a log. */
const MAX_LOGGED_REFUSED_HOSTS = 16;

export interface ServerOptions {
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port; 0 (the default here) picks a free one. */
  port?: number;
  /** A fixture file, a directory of them, or the parsed object; omit for none. */
  fixtures?: FixtureInput;
  /** The store file; omit to keep everything in memory. */
  data?: string;
  /** `aws` (default), `local`, a base URL, or a parsed mode. */
  issuer?: string | IssuerMode;
  /** Base URL advertised in discovery. Default `http://<host>:<port>`. */
  publicUrl?: string;
  /** Take the advertised base URL from each request's `Host` instead (README "Public URL behind port mapping"). */
  publicUrlFromRequest?: boolean;
  /** With `publicUrlFromRequest`: honour `X-Forwarded-Proto`, `-Host` and `-Port` (only behind a proxy you run). */
  trustProxy?: boolean;
  /** Time source (milliseconds), for tests that move time. */
  clock?: Clock;
  /** Pre token generation triggers by pool id, as functions (they win over a pool's LambdaConfig). */
  triggers?: Record<string, PreTokenGenerationHandler>;
  /** Where the server's warnings go (a failed store write, a trigger that cannot run, an unexpected error). Default: stderr. */
  log?: Log;
  /** Which requests get a line in the request log's output (README "Request log"). Default `silent` (the CLI's is `info`). */
  logLevel?: LogLevel;
  /** `text` (default) or `json` lines. */
  logFormat?: LogFormat;
  /** Where the request log's lines go; default stderr. */
  logWrite?: (text: string) => void;
  /** How long a trigger may take, in milliseconds. Default 5000, as Cognito. */
  triggerTimeoutMs?: number;
  /** Where trigger modules set through the management API may lie (never under node_modules). Default: the fixtures directory. */
  triggersDir?: string;
  /** Where a pool that brings no keys gets its two (the testing API's `keysForNewPools`); default: generated. */
  newPoolKeys?: () => Promise<StoredPoolKeys>;
  /**
   * `Host` names answered beyond the built-in ones (IP literals, localhost, single-label names,
   * `*.internal`, the public URL's and the listening host): `name`, `.domain` for it and its
   * subdomains, `*` for any. Others get a 403 (DNS rebinding, SECURITY.md "Control surfaces").
   */
  allowedHosts?: readonly string[];
  /** Serve the console at `/_mock/console` (README "Console"). Default true; false answers its paths 404. */
  console?: boolean;
  /** How long a client may take to send a whole request before its connection is closed, in milliseconds. Default 30000. */
  requestTimeoutMs?: number;
}

export interface RunningServer {
  /** Where the server listens, e.g. `http://127.0.0.1:53121`. */
  url: string;
  port: number;
  /** The base URL advertised in discovery (to requests without a usable `Host`, when URLs come from requests). */
  publicUrl: string;
  registry: Registry;
  issuerMode: IssuerMode;
  /** The `iss` of a pool's tokens. */
  issuer(poolId: string): string;
  /** Pre token generation triggers (set or remove a pool's handler). */
  triggers: PreTokenGenerationTriggers;
  /** Injected faults (README "Fault injection"). */
  faults: Faults;
  /** The operator's messages (where confirmation and reset codes are printed). */
  log: Log;
  /** The recent requests, with the reasons of refusals. */
  requestLog: RequestLog;
  /** The ids of the pools the fixtures define. */
  fixturePoolIds: readonly string[];
  /**
   * Stops listening, ends idle connections, and waits for pending store writes. With `drainMs`, it
   * first keeps answering for that long, every answer closing its connection (a process stopping
   * on SIGTERM: requests already sent, on new or kept-alive connections, get answers, not resets).
   */
  close(options?: { drainMs?: number }): Promise<void>;
}

/** Loads fixtures and the store (reporting every problem of both at once), then listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? stderrLog;
  const issuerMode = typeof options.issuer === 'object' ? options.issuer : parseIssuerMode(options.issuer ?? 'aws');
  if (!issuerMode) throw new ConfigError([`issuer must be aws, local or an http(s) base URL, got "${String(options.issuer)}"`]);

  const [fixtures, store] = await Promise.allSettled([
    options.fixtures === undefined ? Promise.resolve<FixturePool[]>([]) : loadFixtures(options.fixtures),
    options.data === undefined ? Promise.resolve(Store.inMemory({ clock, log })) : Store.open(options.data, { clock, log }),
  ]);
  try {
    return await listenWith(options, clock, log, issuerMode, fixtures, store);
  } catch (error) {
    // A start that fails once the store is open (bad fixtures, a port in use) lets go of the store
    // and its lock: the same process can start again on that file.
    if (store.status === 'fulfilled') await store.value.close();
    throw error;
  }
}

/** The rest of the start, once fixtures and store have loaded or failed to. */
async function listenWith(options: ServerOptions, clock: Clock, log: Log, issuerMode: IssuerMode,
  fixtures: PromiseSettledResult<FixturePool[]>, store: PromiseSettledResult<Store>): Promise<RunningServer> {
  const problems = [fixtures, store].flatMap((r) => (r.status === 'rejected' ? problemsOf(r.reason) : []));
  if (problems.length > 0 || fixtures.status === 'rejected' || store.status === 'rejected') throw new ConfigError(problems);

  const registry = new Registry(store.value, clock, options.newPoolKeys, log);
  await applyFixtures(registry, fixtures.value);
  // Sign-ins whose refresh token expired over a day ago, at start and then hourly: the store and memory stay bounded.
  await pruneExpiredSessions(registry);
  const pruner = setInterval(() => {
    pruneExpiredSessions(registry).catch((error: unknown) => log.warn(`cognito-mock: could not drop expired sign-in sessions: ${(error as Error).message}`));
  }, SESSION_PRUNE_INTERVAL_MS).unref();

  let publicUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';
  const triggers = new PreTokenGenerationTriggers(options.triggerTimeoutMs, triggerModuleDir(options), log);
  for (const [poolId, handler] of Object.entries(options.triggers ?? {})) triggers.set(poolId, handler);
  for (const url of fixtureTriggerUrls(fixtures.value)) triggers.trust(url);
  const faults = new Faults();
  for (const client of fixtures.value.flatMap((pool) => pool.clients)) if (client.MockFaults) faults.add(client.MockFaults);
  const urlPolicy = { fromRequest: options.publicUrlFromRequest === true, trustProxy: options.trustProxy === true };
  const requestLog = new RequestLog();
  const stopLines = printRequestLines(requestLog, { level: options.logLevel ?? 'silent', format: options.logFormat ?? 'text',
    ...(options.logWrite === undefined ? {} : { write: options.logWrite }) });
  const context: AppContext = {
    clock, registry, issuerMode, triggers, faults, log, requestLog,
    publicUrl: (headers) => (headers === undefined ? publicUrl : publicUrlOf(headers, urlPolicy, publicUrl)),
  };
  const host = options.host ?? '127.0.0.1';
  const app = createApp(context, allowedHostOf(options, host, log), { console: options.console !== false });
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const server = createServer({
    requestTimeout,
    // The whole request, headers included, must come within requestTimeout; Node checks every
    // connectionsCheckingInterval (default 30 s), so a short timeout needs a shorter interval.
    headersTimeout: Math.min(60_000, requestTimeout),
    connectionsCheckingInterval: Math.min(1_000, requestTimeout),
  }, app.callback());
  let draining = false;
  // Before Koa's handler: while draining, every answer says `Connection: close` and ends its connection.
  server.prependListener('request', (_req, res) => { if (draining) res.shouldKeepAlive = false; });
  await listen(server, host, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${port}`;
  if (!publicUrl) publicUrl = host === '0.0.0.0' || host === '::' ? `http://localhost:${port}` : url;

  return {
    url,
    port,
    publicUrl,
    registry,
    issuerMode,
    issuer: (poolId) => issuerOf(issuerMode, publicUrl, registry.pool(poolId)?.UserPool ?? { Id: poolId }),
    triggers,
    faults,
    log,
    requestLog,
    fixturePoolIds: fixtures.value.map((pool) => pool.Id),
    close: async ({ drainMs = 0 } = {}) => {
      draining = true;
      if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Requests under way get a moment to finish; a client that holds one open (a body that never
      // ends) must not keep SIGTERM from stopping the process.
      const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      try {
        await closed;
      } finally {
        clearTimeout(cutOff);
        clearInterval(pruner);
        stopLines();
        // After the requests under way had their grace: a trigger module stuck in a loop must not hold the close.
        await triggers.close();
      }
      try {
        await store.value.persist();
      } finally {
        // A last write that fails still lets go of the store and its lock.
        await store.value.close();
      }
    },
  };
}

/**
 * The triggers directory, where API-set trigger modules may lie (SECURITY.md): the one named, else
 * the fixtures directory (that of a fixture file); none for fixtures given as an object. Not the
 * working directory: it holds node_modules and whatever else the operator keeps there.
 */
function triggerModuleDir(options: ServerOptions): string | undefined {
  if (options.triggersDir !== undefined) {
    const dir = resolve(options.triggersDir);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ConfigError([`triggers directory ${options.triggersDir} is not a directory`]);
    return dir;
  }
  if (typeof options.fixtures !== 'string') return undefined;
  const path = resolve(options.fixtures);
  return existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
}

/** The Host check: the built-in names, `allowedHosts`, and the names of the public URL and the listening address. */
function allowedHostOf(options: ServerOptions, host: string, log: Log): HostCheck {
  const ownNames = [options.publicUrl, `http://${urlHost(host)}`].flatMap((url) => (url === undefined ? [] : urlHostName(url) ?? []));
  let logged = 0;
  return hostCheck([...options.allowedHosts ?? [], ...ownNames], (refused) => {
    if (logged++ < MAX_LOGGED_REFUSED_HOSTS) log.warn(`cognito-mock: refused a request for Host ${shown(refused)} (DNS rebinding protection); allow it with --allowed-hosts.`);
  });
}

/** The trigger modules fixture files name: their authors chose them, so they run wherever they are. */
function fixtureTriggerUrls(fixtures: readonly FixturePool[]): string[] {
  return fixtures.flatMap((pool) => {
    const arn = (pool.members.LambdaConfig as { PreTokenGenerationConfig?: { LambdaArn?: unknown } } | undefined)?.PreTokenGenerationConfig?.LambdaArn;
    return typeof arn === 'string' && arn.startsWith('file:') ? [arn] : [];
  });
}

function problemsOf(error: unknown): string[] {
  if (error instanceof ConfigError) return [...error.problems];
  throw error;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);
