import { OAuthError } from '../../errors.js';
import { type Grant, allowsFlow } from './grant.js';

/**
 * A grant whose credential the mock never issues (authorization codes): any one
 * presented is unknown, `invalid_grant`, as Cognito answers for a consumed or unknown code (§1.7),
 * after the same client and parameter checks. `flow`: the OAuth flow the client must allow, if any.
 */
export function unknownCredentialGrant(parameter: string, flow?: string): Grant {
  return {
    required: [parameter],
    allowed: (client) => flow === undefined || allowsFlow(client, flow),
    issue: () => {
      throw new OAuthError('invalid_grant', `unknown ${parameter}`);
    },
  };
}
