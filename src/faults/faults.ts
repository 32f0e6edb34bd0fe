import { setTimeout as delay } from 'node:timers/promises';
import { AwsApiError, OAuthError, type OAuthErrorCode } from '../errors.js';

// Fault injection for negative tests (README "Fault injection"): off unless a fixture, the testing
// API or the admin endpoint asks for it. A fault answers matching requests with an error, a delay,
// or both, for its next `times` matches or until cleared.

/** Token-endpoint errors a fault can answer with: Cognito's (reference §1.7), plus two RFC 6749 ones for outages. */
export const TOKEN_FAULT_ERRORS: readonly OAuthErrorCode[] = [
  'invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope',
  'server_error', 'temporarily_unavailable',
];

/** Status of an injected token error: 400 as Cognito answers every token error (§1.7); 500/503 for the two outage codes. */
const TOKEN_FAULT_STATUS: Partial<Record<OAuthErrorCode, number>> = { server_error: 500, temporarily_unavailable: 503 };

/**
 * A fault of `POST /oauth2/token`, checked once the client has authenticated (unknown clients and
 * wrong secrets get their real answer).
 *
 * @example
 * const fault: TokenFault = { on: 'token', clientId: '1example0client0orders0id1', error: 'invalid_client', times: 2 };
 */
export interface TokenFault {
  on: 'token';
  /** The client whose requests fail; omit for every client. */
  clientId?: string;
  /** The `error` to answer with (status 400; `server_error` 500, `temporarily_unavailable` 503). */
  error?: OAuthErrorCode;
  /** Milliseconds to wait before answering. */
  latencyMs?: number;
  /** How many matching requests the fault applies to; omit for every one until cleared. */
  times?: number;
}

/**
 * A fault of the management API (`POST /`, GetClientToken included). With neither `error` nor
 * `latencyMs` it throttles: `TooManyRequestsException` "Rate exceeded".
 *
 * @example
 * const fault: ManagementFault = { on: 'management', operation: 'DescribeUserPoolClient', times: 1 };
 */
export interface ManagementFault {
  on: 'management';
  /** The operation that fails, e.g. `CreateUserPoolClient`; omit for every operation. */
  operation?: string;
  /** The `__type` to answer with, e.g. `TooManyRequestsException` (status 400; `InternalErrorException` 500). */
  error?: string;
  /** The error message; default `Rate exceeded` for TooManyRequestsException, else a generic one. */
  message?: string;
  latencyMs?: number;
  times?: number;
}

export type Fault = TokenFault | ManagementFault;

const MAX_LATENCY_MS = 60_000;

/**
 * Checks a fault (from the testing API, the admin endpoint or a fixture); returns what is wrong, in
 * the words of `name` (camelCase for the testing API, PascalCase for JSON), or undefined.
 */
export function faultProblem(fault: Fault, operations: ReadonlySet<string>, name: (member: string) => string = (m) => m): string | undefined {
  if (fault.on !== 'token' && fault.on !== 'management') return `${name('on')} must be "token" or "management"`;
  if (fault.latencyMs !== undefined && (!Number.isInteger(fault.latencyMs) || fault.latencyMs < 0 || fault.latencyMs > MAX_LATENCY_MS)) {
    return `${name('latencyMs')} must be an integer from 0 to ${MAX_LATENCY_MS}`;
  }
  if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) return `${name('times')} must be a positive integer`;
  if (fault.on === 'token') {
    if (fault.clientId !== undefined && (typeof fault.clientId !== 'string' || fault.clientId === '')) return `${name('clientId')} must be a client id`;
    if (fault.error !== undefined && !TOKEN_FAULT_ERRORS.includes(fault.error)) return `${name('error')} must be one of ${TOKEN_FAULT_ERRORS.join(', ')}`;
    if (fault.error === undefined && fault.latencyMs === undefined) return `a token fault needs ${name('error')} or ${name('latencyMs')}`;
    return undefined;
  }
  if (fault.operation !== undefined && !operations.has(fault.operation)) return `${name('operation')} must be an operation the mock serves, got ${JSON.stringify(fault.operation)}`;
  if (fault.error !== undefined && (typeof fault.error !== 'string' || !/^[A-Z][A-Za-z]*Exception$/.test(fault.error))) {
    return `${name('error')} must be an exception name such as TooManyRequestsException`;
  }
  if (fault.message !== undefined && typeof fault.message !== 'string') return `${name('message')} must be a string`;
  return undefined;
}

interface Active<T extends Fault> {
  fault: T;
  left: number;
}

/** The faults in force. Cheap to ask when there are none: the request paths test `tokenActive` / `managementActive` first. */
export class Faults {
  private token: Active<TokenFault>[] = [];
  private management: Active<ManagementFault>[] = [];

  get tokenActive(): boolean {
    return this.token.length > 0;
  }

  get managementActive(): boolean {
    return this.management.length > 0;
  }

  /** Adds a checked fault (see faultProblem); later faults apply after earlier ones for the same requests. */
  add(fault: Fault): void {
    const left = fault.times ?? Number.POSITIVE_INFINITY;
    if (fault.on === 'token') this.token.push({ fault: { ...fault }, left });
    else this.management.push({ fault: { ...fault }, left });
  }

  clear(): void {
    this.token = [];
    this.management = [];
  }

  /** The faults in force, with `times` counting what is left. */
  list(): Fault[] {
    return [...this.token, ...this.management].map(({ fault, left }) => (left === Number.POSITIVE_INFINITY ? { ...fault } : { ...fault, times: left }));
  }

  /** Applies the first token fault matching the client (waits, then throws its error); uses up one of its times. */
  async applyToken(clientId: string): Promise<void> {
    const fault = take(this.token, (f) => f.clientId === undefined || f.clientId === clientId);
    if (!fault) return;
    if (fault.latencyMs) await delay(fault.latencyMs);
    if (fault.error) throw new OAuthError(fault.error, 'injected fault', TOKEN_FAULT_STATUS[fault.error] ?? 400);
  }

  /**
   * Applies the first management fault matching the operation. Throttling answers 400
   * TooManyRequestsException "Rate exceeded": reference §6.2 recommends 400 for every client error,
   * as captured on the wire, over the model's 429; the AWS SDKs retry it by its name either way.
   */
  async applyManagement(operation: string): Promise<void> {
    const fault = take(this.management, (f) => f.operation === undefined || f.operation === operation);
    if (!fault) return;
    if (fault.latencyMs) await delay(fault.latencyMs);
    const type = fault.error ?? (fault.latencyMs === undefined ? 'TooManyRequestsException' : undefined);
    if (type === undefined) return;
    const message = fault.message ?? (type === 'TooManyRequestsException' ? 'Rate exceeded' : `Injected fault (${type}).`);
    throw new AwsApiError(type, message, type === 'InternalErrorException' ? 500 : 400);
  }
}

function take<T extends Fault>(list: Active<T>[], matches: (fault: T) => boolean): T | undefined {
  const index = list.findIndex((active) => matches(active.fault));
  if (index < 0) return undefined;
  const active = list[index]!;
  active.left -= 1;
  if (active.left <= 0) list.splice(index, 1);
  return active.fault;
}
