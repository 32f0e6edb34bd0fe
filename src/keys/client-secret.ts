import { createHash, timingSafeEqual } from 'node:crypto';
import type { UserPoolClient } from '../model/types.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Compares a presented secret with a client's secrets in constant time: both sides are hashed to
 * equal length first, and every secret is compared, so neither the length nor which one matched leaks.
 */
export function secretMatches(client: UserPoolClient, presented: string): boolean {
  const given = digest(presented);
  let match = false;
  for (const secret of secretsOf(client)) {
    if (timingSafeEqual(given, digest(secret))) match = true;
  }
  return match;
}

/** The secrets a client accepts: up to two while one is rotated (reference §1.3, model/client-secrets.ts). */
export function secretsOf(client: UserPoolClient): string[] {
  if (client.ClientSecrets) return client.ClientSecrets.map((secret) => secret.ClientSecretValue);
  return client.ClientSecret === undefined ? [] : [client.ClientSecret];
}
