import { AwsApiError, OAuthError, clientNotFound, invalidParameter } from '../errors.js';
import { Problems, checkList, checkObject, checkString, stringItem } from '../model/problems.js';
import { CLIENT_ID_RULE, MAX_SCOPES_PER_CLIENT, OAUTH_SCOPE_RULE } from '../model/rules.js';
import { type TokenResponse, issueClientCredentialsToken } from '../oauth/client-credentials-token.js';
import { secretMatches } from '../oauth/client-secret.js';
import { TriggerFailure } from '../triggers/trigger-failure.js';
import type { ManagementAction } from './action.js';

/**
 * GetClientToken (reference §1.9): the domain-less M2M token, no IAM. The client needs the
 * `ALLOW_CLIENT_TOKEN_AUTH` explicit auth flow (which model/rules.ts keeps alone and with a secret);
 * the token is the one `/oauth2/token` issues (same code, pre token generation trigger included,
 * `ClientMetadata` as the event's clientMetadata). Checks, as InitiateAuth orders them: the client
 * exists, the flow is enabled, the secret matches, the scopes are allowed.
 */
export const getClientToken: ManagementAction = async (input, { registry, services, publicUrl }) => {
  const p = new Problems();
  const clientId = checkString(p, input, 'ClientId', CLIENT_ID_RULE);
  const secret = checkString(p, input, 'Secret', { required: true, min: 1, max: 64 });
  const scopes = checkList(p, input, 'Scopes', MAX_SCOPES_PER_CLIENT, stringItem('Scopes', OAUTH_SCOPE_RULE));
  const clientMetadata = checkStringMap(p, input, 'ClientMetadata');
  p.throwFirst();

  const record = registry.client(clientId!);
  if (!record) throw clientNotFound(clientId!);
  const { client } = record;
  if (!client.ExplicitAuthFlows?.includes('ALLOW_CLIENT_TOKEN_AUTH')) {
    // InitiateAuth's wording for a flow the client lacks ("USER_PASSWORD_AUTH flow not enabled for this client").
    throw invalidParameter('CLIENT_TOKEN_AUTH flow not enabled for this client');
  }
  // NotAuthorizedException, as for every failed client or user credential of the API (§6.2); wording [I].
  if (!secretMatches(client, secret!)) throw new AwsApiError('NotAuthorizedException', 'Incorrect client secret.');
  const disallowed = scopes?.find((scope) => !(client.AllowedOAuthScopes ?? []).includes(scope));
  // The operation lists no ScopeDoesNotExistException: a scope the client may not have is a bad parameter [I].
  if (disallowed !== undefined) throw invalidParameter(`Invalid scope requested: ${disallowed}`);

  let token: TokenResponse;
  try {
    token = await issueClientCredentialsToken(record, scopes?.join(' '), clientMetadata, services, publicUrl);
  } catch (error) {
    throw asApiError(error);
  }
  return { ClientAuthenticationResult: { AccessToken: token.access_token, ExpiresIn: token.expires_in, TokenType: token.token_type } };
};

/** `ClientMetadataType`: a map of strings. */
function checkStringMap(p: Problems, input: Record<string, unknown>, member: string): Record<string, string> | undefined {
  const map = checkObject(p, input, member);
  for (const [key, value] of Object.entries(map ?? {})) {
    if (typeof value !== 'string') p.at(member).at(key).add('SerializationException', `Unexpected value type for ${member}.${key}: expected a string.`);
  }
  return map as Record<string, string> | undefined;
}

/**
 * Token-issuing failures in the API's words. Trigger failures take the exceptions Cognito's API
 * uses for Lambda triggers (InitiateAuth and others): UserLambdaValidationException when the
 * function threw ("PreTokenGeneration failed with error …"), InvalidLambdaResponseException for an
 * unusable answer ("Unrecognizable lambda output"), UnexpectedLambdaException when it timed out or
 * could not run [I: GetClientToken's own error list names none of them].
 */
function asApiError(error: unknown): unknown {
  if (error instanceof TriggerFailure) {
    const type = { threw: 'UserLambdaValidationException', invalid_response: 'InvalidLambdaResponseException',
      timeout: 'UnexpectedLambdaException', unavailable: 'UnexpectedLambdaException' }[error.kind];
    return new AwsApiError(type, error.message);
  }
  if (error instanceof OAuthError) {
    // No scope left to grant (every allowed scope's resource server gone), or the pool deleted meanwhile.
    return error.code === 'invalid_scope'
      ? invalidParameter('None of the scopes the client may request is defined by a resource server of the pool.')
      : new AwsApiError('ResourceNotFoundException', 'User pool client does not exist.');
  }
  return error;
}
