import { DomainError, type DomainProblem, type TriggerFailureKind } from '../model/domain-error.js';

// A pre token generation trigger that gave no usable answer: a `trigger_failed` problem whose
// reason is worded as Lambda words it to Cognito's API ("PreTokenGeneration failed with error …",
// "Unrecognizable lambda output"). The triggers log that reason; GetClientToken answers it as the
// message of a Lambda exception (management/messages.ts), the token endpoint as `invalid_request`.

export type TriggerFailure = DomainError & { readonly problem: Extract<DomainProblem, { code: 'trigger_failed' }> };

export const isTriggerFailure = (error: unknown): error is TriggerFailure =>
  error instanceof DomainError && error.problem.code === 'trigger_failed';

/** The handler threw or rejected. */
export const triggerThrew = (error: unknown): TriggerFailure =>
  failed('threw', `PreTokenGeneration failed with error ${(error as Error)?.message ?? String(error)}.`, error);

/** It answered something that is not the event with a valid `response`. */
export const invalidTriggerResponse = (why: string): TriggerFailure => failed('invalid_response', `Unrecognizable lambda output: ${why}`);

/** It did not answer within the trigger timeout. */
export const triggerTimedOut = (timeoutMs: number): TriggerFailure =>
  failed('timeout', `PreTokenGeneration invocation failed due to error Socket timeout while invoking Lambda function (${timeoutMs} ms).`);

/** Its module could not be loaded, may not run, or has no handler function. */
export const triggerUnavailable = (reason: string, cause?: unknown): TriggerFailure => failed('unavailable', reason, cause);

function failed(kind: TriggerFailureKind, reason: string, cause?: unknown): TriggerFailure {
  return new DomainError({ code: 'trigger_failed', kind, reason }, cause === undefined ? undefined : { cause }) as TriggerFailure;
}
