import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDeleteUserCommand, AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand, CreateGroupCommand, DeleteGroupCommand, GetGroupCommand, ListGroupsCommand,
  ListUsersInGroupCommand, UpdateGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { POOL_ID, testFixtures } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';

const ROLE = 'arn:aws:iam::123456789012:role/admins';

describe('management API: groups', () => {
  const tmp = useTempDir('groups');
  let mock: CognitoMock | undefined;
  const sdk = () => managementClient(mock!.url);
  const start = async () => { mock = await startCognitoMock({ fixtures: testFixtures(), data: tmp.join('db.json') }); };
  const createUser = (Username: string) =>
    sdk().send(new AdminCreateUserCommand({ UserPoolId: POOL_ID, Username, TemporaryPassword: 'Temporary-Pa55', MessageAction: 'SUPPRESS' }));
  const createGroup = (GroupName: string, extra: Record<string, unknown> = {}) =>
    sdk().send(new CreateGroupCommand({ UserPoolId: POOL_ID, GroupName, ...extra }));
  const groupsOf = async (Username: string) =>
    (await sdk().send(new AdminListGroupsForUserCommand({ UserPoolId: POOL_ID, Username }))).Groups!.map((g) => g.GroupName);
  const membersOf = async (GroupName: string) =>
    (await sdk().send(new ListUsersInGroupCommand({ UserPoolId: POOL_ID, GroupName }))).Users!.map((u) => u.Username);
  afterEach(async () => { await mock?.stop(); mock = undefined; });

  it('creates, gets, lists, updates and deletes groups in GroupType\'s sorted shape', async () => {
    await start();
    const res = await fetch(mock!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.CreateGroup' },
      body: JSON.stringify({ UserPoolId: POOL_ID, GroupName: 'admins', Description: 'Admins', Precedence: 1, RoleArn: ROLE }),
    });
    expect(await res.text()).toMatch(new RegExp(`^\\{"Group":\\{"CreationDate":[0-9.]+,"Description":"Admins","GroupName":"admins","LastModifiedDate":[0-9.]+,"Precedence":1,"RoleArn":"${ROLE}","UserPoolId":"${POOL_ID}"\\}\\}$`));
    const plain = (await createGroup('readers')).Group!;
    expect(plain).toEqual({ GroupName: 'readers', UserPoolId: POOL_ID, CreationDate: expect.any(Date), LastModifiedDate: expect.any(Date) });

    expect((await sdk().send(new GetGroupCommand({ UserPoolId: POOL_ID, GroupName: 'admins' }))).Group).toMatchObject({ Precedence: 1, RoleArn: ROLE });
    const updated = await sdk().send(new UpdateGroupCommand({ UserPoolId: POOL_ID, GroupName: 'admins', Precedence: 5 }));
    expect(updated.Group).toMatchObject({ Description: 'Admins', Precedence: 5, RoleArn: ROLE });

    await createGroup('editors');
    const first = await sdk().send(new ListGroupsCommand({ UserPoolId: POOL_ID, Limit: 2 }));
    expect(first.Groups!.map((g) => g.GroupName)).toEqual(['admins', 'editors']);
    const second = await sdk().send(new ListGroupsCommand({ UserPoolId: POOL_ID, Limit: 2, NextToken: first.NextToken! }));
    expect(second.Groups!.map((g) => g.GroupName)).toEqual(['readers']);
    expect(second.NextToken).toBeUndefined();

    await sdk().send(new DeleteGroupCommand({ UserPoolId: POOL_ID, GroupName: 'editors' }));
    expect(await failure(sdk().send(new GetGroupCommand({ UserPoolId: POOL_ID, GroupName: 'editors' }))))
      .toEqual({ name: 'ResourceNotFoundException', message: 'Group not found.', status: 400 });
  });

  it('answers GroupExistsException and InvalidParameterException for bad members', async () => {
    await start();
    await createGroup('admins');
    expect(await failure(createGroup('admins'))).toEqual({ name: 'GroupExistsException', message: 'A group with the name admins already exists.', status: 400 });
    expect((await failure(createGroup('bad name'))).name).toBe('InvalidParameterException');
    expect((await failure(createGroup('g', { Precedence: -1 }))).message)
      .toBe("1 validation error detected: Value '-1' at 'precedence' failed to satisfy constraint: Member must have value greater than or equal to 0");
    expect((await failure(createGroup('g', { RoleArn: 'not-an-arn' }))).name).toBe('InvalidParameterException');
    expect((await failure(createGroup('g', { Description: 'x'.repeat(2049) }))).name).toBe('InvalidParameterException');
    expect((await failure(sdk().send(new UpdateGroupCommand({ UserPoolId: POOL_ID, GroupName: 'missing' })))).message).toBe('Group not found.');
  });

  it('adds and removes members, lists both ways, and detaches members when a group or user goes', async () => {
    await start();
    for (const user of ['ann', 'bob']) await createUser(user);
    for (const group of ['admins', 'readers']) await createGroup(group);
    const add = (Username: string, GroupName: string) => sdk().send(new AdminAddUserToGroupCommand({ UserPoolId: POOL_ID, Username, GroupName }));
    await add('ann', 'readers');
    await add('ann', 'admins');
    await add('ann', 'admins');
    await add('bob', 'readers');
    expect(await groupsOf('ann')).toEqual(['admins', 'readers']);
    expect(await membersOf('readers')).toEqual(['ann', 'bob']);
    const page = await sdk().send(new ListUsersInGroupCommand({ UserPoolId: POOL_ID, GroupName: 'readers', Limit: 1 }));
    expect(page.Users!.map((u) => u.Username)).toEqual(['ann']);
    expect(page.NextToken).toBeDefined();

    expect(await failure(add('nobody', 'readers'))).toEqual({ name: 'UserNotFoundException', message: 'User does not exist.', status: 400 });
    expect(await failure(add('ann', 'nothing'))).toEqual({ name: 'ResourceNotFoundException', message: 'Group not found.', status: 400 });
    expect((await failure(membersOf('nothing'))).name).toBe('ResourceNotFoundException');
    expect((await failure(groupsOf('nobody'))).name).toBe('UserNotFoundException');

    await sdk().send(new AdminRemoveUserFromGroupCommand({ UserPoolId: POOL_ID, Username: 'ann', GroupName: 'readers' }));
    await sdk().send(new AdminRemoveUserFromGroupCommand({ UserPoolId: POOL_ID, Username: 'ann', GroupName: 'readers' }));
    expect(await groupsOf('ann')).toEqual(['admins']);

    // A deleted group's members are detached: a new group of that name starts empty.
    await sdk().send(new DeleteGroupCommand({ UserPoolId: POOL_ID, GroupName: 'admins' }));
    expect(await groupsOf('ann')).toEqual([]);
    await createGroup('admins');
    expect(await membersOf('admins')).toEqual([]);

    await sdk().send(new AdminDeleteUserCommand({ UserPoolId: POOL_ID, Username: 'bob' }));
    expect(await membersOf('readers')).toEqual([]);
  });

  it('keeps groups and memberships across a restart', async () => {
    await start();
    await createUser('ann');
    await createGroup('admins', { Precedence: 3 });
    await sdk().send(new AdminAddUserToGroupCommand({ UserPoolId: POOL_ID, Username: 'ann', GroupName: 'admins' }));
    await mock!.stop();
    mock = undefined;
    await start();
    expect((await sdk().send(new GetGroupCommand({ UserPoolId: POOL_ID, GroupName: 'admins' }))).Group!.Precedence).toBe(3);
    expect(await groupsOf('ann')).toEqual(['admins']);
  });
});
