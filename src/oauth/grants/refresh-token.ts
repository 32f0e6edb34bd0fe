import { flowAllowed, rotatesRefreshTokens } from '../../domain/sign-in/auth-flows.js';
import { refreshUserTokens } from '../../domain/sign-in/refresh.js';
import type { Grant } from './grant.js';

/**
 * `refresh_token` (cognito-reference-users §6.7): a refresh token of the authenticated client, from
 * any sign-in, for new ID and access tokens (and a new refresh token when the client rotates them),
 * with the same session rules as REFRESH_TOKEN_AUTH: revoked, expired, unknown or another client's
 * is `invalid_grant`. The client must allow refreshes: `ALLOW_REFRESH_TOKEN_AUTH` (or Cognito's
 * default flows), or refresh-token rotation, whose clients refresh as GetTokensFromRefreshToken
 * lets them [I]; otherwise `unauthorized_client`.
 */
export const refreshTokenGrant: Grant = {
  required: ['refresh_token'],
  allowed: (client) => flowAllowed(client, 'REFRESH_TOKEN_AUTH') || rotatesRefreshTokens(client),
  needs: 'ALLOW_REFRESH_TOKEN_AUTH in ExplicitAuthFlows, or refresh-token rotation',
  issue: ({ record, form, publicUrl }, app) => refreshUserTokens(app, record.pool, record.client, form.get('refresh_token')!, publicUrl),
};
