import { type Problems, checkList, checkString, checkStringValue, isRecord } from '../model/problems.js';
import { passwordPolicyOf } from '../model/password-policy.js';
import { checkGroupMembers, checkNewPassword, checkUserAttributes, poolAttributeNames } from '../model/user-rules.js';
import {
  GROUP_NAME_RULE, type Group, MAX_GROUPS_PER_USER, USERNAME_RULE, USER_STATUSES, type UserAttribute, type UserStatus,
} from '../model/users.js';
import { datesOf, samePool, unknownMembers } from './fixture-members.js';

// A fixture pool's `Users` and `Groups`, in the shapes AdminGetUser and CreateGroup use
// (cognito-reference-users §2, §3), checked by the API's rules with path-precise problems.

/**
 * A fixture user: AdminGetUser's shape (`UserAttributes`, `sub` optional) plus the mock's own
 * `Password` (a permanent one) and `Groups` (names from the pool's `Groups`).
 */
export interface FixtureUser {
  Username: string;
  /** Without `sub`: that is `sub`, kept from the store or made at start when not given. */
  Attributes: UserAttribute[];
  sub?: string;
  Enabled: boolean;
  UserStatus: UserStatus;
  UserCreateDate?: number;
  UserLastModifiedDate?: number;
  /**
   * The plain password, until the start turns it into the verifier (domain/apply-fixtures.ts
   * clears it then); never stored nor logged.
   */
  Password?: string;
  Groups: string[];
  /**
   * In a pool with `UsernameAttributes`, the attribute `Username` was given as (`email`,
   * `phone_number`): the stored username is then the user's sub, as Cognito's (§2.1).
   */
  signInAttribute?: string;
}

/** A fixture group: `GroupType` without `UserPoolId` (or with the pool's own); dates optional. */
export type FixtureGroup = Omit<Group, 'UserPoolId' | 'CreationDate' | 'LastModifiedDate'> & { CreationDate?: number; LastModifiedDate?: number };

const USER_MEMBERS = new Set(['Username', 'UserAttributes', 'Enabled', 'UserStatus', 'UserCreateDate', 'UserLastModifiedDate', 'Password', 'Groups']);
const GROUP_MEMBERS = new Set(['GroupName', 'UserPoolId', 'Description', 'RoleArn', 'Precedence', 'CreationDate', 'LastModifiedDate']);

/**
 * A user: attributes the pool's schema knows (`sub` may be given, so a pasted admin-get-user
 * keeps it), a password its policy accepts, groups of its pool. With a `Password` the user is
 * CONFIRMED unless `UserStatus` says otherwise; without one FORCE_CHANGE_PASSWORD, and nobody
 * signs in until a password is set.
 */
export function parseUser(p: Problems, user: unknown, pool: Record<string, unknown>, groupNames: ReadonlySet<string>): FixtureUser | undefined {
  if (!isRecord(user)) return p.invalid('a user must be an object');
  unknownMembers(p, user, USER_MEMBERS);
  const Username = checkString(p, user, 'Username', USERNAME_RULE);
  if (Username === '__proto__') p.at('Username').invalid('The Username __proto__ is reserved by cognito-mock.');
  const attributes = checkUserAttributes(p, user, 'UserAttributes', poolAttributeNames(pool.SchemaAttributes ?? pool.Schema),
    { allowEmpty: false, allowSub: true }) ?? [];
  const sub = attributes.find((attribute) => attribute.Name === 'sub')?.Value;
  const Attributes = attributes.filter((attribute) => attribute.Name !== 'sub');
  const Password = checkNewPassword(p, user, 'Password', passwordPolicyOf(pool.Policies), false);
  const status = checkString(p, user, 'UserStatus', {});
  if (status !== undefined && !(USER_STATUSES as readonly string[]).includes(status)) {
    p.at('UserStatus').invalid(`UserStatus must be one of ${USER_STATUSES.join(', ')}`);
  }
  const enabled = user.Enabled;
  if (enabled !== undefined && typeof enabled !== 'boolean') p.at('Enabled').invalid('Enabled must be a boolean');
  const Groups = checkList(p, user, 'Groups', MAX_GROUPS_PER_USER, (item, at) => {
    const name = checkStringValue(at, 'Groups', item, GROUP_NAME_RULE);
    if (name !== undefined && !groupNames.has(name)) return at.invalid(`group "${name}" is not in this pool's Groups`);
    return name;
  }) ?? [];
  const dates = datesOf(p, user, ['UserCreateDate', 'UserLastModifiedDate']);
  const signInAttribute = Username === undefined ? undefined : signInAttributeOf(p.at('Username'), pool.UsernameAttributes, Username);
  if (Username === undefined) return undefined;
  return {
    Username, Attributes, ...(sub === undefined ? {} : { sub }), ...(signInAttribute === undefined ? {} : { signInAttribute }), Enabled: enabled !== false,
    UserStatus: (status as UserStatus | undefined) ?? (Password === undefined ? 'FORCE_CHANGE_PASSWORD' : 'CONFIRMED'),
    ...dates, ...(Password === undefined ? {} : { Password }), Groups: [...new Set(Groups)],
  };
}

/**
 * In a pool with `UsernameAttributes`, what a fixture's `Username` is: an email or phone number
 * (the user signs in with it; the store's username is the sub), or the sub itself (a pasted
 * admin-get-user). Anything else is refused as AdminCreateUser refuses it.
 */
function signInAttributeOf(p: Problems, usernameAttributes: unknown, username: string): string | undefined {
  if (!Array.isArray(usernameAttributes) || usernameAttributes.length === 0) return undefined;
  if (usernameAttributes.includes('email') && /^[^@\s]+@[^@\s]+$/.test(username)) return 'email';
  if (usernameAttributes.includes('phone_number') && /^\+[0-9]{1,20}$/.test(username)) return 'phone_number';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(username)) return undefined;
  return p.invalid('Username should be either an email or a phone number.',
    'in a pool with UsernameAttributes, Username must be an email or phone number the user signs in with (or their sub)');
}

/** A group: CreateGroup's members (and GetGroup's dates). */
export function parseGroup(p: Problems, group: unknown, poolId: string | undefined): FixtureGroup | undefined {
  if (!isRecord(group)) return p.invalid('a group must be an object');
  unknownMembers(p, group, GROUP_MEMBERS);
  samePool(p, group, poolId);
  const GroupName = checkString(p, group, 'GroupName', GROUP_NAME_RULE);
  if (GroupName === '__proto__') p.at('GroupName').invalid('The GroupName __proto__ is reserved by cognito-mock.');
  const members = checkGroupMembers(p, group);
  const dates = datesOf(p, group, ['CreationDate', 'LastModifiedDate']);
  return GroupName === undefined ? undefined : { GroupName, ...members, ...dates };
}

