/**
 * The tokens one grant or sign-in issues, protocol-neutral: the OAuth token endpoint writes them
 * as `{"id_token", "access_token", …}`, the API (GetClientToken, and sign-in later) as its
 * `AuthenticationResult` shapes.
 */
export interface IssuedTokens {
  /** Only when the grant asked for `openid` (user grants). */
  idToken?: string;
  accessToken: string;
  /** Only for grants that start a session (user grants). */
  refreshToken?: string;
  /** Seconds the access token lives. */
  expiresIn: number;
}
