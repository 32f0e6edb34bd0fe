import { readFile, readdir } from 'node:fs/promises';
import {
  AdminCreateUserCommand, AdminDeleteUserAttributesCommand, AdminDeleteUserCommand, AdminDisableUserCommand,
  AdminEnableUserCommand, AdminGetUserCommand, AdminSetUserPasswordCommand, AdminUpdateUserAttributesCommand,
  DescribeUserPoolCommand, ListUsersCommand, UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { POOL_ID, testFixtures } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PASSWORD = 'Temporary-Pa55word';

describe('management API: users', () => {
  const tmp = useTempDir('users');
  let mock: CognitoMock | undefined;
  const sdk = () => managementClient(mock!.url);
  const start = async () => { mock = await startCognitoMock({ fixtures: testFixtures(), data: tmp.join('db.json') }); };
  const create = (Username: string, extra: Record<string, unknown> = {}) =>
    sdk().send(new AdminCreateUserCommand({ UserPoolId: POOL_ID, Username, TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS', ...extra }));
  afterEach(async () => { await mock?.stop(); mock = undefined; });

  it('creates a user in FORCE_CHANGE_PASSWORD with a sub, attributes in Cognito\'s order, members sorted', async () => {
    await start();
    const res = await fetch(mock!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.AdminCreateUser' },
      body: JSON.stringify({ UserPoolId: POOL_ID, Username: 'diego', TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: 'diego@example.com' }, { Name: 'phone_number', Value: '+15555551212' }] }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    // Members by name, attributes as Cognito's HashMap lists them (cognito-reference-users §1.1, §2.5).
    expect(text).toMatch(/^\{"User":\{"Attributes":\[\{"Name":"sub","Value":"[0-9a-f-]{36}"\},\{"Name":"phone_number","Value":"\+15555551212"\},\{"Name":"email","Value":"diego@example.com"\}\],"Enabled":true,"UserCreateDate":[0-9.]+,"UserLastModifiedDate":[0-9.]+,"UserStatus":"FORCE_CHANGE_PASSWORD","Username":"diego"\}\}$/);
    expect(text).not.toContain(PASSWORD);

    const got = await sdk().send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'diego' }));
    expect(got).toMatchObject({ Username: 'diego', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(got.UserAttributes!.map((a) => a.Name)).toEqual(['sub', 'phone_number', 'email']);
    expect(got.UserAttributes![0]!.Value).toMatch(UUID);
    expect(got.UserCreateDate).toBeInstanceOf(Date);
    expect((await sdk().send(new DescribeUserPoolCommand({ UserPoolId: POOL_ID }))).UserPool!.EstimatedNumberOfUsers).toBe(1);
  });

  it('answers UsernameExistsException, UserNotFoundException and bad input in Cognito\'s words', async () => {
    await start();
    await create('alice');
    expect(await failure(create('alice'))).toEqual({ name: 'UsernameExistsException', message: 'User account already exists', status: 400 });
    expect(await failure(sdk().send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'nobody' }))))
      .toEqual({ name: 'UserNotFoundException', message: 'User does not exist.', status: 400 });
    expect(await failure(sdk().send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_Missing00', Username: 'alice' }))))
      .toMatchObject({ name: 'ResourceNotFoundException', message: 'User pool us-east-1_Missing00 does not exist.' });
    expect(await failure(create('has space'))).toMatchObject({ name: 'InvalidParameterException',
      message: "1 validation error detected: Value 'has space' at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+" });
    expect(await failure(create('bob', { UserAttributes: [{ Name: 'shoe_size', Value: '9' }] })))
      .toEqual({ name: 'InvalidParameterException', message: 'Attributes did not conform to the schema: shoe_size: Attribute does not exist in the schema.', status: 400 });
    expect((await failure(create('bob', { UserAttributes: [{ Name: 'sub', Value: 'mine' }] }))).name).toBe('InvalidParameterException');
    expect(await failure(create('bob', { UserAttributes: [{ Name: 'phone_number', Value: '555-1212' }] })))
      .toMatchObject({ message: 'Invalid phone number format.' });
    expect(await failure(create('bob', { MessageAction: 'SHOUT' }))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await failure(create('nobody', { MessageAction: 'RESEND' }))).toMatchObject({ name: 'UserNotFoundException' });
    // RESEND for a user with its temporary password: allowed, user unchanged otherwise.
    expect((await create('alice', { MessageAction: 'RESEND' })).User!.Username).toBe('alice');
  });

  it('refuses passwords by the model rule first, then the pool\'s policy, one rule at a time, never echoing the password', async () => {
    await start();
    const refusal = (TemporaryPassword: string) => failure(create('carol', { TemporaryPassword }));
    expect(await refusal('Ab1!')).toEqual({ name: 'InvalidParameterException', status: 400,
      message: "1 validation error detected: Value at 'temporaryPassword' failed to satisfy constraint: Member must have length greater than or equal to 6" });
    expect(await refusal('Ab1!xy')).toEqual({ name: 'InvalidPasswordException', status: 400, message: 'Password does not conform to policy: Password not long enough' });
    expect((await refusal('12341234')).message).toBe('Password does not conform to policy: Password must have lowercase characters');
    expect((await refusal('davide12345')).message).toBe('Password does not conform to policy: Password must have uppercase characters');
    expect((await refusal('TestTestx')).message).toBe('Password does not conform to policy: Password must have numeric characters');
    expect((await refusal('TestTest1')).message).toBe('Password does not conform to policy: Password must have symbol characters');
    expect((await refusal('has space1A!')).message).toContain("Value at 'temporaryPassword'");
    const set = (Password: string) => failure(sdk().send(new AdminSetUserPasswordCommand({ UserPoolId: POOL_ID, Username: 'alice', Password })));
    await create('alice');
    expect(await set('short')).toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining("Value at 'password'") });

    // A pool with its own policy: only what it requires.
    await sdk().send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID, Policies: { PasswordPolicy: { MinimumLength: 6 } } }));
    expect((await create('dave', { TemporaryPassword: 'simple' })).User!.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
  });

  it('sets passwords permanent or temporary, updates and deletes attributes, disables, enables and deletes users', async () => {
    await start();
    await create('erin', { UserAttributes: [{ Name: 'email', Value: 'erin@example.com' }, { Name: 'name', Value: 'Erin' }] });
    const get = () => sdk().send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'erin' }));
    const attributes = async () => Object.fromEntries((await get()).UserAttributes!.map((a) => [a.Name, a.Value]));

    await sdk().send(new AdminSetUserPasswordCommand({ UserPoolId: POOL_ID, Username: 'erin', Password: 'Permanent-Pa55', Permanent: true }));
    expect((await get()).UserStatus).toBe('CONFIRMED');
    expect(await failure(create('erin', { MessageAction: 'RESEND' }))).toMatchObject({ name: 'UnsupportedUserStateException' });
    await sdk().send(new AdminSetUserPasswordCommand({ UserPoolId: POOL_ID, Username: 'erin', Password: 'Temporary-Pa55' }));
    expect((await get()).UserStatus).toBe('FORCE_CHANGE_PASSWORD');

    const sub = (await attributes()).sub;
    await sdk().send(new AdminUpdateUserAttributesCommand({ UserPoolId: POOL_ID, Username: 'erin',
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }, { Name: 'name', Value: '' }, { Name: 'email', Value: 'erin@example.org' }] }));
    expect(await attributes()).toEqual({ sub, email: 'erin@example.org', email_verified: 'true' });
    expect(await failure(sdk().send(new AdminUpdateUserAttributesCommand({ UserPoolId: POOL_ID, Username: 'erin',
      UserAttributes: [{ Name: 'email_verified', Value: 'yes' }] })))).toMatchObject({ name: 'InvalidParameterException' });
    await sdk().send(new AdminDeleteUserAttributesCommand({ UserPoolId: POOL_ID, Username: 'erin', UserAttributeNames: ['email_verified'] }));
    expect(await attributes()).toEqual({ sub, email: 'erin@example.org' });
    expect((await failure(sdk().send(new AdminDeleteUserAttributesCommand({ UserPoolId: POOL_ID, Username: 'erin', UserAttributeNames: ['sub'] })))).name)
      .toBe('InvalidParameterException');

    await sdk().send(new AdminDisableUserCommand({ UserPoolId: POOL_ID, Username: 'erin' }));
    expect((await get()).Enabled).toBe(false);
    await sdk().send(new AdminEnableUserCommand({ UserPoolId: POOL_ID, Username: 'erin' }));
    expect((await get()).Enabled).toBe(true);

    await sdk().send(new AdminDeleteUserCommand({ UserPoolId: POOL_ID, Username: 'erin' }));
    expect((await failure(get())).name).toBe('UserNotFoundException');
    expect((await failure(sdk().send(new AdminDeleteUserCommand({ UserPoolId: POOL_ID, Username: 'erin' })))).name).toBe('UserNotFoundException');
    // The name is free again, with a new sub.
    await create('erin');
    expect((await attributes()).sub).not.toBe(sub);
  });

  it('filters ListUsers by = and ^=, pages with Limit and PaginationToken, and returns only AttributesToGet', async () => {
    await start();
    for (const [name, email] of [['u3', 'zed@example.com'], ['u1', 'Ann@example.com'], ['u2', 'anna@example.org'], ['u4', 'bo@example.com']]) {
      await create(name!, { UserAttributes: [{ Name: 'email', Value: email! }, { Name: 'given_name', Value: name! }] });
    }
    await sdk().send(new AdminDisableUserCommand({ UserPoolId: POOL_ID, Username: 'u4' }));
    const list = async (input: Record<string, unknown> = {}) =>
      (await sdk().send(new ListUsersCommand({ UserPoolId: POOL_ID, ...input }))).Users!.map((u) => u.Username);
    expect(await list()).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(await list({ Filter: 'email ^= "ann"' })).toEqual(['u1', 'u2']);
    expect(await list({ Filter: 'email = "ann@example.com"' })).toEqual(['u1']);
    expect(await list({ Filter: 'username = "U1"' })).toEqual([]);
    expect(await list({ Filter: 'username="u3"' })).toEqual(['u3']);
    expect(await list({ Filter: 'status = "Disabled"' })).toEqual(['u4']);
    expect(await list({ Filter: 'cognito:user_status = "force_change_password"' })).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(await list({ Filter: 'given_name = "with \\"quote\\""' })).toEqual([]);
    expect(await list({ Filter: '' })).toHaveLength(4);

    for (const Filter of ['email', 'email = ann', 'email == "x"', 'email = "x" extra', 'email = "unterminated']) {
      expect(await failure(list({ Filter }))).toEqual({ name: 'InvalidParameterException', message: 'Error while parsing filter.', status: 400 });
    }
    expect(await failure(list({ Filter: 'custom:tier = "x"' }))).toMatchObject({ message: 'Invalid search attribute: custom:tier' });
    expect((await failure(list({ Limit: 61 }))).name).toBe('InvalidParameterException');

    const first = await sdk().send(new ListUsersCommand({ UserPoolId: POOL_ID, Limit: 3 }));
    expect(first.Users!.map((u) => u.Username)).toEqual(['u1', 'u2', 'u3']);
    const second = await sdk().send(new ListUsersCommand({ UserPoolId: POOL_ID, Limit: 3, PaginationToken: first.PaginationToken! }));
    expect(second.Users!.map((u) => u.Username)).toEqual(['u4']);
    expect(second.PaginationToken).toBeUndefined();
    expect((await failure(list({ PaginationToken: 'garbage' }))).message).toBe('Invalid pagination token.');

    const only = await sdk().send(new ListUsersCommand({ UserPoolId: POOL_ID, AttributesToGet: ['email'], Limit: 1 }));
    expect(only.Users![0]!.Attributes).toEqual([{ Name: 'email', Value: 'Ann@example.com' }]);
  });

  it('keeps users across a restart, and never writes or logs a plain password', async () => {
    const lines: string[] = [];
    for (const method of ['error', 'log', 'warn', 'info'] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => { lines.push(args.join(' ')); });
    try {
      await start();
      await create('frank', { TemporaryPassword: 'Unique-Secret-Temp-42' });
      await sdk().send(new AdminSetUserPasswordCommand({ UserPoolId: POOL_ID, Username: 'frank', Password: 'Unique-Secret-Perm-42', Permanent: true }));
      // A refused one goes nowhere either.
      await failure(sdk().send(new AdminSetUserPasswordCommand({ UserPoolId: POOL_ID, Username: 'frank', Password: 'unique-refused-42' })));
      const before = await sdk().send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'frank' }));
      await mock!.stop();
      mock = undefined;
      await start();
      const after = await sdk().send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'frank' }));
      expect(after).toMatchObject({ UserStatus: 'CONFIRMED', UserAttributes: before.UserAttributes, UserCreateDate: before.UserCreateDate });
      const stored = (await Promise.all((await readdir(tmp.path)).map((name) => readFile(tmp.join(name), 'utf8').catch(() => '')))).join('\n');
      expect(stored).toContain('"Verifier"');
      for (const secret of ['Unique-Secret-Temp-42', 'Unique-Secret-Perm-42', 'unique-refused-42']) {
        expect(stored).not.toContain(secret);
        expect(lines.join('\n')).not.toContain(secret);
      }
    } finally {
      vi.restoreAllMocks();
    }
  });
});
