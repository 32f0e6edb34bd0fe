/**
 * The operations the management API serves, by name only (the part of X-Amz-Target after
 * `AWSCognitoIdentityProviderService.`). Fault checks need the names, not the actions: the testing
 * entry validates `injectFault` with this list without loading the management API, which the server
 * loads on first use. `MANAGEMENT_ACTIONS` serves exactly these (test/unit/management-operations.test.ts).
 */
export const MANAGEMENT_OPERATIONS: ReadonlySet<string> = new Set([
  'CreateUserPool', 'DescribeUserPool', 'ListUserPools', 'UpdateUserPool', 'DeleteUserPool',
  'GetUserPoolMfaConfig', 'SetUserPoolMfaConfig', 'AddCustomAttributes',
  'TagResource', 'UntagResource', 'ListTagsForResource',
  'CreateResourceServer', 'DescribeResourceServer', 'ListResourceServers', 'UpdateResourceServer', 'DeleteResourceServer',
  'CreateUserPoolClient', 'DescribeUserPoolClient', 'ListUserPoolClients', 'UpdateUserPoolClient', 'DeleteUserPoolClient',
  'AddUserPoolClientSecret', 'ListUserPoolClientSecrets', 'DeleteUserPoolClientSecret',
  'GetClientToken',
  'CreateUserPoolDomain', 'DescribeUserPoolDomain', 'DeleteUserPoolDomain',
  'AdminCreateUser', 'AdminGetUser', 'AdminDeleteUser', 'AdminSetUserPassword', 'AdminUpdateUserAttributes',
  'AdminDeleteUserAttributes', 'AdminDisableUser', 'AdminEnableUser', 'ListUsers',
  'CreateGroup', 'GetGroup', 'ListGroups', 'UpdateGroup', 'DeleteGroup',
  'AdminAddUserToGroup', 'AdminRemoveUserFromGroup', 'AdminListGroupsForUser', 'ListUsersInGroup',
  'InitiateAuth', 'AdminInitiateAuth', 'RespondToAuthChallenge', 'AdminRespondToAuthChallenge', 'GetTokensFromRefreshToken',
  'SignUp', 'ConfirmSignUp', 'ResendConfirmationCode', 'ForgotPassword', 'ConfirmForgotPassword',
  'AdminConfirmSignUp', 'AdminResetUserPassword',
  'GetUser', 'UpdateUserAttributes', 'DeleteUserAttributes', 'ChangePassword', 'DeleteUser',
  'GlobalSignOut', 'AdminUserGlobalSignOut', 'RevokeToken',
]);
