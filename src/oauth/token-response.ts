import type { IssuedTokens } from '../domain/issued-tokens.js';

/**
 * The token endpoint's success body, members in Cognito's order: `id_token, access_token,
 * refresh_token, expires_in, token_type` in the code grant's capture (cognito-reference-users §6.6),
 * `access_token, expires_in, token_type` for client credentials (cognito-reference §1.6).
 */
export interface TokenResponse {
  id_token?: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: 'Bearer';
}

export function tokenResponse(tokens: IssuedTokens): TokenResponse {
  return {
    ...(tokens.idToken === undefined ? {} : { id_token: tokens.idToken }),
    access_token: tokens.accessToken,
    ...(tokens.refreshToken === undefined ? {} : { refresh_token: tokens.refreshToken }),
    expires_in: tokens.expiresIn,
    token_type: 'Bearer',
  };
}
