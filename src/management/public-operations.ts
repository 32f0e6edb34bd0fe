/**
 * The operations Cognito serves without IAM credentials (the API reference marks them "no
 * authorization": a client id, a password, a code or a user's access token is the proof): what a
 * web page signs users in with. Only these answer a browser (a request with `Origin`), with
 * Cognito's `Access-Control-Allow-Origin: *`; every other operation changes or reads the pool as its
 * administrator, and the mock, which takes any signature, refuses it to pages (SECURITY.md
 * "Control surfaces").
 */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([
  'InitiateAuth', 'RespondToAuthChallenge', 'GetTokensFromRefreshToken', 'RevokeToken',
  'SignUp', 'ConfirmSignUp', 'ResendConfirmationCode', 'ForgotPassword', 'ConfirmForgotPassword',
  'GetUser', 'UpdateUserAttributes', 'DeleteUserAttributes', 'DeleteUser', 'ChangePassword', 'GlobalSignOut',
  'GetUserAttributeVerificationCode', 'VerifyUserAttribute',
]);
