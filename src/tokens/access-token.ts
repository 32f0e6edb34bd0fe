import { randomUUID } from 'node:crypto';
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
