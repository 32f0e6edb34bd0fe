import { describe, expect, it } from 'vitest';
import { passwordVerifier } from '../../src/keys/password-verifier.js';
import { GROUPS, USERS } from '../../src/store/collections.js';

// The store's check of a stored user and group (store/collections.ts): a hand edit that breaks a
// member sign-in or the API reads stops the start, naming its path.

const AT = 'pools["us-east-1_Unit00001"].Users["alice"]';
const user = {
  Username: 'alice', Attributes: [{ Name: 'sub', Value: '744bf586-7150-4358-8789-b2dd78711992' }], Enabled: true,
  UserStatus: 'CONFIRMED', UserCreateDate: 1, UserLastModifiedDate: 1, Password: passwordVerifier('us-east-1_Unit00001', 'alice', 'Secret-1', 1),
  Groups: ['admins'],
};
const problems = (changes: Record<string, unknown>) => USERS.problems(AT, { ...user, ...changes });

describe('the store\'s check of a stored user and group', () => {
  it('passes a user and a group as the API writes them', () => {
    expect(problems({})).toEqual([]);
    expect(GROUPS.problems('g', { GroupName: 'admins', UserPoolId: 'us-east-1_Unit00001', Precedence: 1, CreationDate: 1, LastModifiedDate: 1 })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['attributes that are not {Name, Value}', { Attributes: [{ Name: 'sub' }] }, 'Attributes must be a list of {Name, Value} strings'],
    ['a status Cognito has not', { UserStatus: 'HAPPY' }, 'UserStatus must be one of UNCONFIRMED, CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, EXTERNAL_PROVIDER'],
    ['Enabled as a string', { Enabled: 'true' }, 'Enabled must be a boolean'],
    ['a verifier neither base64 nor hex', { Password: { Salt: 'ab', Verifier: 'xyz', SetDate: 1 } }, 'Password must be {Salt (hex), Verifier (base64 or hex), SetDate}'],
    ['a plain password', { Password: 'Secret-1' }, 'Password must be {Salt (hex), Verifier (base64 or hex), SetDate}'],
    ['groups that are not names', { Groups: [1] }, 'Groups must be a list of group names'],
  ])('refuses %s', (_case, changes, problem) => {
    expect(problems(changes)).toEqual([`${AT}.${problem}`]);
  });

  it('refuses a group with a fractional precedence', () => {
    expect(GROUPS.problems('g', { GroupName: 'admins', Precedence: 1.5 })).toEqual(['g.Precedence must be an integer']);
  });
});
