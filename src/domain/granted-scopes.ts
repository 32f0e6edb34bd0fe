import { DomainError } from '../model/domain-error.js';
import type { UserPoolClient } from '../model/types.js';

/**
 * The scopes of a client_credentials token (cognito-reference §1.5):
 * - no `scope`, or an empty one: every scope enabled on the client, in its configured order;
 * - otherwise the requested ones, in request order, duplicates dropped; any scope the client is not
 *   allowed is `scope_not_allowed` (two AWS pages and the wire agree that the request fails);
 * - scopes whose resource server no longer defines them are left out ("Amazon Cognito doesn't add
 *   inactive scopes to access tokens"); M2M tokens carry only custom scopes, never `openid` & co.
 * A token with no scope left is `no_active_scope`. The token endpoint answers both `invalid_scope`.
 */
export function grantedScopes(client: UserPoolClient, activeScopes: ReadonlySet<string>, requested: string | undefined): string[] {
  const allowed = client.AllowedOAuthScopes ?? [];
  const asked = requested === undefined ? [] : [...new Set(requested.split(' ').filter((s) => s !== ''))];
  const disallowed = asked.find((scope) => !allowed.includes(scope));
  if (disallowed !== undefined) throw new DomainError({ code: 'scope_not_allowed', scope: disallowed });
  const granted = (asked.length > 0 ? asked : allowed).filter((scope) => activeScopes.has(scope));
  if (granted.length === 0) throw new DomainError({ code: 'no_active_scope', clientId: client.ClientId });
  return granted;
}
