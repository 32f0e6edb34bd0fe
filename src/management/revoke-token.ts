import { requireClientSecret } from '../domain/sign-in/client-proof.js';
import { revokeRefreshToken } from '../domain/sign-in/revoke-token.js';
import { Problems, checkString } from '../model/problems.js';
import type { ManagementAction } from './action.js';
import { publicClientOf } from './public-client.js';
import { throwFirst } from './throw-first.js';

/**
 * RevokeToken (cognito-reference-users §4.10): the refresh token's sign-in ends (its access tokens
 * are refused by GetUser and the rest from then), the user's other sign-ins stay. A client with a
 * secret sends it raw as `ClientSecret`, as for GetTokensFromRefreshToken (§4.2).
 */
export const revokeToken: ManagementAction = async (input, context) => {
  const p = new Problems();
  const token = checkString(p, input, 'Token', { required: true, min: 1 });
  const secret = checkString(p, input, 'ClientSecret', {});
  throwFirst(p);
  const { pool, client } = publicClientOf(context.registry, input);
  requireClientSecret(client, secret);
  await revokeRefreshToken(context, pool, client, token!);
  return {};
};
