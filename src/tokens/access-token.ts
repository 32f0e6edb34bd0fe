import { randomUUID, sign } from 'node:crypto';
import { type SigningKey, cognitoJson } from '../keys/signing-key.js';
import { type UserSubject, userAccessClaims } from './user-access-token.js';

/**
 * Whom an access token speaks for: a client signing in as itself (client credentials), or a
 * signed-in user (user-access-token.ts), each with its own claims.
 */
export type TokenSubject = { kind: 'client' } | UserSubject;

export interface AccessTokenInput {
  subject: TokenSubject;
  clientId: string;
  scopes: readonly string[];
  issuer: string;
  /** Issue time, epoch seconds. */
  iat: number;
  /** Lifetime in seconds. */
  expiresIn: number;
}

/** The claims of an access token for its subject, each kind exactly in Cognito's order. */
export function accessTokenClaims(input: AccessTokenInput): Record<string, unknown> {
  switch (input.subject.kind) {
    case 'client':
      return clientCredentialsClaims(input);
    case 'user':
      return userAccessClaims({ ...input, subject: input.subject });
  }
}

/**
 * A client_credentials access token (cognito-reference §2.2): sub (= client id), token_use, scope,
 * auth_time (= iat), iss, exp, iat, version, jti, client_id.
 */
function clientCredentialsClaims(input: AccessTokenInput): Record<string, unknown> {
  return {
    sub: input.clientId,
    token_use: 'access',
    scope: input.scopes.join(' '),
    auth_time: input.iat,
    iss: input.issuer,
    exp: input.iat + input.expiresIn,
    iat: input.iat,
    version: 2,
    jti: randomUUID(),
    client_id: input.clientId,
  };
}

/**
 * An RS256 JWT with Cognito's header `{"kid","alg"}`. Signs with node:crypto on a KeyObject imported
 * once: no per-token key parsing or JWK import (the lever the benchmark measures).
 */
export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const input = `${key.headerSegment}.${Buffer.from(cognitoJson(claims)).toString('base64url')}`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}
