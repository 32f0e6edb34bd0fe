import { randomUUID } from 'node:crypto';
import { type Log, stderrLog } from '../model/log.js';
import { fileURLToPath } from 'node:url';
import type { UserPool } from '../model/types.js';
import type { PreTokenGenerationEvent } from './pre-token-generation-event.js';
import { type TriggerFailure, isTriggerFailure, triggerThrew, triggerTimedOut, triggerUnavailable } from './trigger-failure.js';
import { WHERE_API_TRIGGERS_MAY_LIE, liesInTriggersDir, realPath } from './trigger-module-location.js';
import { TriggerWorker } from './trigger-worker.js';

/**
 * AWS's Lambda trigger guide: "your Lambda function must respond within 5 seconds. If it doesn't,
 * Amazon Cognito retries the call" (three attempts in all). The mock calls a trigger once [I]: a
 * trigger with side effects runs once per token, and a slow one fails after 5 s, not 15.
 */
export const DEFAULT_TRIGGER_TIMEOUT_MS = 5_000;

/**
 * The little of Lambda's context object a local handler gets.
 *
 * @example
 * const handler: PreTokenGenerationHandler = async (event, context) => {
 *   const tenant = await lookUpTenant(event.callerContext.clientId, { timeoutMs: context.getRemainingTimeInMillis() - 100 });
 *   event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { tenant } } };
 *   return event;
 * };
 */
export interface TriggerContext {
  awsRequestId: string;
  functionName: string;
  getRemainingTimeInMillis(): number;
}

/**
 * A pre token generation trigger: Lambda's handler signature. Return (or resolve to) the event
 * with `response.claimsAndScopeOverrideDetails` (version 1: `response.claimsOverrideDetails`) filled in.
 *
 * @example
 * const addTenant: PreTokenGenerationHandler = (event) => {
 *   event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' } } };
 *   return event;
 * };
 */
export type PreTokenGenerationHandler = (event: PreTokenGenerationEvent, context: TriggerContext) => unknown;

/** What runs for a pool: a handler given to the testing API, or the file URL of an ES module. */
export type TriggerRef = PreTokenGenerationHandler | string;

interface PreTokenGenerationConfig {
  LambdaVersion?: unknown;
  LambdaArn?: unknown;
}

/** `LambdaConfig.PreTokenGenerationConfig.LambdaVersion`. */
export type TriggerVersion = 'V1_0' | 'V2_0' | 'V3_0';

const VERSIONS: readonly unknown[] = ['V1_0', 'V2_0', 'V3_0'];

/** The trigger of a pool's user tokens and the version of the event it gets. */
export interface UserTokenTrigger {
  ref: TriggerRef;
  version: TriggerVersion;
}

/**
 * The pre token generation triggers of every pool. A pool's trigger is, in order: a handler set
 * through the testing API, else its `LambdaConfig.PreTokenGenerationConfig` when `LambdaVersion`
 * applies (client credentials: `V3_0` only, reference §7; user tokens: every version,
 * cognito-reference-users §5.8) and `LambdaArn` is a `file:` URL. A real Lambda ARN cannot run here: it is ignored (tokens are issued unchanged) and
 * named once on stderr. A module runs in a worker thread of its own, one per URL, imported once
 * and kept (trigger-worker.ts); a handler given as a function is the caller's own code and runs
 * in-process.
 */
export class PreTokenGenerationTriggers {
  readonly timeoutMs: number;
  private readonly handlers = new Map<string, PreTokenGenerationHandler>();
  private readonly workers = new Map<string, TriggerWorker>();
  private readonly warned = new Set<string>();
  private readonly moduleDir: string | undefined;
  private readonly trustedUrls = new Set<string>();

  /**
   * `moduleDir`: the triggers directory, where trigger modules named through the (unauthenticated)
   * management API may lie; without one, the API may name none. Modules named by fixture files are
   * trusted wherever they are (see `trust`).
   */
  constructor(timeoutMs = DEFAULT_TRIGGER_TIMEOUT_MS, moduleDir?: string, private readonly log: Log = stderrLog) {
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new TypeError(`trigger timeout must be a positive number of milliseconds, got ${timeoutMs}`);
    this.timeoutMs = timeoutMs;
    this.moduleDir = moduleDir === undefined ? undefined : realPath(moduleDir);
  }

  /** Marks a module URL as chosen by whoever wrote the fixtures: it may run wherever it lies. */
  trust(url: string): void {
    this.trustedUrls.add(url);
  }

  /** Whether a module file lies (symbolic links resolved) inside the triggers directory, outside node_modules. */
  mayRun(path: string): boolean {
    return liesInTriggersDir(this.moduleDir, path);
  }

  /** Sets (or, with undefined, removes) the handler of a pool; it wins over the pool's LambdaConfig. */
  set(poolId: string, handler: PreTokenGenerationHandler | undefined): void {
    if (handler === undefined) this.handlers.delete(poolId);
    else if (typeof handler !== 'function') throw new TypeError('a pre token generation trigger must be a function');
    else this.handlers.set(poolId, handler);
  }

  /** The trigger of a pool's client-credentials tokens, or undefined: no allocation in that common case. */
  triggerFor(pool: UserPool): TriggerRef | undefined {
    if (this.handlers.size > 0) {
      const handler = this.handlers.get(pool.Id);
      if (handler) return handler;
    }
    const config = configOf(pool);
    if (config === undefined || config.LambdaVersion !== 'V3_0') return undefined;
    return this.moduleOf(pool, config);
  }

  /**
   * The trigger of a pool's user tokens: every version runs for them (cognito-reference-users §5.8).
   * A handler given through the testing API gets the event of the pool's `LambdaVersion`, version 3
   * when the pool names none [I].
   */
  userTriggerFor(pool: UserPool): UserTokenTrigger | undefined {
    const config = configOf(pool);
    const version = VERSIONS.includes(config?.LambdaVersion) ? config!.LambdaVersion as TriggerVersion : undefined;
    const handler = this.handlers.size > 0 ? this.handlers.get(pool.Id) : undefined;
    if (handler) return { ref: handler, version: version ?? 'V3_0' };
    if (config === undefined || version === undefined) return undefined;
    const ref = this.moduleOf(pool, config);
    return ref === undefined ? undefined : { ref, version };
  }

  /** A config's `file:` module; a real Lambda ARN cannot run here, and is named once on stderr. */
  private moduleOf(pool: UserPool, config: PreTokenGenerationConfig): string | undefined {
    if (typeof config.LambdaArn !== 'string') return undefined;
    if (config.LambdaArn.startsWith('file:')) return config.LambdaArn;
    if (!this.warned.has(config.LambdaArn)) {
      this.warned.add(config.LambdaArn);
      this.log.warn(`cognito-mock: pool ${pool.Id}: pre token generation trigger ${config.LambdaArn} is not a file: URL and cannot run locally; tokens are issued without it.`);
    }
    return undefined;
  }

  /**
   * Runs a trigger on an event and hands its answer to `use` (which throws a trigger failure for an
   * unusable answer). Any failure is a `trigger_failed` DomainError, logged with the pool id (never with secrets).
   */
  async run<T>(ref: TriggerRef, event: PreTokenGenerationEvent, use: (answer: unknown) => T): Promise<T> {
    try {
      const answer = typeof ref === 'string' ? await this.runModule(ref, event) : await this.withTimeout(ref, event, ref.name || 'testing-api-trigger');
      return use(answer);
    } catch (error) {
      const failure = isTriggerFailure(error) ? error : triggerThrew(error);
      this.log.warn(`cognito-mock: pool ${event.userPoolId}: pre token generation trigger failed (${failure.problem.kind}): ${failure.problem.reason}`);
      throw failure;
    }
  }

  /** Ends every module's worker (the server is closing); invocations under way fail. */
  async close(): Promise<void> {
    const workers = [...this.workers.values()];
    this.workers.clear();
    await Promise.all(workers.map((worker) => worker.stop()));
  }

  private withTimeout(handler: PreTokenGenerationHandler, event: PreTokenGenerationEvent, functionName: string): Promise<unknown> {
    const deadline = Date.now() + this.timeoutMs;
    const context: TriggerContext = { awsRequestId: randomUUID(), functionName, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(triggerTimedOut(this.timeoutMs)), this.timeoutMs);
    });
    // A handler that throws synchronously rejects here too.
    const answer = Promise.resolve().then(() => handler(event, context));
    return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
  }

  private runModule(url: string, event: PreTokenGenerationEvent): Promise<unknown> {
    // Checked again before every call, in this thread, before anything is imported: a store edited
    // by hand, or a file replaced by a link, must not widen what runs beyond fixtures and the triggers directory.
    if (!this.trustedUrls.has(url) && !this.mayRun(fileURLToPath(url))) {
      return Promise.reject(triggerUnavailable(`${url}: ${WHERE_API_TRIGGERS_MAY_LIE}.`));
    }
    return this.workerFor(url).invoke(event, this.timeoutMs, url);
  }

  /** The module's worker; a new one when there is none or the last one ended (the file may have been fixed). */
  private workerFor(url: string): TriggerWorker {
    const current = this.workers.get(url);
    if (current && !current.ended) return current;
    const worker: TriggerWorker = new TriggerWorker(url, (failure: TriggerFailure, idle: boolean) => {
      if (this.workers.get(url) === worker) this.workers.delete(url);
      // A module that dies between tokens (a timer that throws) is loaded again on the next one;
      // say why now, since no request will.
      if (idle) this.log.warn(`cognito-mock: pre token generation trigger ${url} stopped between tokens (${failure.problem.kind}): ${failure.problem.reason}`);
    });
    this.workers.set(url, worker);
    return worker;
  }
}

const configOf = (pool: UserPool): PreTokenGenerationConfig | undefined =>
  (pool.LambdaConfig as { PreTokenGenerationConfig?: PreTokenGenerationConfig } | undefined)?.PreTokenGenerationConfig;
