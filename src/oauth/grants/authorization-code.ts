import { exchangeAuthorizationCode } from '../../domain/hosted/hosted-tokens.js';
import { type Grant, allowsFlow } from './grant.js';

/**
 * `authorization_code` (cognito-reference-users §6.6): a code from the managed login, with the
 * authorize request's `redirect_uri` and, when it sent a PKCE challenge, the `code_verifier`.
 * Needs the `code` flow on the client (else `unauthorized_client`).
 */
export const authorizationCodeGrant: Grant = {
  required: ['code', 'redirect_uri'],
  allowed: (client) => allowsFlow(client, 'code'),
  needs: 'AllowedOAuthFlowsUserPoolClient and code in AllowedOAuthFlows',
  issue: ({ record, form, publicUrl }, app) => exchangeAuthorizationCode(app, record.pool, record.client,
    { code: form.get('code')!, redirectUri: form.get('redirect_uri')!, verifier: form.get('code_verifier') }, publicUrl),
};
