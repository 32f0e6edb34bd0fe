import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from './clock.js';
import type { TokenIssuing } from './domain/token-issuing.js';
import type { Faults } from './faults/faults.js';
import type { Log } from './model/log.js';
import type { RequestLog } from './model/request-log.js';

/**
 * The application, built once at start (server.ts) and handed to the endpoints. Each handler
 * names the parts it uses (`Pick<AppContext, …>`), so what a handler can reach is in its signature.
 */
export interface AppContext extends TokenIssuing {
  /** Time source, milliseconds (injected by tests that move time). */
  clock: Clock;
  /** Injected faults (off unless asked for). */
  faults: Faults;
  /** The operator's messages (stderr unless a test or embedder gives another). */
  log: Log;
  /** The recent requests with their refusals' reasons (stderr, the testing API, the console). */
  requestLog: RequestLog;
  /**
   * The base URL the server advertises to the sender of these request headers (the default one,
   * known once the server listens, without headers or unless URLs are taken from requests).
   */
  publicUrl: (headers?: IncomingHttpHeaders) => string;
}

export type { TokenIssuing } from './domain/token-issuing.js';
