// What a fault injected for negative tests is (README "Fault injection"), and when one is well
// formed: plain data, shared by the fixtures that declare faults, the testing and `/_mock` APIs
// that add them, and the endpoints that answer them (faults/faults.ts).

/**
 * The `error` a token fault can answer with: Cognito's token-endpoint codes (reference §1.7), plus
 * two RFC 6749 ones for outages. The token endpoint answers them as they are (faults/faults.ts).
 */
export const TOKEN_FAULT_ERRORS = [
  'invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope',
  'server_error', 'temporarily_unavailable',
] as const;

export type TokenFaultError = (typeof TOKEN_FAULT_ERRORS)[number];

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
  error?: TokenFaultError;
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
    if (fault.error !== undefined && !(TOKEN_FAULT_ERRORS as readonly string[]).includes(fault.error)) return `${name('error')} must be one of ${TOKEN_FAULT_ERRORS.join(', ')}`;
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
