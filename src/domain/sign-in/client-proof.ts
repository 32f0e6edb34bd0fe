import { secretMatches } from '../../keys/client-secret.js';
import { secretHashVerdict } from '../../keys/secret-hash.js';
import { clientSecretsOf } from '../../model/client-secrets.js';
import type { UserPoolClient } from '../../model/types.js';
import { refused } from './refusal.js';

/**
 * Requires a right `SECRET_HASH` from a client with a secret (cognito-reference-users §4.2):
 * missing → "Client <id> is configured for secret but secret was not received", wrong → "Unable to
 * verify secret hash for client <id>"; a client without a secret ignores one. `username` is the
 * one the hash must have been made with.
 */
export function requireSecretHash(client: UserPoolClient, username: string, given: string | undefined): void {
  const secrets = clientSecretsOf(client).map((secret) => secret.ClientSecretValue);
  const verdict = secretHashVerdict(secrets, username, client.ClientId, given);
  if (verdict === 'missing') throw refused('secret_hash_missing', client.ClientId);
  if (verdict === 'wrong') throw refused('secret_hash_wrong', client.ClientId);
}

/** As requireSecretHash, for a hash that may have been made with any of these names of the user. */
export function requireSecretHashOfAny(client: UserPoolClient, usernames: readonly string[], given: string | undefined): void {
  const secrets = clientSecretsOf(client).map((secret) => secret.ClientSecretValue);
  const verdicts = usernames.map((username) => secretHashVerdict(secrets, username, client.ClientId, given));
  if (verdicts.includes('none_needed') || verdicts.includes('ok')) return;
  throw refused(verdicts.includes('missing') ? 'secret_hash_missing' : 'secret_hash_wrong', client.ClientId);
}

/**
 * The raw `ClientSecret` GetTokensFromRefreshToken and RevokeToken take instead of a hash (§4.2):
 * required from a client with a secret, compared in constant time. Wording [I]: as a wrong hash.
 */
export function requireClientSecret(client: UserPoolClient, given: string | undefined): void {
  if (clientSecretsOf(client).length === 0) return;
  if (given === undefined || given === '') throw refused('secret_hash_missing', client.ClientId);
  if (!secretMatches(client, given)) throw refused('secret_hash_wrong', client.ClientId);
}
