import { randomBytes } from 'node:crypto';
import { valueHash } from '../keys/value-hash.js';

/**
 * Refresh tokens in Cognito's shape (cognito-reference-users §5.5): a compact JWE, five base64url
 * parts, the header always `{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}`, then an RSA-2048
 * encrypted key, a 12-byte IV, the ciphertext and a 16-byte tag. Every client treats it as opaque,
 * so the mock's carries only the id of the sign-in session it belongs to (the `origin_jti` its
 * access and ID tokens carry anyway, in the first 16 bytes of the "ciphertext"); everything else
 * is random. The server keeps the session under that id with a hash of the token, never the token:
 * nothing to decrypt means no key to keep across restarts, and a store read by someone else holds
 * no usable token.
 */
export const REFRESH_TOKEN_HEADER = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ';

/** Part sizes in bytes, as measured on a real token: encrypted key, IV, ciphertext, tag. */
const PART_BYTES = [256, 12, 963, 16] as const;
const PART_CHARS = PART_BYTES.map((bytes) => Math.ceil((bytes * 4) / 3));
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface NewRefreshToken {
  /** What the client gets. */
  token: string;
  /** What the server keeps to recognise it: base64url SHA-256 of `token`. */
  hash: string;
}

/** A new token of the session `sessionId` (a UUID). */
export function newRefreshToken(sessionId: string): NewRefreshToken {
  if (!UUID.test(sessionId)) throw new TypeError('a refresh token\'s session id is a lower-case UUID');
  const ciphertext = randomBytes(PART_BYTES[2]);
  Buffer.from(sessionId.replaceAll('-', ''), 'hex').copy(ciphertext);
  const parts = [randomBytes(PART_BYTES[0]), randomBytes(PART_BYTES[1]), ciphertext, randomBytes(PART_BYTES[3])];
  const token = [REFRESH_TOKEN_HEADER, ...parts.map((part) => part.toString('base64url'))].join('.');
  return { token, hash: valueHash(token) };
}

/**
 * The session id and hash of a token a client sent, or undefined when it is not in this shape at
 * all (so the caller answers "Invalid Refresh Token." without a store lookup, and nothing long is hashed).
 */
export function readRefreshToken(token: string): { sessionId: string; hash: string } | undefined {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== REFRESH_TOKEN_HEADER) return undefined;
  if (!parts.slice(1).every((part, i) => part.length === PART_CHARS[i] && BASE64URL.test(part))) return undefined;
  const id = Buffer.from(parts[3]!.slice(0, 24), 'base64url').subarray(0, 16).toString('hex');
  const sessionId = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
  return { sessionId, hash: valueHash(token) };
}
