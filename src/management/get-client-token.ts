import { issueClientCredentialsToken } from '../domain/client-credentials-token.js';
import { Problems, checkList, checkObject, checkString, stringItem } from '../model/problems.js';
import { CLIENT_ID_RULE, MAX_SCOPES_PER_CLIENT, OAUTH_SCOPE_RULE } from '../model/rules.js';
import { secretMatches } from '../keys/client-secret.js';
import type { ManagementAction } from './action.js';
import { clientNotFound, clientTokenFlowNotEnabled, incorrectClientSecret } from './messages.js';
import { throwFirst } from './throw-first.js';

/**
 * GetClientToken (reference §1.9): the domain-less M2M token, no IAM. The client needs the
 * `ALLOW_CLIENT_TOKEN_AUTH` explicit auth flow (which model/rules.ts keeps alone and with a secret);
 * the token is the one `/oauth2/token` issues (same code, pre token generation trigger included,
 * `ClientMetadata` as the event's clientMetadata). Checks, as InitiateAuth orders them: the client
 * exists, the flow is enabled, the secret matches, the scopes are allowed (the issuing's own check,
 * so its problems, a trigger's failure included, reach the caller in the API's words: aws-error-of.ts).
 */
export const getClientToken: ManagementAction = async (input, context) => {
  const { registry, publicUrl } = context;
  const p = new Problems();
  const clientId = checkString(p, input, 'ClientId', CLIENT_ID_RULE);
  const secret = checkString(p, input, 'Secret', { required: true, min: 1, max: 64 });
  const scopes = checkList(p, input, 'Scopes', MAX_SCOPES_PER_CLIENT, stringItem('Scopes', OAUTH_SCOPE_RULE));
  const clientMetadata = checkStringMap(p, input, 'ClientMetadata');
  throwFirst(p);

  const record = registry.client(clientId!);
  if (!record) throw clientNotFound(clientId!);
  const { client } = record;
  if (!client.ExplicitAuthFlows?.includes('ALLOW_CLIENT_TOKEN_AUTH')) throw clientTokenFlowNotEnabled();
  if (!secretMatches(client, secret!)) throw incorrectClientSecret();
  const token = await issueClientCredentialsToken(record, scopes?.join(' '), clientMetadata, context, publicUrl);
  return { ClientAuthenticationResult: { AccessToken: token.accessToken, ExpiresIn: token.expiresIn, TokenType: 'Bearer' } };
};

/** `ClientMetadataType`: a map of strings. */
function checkStringMap(p: Problems, input: Record<string, unknown>, member: string): Record<string, string> | undefined {
  const map = checkObject(p, input, member);
  for (const [key, value] of Object.entries(map ?? {})) {
    if (typeof value !== 'string') p.at(member).at(key).add('SerializationException', `Unexpected value type for ${member}.${key}: expected a string.`);
  }
  return map as Record<string, string> | undefined;
}

