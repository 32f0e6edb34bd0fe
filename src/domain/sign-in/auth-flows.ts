import type { UserPoolClient } from '../../model/types.js';
import { refused } from './refusal.js';

/** The API's sign-in flows the mock runs (cognito-reference-users §4.1). */
export type AuthFlow = 'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH' | 'USER_SRP_AUTH' | 'REFRESH_TOKEN_AUTH';

/** The `ExplicitAuthFlows` values that enable each flow, the legacy name second (§4.1). */
const ENABLED_BY: Record<AuthFlow, readonly string[]> = {
  USER_PASSWORD_AUTH: ['ALLOW_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH'],
  ADMIN_USER_PASSWORD_AUTH: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'],
  USER_SRP_AUTH: ['ALLOW_USER_SRP_AUTH'],
  REFRESH_TOKEN_AUTH: ['ALLOW_REFRESH_TOKEN_AUTH'],
};

/** A client created without `ExplicitAuthFlows` allows these (§4.1). */
const DEFAULT_FLOWS: readonly string[] = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];

export function flowAllowed(client: UserPoolClient, flow: AuthFlow): boolean {
  const allowed = client.ExplicitAuthFlows ?? DEFAULT_FLOWS;
  if (ENABLED_BY[flow].some((value) => allowed.includes(value))) return true;
  // Legacy values (`ADMIN_NO_SRP_AUTH`, …) predate the switch for refresh, which they always allowed [I].
  return flow === 'REFRESH_TOKEN_AUTH' && allowed.length > 0 && !allowed.some((value) => value.startsWith('ALLOW_'));
}

/**
 * Refuses a flow the client's `ExplicitAuthFlows` lacks: InvalidParameterException
 * "USER_PASSWORD_AUTH flow not enabled for this client" for that flow, "Auth flow not enabled for
 * this client" for the others (§4.1).
 */
export function requireFlow(client: UserPoolClient, flow: AuthFlow): void {
  if (flowAllowed(client, flow)) return;
  throw refused(flow === 'USER_PASSWORD_AUTH' ? 'user_password_flow_not_enabled' : 'flow_not_enabled');
}

/** `RefreshTokenRotation.Feature: ENABLED` (§4.8): every refresh issues a new refresh token, and REFRESH_TOKEN_AUTH is refused. */
export const rotatesRefreshTokens = (client: UserPoolClient): boolean => client.RefreshTokenRotation?.Feature === 'ENABLED';

/** `RefreshTokenRotation.RetryGracePeriodSeconds` (0–60): how long a replaced refresh token still works. */
export function rotationGraceSeconds(client: UserPoolClient): number {
  const seconds = client.RefreshTokenRotation?.RetryGracePeriodSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.min(seconds, 60) : 0;
}

/** `PreventUserExistenceErrors: ENABLED` hides whether a user exists; `LEGACY` (the API's default) does not (§4.11). */
export const hidesUserExistence = (client: UserPoolClient): boolean => client.PreventUserExistenceErrors === 'ENABLED';
