import { OAuthError } from '../errors.js';
import type { UserPoolClient } from '../model/types.js';
import type { ClientRecord } from '../registry.js';
import { TriggerFailure } from '../triggers/trigger-failure.js';
import { type TokenResponse, issueClientCredentialsToken } from './client-credentials-token.js';
import type { TokenServices } from './token-services.js';
import { secretsOf } from './client-secret.js';

export { type TokenResponse, accessTokenSeconds } from './client-credentials-token.js';

/**
 * A grant: its response, or a promise of it when a pre token generation trigger has to run.
 * `publicUrl` is the base URL the client reached the mock by.
 */
export type GrantHandler = (record: ClientRecord, form: Map<string, string>, services: TokenServices, publicUrl: string) => TokenResponse | Promise<TokenResponse>;

/** The OAuth gate and the flow itself (reference §6.5): without both, `unauthorized_client` (§1.7). */
const allowsFlow = (client: UserPoolClient, flow: string): boolean =>
  client.AllowedOAuthFlowsUserPoolClient === true && client.AllowedOAuthFlows?.includes(flow) === true;

function clientCredentials(record: ClientRecord, form: Map<string, string>, services: TokenServices, publicUrl: string): TokenResponse | Promise<TokenResponse> {
  const { client } = record;
  // Needs the OAuth gate, the flow, and a secret (reference §1.7: otherwise unauthorized_client).
  if (!allowsFlow(client, 'client_credentials') || secretsOf(client).length === 0) {
    throw new OAuthError('unauthorized_client', 'client is not allowed the client_credentials flow');
  }
  const token = issueClientCredentialsToken(record, form.get('scope'), form.get('aws_client_metadata'), services, publicUrl);
  return token instanceof Promise ? token.catch(triggerFailureAsOAuth) : token;
}

/**
 * A trigger that throws, times out, cannot load or answers garbage: `400 invalid_request`. No
 * capture of this case exists; Cognito's hosted UI reports trigger failures of OAuth flows as
 * `error=invalid_request` with `error_description=PreTokenGeneration failed with error …`, and
 * invalid_request is the token endpoint's code for a request it cannot complete (§1.7) [I].
 */
function triggerFailureAsOAuth(error: unknown): never {
  if (error instanceof TriggerFailure) throw new OAuthError('invalid_request', error.message);
  throw error;
}

/**
 * The mock issues no authorization codes or refresh tokens, so any one presented is unknown:
 * `invalid_grant`, as Cognito answers for a consumed or unknown code (§1.7), after the same
 * client and parameter checks.
 */
function unknownGrant(flow: string | undefined, parameter: string): GrantHandler {
  return ({ client }, form) => {
    if (flow !== undefined && !allowsFlow(client, flow)) {
      throw new OAuthError('unauthorized_client', `client is not allowed the ${flow} flow`);
    }
    if (!form.get(parameter)) throw new OAuthError('invalid_request', `${parameter} is missing`);
    throw new OAuthError('invalid_grant', `unknown ${parameter}`);
  };
}

/** grant_type → handler; anything else is `unsupported_grant_type`. */
export const GRANT_HANDLERS: ReadonlyMap<string, GrantHandler> = new Map([
  ['client_credentials', clientCredentials],
  ['authorization_code', unknownGrant('code', 'code')],
  ['refresh_token', unknownGrant(undefined, 'refresh_token')],
]);
