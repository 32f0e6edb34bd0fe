import { createHmac } from 'node:crypto';
import {
  AdminConfirmSignUpCommand, AdminCreateUserCommand, AdminDeleteUserCommand, AdminDisableUserCommand, AdminGetUserCommand, AdminResetUserPasswordCommand,
  AdminUpdateUserAttributesCommand, ConfirmForgotPasswordCommand, ConfirmSignUpCommand, ForgotPasswordCommand,
  ResendConfirmationCodeCommand, SignUpCommand, UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { passwordMatches } from '../../src/keys/password-verifier.js';
import type { StoredUser } from '../../src/model/users.js';
import { type CognitoMock, CognitoMockError, startCognitoMock } from '../../src/testing/index.js';
import { CODE_CLIENT, POOL_ID, PUBLIC_CLIENT, signingKeys, testFixtures } from '../support/fixtures.js';
import { failure, managementClient, rawApiCall } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';
import { storeFileText } from '../../src/store/store.js';

// Self-registration and password recovery (cognito-reference-users §2.8–§2.10, §4.2, §4.11):
// the real AWS SDK against the mock, codes read back through the testing API and /_mock.

const PASSWORD = 'Sign-up-Pa55word';
const NEW_PASSWORD = 'Brand-new-Pa55word';
/** A public client that hides whether users exist (PreventUserExistenceErrors ENABLED). */
const HIDING_CLIENT = { id: '6example0client0hiding0id6' };
const EMAIL_POOL_ID = 'us-east-1_EmailPool1';
const EMAIL_POOL_CLIENT = { id: '7example0client0emails0id7' };

/** The test fixtures, the orders pool auto-verifying email, plus a hiding client and an email-username pool. */
function signUpFixtures() {
  const fixtures = testFixtures();
  const pool = fixtures.UserPools.find((p) => p.Id === POOL_ID)! as Record<string, unknown> & { UserPoolClients: Record<string, unknown>[] };
  pool.AutoVerifiedAttributes = ['email'];
  pool.UserPoolClients.push({ ClientId: HIDING_CLIENT.id, ClientName: 'hiding-spa', PreventUserExistenceErrors: 'ENABLED' });
  (fixtures.UserPools as Record<string, unknown>[]).push({
    Id: EMAIL_POOL_ID, Name: 'email-pool', SigningKeys: signingKeys(2), UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'],
    UserPoolClients: [{ ClientId: EMAIL_POOL_CLIENT.id, ClientName: 'email-spa' }],
  });
  return fixtures;
}

const secretHash = (secret: string, username: string, clientId: string): string =>
  createHmac('sha256', secret).update(username + clientId).digest('base64');

describe('management API: sign-up, confirmation and password recovery', () => {
  const tmp = useTempDir('signup');
  let mock: CognitoMock | undefined;
  let now = Date.UTC(2026, 11, 1, 12);
  const sdk = () => managementClient(mock!.url);
  const start = async () => { mock = await startCognitoMock({ fixtures: signUpFixtures(), clock: () => now }); };
  const signUp = (Username: string, extra: Record<string, unknown> = {}) => sdk().send(new SignUpCommand({
    ClientId: PUBLIC_CLIENT.id, Username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }], ...extra,
  }));
  const codeOf = (username: string, poolId = POOL_ID) => mock!.latestCode(poolId, username)!.code;
  const confirm = (Username: string, ConfirmationCode: string, ClientId = PUBLIC_CLIENT.id) =>
    sdk().send(new ConfirmSignUpCommand({ ClientId, Username, ConfirmationCode }));
  const getUser = (Username: string) => sdk().send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username }));
  const storedUser = (username: string) =>
    ((mock!.snapshot().pools as Record<string, { Users: Record<string, StoredUser> }>)[POOL_ID]!.Users[username])!;
  /** A CONFIRMED user with a verified email, as a sign-up and its confirmation leave it. */
  const confirmedUser = async (username: string) => { await signUp(username); await confirm(username, codeOf(username)); };
  // Codes go to stderr (console.error): kept out of the test output, and read by the log test.
  beforeEach(() => { vi.spyOn(console, 'error').mockImplementation(() => undefined); });
  afterEach(async () => { vi.restoreAllMocks(); await mock?.stop(); mock = undefined; now = Date.UTC(2026, 11, 1, 12); });

  it('signs a user up UNCONFIRMED, with the code to the auto-verified email, members sorted and the destination masked', async () => {
    await start();
    const res = await rawApiCall(mock!.url, 'SignUp', { ClientId: PUBLIC_CLIENT.id, Username: 'bob', Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: 'bob@gmail.com' }] });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toMatch(
      /^\{"CodeDeliveryDetails":\{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"b\*\*\*@g\*\*\*"\},"UserConfirmed":false,"UserSub":"[0-9a-f-]{36}"\}$/);
    const got = await getUser('bob');
    expect(got.UserStatus).toBe('UNCONFIRMED');
    expect(got.UserAttributes).toContainEqual({ Name: 'sub', Value: res.body.UserSub });
    expect(got.UserAttributes!.find((a) => a.Name === 'email_verified')).toBeUndefined();
    const code = mock!.latestCode(POOL_ID, 'bob')!;
    expect(code).toEqual({ code: expect.stringMatching(/^[0-9]{6}$/), kind: 'signup', destination: 'b***@g***', username: 'bob',
      expiresAt: now + 24 * 3_600_000 });
    // The password is kept as its verifier.
    expect(passwordMatches(storedUser('bob').Password!, POOL_ID, 'bob', PASSWORD)).toBe(true);
  });

  it('confirms with the code: CONFIRMED, email verified, the code used up', async () => {
    await start();
    await signUp('carol');
    const code = codeOf('carol');
    const confirmed = await rawApiCall(mock!.url, 'ConfirmSignUp', { ClientId: PUBLIC_CLIENT.id, Username: 'carol', ConfirmationCode: code });
    expect(confirmed).toEqual({ status: 200, body: {} });
    const got = await getUser('carol');
    expect(got.UserStatus).toBe('CONFIRMED');
    expect(got.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
    expect(mock!.latestCode(POOL_ID, 'carol')).toBeUndefined();
    expect(await failure(confirm('carol', code)))
      .toEqual({ name: 'NotAuthorizedException', message: 'User cannot be confirmed. Current status is CONFIRMED', status: 400 });
  });

  it('answers wrong, expired and worn-out codes in Cognito\'s words', async () => {
    await start();
    await signUp('dave');
    const code = codeOf('dave');
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await failure(confirm('dave', wrong)))
      .toEqual({ name: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.', status: 400 });
    expect(await failure(confirm('dave', '12345'))).toMatchObject({ name: 'CodeMismatchException' });
    // 15 wrong tries a code (§2.9); the 16th try fails even with the right code.
    for (let i = 2; i < 15; i++) await failure(confirm('dave', wrong));
    expect(await failure(confirm('dave', code)))
      .toEqual({ name: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.', status: 400 });
    // A new code starts again.
    await sdk().send(new ResendConfirmationCodeCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'dave' }));
    const second = codeOf('dave');
    // Sign-up codes last 24 hours.
    now += 24 * 3_600_000 + 1;
    expect(await failure(confirm('dave', second)))
      .toEqual({ name: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.', status: 400 });
    expect(mock!.latestCode(POOL_ID, 'dave')).toBeUndefined();
  });

  it('resends a new code that replaces the old one, 5 times an hour', async () => {
    await start();
    await signUp('erin');
    const first = codeOf('erin');
    const resend = () => sdk().send(new ResendConfirmationCodeCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'erin' }));
    const res = await resend();
    expect(res.CodeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'e***@e***' });
    const second = codeOf('erin');
    if (second !== first) {
      expect(await failure(confirm('erin', first))).toMatchObject({ name: 'CodeMismatchException' });
    }
    for (let i = 1; i < 5; i++) await resend();
    expect(await failure(resend())).toEqual({ name: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.', status: 400 });
    now += 3_600_000 + 1;
    await resend();
    await confirm('erin', codeOf('erin'));
    expect(await failure(resend())).toEqual({ name: 'InvalidParameterException', message: 'User is already confirmed.', status: 400 });
  });

  it('refuses taken usernames, weak passwords and unknown clients with Cognito\'s texts', async () => {
    await start();
    await signUp('frank');
    expect(await failure(signUp('frank'))).toEqual({ name: 'UsernameExistsException', message: 'User already exists', status: 400 });
    // SignUp's own prefix (§9 Q4).
    expect(await failure(signUp('gina', { Password: 'weakpassword' })))
      .toEqual({ name: 'InvalidPasswordException', message: 'Password did not conform with policy: Password must have uppercase characters', status: 400 });
    expect(await failure(signUp('gina', { Password: 'Ab1!' }))).toMatchObject({ name: 'InvalidParameterException',
      message: "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 6" });
    expect(await failure(signUp('gina', { ClientId: 'nosuchclient000000000000' })))
      .toEqual({ name: 'ResourceNotFoundException', message: 'User pool client nosuchclient000000000000 does not exist.', status: 400 });
    expect(await failure(signUp('gina', { UserAttributes: [{ Name: 'shoe_size', Value: '9' }] })))
      .toMatchObject({ name: 'InvalidParameterException', message: 'Attributes did not conform to the schema: shoe_size: Attribute does not exist in the schema.' });
    // Still UsernameExistsException for a client that hides users (§4.11).
    expect(await failure(signUp('frank', { ClientId: HIDING_CLIENT.id }))).toMatchObject({ name: 'UsernameExistsException' });
    await sdk().send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID, AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } }));
    expect(await failure(signUp('gina'))).toEqual({ name: 'NotAuthorizedException', message: 'SignUp is not permitted for this user pool.', status: 400 });
  });

  it('checks the SecretHash of a client with a secret: right, wrong, missing; a secret-less client ignores one', async () => {
    await start();
    const hash = secretHash(CODE_CLIENT.secret, 'hank', CODE_CLIENT.id);
    expect(await failure(signUp('hank', { ClientId: CODE_CLIENT.id }))).toEqual({ name: 'NotAuthorizedException',
      message: `Client ${CODE_CLIENT.id} is configured for secret but secret was not received`, status: 400 });
    expect(await failure(signUp('hank', { ClientId: CODE_CLIENT.id, SecretHash: secretHash(CODE_CLIENT.secret, 'other', CODE_CLIENT.id) })))
      .toEqual({ name: 'NotAuthorizedException', message: `Unable to verify secret hash for client ${CODE_CLIENT.id}`, status: 400 });
    expect((await signUp('hank', { ClientId: CODE_CLIENT.id, SecretHash: hash })).UserConfirmed).toBe(false);
    // Every public operation takes it.
    const code = codeOf('hank');
    expect(await failure(confirm('hank', code, CODE_CLIENT.id))).toMatchObject({ name: 'NotAuthorizedException' });
    await sdk().send(new ConfirmSignUpCommand({ ClientId: CODE_CLIENT.id, Username: 'hank', ConfirmationCode: code, SecretHash: hash }));
    expect(await failure(sdk().send(new ForgotPasswordCommand({ ClientId: CODE_CLIENT.id, Username: 'hank', SecretHash: 'd3Jvbmc=' }))))
      .toMatchObject({ name: 'NotAuthorizedException', message: `Unable to verify secret hash for client ${CODE_CLIENT.id}` });
    await sdk().send(new ForgotPasswordCommand({ ClientId: CODE_CLIENT.id, Username: 'hank', SecretHash: hash }));
    expect(await failure(sdk().send(new ConfirmForgotPasswordCommand({ ClientId: CODE_CLIENT.id, Username: 'hank',
      ConfirmationCode: codeOf('hank'), Password: NEW_PASSWORD })))).toMatchObject({ name: 'NotAuthorizedException' });
    await sdk().send(new ConfirmForgotPasswordCommand({ ClientId: CODE_CLIENT.id, Username: 'hank', ConfirmationCode: codeOf('hank'),
      Password: NEW_PASSWORD, SecretHash: hash }));
    expect(await failure(sdk().send(new ResendConfirmationCodeCommand({ ClientId: CODE_CLIENT.id, Username: 'hank' }))))
      .toMatchObject({ name: 'NotAuthorizedException' });
    expect((await signUp('ivy', { SecretHash: 'aWdub3JlZA==' })).UserConfirmed).toBe(false);
  });

  it('resets a password: ForgotPassword sends a code to the verified email, ConfirmForgotPassword sets the new password', async () => {
    await start();
    await confirmedUser('jane');
    const before = storedUser('jane').Password!;
    const forgot = await sdk().send(new ForgotPasswordCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'jane' }));
    expect(forgot.CodeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'j***@e***' });
    const first = mock!.latestCode(POOL_ID, 'jane')!;
    expect(first).toMatchObject({ kind: 'forgot_password', expiresAt: now + 3_600_000 });
    // Reset codes last an hour.
    now += 3_600_000 + 1;
    expect(await failure(sdk().send(new ConfirmForgotPasswordCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'jane',
      ConfirmationCode: first.code, Password: NEW_PASSWORD })))).toMatchObject({ name: 'ExpiredCodeException' });
    await sdk().send(new ForgotPasswordCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'jane' }));
    const code = mock!.latestCode(POOL_ID, 'jane')!;
    const confirmForgot = (ConfirmationCode: string, Password = NEW_PASSWORD) =>
      sdk().send(new ConfirmForgotPasswordCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'jane', ConfirmationCode, Password }));
    expect(await failure(confirmForgot(code.code, 'weakpassword'))).toEqual({ name: 'InvalidPasswordException',
      message: 'Password does not conform to policy: Password must have uppercase characters', status: 400 });
    // A sign-up code is no reset code.
    expect(await failure(confirm('jane', code.code))).toMatchObject({ name: 'NotAuthorizedException' });
    // 5 wrong tries a reset code (§2.10).
    const wrong = code.code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect(await failure(confirmForgot(wrong))).toMatchObject({ name: 'CodeMismatchException' });
    expect(await failure(confirmForgot(code.code))).toMatchObject({ name: 'LimitExceededException' });
    await sdk().send(new ForgotPasswordCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'jane' }));
    const last = codeOf('jane');
    await confirmForgot(last);
    const after = storedUser('jane').Password!;
    expect(passwordMatches(after, POOL_ID, 'jane', NEW_PASSWORD)).toBe(true);
    expect(passwordMatches(after, POOL_ID, 'jane', PASSWORD)).toBe(false);
    expect(passwordMatches(before, POOL_ID, 'jane', PASSWORD)).toBe(true);
    expect((await getUser('jane')).UserStatus).toBe('CONFIRMED');
    // A code works once.
    expect(await failure(confirmForgot(last))).toMatchObject({ name: 'ExpiredCodeException' });
  });

  it('tells LEGACY callers what is wrong, and hides unknown users from an ENABLED client', async () => {
    await start();
    await signUp('kate');
    const forgot = (ClientId: string, Username: string) => sdk().send(new ForgotPasswordCommand({ ClientId, Username }));
    const resend = (ClientId: string, Username: string) => sdk().send(new ResendConfirmationCodeCommand({ ClientId, Username }));
    const confirmForgot = (ClientId: string, Username: string) =>
      sdk().send(new ConfirmForgotPasswordCommand({ ClientId, Username, ConfirmationCode: '123456', Password: NEW_PASSWORD }));
    const notFound = { name: 'UserNotFoundException', message: 'Username/client id combination not found.', status: 400 };
    expect(await failure(forgot(PUBLIC_CLIENT.id, 'nobody'))).toEqual(notFound);
    expect(await failure(resend(PUBLIC_CLIENT.id, 'nobody'))).toEqual(notFound);
    expect(await failure(confirmForgot(PUBLIC_CLIENT.id, 'nobody'))).toEqual(notFound);
    // Kate's email is not verified yet: no way to send her a reset code.
    expect(await failure(forgot(PUBLIC_CLIENT.id, 'kate'))).toEqual({ name: 'InvalidParameterException',
      message: 'Cannot reset password for the user as there is no registered/verified email or phone_number', status: 400 });

    const simulated = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: expect.stringMatching(/^n\*\*\*@n\*\*\*$/) };
    expect((await forgot(HIDING_CLIENT.id, 'nobody')).CodeDeliveryDetails).toEqual(simulated);
    expect((await resend(HIDING_CLIENT.id, 'nobody')).CodeDeliveryDetails).toEqual(simulated);
    expect(await failure(confirmForgot(HIDING_CLIENT.id, 'nobody')))
      .toEqual({ name: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.', status: 400 });
    expect(await failure(confirm('nobody', '123456', HIDING_CLIENT.id))).toMatchObject({ name: 'CodeMismatchException' });
    expect(await failure(confirm('nobody', '123456'))).toEqual(notFound);
    expect((await forgot(HIDING_CLIENT.id, 'kate')).CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL' });
    // A simulated answer issues no code.
    expect(mock!.latestCode(POOL_ID, 'nobody')).toBeUndefined();
    expect(mock!.latestCode(POOL_ID, 'kate')!.kind).toBe('signup');
    // No code requested: ExpiredCodeException in both modes (§2.10).
    await confirm('kate', codeOf('kate'));
    expect(await failure(confirmForgot(HIDING_CLIENT.id, 'kate'))).toMatchObject({ name: 'ExpiredCodeException' });
    expect(await failure(confirmForgot(PUBLIC_CLIENT.id, 'kate'))).toMatchObject({ name: 'ExpiredCodeException' });
    // A disabled user: named under LEGACY, hidden under ENABLED.
    await sdk().send(new AdminDisableUserCommand({ UserPoolId: POOL_ID, Username: 'kate' }));
    expect(await failure(forgot(PUBLIC_CLIENT.id, 'kate'))).toEqual({ name: 'NotAuthorizedException', message: 'User is disabled.', status: 400 });
    expect((await forgot(HIDING_CLIENT.id, 'kate')).CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL' });
    expect(await failure(confirmForgot(HIDING_CLIENT.id, 'kate'))).toMatchObject({ name: 'CodeMismatchException' });
  });

  it('lets an admin confirm a sign-up, and reset a password to RESET_REQUIRED with a code', async () => {
    await start();
    await signUp('liam');
    expect(await rawApiCall(mock!.url, 'AdminConfirmSignUp', { UserPoolId: POOL_ID, Username: 'liam' })).toEqual({ status: 200, body: {} });
    const got = await getUser('liam');
    expect(got.UserStatus).toBe('CONFIRMED');
    expect(got.UserAttributes!.find((a) => a.Name === 'email_verified')).toBeUndefined();
    expect(mock!.latestCode(POOL_ID, 'liam')).toBeUndefined();
    expect(await failure(sdk().send(new AdminConfirmSignUpCommand({ UserPoolId: POOL_ID, Username: 'liam' }))))
      .toEqual({ name: 'NotAuthorizedException', message: 'User cannot be confirmed. Current status is CONFIRMED', status: 400 });
    expect(await failure(sdk().send(new AdminConfirmSignUpCommand({ UserPoolId: POOL_ID, Username: 'nobody' }))))
      .toEqual({ name: 'UserNotFoundException', message: 'User does not exist.', status: 400 });

    const reset = () => sdk().send(new AdminResetUserPasswordCommand({ UserPoolId: POOL_ID, Username: 'liam' }));
    expect(await failure(reset())).toMatchObject({ name: 'InvalidParameterException',
      message: 'Cannot reset password for the user as there is no registered/verified email or phone_number' });
    await sdk().send(new AdminUpdateUserAttributesCommand({ UserPoolId: POOL_ID, Username: 'liam', UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }));
    expect(await rawApiCall(mock!.url, 'AdminResetUserPassword', { UserPoolId: POOL_ID, Username: 'liam' })).toEqual({ status: 200, body: {} });
    expect((await getUser('liam')).UserStatus).toBe('RESET_REQUIRED');
    const code = mock!.latestCode(POOL_ID, 'liam')!;
    expect(code).toMatchObject({ kind: 'forgot_password', destination: 'l***@e***' });
    await sdk().send(new ConfirmForgotPasswordCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'liam', ConfirmationCode: code.code, Password: NEW_PASSWORD }));
    expect((await getUser('liam')).UserStatus).toBe('CONFIRMED');
    expect(passwordMatches(storedUser('liam').Password!, POOL_ID, 'liam', NEW_PASSWORD)).toBe(true);
  });

  it('signs up by email in an email-username pool: the sub is the username, the code found by email', async () => {
    await start();
    const res = await sdk().send(new SignUpCommand({ ClientId: EMAIL_POOL_CLIENT.id, Username: 'mia@example.com', Password: PASSWORD }));
    const code = mock!.latestCode(EMAIL_POOL_ID, 'mia@example.com')!;
    expect(code.username).toBe(res.UserSub);
    expect(mock!.latestCode(EMAIL_POOL_ID, res.UserSub!)).toEqual(code);
    await sdk().send(new ConfirmSignUpCommand({ ClientId: EMAIL_POOL_CLIENT.id, Username: 'mia@example.com', ConfirmationCode: code.code }));
    const got = await sdk().send(new AdminGetUserCommand({ UserPoolId: EMAIL_POOL_ID, Username: 'mia@example.com' }));
    expect(got).toMatchObject({ Username: res.UserSub, UserStatus: 'CONFIRMED' });
    expect(await failure(sdk().send(new SignUpCommand({ ClientId: EMAIL_POOL_CLIENT.id, Username: 'MIA@example.com', Password: PASSWORD }))))
      .toEqual({ name: 'UsernameExistsException', message: 'An account with the given email already exists.', status: 400 });
  });

  it('prints each new code on the log, one line, and nothing else of it', async () => {
    const stderr = vi.mocked(console.error);
    await start();
    stderr.mockClear();
    await signUp('nina');
    const code = codeOf('nina');
    expect(stderr.mock.calls).toEqual([[`cognito-mock: confirmation code for nina in ${POOL_ID}: ${code}`]]);
    await confirm('nina', code);
    await sdk().send(new ForgotPasswordCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'nina' }));
    expect(stderr.mock.calls[1]).toEqual([`cognito-mock: password reset code for nina in ${POOL_ID}: ${codeOf('nina')}`]);
    // No code, no line: a pool that verifies nothing sends none, and SignUp says so by leaving CodeDeliveryDetails out.
    stderr.mockClear();
    const noEmail = await signUp('olga', { UserAttributes: [] });
    expect(noEmail.CodeDeliveryDetails).toBeUndefined();
    expect(stderr).not.toHaveBeenCalled();
    expect(await failure(sdk().send(new ResendConfirmationCodeCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'olga' }))))
      .toEqual({ name: 'InvalidParameterException', message: 'Auto verification not turned on.', status: 400 });
  });

  it('serves the pending code on GET /_mock/pools/:poolId/users/:username/code, errors as {__type, message}', async () => {
    await start();
    await signUp('pia');
    const get = (path: string) => fetch(`${mock!.url}/_mock/pools/${path}/code`);
    const res = await get(`${POOL_ID}/users/pia`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ AttributeName: 'email', Code: codeOf('pia'), DeliveryMedium: 'EMAIL', Destination: 'p***@e***',
      ExpiresAt: now / 1000 + 86_400, Kind: 'signup', Username: 'pia' });
    const none = await get(`${POOL_ID}/users/nobody`);
    expect(none.status).toBe(400);
    expect(await none.json()).toEqual({ __type: 'ResourceNotFoundException', message: `No pending confirmation or reset code for user nobody in user pool ${POOL_ID}.` });
    const badName = await get(`${POOL_ID}/users/${'x'.repeat(129)}`);
    expect(await badName.json()).toMatchObject({ __type: 'InvalidParameterException', message: expect.stringContaining('Member must have length less than or equal to 128') });
    const noPool = await get('us-east-1_Missing00/users/pia');
    expect(await noPool.json()).toEqual({ __type: 'ResourceNotFoundException', message: 'User pool us-east-1_Missing00 does not exist.' });
    // By email, in an email-username pool (URL-encoded or not).
    await sdk().send(new SignUpCommand({ ClientId: EMAIL_POOL_CLIENT.id, Username: 'quinn+1@example.com', Password: PASSWORD }));
    const byEmail = await get(`${EMAIL_POOL_ID}/users/${encodeURIComponent('quinn+1@example.com')}`);
    expect(((await byEmail.json()) as { Code: string }).Code).toBe(codeOf('quinn+1@example.com', EMAIL_POOL_ID));
  });

  it('keeps codes out of the store file and the snapshot', async () => {
    const data = tmp.join('db.json');
    mock = await startCognitoMock({ fixtures: signUpFixtures(), clock: () => now, data });
    await signUp('rosa');
    const code = codeOf('rosa');
    expect(JSON.stringify(mock!.snapshot())).not.toContain(`"${code}"`);
    expect(await storeFileText(data)).toContain('rosa');
    expect(await storeFileText(data)).not.toContain(`"${code}"`);
    expect(() => mock!.latestCode('us-east-1_Missing00', 'rosa')).toThrow(CognitoMockError);
  });

  it('gives a user signed up under a deleted user\'s name none of its code', async () => {
    await start();
    await signUp('tom');
    const old = codeOf('tom');
    await sdk().send(new AdminDeleteUserCommand({ UserPoolId: POOL_ID, Username: 'tom' }));
    // Without an email the new sign-up gets no code of its own.
    await signUp('tom', { UserAttributes: [] });
    expect(mock!.latestCode(POOL_ID, 'tom')).toBeUndefined();
    expect(await failure(confirm('tom', old))).toMatchObject({ name: 'ExpiredCodeException' });
  });

  it('admin-created users are no sign-ups: ConfirmSignUp refuses them by status', async () => {
    await start();
    await sdk().send(new AdminCreateUserCommand({ UserPoolId: POOL_ID, Username: 'sam', TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS' }));
    expect(await failure(confirm('sam', '123456')))
      .toEqual({ name: 'NotAuthorizedException', message: 'User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD', status: 400 });
    expect(await failure(sdk().send(new ForgotPasswordCommand({ ClientId: PUBLIC_CLIENT.id, Username: 'sam' }))))
      .toEqual({ name: 'NotAuthorizedException', message: 'User password cannot be reset in the current state.', status: 400 });
  });
});

