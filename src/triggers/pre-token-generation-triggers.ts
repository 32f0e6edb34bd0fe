import { randomUUID } from 'node:crypto';
import { type Log, stderrLog } from '../model/log.js';
import { realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserPool } from '../model/types.js';
import type { PreTokenGenerationV3Event } from './pre-token-generation-event.js';
import { isTriggerFailure, triggerThrew, triggerTimedOut, triggerUnavailable } from './trigger-failure.js';

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
 * with `response.claimsAndScopeOverrideDetails` filled in.
 *
 * @example
 * const addTenant: PreTokenGenerationHandler = (event) => {
 *   event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' } } };
 *   return event;
 * };
 */
export type PreTokenGenerationHandler = (event: PreTokenGenerationV3Event, context: TriggerContext) => unknown;

/** What runs for a pool: a handler given to the testing API, or the file URL of an ES module. */
export type TriggerRef = PreTokenGenerationHandler | string;

interface PreTokenGenerationConfig {
  LambdaVersion?: unknown;
  LambdaArn?: unknown;
}

/**
 * The pre token generation triggers of every pool. A pool's trigger is, in order: a handler set
 * through the testing API, else its `LambdaConfig.PreTokenGenerationConfig` when `LambdaVersion`
 * is `V3_0` (only version 3 applies to client-credentials tokens, reference §7) and `LambdaArn` is a
 * `file:` URL. A real Lambda ARN cannot run here: it is ignored (tokens are issued unchanged) and
 * named once on stderr. Modules are imported once per URL and kept.
 */
export class PreTokenGenerationTriggers {
  readonly timeoutMs: number;
  private readonly handlers = new Map<string, PreTokenGenerationHandler>();
  private readonly modules = new Map<string, Promise<PreTokenGenerationHandler>>();
  private readonly warned = new Set<string>();
  private readonly moduleDirs: string[];
  private readonly trustedUrls = new Set<string>();

  /**
   * `moduleDirs`: where trigger modules named through the (unauthenticated) management API may lie.
   * Modules named by fixture files are trusted wherever they are (see `trust`).
   */
  constructor(timeoutMs = DEFAULT_TRIGGER_TIMEOUT_MS, moduleDirs: readonly string[] = [process.cwd()], private readonly log: Log = stderrLog) {
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new TypeError(`trigger timeout must be a positive number of milliseconds, got ${timeoutMs}`);
    this.timeoutMs = timeoutMs;
    this.moduleDirs = moduleDirs.map(realPath).filter((dir): dir is string => dir !== undefined);
  }

  /** Marks a module URL as chosen by whoever wrote the fixtures: it may run wherever it lies. */
  trust(url: string): void {
    this.trustedUrls.add(url);
  }

  /** Whether a module file lies (symbolic links resolved) inside one of the allowed directories. */
  mayRun(path: string): boolean {
    const real = realPath(path);
    return real !== undefined && this.moduleDirs.some((dir) => real === dir || real.startsWith(dir.endsWith(sep) ? dir : dir + sep));
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
    const config = (pool.LambdaConfig as { PreTokenGenerationConfig?: PreTokenGenerationConfig } | undefined)?.PreTokenGenerationConfig;
    if (config === undefined || config.LambdaVersion !== 'V3_0' || typeof config.LambdaArn !== 'string') return undefined;
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
  async run<T>(ref: TriggerRef, event: PreTokenGenerationV3Event, use: (answer: unknown) => T): Promise<T> {
    try {
      const handler = typeof ref === 'string' ? await this.load(ref) : ref;
      return use(await this.withTimeout(handler, event, typeof ref === 'string' ? ref : handler.name || 'testing-api-trigger'));
    } catch (error) {
      const failure = isTriggerFailure(error) ? error : triggerThrew(error);
      this.log.warn(`cognito-mock: pool ${event.userPoolId}: pre token generation trigger failed (${failure.problem.kind}): ${failure.problem.reason}`);
      throw failure;
    }
  }

  private withTimeout(handler: PreTokenGenerationHandler, event: PreTokenGenerationV3Event, functionName: string): Promise<unknown> {
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

  private load(url: string): Promise<PreTokenGenerationHandler> {
    // Checked again at run time: a store edited by hand, or a file replaced by a link, must not
    // widen what runs beyond fixtures and the allowed directories.
    if (!this.trustedUrls.has(url) && !this.mayRun(fileURLToPath(url))) {
      return Promise.reject(triggerUnavailable(`${url} lies outside the directories trigger modules may run from (SECURITY.md).`));
    }
    let loading = this.modules.get(url);
    if (!loading) {
      loading = import(url).then((module: { default?: unknown; handler?: unknown }) => {
        // The default export, as the mock documents; `handler`, Lambda's usual name, works too.
        const handler = typeof module.default === 'function' ? module.default : module.handler;
        if (typeof handler !== 'function') throw triggerUnavailable(`${url} has no default export function (or "handler" export).`);
        return handler as PreTokenGenerationHandler;
      }, (error: unknown) => {
        throw triggerUnavailable(`cannot load ${url}: ${(error as Error)?.message ?? String(error)}`, error);
      });
      // A module that failed to load is tried again on the next request (the file may have been fixed).
      loading.catch(() => this.modules.delete(url));
      this.modules.set(url, loading);
    }
    return loading;
  }
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
