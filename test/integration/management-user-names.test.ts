import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminGetUserCommand, CreateGroupCommand, CreateUserPoolCommand, ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { NEW_POOL_KEYS } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';

// What a name in a request means (cognito-reference-users §2.1): in email-username pools the
// stored username is the sub and the email finds the user; case-insensitive pools match any case;
// every pool finds a user by sub.

describe('management API: user names', () => {
  let mock: CognitoMock;
  const sdk = () => managementClient(mock.url);
  const newPool = async (input: Record<string, unknown>) => (await sdk().send(new CreateUserPoolCommand({ PoolName: 'names', ...input }))).UserPool!.Id!;
  const create = (UserPoolId: string, Username: string, extra: Record<string, unknown> = {}) =>
    sdk().send(new AdminCreateUserCommand({ UserPoolId, Username, MessageAction: 'SUPPRESS', ...extra }));
  const get = (UserPoolId: string, Username: string) => sdk().send(new AdminGetUserCommand({ UserPoolId, Username }));
  beforeAll(async () => { mock = await startCognitoMock({ keysForNewPools: NEW_POOL_KEYS }); });
  afterAll(() => mock.stop());

  it('gives users of an email-username pool their sub as username, found by email or sub', async () => {
    const pool = await newPool({ UsernameAttributes: ['email'] });
    const created = (await create(pool, 'Ann@example.com')).User!;
    const sub = created.Attributes!.find((a) => a.Name === 'sub')!.Value!;
    expect(created.Username).toBe(sub);
    expect(created.Attributes).toContainEqual({ Name: 'email', Value: 'Ann@example.com' });
    expect((await get(pool, 'Ann@example.com')).Username).toBe(sub);
    expect((await get(pool, 'ann@example.com')).Username).toBe(sub);
    expect((await get(pool, sub)).Username).toBe(sub);
    expect(await failure(create(pool, 'ann@example.com'))).toEqual({ name: 'UsernameExistsException', message: 'An account with the given email already exists.', status: 400 });
    expect(await failure(create(pool, 'not-an-email'))).toEqual({ name: 'InvalidParameterException', message: 'Username should be either an email or a phone number.', status: 400 });
    // The username filter takes the real username (§2.1).
    expect((await sdk().send(new ListUsersCommand({ UserPoolId: pool, Filter: `username = "${sub}"` }))).Users).toHaveLength(1);
    await sdk().send(new CreateGroupCommand({ UserPoolId: pool, GroupName: 'g' }));
    await sdk().send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: 'Ann@example.com', GroupName: 'g' }));
  });

  it('matches usernames in any case in a case-insensitive pool, and keeps them as created', async () => {
    const pool = await newPool({ UsernameConfiguration: { CaseSensitive: false } });
    await create(pool, 'Alice');
    expect((await get(pool, 'alice')).Username).toBe('Alice');
    expect((await failure(create(pool, 'ALICE'))).name).toBe('UsernameExistsException');

    const strict = await newPool({});
    await create(strict, 'Alice');
    expect((await failure(get(strict, 'alice'))).name).toBe('UserNotFoundException');
    expect((await create(strict, 'alice')).User!.Username).toBe('alice');
  });

  it('finds a user by a verified email alias only', async () => {
    const pool = await newPool({ AliasAttributes: ['email'] });
    await create(pool, 'bob', { UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }] });
    expect((await failure(get(pool, 'bob@example.com'))).name).toBe('UserNotFoundException');
    await create(pool, 'carol', { UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }, { Name: 'email_verified', Value: 'true' }] });
    expect((await get(pool, 'carol@example.com')).Username).toBe('carol');
  });
});
