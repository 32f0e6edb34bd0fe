import type { ManagementAction } from './action.js';
import { adminCreateUser } from './admin-create-user.js';
import { adminGetUser } from './admin-get-user.js';
import { adminDeleteUser } from './admin-delete-user.js';
import { adminSetUserPassword } from './admin-set-user-password.js';
import { adminUpdateUserAttributes } from './admin-update-user-attributes.js';
import { adminDeleteUserAttributes } from './admin-delete-user-attributes.js';
import { adminDisableUser } from './admin-disable-user.js';
import { adminEnableUser } from './admin-enable-user.js';
import { listUsers } from './list-users.js';
import { createGroup } from './create-group.js';
import { getGroup } from './get-group.js';
import { listGroups } from './list-groups.js';
import { updateGroup } from './update-group.js';
import { deleteGroup } from './delete-group.js';
import { adminAddUserToGroup } from './admin-add-user-to-group.js';
import { adminRemoveUserFromGroup } from './admin-remove-user-from-group.js';
import { adminListGroupsForUser } from './admin-list-groups-for-user.js';
import { listUsersInGroup } from './list-users-in-group.js';
import { initiateAuth } from './initiate-auth.js';
import { adminInitiateAuth } from './admin-initiate-auth.js';
import { respondToAuthChallenge } from './respond-to-auth-challenge.js';
import { adminRespondToAuthChallenge } from './admin-respond-to-auth-challenge.js';
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token.js';
import { signUp } from './sign-up.js';
import { confirmSignUp } from './confirm-sign-up.js';
import { resendConfirmationCode } from './resend-confirmation-code.js';
import { forgotPassword } from './forgot-password.js';
import { confirmForgotPassword } from './confirm-forgot-password.js';
import { adminConfirmSignUp } from './admin-confirm-sign-up.js';
import { adminResetUserPassword } from './admin-reset-user-password.js';
import { getUser } from './get-user.js';
import { deleteUserAttributes } from './delete-user-attributes.js';
import { addCustomAttributes } from './add-custom-attributes.js';
import { updateUserAttributes } from './update-user-attributes.js';
import { changePassword } from './change-password.js';
import { deleteUser } from './delete-user.js';
import { globalSignOut } from './global-sign-out.js';
import { adminUserGlobalSignOut } from './admin-user-global-sign-out.js';
import { revokeToken } from './revoke-token.js';
import { addUserPoolClientSecret } from './add-user-pool-client-secret.js';
import { createResourceServer } from './create-resource-server.js';
import { createUserPool } from './create-user-pool.js';
import { createUserPoolClient } from './create-user-pool-client.js';
import { createUserPoolDomain } from './create-user-pool-domain.js';
import { deleteResourceServer } from './delete-resource-server.js';
import { deleteUserPool } from './delete-user-pool.js';
import { deleteUserPoolClient } from './delete-user-pool-client.js';
import { deleteUserPoolClientSecret } from './delete-user-pool-client-secret.js';
import { deleteUserPoolDomain } from './delete-user-pool-domain.js';
import { describeResourceServer } from './describe-resource-server.js';
import { describeUserPool } from './describe-user-pool.js';
import { describeUserPoolClient } from './describe-user-pool-client.js';
import { describeUserPoolDomain } from './describe-user-pool-domain.js';
import { getClientToken } from './get-client-token.js';
import { getUserPoolMfaConfig } from './get-user-pool-mfa-config.js';
import { listResourceServers } from './list-resource-servers.js';
import { listTagsForResource } from './list-tags-for-resource.js';
import { listUserPoolClients } from './list-user-pool-clients.js';
import { listUserPoolClientSecrets } from './list-user-pool-client-secrets.js';
import { listUserPools } from './list-user-pools.js';
import { setUserPoolMfaConfig } from './set-user-pool-mfa-config.js';
import { tagResource } from './tag-resource.js';
import { untagResource } from './untag-resource.js';
import { updateResourceServer } from './update-resource-server.js';
import { updateUserPool } from './update-user-pool.js';
import { updateUserPoolClient } from './update-user-pool-client.js';

/** Operation name (the part of X-Amz-Target after the prefix) → action. Anything else: UnknownOperationException. */
export const MANAGEMENT_ACTIONS: ReadonlyMap<string, ManagementAction> = new Map([
  ['CreateUserPool', createUserPool],
  ['DescribeUserPool', describeUserPool],
  ['ListUserPools', listUserPools],
  ['UpdateUserPool', updateUserPool],
  ['DeleteUserPool', deleteUserPool],
  ['GetUserPoolMfaConfig', getUserPoolMfaConfig],
  ['SetUserPoolMfaConfig', setUserPoolMfaConfig],
  ['AddCustomAttributes', addCustomAttributes],
  ['TagResource', tagResource],
  ['UntagResource', untagResource],
  ['ListTagsForResource', listTagsForResource],
  ['CreateResourceServer', createResourceServer],
  ['DescribeResourceServer', describeResourceServer],
  ['ListResourceServers', listResourceServers],
  ['UpdateResourceServer', updateResourceServer],
  ['DeleteResourceServer', deleteResourceServer],
  ['CreateUserPoolClient', createUserPoolClient],
  ['DescribeUserPoolClient', describeUserPoolClient],
  ['ListUserPoolClients', listUserPoolClients],
  ['UpdateUserPoolClient', updateUserPoolClient],
  ['DeleteUserPoolClient', deleteUserPoolClient],
  ['AddUserPoolClientSecret', addUserPoolClientSecret],
  ['ListUserPoolClientSecrets', listUserPoolClientSecrets],
  ['DeleteUserPoolClientSecret', deleteUserPoolClientSecret],
  ['GetClientToken', getClientToken],
  ['CreateUserPoolDomain', createUserPoolDomain],
  ['DescribeUserPoolDomain', describeUserPoolDomain],
  ['DeleteUserPoolDomain', deleteUserPoolDomain],
  ['AdminCreateUser', adminCreateUser],
  ['AdminGetUser', adminGetUser],
  ['AdminDeleteUser', adminDeleteUser],
  ['AdminSetUserPassword', adminSetUserPassword],
  ['AdminUpdateUserAttributes', adminUpdateUserAttributes],
  ['AdminDeleteUserAttributes', adminDeleteUserAttributes],
  ['AdminDisableUser', adminDisableUser],
  ['AdminEnableUser', adminEnableUser],
  ['ListUsers', listUsers],
  ['CreateGroup', createGroup],
  ['GetGroup', getGroup],
  ['ListGroups', listGroups],
  ['UpdateGroup', updateGroup],
  ['DeleteGroup', deleteGroup],
  ['AdminAddUserToGroup', adminAddUserToGroup],
  ['AdminRemoveUserFromGroup', adminRemoveUserFromGroup],
  ['AdminListGroupsForUser', adminListGroupsForUser],
  ['ListUsersInGroup', listUsersInGroup],
  ['InitiateAuth', initiateAuth],
  ['AdminInitiateAuth', adminInitiateAuth],
  ['RespondToAuthChallenge', respondToAuthChallenge],
  ['AdminRespondToAuthChallenge', adminRespondToAuthChallenge],
  ['GetTokensFromRefreshToken', getTokensFromRefreshToken],
  ['SignUp', signUp],
  ['ConfirmSignUp', confirmSignUp],
  ['ResendConfirmationCode', resendConfirmationCode],
  ['ForgotPassword', forgotPassword],
  ['ConfirmForgotPassword', confirmForgotPassword],
  ['AdminConfirmSignUp', adminConfirmSignUp],
  ['AdminResetUserPassword', adminResetUserPassword],
  ['GetUser', getUser],
  ['UpdateUserAttributes', updateUserAttributes],
  ['DeleteUserAttributes', deleteUserAttributes],
  ['ChangePassword', changePassword],
  ['DeleteUser', deleteUser],
  ['GlobalSignOut', globalSignOut],
  ['AdminUserGlobalSignOut', adminUserGlobalSignOut],
  ['RevokeToken', revokeToken],
]);
