import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * base64url SHA-256 of a value a client holds (a refresh token, a challenge session, an
 * authorization code, a login cookie): the store keeps this, never the value.
 */
export const valueHash = (value: string): string => createHash('sha256').update(value).digest('base64url');

/** Two strings compared in constant time (for equal lengths; a length differs at once). */
export const sameText = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
