// What each claim Cognito writes means, in a line, for the token decoder: a developer reading a
// token should not need the documentation open beside it.

const MEANINGS: Record<string, string> = {
  sub: 'the subject: a user\'s immutable id, or the client id of a client-credentials token',
  iss: 'the issuer: the pool\'s URL; verifiers accept only their pool\'s',
  aud: 'the audience: the app client the ID token was issued to',
  client_id: 'the app client the access token was issued to',
  token_use: '"access" for access tokens, "id" for ID tokens; a verifier takes one kind only',
  scope: 'the granted scopes, space-separated (resource-server/scope, openid, email, …)',
  auth_time: 'when the user (or client) authenticated',
  exp: 'when the token expires; verifiers refuse it from then on',
  iat: 'when the token was issued',
  nbf: 'not valid before this time',
  jti: 'the token\'s own unique id',
  origin_jti: 'the id of the sign-in this token comes from (revocation ends them all)',
  event_id: 'the id of the sign-in event',
  version: 'the access token format\'s version (2 since Cognito\'s 2022 format)',
  username: 'the user\'s internal username (access tokens)',
  'cognito:username': 'the user\'s internal username (ID tokens)',
  'cognito:groups': 'the groups the user is in, by precedence',
  'cognito:roles': 'the IAM roles of the user\'s groups',
  'cognito:preferred_role': 'the IAM role of the user\'s group with the lowest precedence',
  at_hash: 'the hash of the access token issued with this ID token',
  nonce: 'the nonce of the authorize request, echoed for the app to check',
  email: 'the user\'s email address',
  email_verified: 'whether the email address is verified',
  phone_number: 'the user\'s phone number',
  phone_number_verified: 'whether the phone number is verified',
  name: 'the user\'s full name',
  identities: 'the external identity providers linked to the user',
};

/** The claim's meaning, or undefined for a claim Cognito does not write (a trigger may add any). */
export function claimMeaning(name: string): string | undefined {
  if (Object.hasOwn(MEANINGS, name)) return MEANINGS[name];
  if (name.startsWith('custom:')) return 'a custom attribute of the user';
  return undefined;
}

/** The claims whose values are epoch seconds, shown as dates. */
export const TIME_CLAIMS: ReadonlySet<string> = new Set(['exp', 'iat', 'nbf', 'auth_time']);
