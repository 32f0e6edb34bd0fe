import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `SECRET_HASH` (cognito-reference-users §4.2): Base64(HMAC-SHA256(key = client secret,
 * message = username + clientId)), standard Base64 with padding.
 */
export const secretHashOf = (secret: string, username: string, clientId: string): string =>
  createHmac('sha256', secret).update(username + clientId, 'utf8').digest('base64');

/**
 * What a request's `SECRET_HASH` is worth for a client with these active secrets: `none_needed`
 * for a client without a secret (a supplied hash is ignored, §4.2), `missing`, `wrong`, or `ok`.
 * Every secret is compared, in constant time, so neither which one matched nor how much of it leaks.
 */
export function secretHashVerdict(secrets: readonly string[], username: string, clientId: string, given: string | undefined):
  'none_needed' | 'missing' | 'wrong' | 'ok' {
  if (secrets.length === 0) return 'none_needed';
  if (given === undefined || given === '') return 'missing';
  const presented = Buffer.from(given, 'utf8');
  let match = false;
  for (const secret of secrets) {
    const expected = Buffer.from(secretHashOf(secret, username, clientId), 'utf8');
    // Same length for every right answer (44 characters); a wrong length is compared against itself, so it takes the same time.
    const same = presented.length === expected.length ? timingSafeEqual(presented, expected) : !timingSafeEqual(expected, expected);
    if (same) match = true;
  }
  return match ? 'ok' : 'wrong';
}
