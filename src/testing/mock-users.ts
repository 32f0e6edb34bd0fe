import { adminSignIn } from '../domain/sign-in/admin-sign-in.js';
import { AwsApiError } from '../errors.js';
import { DomainError } from '../model/domain-error.js';
import type { RunningServer } from '../server.js';
import { CognitoMockError, testingErrorOf } from './cognito-mock-error.js';

// Users and groups through the testing API (README "Testing API"): the management API's own
// actions and the sign-in path, called in-process, without HTTP.

/** A user to create: AdminCreateUser's members, plus a permanent password and groups. */
export interface MockUserInput {
  username: string;
  /** A permanent password: the user is CONFIRMED. Without one the user is FORCE_CHANGE_PASSWORD with a temporary password nobody knows. */
  password?: string;
  /** `{ email: 'a@example.com', 'custom:team': 'red' }`. */
  attributes?: Record<string, string>;
  /** Names of existing groups to add the user to. */
  groups?: string[];
}

export interface MockGroupInput {
  name: string;
  precedence?: number;
  description?: string;
  roleArn?: string;
}

export interface MockSignIn {
  clientId: string;
  /** The username, or an alias or sign-in attribute (email) the pool allows. */
  username: string;
  password: string;
}

/** What a sign-in gives, as InitiateAuth's AuthenticationResult. */
export interface MockUserTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** An AWS API answer or a domain problem as the testing API's error. */
function testingError(error: unknown): never {
  if (error instanceof DomainError) throw testingErrorOf(error.problem, { cause: error });
  if (error instanceof AwsApiError) throw new CognitoMockError('request_refused', error.type, `cognito-mock: ${error.message}`, { cause: error });
  throw error;
}

async function act(server: RunningServer, operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  // Loaded on first use, as the server loads it: the testing entry stays the token path.
  const { MANAGEMENT_ACTIONS } = await import('../management/index.js');
  const { registry, issuerMode, triggers, log } = server;
  return (await MANAGEMENT_ACTIONS.get(operation)!(input, { registry, issuerMode, triggers, log, region: 'us-east-1', publicUrl: server.publicUrl })) as Record<string, unknown>;
}

/** Creates a user as AdminCreateUser (no message sent), then sets its password and groups; answers the user as AdminGetUser. */
export async function createUser(server: RunningServer, poolId: string, user: MockUserInput): Promise<Record<string, unknown>> {
  try {
    const UserAttributes = Object.entries(user.attributes ?? {}).map(([Name, Value]) => ({ Name, Value }));
    const created = await act(server, 'AdminCreateUser', { UserPoolId: poolId, Username: user.username, MessageAction: 'SUPPRESS', UserAttributes });
    const username = (created.User as { Username: string }).Username;
    if (user.password !== undefined) await act(server, 'AdminSetUserPassword', { UserPoolId: poolId, Username: username, Password: user.password, Permanent: true });
    for (const group of user.groups ?? []) await act(server, 'AdminAddUserToGroup', { UserPoolId: poolId, Username: username, GroupName: group });
    return await act(server, 'AdminGetUser', { UserPoolId: poolId, Username: username });
  } catch (error) {
    return testingError(error);
  }
}

/** Creates a group as CreateGroup; answers its `GroupType`. */
export async function createGroup(server: RunningServer, poolId: string, group: MockGroupInput): Promise<Record<string, unknown>> {
  try {
    const output = await act(server, 'CreateGroup', {
      UserPoolId: poolId, GroupName: group.name, Precedence: group.precedence, Description: group.description, RoleArn: group.roleArn,
    });
    return output.Group as Record<string, unknown>;
  } catch (error) {
    return testingError(error);
  }
}

/**
 * Signs a user in with a password, as ADMIN_USER_PASSWORD_AUTH does (the same checks and tokens,
 * a session refreshable through the API), whatever the client's ExplicitAuthFlows and secret: the
 * test is the administrator. A user with a temporary password is refused: give `createUser` a password.
 */
export async function signIn(server: RunningServer, request: MockSignIn): Promise<MockUserTokens> {
  try {
    const tokens = await adminSignIn(server, request.clientId, request.username, request.password, server.publicUrl);
    return { idToken: tokens.idToken!, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken!, expiresIn: tokens.expiresIn };
  } catch (error) {
    return testingError(error);
  }
}
