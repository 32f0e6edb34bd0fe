// What the managed login (cognito-reference-users §6) keeps between its requests, never a code
// or cookie itself: each is stored by a hash of the value the browser holds.

/** An authorization code (§6.5): one use, five minutes, bound to everything the authorize request fixed. */
export interface AuthorizationCode {
  /** base64url SHA-256 of the code. */
  CodeHash: string;
  ClientId: string;
  /** The internal username of the user who signed in. */
  Username: string;
  /** The authorize request's `redirect_uri`: the token request must send the same (§6.6). */
  RedirectUri: string;
  /** The granted OAuth scopes. */
  Scopes: string[];
  Nonce?: string;
  /** PKCE: the S256 challenge, when the authorize request sent one. */
  CodeChallenge?: string;
  /** Epoch seconds of the sign-in (`auth_time`). */
  AuthTime: number;
  /** Epoch ms after which the code is refused. */
  ExpiresAt: number;
  /** Once redeemed: the sign-in it started, ended if the code is presented again (RFC 6749 §4.1.2). */
  RedeemedBy?: string;
}

/** The managed-login session behind the `cognito` cookie (§6.4): one hour, for every client of the pool. */
export interface LoginSession {
  /** base64url SHA-256 of the cookie's value. */
  SessionHash: string;
  Username: string;
  /** Epoch seconds of the sign-in: codes issued through the session keep it as `auth_time`. */
  AuthTime: number;
  /** Epoch ms. */
  ExpiresAt: number;
}
