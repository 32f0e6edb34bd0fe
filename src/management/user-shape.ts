import { hashMapOrder } from '../model/attribute-order.js';
import type { Group, StoredUser, UserAttribute } from '../model/users.js';

// Users and groups as the API writes them (cognito-reference-users §1.1, §1.2): members sorted by
// name, attributes in Java HashMap order, unset members left out; nothing of the password.

const ordered = (attributes: readonly UserAttribute[]): UserAttribute[] =>
  hashMapOrder(attributes, (attribute) => attribute.Name).map(({ Name, Value }) => ({ Name, Value }));

/** `UserType` (AdminCreateUser, ListUsers, ListUsersInGroup); `only`: AttributesToGet. */
export function userType(user: StoredUser, only?: ReadonlySet<string>): Record<string, unknown> {
  const attributes = only === undefined ? user.Attributes : user.Attributes.filter((attribute) => only.has(attribute.Name));
  return {
    Attributes: ordered(attributes),
    Enabled: user.Enabled,
    UserCreateDate: user.UserCreateDate,
    UserLastModifiedDate: user.UserLastModifiedDate,
    UserStatus: user.UserStatus,
    Username: user.Username,
  };
}

/** AdminGetUser's output: the array is `UserAttributes` there (§2.6). */
export function adminGetUserOutput(user: StoredUser): Record<string, unknown> {
  return {
    Enabled: user.Enabled,
    UserAttributes: ordered(user.Attributes),
    UserCreateDate: user.UserCreateDate,
    UserLastModifiedDate: user.UserLastModifiedDate,
    UserStatus: user.UserStatus,
    Username: user.Username,
  };
}

/** GetUser's output: the name and the attributes the client may read, no status or dates (§2.6). */
export function getUserOutput(user: StoredUser, attributes: readonly UserAttribute[]): Record<string, unknown> {
  return { UserAttributes: ordered(attributes), Username: user.Username };
}

/** `GroupType`, sorted: CreationDate, Description, GroupName, LastModifiedDate, Precedence, RoleArn, UserPoolId (§3.1). */
export function groupType(group: Group): Record<string, unknown> {
  return {
    CreationDate: group.CreationDate,
    ...(group.Description === undefined ? {} : { Description: group.Description }),
    GroupName: group.GroupName,
    LastModifiedDate: group.LastModifiedDate,
    ...(group.Precedence === undefined ? {} : { Precedence: group.Precedence }),
    ...(group.RoleArn === undefined ? {} : { RoleArn: group.RoleArn }),
    UserPoolId: group.UserPoolId,
  };
}
