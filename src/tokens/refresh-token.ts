import { createHash, randomBytes } from 'node:crypto';

/**
 * Refresh tokens in Cognito's shape (cognito-reference-users §5.5): a compact JWE, five base64url
 * parts, the header always `{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}`, then an RSA-2048
 * encrypted key, a 12-byte IV, the ciphertext and a 16-byte tag. Every client treats it as opaque,
 * so the mock's carries nothing: the four parts after the header are random, and the server finds
 * the token's record by a hash of the whole text. Nothing to decrypt means no key to keep across
 * restarts, and a store that is read by someone else holds no usable token.
 */
export const REFRESH_TOKEN_HEADER = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ';

/** Part sizes in bytes, as measured on a real token: encrypted key, IV, ciphertext, tag. */
const PART_BYTES = [256, 12, 963, 16] as const;
const PART_CHARS = PART_BYTES.map((bytes) => Math.ceil((bytes * 4) / 3));
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface NewRefreshToken {
  /** What the client gets. */
  token: string;
  /** What the server stores and looks the token up by: base64url SHA-256 of `token`. */
  lookupKey: string;
}

export function newRefreshToken(): NewRefreshToken {
  const token = [REFRESH_TOKEN_HEADER, ...PART_BYTES.map((bytes) => randomBytes(bytes).toString('base64url'))].join('.');
  return { token, lookupKey: lookupKeyOf(token) };
}

/**
 * The lookup key of a token a client sent, or undefined when it is not in this shape at all (so
 * the caller can answer "Invalid Refresh Token" without a store lookup, and nothing long is hashed).
 */
export function refreshTokenLookupKey(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== REFRESH_TOKEN_HEADER) return undefined;
  const ok = parts.slice(1).every((part, i) => part.length === PART_CHARS[i] && BASE64URL.test(part));
  return ok ? lookupKeyOf(token) : undefined;
}

const lookupKeyOf = (token: string): string => createHash('sha256').update(token).digest('base64url');
