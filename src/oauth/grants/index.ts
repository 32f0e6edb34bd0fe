import { authorizationCodeGrant } from './authorization-code.js';
import { clientCredentialsGrant } from './client-credentials.js';
import type { Grant } from './grant.js';
import { refreshTokenGrant } from './refresh-token.js';

export type { Grant, GrantRequest } from './grant.js';

/** grant_type → grant; anything else is `unsupported_grant_type`. */
export const GRANTS: ReadonlyMap<string, Grant> = new Map([
  ['client_credentials', clientCredentialsGrant],
  ['authorization_code', authorizationCodeGrant],
  ['refresh_token', refreshTokenGrant],
]);
