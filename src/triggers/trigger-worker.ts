import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { PreTokenGenerationEvent } from './pre-token-generation-event.js';
import { TRIGGER_WORKER_SOURCE } from './trigger-worker-source.js';
import { type TriggerFailure, invalidTriggerResponse, triggerThrew, triggerTimedOut, triggerUnavailable } from './trigger-failure.js';

/**
 * A trigger module's own heap limit: a module that allocates without end runs out of memory in its
 * worker (ERR_WORKER_OUT_OF_MEMORY, that invocation's failure), not in the server. Lambda's smallest
 * function has 128 MB; twice that leaves room for a module's dependencies.
 */
const MODULE_HEAP_MB = 256;

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'load-failed'; reason: string }
  | { type: 'answer'; id: number; answer: unknown }
  | { type: 'threw'; id: number; message: string }
  | { type: 'invalid'; id: number; reason: string };

interface PendingCall {
  settle(outcome: { answer: unknown } | { failure: TriggerFailure }): void;
}

/**
 * One trigger module running in its own worker thread, reused for every invocation: whatever the
 * module does (a synchronous loop, `process.exit`, an uncaught throw in a timer, an unhandled
 * rejection, a memory bomb) ends at most this thread and fails the invocations under way, never
 * the server. Once ended, it answers nothing more; the owner starts a new one for the next call.
 */
export class TriggerWorker {
  private readonly worker: Worker;
  private readonly online: Promise<void>;
  private readonly ready: Promise<void>;
  private readonly failReady: (failure: TriggerFailure) => void;
  private readonly calls = new Map<number, PendingCall>();
  private nextId = 0;
  private loaded = false;
  private endedWith: TriggerFailure | undefined;

  /** `onEnd` is told once if the thread ends by itself (not by `stop`); `idle`: no invocation was under way to report why. */
  constructor(private readonly url: string, private readonly onEnd: (failure: TriggerFailure, idle: boolean) => void) {
    this.worker = new Worker(TRIGGER_WORKER_SOURCE, { eval: true, workerData: { url }, resourceLimits: { maxOldGenerationSizeMb: MODULE_HEAP_MB } });
    // A worker must never keep the process alive: the server's close, or its exit, ends it.
    this.worker.unref();
    let markReady!: () => void;
    let failReady!: (failure: TriggerFailure) => void;
    this.ready = new Promise<void>((resolve, reject) => { markReady = resolve; failReady = reject; });
    this.failReady = failReady;
    this.ready.catch(() => {});
    this.online = new Promise<void>((resolve, reject) => {
      this.worker.once('online', resolve);
      this.ready.catch(reject);
    });
    this.online.catch(() => {});
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        this.loaded = true;
        markReady();
      } else if (message.type === 'load-failed') {
        this.end(triggerUnavailable(message.reason));
      } else {
        this.calls.get(message.id)?.settle(message.type === 'answer' ? { answer: message.answer }
          : { failure: message.type === 'threw' ? triggerThrew(new Error(message.message)) : invalidTriggerResponse(message.reason) });
      }
    });
    this.worker.on('error', (error) => this.end(this.loaded ? triggerThrew(error) : triggerUnavailable(`cannot load ${url}: ${error.message}`, error)));
    // Lambda's words for a function whose process exits: "Runtime exited with error: exit status 3".
    this.worker.on('exit', (code) => this.end(this.loaded ? triggerThrew(new Error(`Runtime exited with error: exit status ${code}`))
      : triggerUnavailable(`${url} exited while loading (exit status ${code})`)));
  }

  /** Whether the thread is gone (a new one must take over). */
  get ended(): boolean {
    return this.endedWith !== undefined;
  }

  /**
   * Calls the module's handler with a copy of the event. The timeout runs from when the thread is
   * up, not from its spawn (a cold start of Node, not of the module), and covers the module's
   * import on the first call, as Cognito's 5 s cover a Lambda cold start. On timeout the thread is
   * terminated: only that ends a synchronous loop.
   */
  async invoke(event: PreTokenGenerationEvent, timeoutMs: number, functionName: string): Promise<unknown> {
    if (this.endedWith) throw this.endedWith;
    await this.online;
    return new Promise<unknown>((resolve, reject) => {
      const id = this.nextId++;
      const deadline = Date.now() + timeoutMs;
      const timer = setTimeout(() => {
        call.settle({ failure: triggerTimedOut(timeoutMs) });
        void this.stop(triggerUnavailable(`the trigger ${this.url} was stopped: an invocation ran past the ${timeoutMs} ms timeout`));
      }, timeoutMs);
      const call: PendingCall = {
        settle: (outcome) => {
          if (!this.calls.delete(id)) return;
          clearTimeout(timer);
          if ('failure' in outcome) reject(outcome.failure);
          else resolve(outcome.answer);
        },
      };
      this.calls.set(id, call);
      this.ready.then(() => {
        if (!this.calls.has(id)) return;
        try {
          this.worker.postMessage({ id, event, deadline, awsRequestId: randomUUID(), functionName });
        } catch (error) {
          call.settle({ failure: triggerThrew(error) });
        }
      }, (failure: TriggerFailure) => call.settle({ failure }));
    });
  }

  /** Ends the thread on purpose (a timeout, the server's close); invocations under way fail with `failure`. */
  async stop(failure: TriggerFailure = triggerUnavailable('the server is closing')): Promise<void> {
    this.end(failure, false);
    await this.worker.terminate();
  }

  private end(failure: TriggerFailure, tellOwner = true): void {
    if (this.endedWith) return;
    this.endedWith = failure;
    const idle = this.calls.size === 0;
    this.failReady(failure);
    for (const call of [...this.calls.values()]) call.settle({ failure });
    // A load that failed, or a thread that died between calls, leaves nothing running.
    void this.worker.terminate();
    if (tellOwner) this.onEnd(failure, idle);
  }
}
