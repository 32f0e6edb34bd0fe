import { randomInt } from 'node:crypto';
import { CODE_VALIDITY_MS, type CodeDelivery, type CodeKind, MAX_RESENDS_PER_HOUR, RESEND_WINDOW_MS, type StoredCode } from '../../model/codes.js';
import type { Log } from '../../model/log.js';
import type { Registry } from '../../registry.js';
import { CODES } from '../../store/collections.js';

/** How the code came to be: a resend counts against ResendConfirmationCode's hourly limit. */
export interface CodeRequest {
  poolId: string;
  username: string;
  kind: CodeKind;
  delivery: CodeDelivery;
  resend?: boolean;
}

/** The resends of the last hour the user's pending code carries (they pass from code to code). */
function recentResends(registry: Registry, poolId: string, username: string, now: number): number[] {
  return (registry.item(CODES, poolId, username)?.Resends ?? []).filter((at) => at > now - RESEND_WINDOW_MS);
}

/** Whether ResendConfirmationCode has issued its 5 codes of the hour for this user (§2.9). */
export const resendLimitReached = (registry: Registry, poolId: string, username: string): boolean =>
  recentResends(registry, poolId, username, registry.clock()).length >= MAX_RESENDS_PER_HOUR;

/**
 * A new code for the user, replacing any pending one. The code goes to the log, one line: the mock
 * sends no email nor SMS, so the log is how a developer running the CLI reads it (the one message
 * that carries a code).
 */
export async function issueCode(registry: Registry, log: Log, request: CodeRequest): Promise<StoredCode> {
  const { poolId, username, kind, delivery } = request;
  const now = registry.clock();
  const resends = recentResends(registry, poolId, username, now);
  const code: StoredCode = {
    Username: username,
    Kind: kind,
    Code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
    Delivery: delivery,
    IssuedAt: now,
    ExpiresAt: now + CODE_VALIDITY_MS[kind],
    FailedAttempts: 0,
    Resends: request.resend ? [...resends, now] : resends,
  };
  await registry.putItem(CODES, poolId, code);
  const what = kind === 'signup' ? 'confirmation code' : 'password reset code';
  log.warn(`cognito-mock: ${what} for ${username} in ${poolId}: ${code.Code}`);
  return code;
}
