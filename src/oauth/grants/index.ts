import { clientCredentialsGrant } from './client-credentials.js';
import type { Grant } from './grant.js';
import { refreshTokenGrant } from './refresh-token.js';
import { unknownCredentialGrant } from './unknown-grant.js';

export type { Grant, GrantRequest } from './grant.js';

/** grant_type → grant; anything else is `unsupported_grant_type`. */
export const GRANTS: ReadonlyMap<string, Grant> = new Map([
  ['client_credentials', clientCredentialsGrant],
  ['authorization_code', unknownCredentialGrant('code', 'code')],
  ['refresh_token', refreshTokenGrant],
]);
