import type { Authentication } from '../domain/sign-in/authentication.js';
import type { PasswordVerifierChallenge } from '../domain/sign-in/srp-sign-in.js';
import type { IssuedTokens } from '../domain/issued-tokens.js';
import { hashMapOrder } from '../model/attribute-order.js';
import type { StoredPool } from '../model/types.js';
import type { StoredUser } from '../model/users.js';

// The answers of the sign-in operations, members sorted as Cognito writes them
// (cognito-reference-users §1.1, §4.3–4.7).

/** `AuthenticationResultType`: AccessToken, ExpiresIn, IdToken, RefreshToken (absent on a plain refresh), TokenType. */
export function authenticationResult(tokens: IssuedTokens): Record<string, unknown> {
  return {
    AccessToken: tokens.accessToken,
    ExpiresIn: tokens.expiresIn,
    IdToken: tokens.idToken,
    ...(tokens.refreshToken === undefined ? {} : { RefreshToken: tokens.refreshToken }),
    TokenType: 'Bearer',
  };
}

/** Tokens, or the NEW_PASSWORD_REQUIRED challenge, as InitiateAuth and RespondToAuthChallenge answer them. */
export function authenticationOutput(pool: StoredPool, outcome: Authentication): Record<string, unknown> {
  if (outcome.kind === 'tokens') return { AuthenticationResult: authenticationResult(outcome.tokens), ChallengeParameters: {} };
  return {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ChallengeParameters: newPasswordParameters(pool, outcome.user),
    Session: outcome.session,
  };
}

/** PASSWORD_VERIFIER: no Session, the SECRET_BLOCK is the state (§4.4, §4.6). */
export function passwordVerifierOutput(challenge: PasswordVerifierChallenge): Record<string, unknown> {
  const { SALT, SECRET_BLOCK, SRP_B, USERNAME, USER_ID_FOR_SRP } = challenge;
  return { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SALT, SECRET_BLOCK, SRP_B, USERNAME, USER_ID_FOR_SRP } };
}

/**
 * NEW_PASSWORD_REQUIRED's parameters (§4.5): `requiredAttributes` and `userAttributes` are JSON
 * text; `userAttributes` leaves out `sub`; `requiredAttributes` names, prefixed `userAttributes.`,
 * the schema's required attributes the user lacks.
 */
function newPasswordParameters(pool: StoredPool, user: StoredUser): Record<string, string> {
  const attributes = hashMapOrder(user.Attributes.filter((a) => a.Name !== 'sub'), (a) => a.Name);
  return {
    USER_ID_FOR_SRP: user.Username,
    requiredAttributes: JSON.stringify(missingRequiredAttributes(pool, user).map((name) => `userAttributes.${name}`)),
    userAttributes: JSON.stringify(Object.fromEntries(attributes.map((a) => [a.Name, a.Value]))),
  };
}

/** The schema's `Required` attributes the user has no value for. */
export function missingRequiredAttributes(pool: StoredPool, user: Pick<StoredUser, 'Attributes'>): string[] {
  const schema = Array.isArray(pool.UserPool.SchemaAttributes) ? pool.UserPool.SchemaAttributes : [];
  const required = schema.filter((a): a is { Name: string } => typeof a === 'object' && a !== null && a.Required === true && typeof a.Name === 'string');
  return required.map((a) => a.Name).filter((name) => !user.Attributes.some((a) => a.Name === name && a.Value !== ''));
}
