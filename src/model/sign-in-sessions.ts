// A user's sign-in as the store keeps it (cognito-reference-users §4.8, §4.10): what refreshes,
// sign-out and revocation need, never a token itself.

export interface SignInSession {
  /** The `origin_jti` of every token of this sign-in and its refreshes, and the id its refresh token carries. */
  OriginJti: string;
  /** The internal username. */
  Username: string;
  /** The app client the sign-in was for: only it may refresh (§4.8). */
  ClientId: string;
  /** `auth_time`: epoch seconds of the authentication; refreshes keep it. */
  AuthTime: number;
  /** Epoch seconds after which the refresh token is refused (`RefreshTokenValidity` from the sign-in; rotation keeps it). */
  ExpiresAt: number;
  /** base64url SHA-256 of the refresh token now valid. */
  TokenHash: string;
  /** With refresh-token rotation: the token just replaced, still accepted until `PreviousValidUntil` (the grace period). */
  PreviousTokenHash?: string;
  PreviousValidUntil?: number;
  /** Epoch seconds the session was ended (sign-out, RevokeToken): its refresh and access tokens are refused from then. */
  RevokedAt?: number;
  /**
   * A managed-login sign-in (code grant): the OAuth scopes it granted. Its refreshes issue tokens
   * as managed login does (those scopes, `version: 2`, an ID token only with `openid`; §6.7).
   */
  Scopes?: string[];
}

/** A challenge between two sign-in steps (NEW_PASSWORD_REQUIRED), kept by a hash of its `Session` string. */
export interface ChallengeSession {
  SessionHash: string;
  ClientId: string;
  Username: string;
  ChallengeName: string;
  /** Epoch ms. */
  ExpiresAt: number;
}
