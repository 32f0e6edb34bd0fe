import { AwsApiError } from '../errors.js';
import type { SignInRefusal, TriggerFailureKind } from '../model/domain-error.js';

// Cognito's answers on the AWS API (the management API, GetClientToken and /_mock), each written
// once: `__type` and message as Cognito words them where a capture shows it (reference §6.2), and
// in the same style where none does ([I] below). Field-level validation texts live with their
// rules (model/rules.ts, model/problems.ts) and reach the wire through `throwFirst`.

/** InvalidParameterException with a given message (the API's answer to most bad requests). */
export const invalidParameter = (message: string): AwsApiError => new AwsApiError('InvalidParameterException', message);

// --- not found -------------------------------------------------------------------------------

export const poolNotFound = (poolId: string): AwsApiError =>
  new AwsApiError('ResourceNotFoundException', userPoolDoesNotExist(poolId));

/** The sentence on its own: the well-known routes answer it in plain JSON for an unknown pool. */
export const userPoolDoesNotExist = (poolId: string): string => `User pool ${poolId} does not exist.`;

export const clientNotFound = (clientId: string): AwsApiError =>
  new AwsApiError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);

/** Not public; it follows the pool and client messages [I]. */
export const resourceServerNotFound = (identifier: string, poolId: string): AwsApiError =>
  new AwsApiError('ResourceNotFoundException', `Resource server ${identifier} does not exist in user pool ${poolId}.`);

/** Wording [I]. */
export const clientSecretNotFound = (secretId: string, clientId: string): AwsApiError =>
  new AwsApiError('ResourceNotFoundException', `Client secret ${secretId} does not exist for user pool client ${clientId}.`);

// --- the server itself -----------------------------------------------------------------------

/** Cognito's own 500 (reference §6.2); the cause goes to the log, never to the caller. */
export const storeWriteFailed = (): AwsApiError =>
  new AwsApiError('InternalErrorException', 'The store could not be written; the change was not made.', 500);

/**
 * A pool's stored key that does not load: a fault of the server's state, answered as Cognito's
 * own 500 (the request is fine; a 400 would tell the caller to change it). Wording [I].
 */
export const invalidStoredKey = (poolId: string, key: string, reason: string): AwsApiError =>
  new AwsApiError('InternalErrorException', storedKeyMessage(poolId, key, reason), 500);

/** The sentence on its own: the JWKS route answers it in plain JSON. */
export const storedKeyMessage = (poolId: string, key: string, reason: string): string =>
  `The stored signing key ${key} of user pool ${poolId} ${reason}. Fix the key in the store file or remove the pool.`;

/** An administrative operation from a web page (a request with `Origin`); wording [I]. */
export const notFromBrowsers = (operation: string): AwsApiError =>
  new AwsApiError('AccessDeniedException', `${operation} is not available to web pages: cognito-mock answers browsers only the operations Cognito serves without IAM credentials (InitiateAuth, SignUp, …).`, 403);

export const unknownOperation = (target: string): AwsApiError =>
  new AwsApiError('UnknownOperationException', target ? `Unknown operation ${target}` : 'Missing X-Amz-Target header');

// --- user pools and domains ------------------------------------------------------------------

export const deletionProtected = (): AwsApiError =>
  invalidParameter('The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.');

export const poolHasDomain = (): AwsApiError =>
  invalidParameter('User pool cannot be deleted. It has a domain configured that should be deleted first.');

export const domainAlreadyConfigured = (): AwsApiError => invalidParameter('User pool already has a domain configured.');

export const domainTaken = (): AwsApiError => invalidParameter('Domain already associated with another user pool.');

export const noSuchDomain = (): AwsApiError => invalidParameter('No such domain or user pool exists.');

/** Tags are on user pools only here; wording [I]. */
export const invalidPoolArn = (arn: string): AwsApiError =>
  invalidParameter(`Invalid ARN ${arn}: tags are supported on user pools, arn:aws:cognito-idp:<region>:<account>:userpool/<user pool id>.`);

export const invalidPaginationToken = (): AwsApiError => invalidParameter('Invalid pagination token.');

// --- MFA (measured on AWS, reference-users §7.2, unless marked) --------------------------------

export const mfaOffWithFactor = (): AwsApiError =>
  invalidParameter("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");

/** ON/OPTIONAL without a factor: AWS's wording for this case is not public [?]. */
export const mfaWithoutFactor = (mode: string): AwsApiError =>
  invalidParameter(`Invalid MFA configuration given, ${mode} MFA needs SMS, software token or email MFA configured.`);

/** Email MFA needs the Essentials tier or higher (reference-users §7.1); wording [I]. */
export const emailMfaNeedsTier = (): AwsApiError =>
  new AwsApiError('FeatureUnavailableInTierException', 'Email MFA is not available in the LITE feature plan.');

// --- resource servers and clients ------------------------------------------------------------

/** Cognito's wording for a duplicate identifier is not public [I]. */
export const resourceServerExists = (identifier: string, poolId: string): AwsApiError =>
  invalidParameter(`A resource server with identifier ${identifier} already exists in user pool ${poolId}.`);

export const tooManyResourceServers = (max: number, poolId: string): AwsApiError =>
  new AwsApiError('LimitExceededException', `A user pool can have at most ${max} resource servers; ${poolId} has reached the limit.`);

export const tooManyClients = (max: number, poolId: string): AwsApiError =>
  new AwsApiError('LimitExceededException', `A user pool can have at most ${max} app clients; ${poolId} has reached the limit.`);

// --- client secrets (wording [I]) --------------------------------------------------------------

export const clientHasNoSecret = (clientId: string): AwsApiError =>
  invalidParameter(`User pool client ${clientId} has no client secret; secrets can be added to confidential clients only.`);

export const tooManyClientSecrets = (clientId: string, max: number): AwsApiError =>
  new AwsApiError('LimitExceededException', `User pool client ${clientId} already has ${max} client secrets; delete one first.`);

export const clientSecretActive = (): AwsApiError => invalidParameter('The client secret is already active for this client.');

export const lastClientSecret = (): AwsApiError => invalidParameter('You cannot delete the last remaining client secret of an app client.');

// --- GetClientToken (reference §1.9) -----------------------------------------------------------

/** InitiateAuth's wording for a flow the client lacks ("USER_PASSWORD_AUTH flow not enabled for this client"). */
export const clientTokenFlowNotEnabled = (): AwsApiError => invalidParameter('CLIENT_TOKEN_AUTH flow not enabled for this client');

/** NotAuthorizedException, as for every failed client or user credential of the API (§6.2); wording [I]. */
export const incorrectClientSecret = (): AwsApiError => new AwsApiError('NotAuthorizedException', 'Incorrect client secret.');

/**
 * Cognito's text for an unknown scope (§6.2). GetClientToken lists no ScopeDoesNotExistException:
 * a scope the client may not have is a bad parameter [I].
 */
export const scopeNotAllowed = (scope: string): AwsApiError => invalidParameter(`Invalid scope requested: ${scope}`);

/** Every scope the client may request has lost its resource server [I]. */
export const noActiveScope = (): AwsApiError =>
  invalidParameter('None of the scopes the client may request is defined by a resource server of the pool.');

/**
 * The exceptions Cognito's API uses for Lambda triggers (InitiateAuth and others):
 * UserLambdaValidationException when the function threw, InvalidLambdaResponseException for an
 * unusable answer, UnexpectedLambdaException when it timed out or could not run [I: GetClientToken's
 * own error list names none of them]. The message is the failure's own, in Lambda's words
 * ("PreTokenGeneration failed with error …", "Unrecognizable lambda output", triggers/trigger-failure.ts).
 */
const LAMBDA_EXCEPTIONS: Record<TriggerFailureKind, string> = {
  threw: 'UserLambdaValidationException',
  invalid_response: 'InvalidLambdaResponseException',
  timeout: 'UnexpectedLambdaException',
  unavailable: 'UnexpectedLambdaException',
};

export const triggerFailed = (kind: TriggerFailureKind, reason: string): AwsApiError => new AwsApiError(LAMBDA_EXCEPTIONS[kind], reason);

// --- the mock's own endpoints (/_mock, README "Key rotation", "Fault injection") ----------------

/** `SigningKey` is the one member of the AWS-shaped API that carries a key (POST /_mock/pools/<id>/rotate-keys). */
export const invalidSigningKey = (reason: string): AwsApiError => invalidParameter(`SigningKey ${reason}.`);

export const keyAlreadyPublished = (kid: string, poolId: string): AwsApiError =>
  invalidParameter(`The key ${kid} is already published for user pool ${poolId}.`);

export const invalidFault = (problem: string): AwsApiError => invalidParameter(`Invalid fault: ${problem}.`);

/** GET /_mock/pools/<id>/users/<name>/code when the user waits for no code. */
export const noPendingCode = (username: string, poolId: string): AwsApiError =>
  new AwsApiError('ResourceNotFoundException', `No pending confirmation or reset code for user ${username} in user pool ${poolId}.`);

// --- users and groups (cognito-reference-users §2, §3) -----------------------------------------

/** AddCustomAttributes with a name the schema has (§2.2): moto's text, AWS's is not captured [?]. */
export const existingAttribute = (name: string): AwsApiError => invalidParameter(`${name}: Existing attribute already has name ${name}.`);

export const tooManyCustomAttributes = (): AwsApiError => new AwsApiError('LimitExceededException', 'A user pool can have at most 50 custom attributes.');

export const userNotFound = (): AwsApiError => new AwsApiError('UserNotFoundException', 'User does not exist.');

/** AdminCreateUser's text, as AWS answered it (§2.5); an email-username pool says "An account with the given email already exists." (§2.9). */
export const usernameExists = (message = 'User account already exists'): AwsApiError => new AwsApiError('UsernameExistsException', message);

/** Captured (§3.1). */
export const groupNotFound = (): AwsApiError => new AwsApiError('ResourceNotFoundException', 'Group not found.');

/** Not captured; the reference's choice (§9 Q12) [I]. */
export const groupExists = (name: string): AwsApiError => new AwsApiError('GroupExistsException', `A group with the name ${name} already exists.`);

export const tooManyGroups = (max: number): AwsApiError =>
  new AwsApiError('LimitExceededException', `A user pool can have at most ${max} groups.`);

export const tooManyGroupsForUser = (max: number): AwsApiError =>
  new AwsApiError('LimitExceededException', `A user can be a member of at most ${max} groups.`);

/** RESEND for a user whose temporary password was already changed; wording [I]. */
export const resendNotPossible = (status: string): AwsApiError =>
  new AwsApiError('UnsupportedUserStateException', `Resend not possible. User status is ${status}, not FORCE_CHANGE_PASSWORD.`);

/** ListUsers, captured in 2016 and 2023 (§2.7). */
export const filterParseError = (): AwsApiError => invalidParameter('Error while parsing filter.');

/** Not captured; moto's words (§2.7) [L]. */
export const invalidSearchAttribute = (name: string): AwsApiError => invalidParameter(`Invalid search attribute: ${name}`);

/** Reserved as for resource servers: a store key JavaScript tools would turn into a prototype [I]. */
export const reservedName = (member: string): AwsApiError => invalidParameter(`The ${member} __proto__ is reserved by cognito-mock.`);

// --- sign-in (cognito-reference-users §4.11) ----------------------------------------------------

const notAuthorized = (message: string): AwsApiError => new AwsApiError('NotAuthorizedException', message);

/** Cognito's exception and text for each refused sign-in; all captured (§4.11) unless marked. */
export function signInRefused(reason: SignInRefusal, clientId = ''): AwsApiError {
  switch (reason) {
    case 'incorrect_credentials': return notAuthorized('Incorrect username or password.');
    case 'user_not_found': return userNotFound();
    case 'user_disabled': return notAuthorized('User is disabled.');
    case 'user_not_confirmed': return new AwsApiError('UserNotConfirmedException', 'User is not confirmed.');
    case 'password_reset_required': return new AwsApiError('PasswordResetRequiredException', 'Password reset required for the user');
    case 'temporary_password_expired': return notAuthorized('Temporary password has expired and must be reset by an administrator.');
    case 'secret_hash_missing': return notAuthorized(`Client ${clientId} is configured for secret but secret was not received`);
    case 'secret_hash_wrong': return notAuthorized(`Unable to verify secret hash for client ${clientId}`);
    case 'user_password_flow_not_enabled': return invalidParameter('USER_PASSWORD_AUTH flow not enabled for this client');
    case 'flow_not_enabled': return invalidParameter('Auth flow not enabled for this client');
    case 'flow_not_supported': return invalidParameter('Initiate Auth method not supported.');
    case 'invalid_refresh_token': return notAuthorized('Invalid Refresh Token.');
    case 'refresh_token_revoked': return notAuthorized('Refresh Token has been revoked');
    // No public capture; the text consumers hard-code (§9 Q16) [?].
    case 'refresh_token_expired': return notAuthorized('Refresh Token has expired');
    case 'session_expired': return notAuthorized('Invalid session for the user, session is expired.');
    case 'timestamp_malformed': return invalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
    // Cognito answers a tampered SRP_A with InvalidParameterException; its text is not captured [I].
    case 'invalid_srp_a': return invalidParameter('SRP_A is not a valid SRP public value.');
    case 'invalid_access_token': return notAuthorized('Invalid Access Token');
    case 'access_token_expired': return notAuthorized('Access Token has expired');
    case 'access_token_revoked': return notAuthorized('Access Token has been revoked');
    // The text Cognito gives an OAuth access token requested without the scope (§2.11) [?].
    case 'access_token_scope_missing': return notAuthorized('Access Token does not have required scopes');
    // Exception types from the API model (§4.10); their texts are not captured [I].
    case 'revocation_disabled': return new AwsApiError('UnsupportedOperationException', `Token revocation is not enabled for client ${clientId}.`);
    case 'unsupported_token_type': return new AwsApiError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
    // The testing API's sign-in, which cannot answer the challenge [I].
    case 'new_password_required': return invalidParameter('The user has a temporary password: answer NEW_PASSWORD_REQUIRED first.');
    // Authorization codes are the token endpoint's; the API never sees one [I].
    case 'invalid_code': case 'code_redirect_mismatch': case 'code_verifier_mismatch': return notAuthorized('Invalid authorization code.');
  }
}
/** UpdateUserAttributes with an attribute the client may not write (§2.11). */
export const unauthorizedAttribute = (): AwsApiError => notAuthorized('A client attempted to write unauthorized attribute');

// --- self-registration and password recovery (cognito-reference-users §2.8–§2.10, §4.2) ------

/** The public operations' unknown user under LEGACY, ForgotPassword's captured text (§2.10); the others use it too [I]. */
export const publicUserNotFound = (): AwsApiError => new AwsApiError('UserNotFoundException', 'Username/client id combination not found.');

/** `AllowAdminCreateUserOnly: true` (§2.5), captured. */
export const signUpNotPermitted = (): AwsApiError => new AwsApiError('NotAuthorizedException', 'SignUp is not permitted for this user pool.');

/** SignUp's text for a taken username (§2.9); AdminCreateUser words it "User account already exists". */
export const userAlreadyExists = (): AwsApiError => new AwsApiError('UsernameExistsException', 'User already exists');

export const codeMismatch = (): AwsApiError => new AwsApiError('CodeMismatchException', 'Invalid verification code provided, please try again.');

export const codeExpired = (): AwsApiError => new AwsApiError('ExpiredCodeException', 'Invalid code provided, please request a code again.');

/** The throttle text of the code and recovery APIs (§2.9). */
export const attemptLimitExceeded = (): AwsApiError => new AwsApiError('LimitExceededException', 'Attempt limit exceeded, please try after some time.');

/** ConfirmSignUp and AdminConfirmSignUp of a user that is not UNCONFIRMED: the newer of two captured texts (§9 Q13). */
export const cannotConfirm = (status: string): AwsApiError =>
  new AwsApiError('NotAuthorizedException', `User cannot be confirmed. Current status is ${status}`);

/** ResendConfirmationCode for a confirmed user [I]. */
export const alreadyConfirmed = (): AwsApiError => invalidParameter('User is already confirmed.');

/** ResendConfirmationCode when the pool verifies no attribute the user has, so no code can go anywhere [I]. */
export const autoVerificationOff = (): AwsApiError => invalidParameter('Auto verification not turned on.');

/** ForgotPassword and AdminResetUserPassword without a verified email or phone number (moto's text, §2.10) [L]. */
export const noRecoveryDestination = (): AwsApiError =>
  invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');

/** ForgotPassword for a user that still has its temporary password (FORCE_CHANGE_PASSWORD) [I]. */
export const cannotResetPassword = (): AwsApiError =>
  new AwsApiError('NotAuthorizedException', 'User password cannot be reset in the current state.');

/** A disabled user asking for a code (§2.3's sign-in text). */
export const userDisabled = (): AwsApiError => new AwsApiError('NotAuthorizedException', 'User is disabled.');
