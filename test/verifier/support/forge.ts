import { createPrivateKey, createPublicKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { kidOf } from '../../../src/keys/signing-key.js';
import { TEST_KEYS } from '../../support/fixtures.js';

/** Tokens an attacker (or a buggy issuer) could send, built with jose from the test-only keys. */

export type Claims = Record<string, unknown>;

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The `kid` of test key `n` (test/keys/test-only-<n+1>.pem), as the mock publishes it. */
export const kidOfTestKey = (n: number): string => kidOf(createPublicKey(createPrivateKey(TEST_KEYS[n]!)));

/** The public key of test key `n` as SPKI PEM: what anyone can derive from the JWKS. */
export const publicPemOfTestKey = (n: number): string =>
  createPublicKey(createPrivateKey(TEST_KEYS[n]!)).export({ type: 'spki', format: 'pem' }).toString();

/** Signs `claims` with test key `n` under any header (default: Cognito's `{kid, alg: RS256}`). */
export function signWithTestKey(n: number, claims: Claims, header: { kid?: string | undefined; alg?: 'RS256' | 'RS384' | 'PS256' } = {}): Promise<string> {
  const alg = header.alg ?? 'RS256';
  const protectedHeader = 'kid' in header ? { alg, ...(header.kid === undefined ? {} : { kid: header.kid }) } : { kid: kidOfTestKey(n), alg };
  return new SignJWT(claims).setProtectedHeader(protectedHeader).sign(createPrivateKey(TEST_KEYS[n]!));
}

/** `alg: none` with an empty signature (RFC 7519 §6 unsecured JWT). */
export const unsecured = (claims: Claims, header: Claims = { alg: 'none' }): string => `${b64(header)}.${b64(claims)}.`;

/** The classic key-confusion forgery: HS256 with the RSA public key's PEM as the HMAC secret. */
export function hs256WithPublicPem(claims: Claims, pem: string, kid: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ kid, alg: 'HS256' }).sign(new TextEncoder().encode(pem));
}

/** Replaces the header (e.g. another kid) and keeps payload and signature. */
export function withHeader(token: string, header: Claims): string {
  const [, payload, signature] = token.split('.');
  return `${b64(header)}.${payload}.${signature}`;
}

/** Replaces the claims and keeps header and signature: a tampered token. */
export function withClaims(token: string, claims: Claims): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64(claims)}.${signature}`;
}

export function claimsOf(token: string): Claims {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Claims;
}
