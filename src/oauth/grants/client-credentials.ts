import { issueClientCredentialsToken } from '../../domain/client-credentials-token.js';
import { OAuthError } from '../../errors.js';
import { isRecord } from '../../model/problems.js';
import { secretsOf } from '../../keys/client-secret.js';
import { type Grant, allowsFlow } from './grant.js';

/**
 * `client_credentials` (reference §1.4): a confidential client with the flow enabled (§1.7:
 * otherwise `unauthorized_client`); `scope` and `aws_client_metadata` optional.
 */
export const clientCredentialsGrant: Grant = {
  required: [],
  allowed: (client) => allowsFlow(client, 'client_credentials') && secretsOf(client).length > 0,
  needs: 'AllowedOAuthFlowsUserPoolClient, client_credentials in AllowedOAuthFlows, and a secret',
  issue: ({ record, form, publicUrl }, app) => {
    const metadata = form.get('aws_client_metadata');
    return issueClientCredentialsToken(record, form.get('scope'), metadata === undefined ? undefined : () => parseClientMetadata(metadata),
      app, publicUrl);
  },
};

/** `aws_client_metadata`: "a URL-encoded JSON object" for the trigger (reference §1.4); anything else is `invalid_request`. */
function parseClientMetadata(text: string): Record<string, unknown> {
  let metadata: unknown;
  try {
    metadata = JSON.parse(text);
  } catch {
    throw new OAuthError('invalid_request', 'aws_client_metadata is not JSON');
  }
  if (!isRecord(metadata)) throw new OAuthError('invalid_request', 'aws_client_metadata must be a JSON object');
  return metadata;
}
