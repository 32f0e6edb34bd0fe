import { requireClientSecret } from '../domain/sign-in/client-proof.js';
import { refreshUserTokens } from '../domain/sign-in/refresh.js';
import { Problems, checkString } from '../model/problems.js';
import type { ManagementAction } from './action.js';
import { stringMap } from './auth-input.js';
import { authenticationResult } from './auth-result.js';
import { publicClientOf } from './public-client.js';
import { throwFirst } from './throw-first.js';

/**
 * GetTokensFromRefreshToken (cognito-reference-users §4.8): new ID and access tokens, and a new
 * refresh token when the client rotates them (the only way such a client refreshes; Amplify v6
 * refreshes through this operation only). A client with a secret sends it raw as `ClientSecret`.
 */
export const getTokensFromRefreshToken: ManagementAction = async (input, context) => {
  const p = new Problems();
  const token = checkString(p, input, 'RefreshToken', { required: true, min: 1 });
  const secret = checkString(p, input, 'ClientSecret', {});
  checkString(p, input, 'DeviceKey', {});
  throwFirst(p);
  const clientMetadata = stringMap(input, 'ClientMetadata');
  const { pool, client } = publicClientOf(context.registry, input);
  requireClientSecret(client, secret);
  const tokens = await refreshUserTokens(context, pool, client, token!, context.publicUrl, clientMetadata);
  return { AuthenticationResult: authenticationResult(tokens) };
};
