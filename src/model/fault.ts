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

/**
 * The `error` a managed-login fault answers with: RFC 6749 §4.1.2.1's authorization error codes,
 * sent back to the app's redirect URI as Cognito sends its own (cognito-reference-users §6.2).
 */
export const HOSTED_FAULT_ERRORS = [
  'invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope',
  'server_error', 'temporarily_unavailable',
] as const;

export type HostedFaultError = (typeof HOSTED_FAULT_ERRORS)[number];

/** The managed-login pages a fault can hit: `GET /oauth2/authorize`, or the `/login` form and its sign-up and password-reset pages (GET and POST). */
export const HOSTED_FAULT_PAGES = ['authorize', 'login'] as const;

export type HostedFaultPage = (typeof HOSTED_FAULT_PAGES)[number];

/**
 * A fault of the managed login, checked once the request names a known client and one of its
 * callback URLs (other requests get their real answer): the browser goes back to the app with
 * `error=<error>&state=…`, after `latencyMs`.
 *
 * @example
 * const fault: HostedFault = { on: 'hosted', page: 'login', error: 'server_error', times: 1 };
 */
export interface HostedFault {
  on: 'hosted';
  /** The page that fails; omit for both. */
  page?: HostedFaultPage;
  /** The client whose sign-ins fail; omit for every client. */
  clientId?: string;
  /** The `error` the app receives. */
  error?: HostedFaultError;
  latencyMs?: number;
  times?: number;
}

export type Fault = TokenFault | ManagementFault | HostedFault;

const MAX_LATENCY_MS = 60_000;

/**
 * Checks a fault (from the testing API, the admin endpoint or a fixture); returns what is wrong, in
 * the words of `name` (camelCase for the testing API, PascalCase for JSON), or undefined.
 */
export function faultProblem(fault: Fault, operations: ReadonlySet<string>, name: (member: string) => string = (m) => m): string | undefined {
  if (fault.on !== 'token' && fault.on !== 'management' && fault.on !== 'hosted') return `${name('on')} must be "token", "management" or "hosted"`;
  if (fault.latencyMs !== undefined && (!Number.isInteger(fault.latencyMs) || fault.latencyMs < 0 || fault.latencyMs > MAX_LATENCY_MS)) {
    return `${name('latencyMs')} must be an integer from 0 to ${MAX_LATENCY_MS}`;
  }
  if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) return `${name('times')} must be a positive integer`;
  if (fault.on === 'hosted') {
    if (fault.clientId !== undefined && (typeof fault.clientId !== 'string' || fault.clientId === '')) return `${name('clientId')} must be a client id`;
    if (fault.page !== undefined && !(HOSTED_FAULT_PAGES as readonly string[]).includes(fault.page)) return `${name('page')} must be one of ${HOSTED_FAULT_PAGES.join(', ')}`;
    if (fault.error !== undefined && !(HOSTED_FAULT_ERRORS as readonly string[]).includes(fault.error)) return `${name('error')} must be one of ${HOSTED_FAULT_ERRORS.join(', ')}`;
    if (fault.error === undefined && fault.latencyMs === undefined) return `a hosted fault needs ${name('error')} or ${name('latencyMs')}`;
    return undefined;
  }
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
