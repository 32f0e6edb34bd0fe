import { randomUUID } from 'node:crypto';
import { accessTokenSeconds } from '../domain/client-credentials-token.js';
import { findUser } from '../domain/find-user.js';
import { refused } from '../domain/sign-in/refusal.js';
import { idTokenSeconds, readableAttributes, tokenGroups } from '../domain/sign-in/user-tokens.js';
import { subOf } from '../model/users.js';
import type { RunningServer } from '../server.js';
import { accessTokenClaims } from '../tokens/access-token.js';
import { idTokenClaims } from '../tokens/id-token.js';
import { testingErrorOf } from './cognito-mock-error.js';
import { type MintSwitches, mintedIat, mintedIssuer, signMinted } from './mint-access-token.js';

/**
 * What {@link CognitoMock.mintIdToken} and {@link CognitoMock.mintUserAccessToken} sign: a user's
 * token as a sign-in through the client would carry it, bent by the same switches as
 * `mintAccessToken`.
 *
 * @example
 * const expiredId: MintUserTokenOptions = { clientId: WEB_CLIENT_ID, username: 'alice', expired: true };
 */
export interface MintUserTokenOptions extends MintSwitches {
  /** A client of one of the mock's pools; the user must be in that pool. */
  clientId: string;
  /** The user: its username, or any name that signs it in (email in an email-username pool, an alias). */
  username: string;
  /** Lifetime in seconds; default: the client's validity for the kind of token. */
  expiresIn?: number;
  /** Claims to add or override (e.g. `{ 'cognito:groups': ['admins'] }`); applied last. */
  claims?: Record<string, unknown>;
}

/**
 * A user's ID or access token with the claims sign-in gives it (cognito-reference-users §5.3,
 * §5.4): its groups, the attributes the client may read, a fresh `origin_jti` of no sign-in. No
 * state is written: the token is a test's to send, not a session to refresh.
 */
export function mintUserToken(server: RunningServer, use: 'id' | 'access', options: MintUserTokenOptions): string {
  const record = server.registry.client(options.clientId);
  if (!record) throw testingErrorOf({ code: 'client_not_found', clientId: options.clientId });
  const { pool, client } = record;
  const user = findUser(server.registry, pool, options.username);
  if (!user) throw testingErrorOf(refused('user_not_found').problem);
  const poolId = pool.UserPool.Id;
  const now = Math.floor(server.registry.clock() / 1000);
  const lifetime = options.expiresIn ?? (use === 'id' ? idTokenSeconds(client) : accessTokenSeconds(client));
  const iat = mintedIat(now, lifetime, options);
  const issuer = mintedIssuer(server, poolId, options);
  const shared = { sub: subOf(user), username: user.Username, authTime: iat, originJti: randomUUID(), eventId: randomUUID(), groups: tokenGroups(server, poolId, user) };
  const claims = use === 'id'
    ? idTokenClaims({ ...shared, clientId: client.ClientId, issuer, iat, expiresIn: lifetime, attributes: readableAttributes(client, user) })
    : accessTokenClaims({ subject: { kind: 'user', flow: 'api', ...shared }, clientId: client.ClientId, scopes: [], issuer, iat, expiresIn: lifetime });
  return signMinted(server, poolId, use, claims, options, options.claims);
}
