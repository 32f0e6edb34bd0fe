/**
 * Why a pre token generation trigger gave no usable answer. The token endpoint and GetClientToken
 * turn it into their own error shapes (oauth/grants.ts, management/get-client-token.ts).
 * - `threw`: the handler threw or rejected;
 * - `invalid_response`: it returned something that is not the event with a valid `response`;
 * - `timeout`: it did not answer within the trigger timeout (Cognito waits 5 s for a trigger);
 * - `unavailable`: the module could not be loaded or has no handler function.
 */
export type TriggerFailureKind = 'threw' | 'invalid_response' | 'timeout' | 'unavailable';

export class TriggerFailure extends Error {
  override readonly name = 'TriggerFailure';
  readonly kind: TriggerFailureKind;
  constructor(kind: TriggerFailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
