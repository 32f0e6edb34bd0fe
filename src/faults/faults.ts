import { setTimeout as delay } from 'node:timers/promises';
import { AwsApiError, OAuthError } from '../errors.js';
import type { Fault, HostedFault, HostedFaultError, HostedFaultPage, ManagementFault, TokenFault, TokenFaultError } from '../model/fault.js';

// Fault injection for negative tests (README "Fault injection"): off unless a fixture, the testing
// API or the admin endpoint asks for it. A fault answers matching requests with an error, a delay,
// or both, for its next `times` matches or until cleared.

/** Status of an injected token error: 400 as Cognito answers every token error (§1.7); 500/503 for the two outage codes. */
const TOKEN_FAULT_STATUS: Partial<Record<TokenFaultError, number>> = { server_error: 500, temporarily_unavailable: 503 };

interface Active<T extends Fault> {
  fault: T;
  left: number;
}

/** The faults in force. Cheap to ask when there are none: the request paths test `tokenActive` / `managementActive` first. */
export class Faults {
  private token: Active<TokenFault>[] = [];
  private management: Active<ManagementFault>[] = [];
  private hosted: Active<HostedFault>[] = [];

  get tokenActive(): boolean {
    return this.token.length > 0;
  }

  get managementActive(): boolean {
    return this.management.length > 0;
  }

  get hostedActive(): boolean {
    return this.hosted.length > 0;
  }

  /** Adds a checked fault (see faultProblem); later faults apply after earlier ones for the same requests. */
  add(fault: Fault): void {
    const left = fault.times ?? Number.POSITIVE_INFINITY;
    if (fault.on === 'token') this.token.push({ fault: { ...fault }, left });
    else if (fault.on === 'hosted') this.hosted.push({ fault: { ...fault }, left });
    else this.management.push({ fault: { ...fault }, left });
  }

  clear(): void {
    this.token = [];
    this.management = [];
    this.hosted = [];
  }

  /** The faults in force, with `times` counting what is left. */
  list(): Fault[] {
    return [...this.token, ...this.management, ...this.hosted].map(({ fault, left }) => (left === Number.POSITIVE_INFINITY ? { ...fault } : { ...fault, times: left }));
  }

  /** Applies the first token fault matching the client (waits, then throws its error); uses up one of its times. */
  async applyToken(clientId: string): Promise<void> {
    const fault = take(this.token, (f) => f.clientId === undefined || f.clientId === clientId);
    if (!fault) return;
    if (fault.latencyMs) await delay(fault.latencyMs);
    if (fault.error) throw new OAuthError(fault.error, 'injected fault', TOKEN_FAULT_STATUS[fault.error] ?? 400);
  }

  /**
   * Applies the first managed-login fault matching the page and client: waits, then gives the
   * `error` the page sends the browser back to the app with (the page renders it, as it renders
   * Cognito's own authorize errors).
   */
  async applyHosted(page: HostedFaultPage, clientId: string): Promise<HostedFaultError | undefined> {
    const fault = take(this.hosted, (f) => (f.page === undefined || f.page === page) && (f.clientId === undefined || f.clientId === clientId));
    if (!fault) return undefined;
    if (fault.latencyMs) await delay(fault.latencyMs);
    return fault.error;
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
