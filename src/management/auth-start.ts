import { authenticated } from '../domain/sign-in/authentication.js';
import { flowAllowed, requireFlow, rotatesRefreshTokens } from '../domain/sign-in/auth-flows.js';
import { requireSecretHash } from '../domain/sign-in/client-proof.js';
import { passwordSignIn } from '../domain/sign-in/password-sign-in.js';
import { refreshUserTokens, sessionOfRefreshToken } from '../domain/sign-in/refresh.js';
import { refused } from '../domain/sign-in/refusal.js';
import { startSrpSignIn } from '../domain/sign-in/srp-sign-in.js';
import type { StoredPool, UserPoolClient } from '../model/types.js';
import type { ActionContext } from './action.js';
import { AUTH_FLOWS, enumMember, requiredParameter, stringMap } from './auth-input.js';
import { authenticationOutput, authenticationResult, passwordVerifierOutput } from './auth-result.js';
import { invalidParameter } from './messages.js';

/** Which operation started the sign-in: the flows each takes differ (cognito-reference-users §4.1). */
export type AuthCaller = 'InitiateAuth' | 'AdminInitiateAuth';

/**
 * The first step of a sign-in (InitiateAuth, AdminInitiateAuth): the flow named by `AuthFlow`,
 * refused unless the operation takes it and the client's ExplicitAuthFlows allow it; then the
 * client's SECRET_HASH, then the flow's own checks (§4.1–4.4, §4.8). CUSTOM_AUTH and USER_AUTH are
 * refused with a sentence that says so.
 */
export async function startAuthentication(caller: AuthCaller, pool: StoredPool, client: UserPoolClient, input: Record<string, unknown>,
  context: ActionContext): Promise<Record<string, unknown>> {
  const flow = enumMember(input, 'AuthFlow', AUTH_FLOWS);
  const parameters = stringMap(input, 'AuthParameters');
  // Checked, but not the pre token generation trigger's: InitiateAuth's goes to other triggers (§5.8).
  stringMap(input, 'ClientMetadata');
  const { registry } = context;
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH': {
      const adminFlow = flow !== 'USER_PASSWORD_AUTH';
      if (adminFlow !== (caller === 'AdminInitiateAuth')) throw refused('flow_not_supported');
      requireFlow(client, adminFlow ? 'ADMIN_USER_PASSWORD_AUTH' : 'USER_PASSWORD_AUTH');
      const username = requiredParameter(parameters, 'USERNAME');
      requireSecretHash(client, username, parameters.SECRET_HASH);
      const password = requiredParameter(parameters, 'PASSWORD');
      const user = passwordSignIn(registry, pool, client, username, password);
      return authenticationOutput(pool, await authenticated(context, pool, client, user, context.publicUrl));
    }
    case 'USER_SRP_AUTH': {
      requireFlow(client, 'USER_SRP_AUTH');
      const username = requiredParameter(parameters, 'USERNAME');
      requireSecretHash(client, username, parameters.SECRET_HASH);
      const srpA = requiredParameter(parameters, 'SRP_A');
      return passwordVerifierOutput(startSrpSignIn(registry, pool, client, username, srpA));
    }
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN': {
      // A client that rotates refresh tokens refreshes through GetTokensFromRefreshToken only (§4.8).
      if (!flowAllowed(client, 'REFRESH_TOKEN_AUTH') || rotatesRefreshTokens(client)) throw refused('flow_not_enabled');
      const token = requiredParameter(parameters, 'REFRESH_TOKEN');
      // The hash is made with the internal username (the sub-valued one in email-username pools, §4.2).
      const { user } = sessionOfRefreshToken(context, pool, client, token);
      requireSecretHash(client, user.Username, parameters.SECRET_HASH);
      return { AuthenticationResult: authenticationResult(await refreshUserTokens(context, pool, client, token, context.publicUrl)), ChallengeParameters: {} };
    }
    case 'CUSTOM_AUTH':
      if (!(client.ExplicitAuthFlows ?? ['ALLOW_CUSTOM_AUTH']).some((f) => f === 'ALLOW_CUSTOM_AUTH' || f === 'CUSTOM_AUTH_FLOW_ONLY')) throw refused('flow_not_enabled');
      // Custom challenges need the Define/Create/Verify Auth Challenge triggers, which the mock does not run.
      throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
    case 'USER_AUTH':
      if (!(client.ExplicitAuthFlows ?? []).includes('ALLOW_USER_AUTH')) throw refused('flow_not_enabled');
      throw invalidParameter('USER_AUTH (choice-based sign-in) is not emulated by cognito-mock; use USER_SRP_AUTH or USER_PASSWORD_AUTH.');
  }
}
