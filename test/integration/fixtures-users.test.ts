import { readFile } from 'node:fs/promises';
import { AdminGetUserCommand, AdminListGroupsForUserCommand, GetGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, describe, expect, it } from 'vitest';
import { passwordMatches } from '../../src/keys/password-verifier.js';
import { ConfigError } from '../../src/model/config-error.js';
import type { StoredUser } from '../../src/model/users.js';
import { startServer } from '../../src/server.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { signingKeys } from '../support/fixtures.js';
import { managementClient } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';

// Users and groups in fixtures (README "Fixtures"): AdminGetUser and CreateGroup shapes, plus a
// permanent `Password` and `Groups` on a user; the password becomes Cognito's SRP verifier at start.

const POOL = 'us-east-1_Users01';
const SUB = '77766666-f0a1-7003-c2b9-b33fe4125f0d';
const PASSWORD = 'Fixture-Passw0rd-unique';
const fixtures = (users: unknown[], groups: unknown[] = [{ GroupName: 'admins', Precedence: 1, Description: 'Admins' }], extra: Record<string, unknown> = {}) => ({
  UserPools: [{ Id: POOL, Name: 'users-pool', SigningKeys: signingKeys(0), Groups: groups, Users: users, ...extra }],
});
const alice = {
  Username: 'alice', Password: PASSWORD, Groups: ['admins'],
  UserAttributes: [{ Name: 'sub', Value: SUB }, { Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }],
};

async function problemsOf(given: unknown): Promise<readonly string[]> {
  const error: unknown = await startServer({ fixtures: given as { UserPools: unknown[] } }).then(async (server) => {
    await server.close();
    throw new Error('the server started');
  }, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

describe('fixtures: users and groups', () => {
  const tmp = useTempDir('fixture-users');
  let mock: CognitoMock | undefined;
  afterEach(async () => { await mock?.stop(); mock = undefined; });

  it('loads users with their sub, status, attributes and groups; the password only as a verifier', async () => {
    mock = await startCognitoMock({ fixtures: fixtures([alice, { Username: 'bob' }]), data: tmp.join('db.json') });
    const sdk = managementClient(mock.url);
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'alice' }));
    expect(user).toMatchObject({ Username: 'alice', Enabled: true, UserStatus: 'CONFIRMED' });
    expect(user.UserAttributes).toEqual([{ Name: 'sub', Value: SUB }, { Name: 'email_verified', Value: 'true' }, { Name: 'email', Value: 'alice@example.com' }]);
    expect((await sdk.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'bob' }))).UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect((await sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL, Username: 'alice' }))).Groups!.map((g) => g.GroupName)).toEqual(['admins']);
    expect((await sdk.send(new GetGroupCommand({ UserPoolId: POOL, GroupName: 'admins' }))).Group).toMatchObject({ Precedence: 1, Description: 'Admins' });

    const stored = (mock.snapshot() as { pools: Record<string, { Users: Record<string, StoredUser> }> }).pools[POOL]!.Users.alice!;
    expect(passwordMatches(stored.Password!, POOL, 'alice', PASSWORD)).toBe(true);
    expect(passwordMatches(stored.Password!, POOL, 'alice', 'something-else')).toBe(false);
    await mock.stop();
    mock = undefined;
    expect(await readFile(tmp.join('db.json'), 'utf8')).not.toContain(PASSWORD);
  });

  it('keeps the sub it made and the verifier across restarts with the same fixtures, and rewrites nothing', async () => {
    const given = fixtures([{ Username: 'carol', Password: PASSWORD }]);
    mock = await startCognitoMock({ fixtures: given, data: tmp.join('db.json') });
    const first = (mock.snapshot() as { pools: Record<string, { Users: Record<string, StoredUser> }> }).pools[POOL]!.Users.carol!;
    await mock.stop();
    const file = await readFile(tmp.join('db.json'), 'utf8');
    mock = await startCognitoMock({ fixtures: fixtures([{ Username: 'carol', Password: PASSWORD }]), data: tmp.join('db.json') });
    const second = (mock.snapshot() as { pools: Record<string, { Users: Record<string, StoredUser> }> }).pools[POOL]!.Users.carol!;
    expect(second).toEqual(first);
    await mock.stop();
    mock = undefined;
    expect(await readFile(tmp.join('db.json'), 'utf8')).toBe(file);
  });

  it('reports every broken user and group with its path, and never the password', async () => {
    const problems = await problemsOf(fixtures([
      { Username: 'has space', Password: 'short' },
      { Username: 'dave', Password: 'alllowercase1!', Groups: ['nobody'], UserAttributes: [{ Name: 'shoe_size', Value: '9' }], Colour: 'red' },
      { Username: 'dave', UserStatus: 'HAPPY', Enabled: 'yes' },
    ], [{ GroupName: 'admins', Precedence: -1 }, { GroupName: 'admins' }]));
    const at = (path: string) => `<fixtures object>: UserPools[0].${path}`;
    expect(problems).toEqual(expect.arrayContaining([
      at("Groups[0].Precedence: must have value greater than or equal to 0 (got -1)"),
      at('Groups[1].GroupName: duplicate group name "admins"'),
      expect.stringMatching(/^<fixtures object>: UserPools\[0\]\.Users\[0\]\.Username: must satisfy regular expression pattern/),
      at('Users[0].Password: must have length greater than or equal to 6'),
      at('Users[1].Password: Password does not conform to policy: Password must have uppercase characters'),
      at('Users[1].Groups[0]: group "nobody" is not in this pool\'s Groups'),
      at('Users[1].UserAttributes[0].Name: Attributes did not conform to the schema: shoe_size: Attribute does not exist in the schema.'),
      at('Users[1].Colour: unknown member "Colour"'),
      at('Users[2].UserStatus: UserStatus must be one of UNCONFIRMED, CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, EXTERNAL_PROVIDER'),
      at('Users[2].Enabled: Enabled must be a boolean'),
      at('Users[2].Username: duplicate username "dave"'),
    ]));
    expect(problems.join('\n')).not.toContain('alllowercase1!');
  });

  it('gives users of an email-username pool their sub as username, the same one at every start', async () => {
    const emailPool = () => fixtures([{ Username: 'dana@example.com', Password: PASSWORD }], [], { UsernameAttributes: ['email'] });
    mock = await startCognitoMock({ fixtures: emailPool(), data: tmp.join('db.json') });
    const first = await managementClient(mock.url).send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'dana@example.com' }));
    const sub = first.UserAttributes!.find((a) => a.Name === 'sub')!.Value!;
    expect(first.Username).toBe(sub);
    expect(first.UserAttributes).toContainEqual({ Name: 'email', Value: 'dana@example.com' });
    const stored = (mock.snapshot() as { pools: Record<string, { Users: Record<string, StoredUser> }> }).pools[POOL]!.Users[sub]!;
    expect(passwordMatches(stored.Password!, POOL, sub, PASSWORD)).toBe(true);
    await mock.stop();
    const file = await readFile(tmp.join('db.json'), 'utf8');
    mock = await startCognitoMock({ fixtures: emailPool(), data: tmp.join('db.json') });
    expect((await managementClient(mock.url).send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'dana@example.com' }))).Username).toBe(sub);
    await mock.stop();
    mock = undefined;
    expect(await readFile(tmp.join('db.json'), 'utf8')).toBe(file);

    expect(await problemsOf(fixtures([{ Username: 'dana' }], [], { UsernameAttributes: ['email'] }))).toEqual([
      '<fixtures object>: UserPools[0].Users[0].Username: in a pool with UsernameAttributes, Username must be an email or phone number the user signs in with (or their sub)',
    ]);
  });

  it('checks passwords against the pool\'s own policy', async () => {
    const relaxed = { Policies: { PasswordPolicy: { MinimumLength: 6 } } };
    mock = await startCognitoMock({ fixtures: fixtures([{ Username: 'erin', Password: 'simple' }], [], relaxed) });
    expect((await managementClient(mock.url).send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'erin' }))).UserStatus).toBe('CONFIRMED');
  });
});
