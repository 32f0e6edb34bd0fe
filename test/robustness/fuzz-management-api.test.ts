import { METHODS } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONFIG_MEMBERS } from '../../src/management/client-config.js';
import { MANAGEMENT_ACTIONS } from '../../src/management/index.js';
import { CREATE_POOL_MEMBERS, UPDATE_POOL_MEMBERS } from '../../src/management/pool-input.js';
import { MANAGEMENT_BODY_LIMIT } from '../../src/management/request.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { NEW_POOL_KEYS, OTHER_POOL_ID, POOL_ID, PUBLIC_CLIENT, READER_CLIENT, testFixtures } from '../support/fixtures.js';
import { RequestCounter, fuzzRuns, fuzzSeed, longRun } from './support/fuzz.js';
import { API_TARGET_PREFIX, type RawRequest, type RawResponse, callApi, rawRequest } from './support/raw-http.js';
import { storeFileText } from '../../src/store/store.js';
import { useTempDir } from '../support/temp-dir.js';

// Hostile requests to the management API, POST /: random methods, content types,
// charsets, targets, bodies that are not JSON, not UTF-8, nested deeper than any input, larger
// than the limit; and inputs of every operation with one member (or a member inside one) replaced
// by a value of the wrong type. Every answer must be a complete HTTP answer, never a 5xx, and on
// POST / either the operation's JSON output or exactly `{"__type", "message"}` with a matching
// x-amzn-ErrorType; a rejected request leaves the store (memory and file) as it was.

const JSON_11 = 'application/x-amz-json-1.1';
const SCRATCH_POOL_ID = 'us-east-1_Scratch00';
const MISSING_CLIENT_ID = 'nonexistent0client0id00000';
const FUZZ_USER = 'fuzz-user';
const FUZZ_GROUP = 'fuzz-group';
const USER = { UserPoolId: POOL_ID, Username: FUZZ_USER };
const IN_GROUP = { ...USER, GroupName: FUZZ_GROUP };
const UNCONFIRMED_USER = 'fuzz-unconfirmed';
const UNCONFIRMED_USER_2 = 'fuzz-unconfirmed-2';
const VERIFIED_USER = 'fuzz-verified';
const LEAVING_USER = 'fuzz-leaving';
/** The public operations name a client, not a pool. */
const publicUser = (Username: string) => ({ ClientId: PUBLIC_CLIENT.id, Username });
const PUBLIC_FIELDS = ['ClientId', 'SecretHash', 'Username'];
/** The user's pending code, so the valid input confirms (once); later ones get CodeMismatch, Expired or NotAuthorized. */
const codeOf = (username: string): string => mock.latestCode(POOL_ID, username)?.code ?? '123456';
const ATTRIBUTE_FIELDS = ['UserAttributes', 'UserAttributes[0]', 'UserAttributes[0].Name', 'UserAttributes[0].Value'];
const GROUP_FIELDS = ['UserPoolId', 'GroupName', 'Description', 'Precedence', 'RoleArn'];
const LIST_FIELDS = ['UserPoolId', 'Limit', 'NextToken'];
const counter = new RequestCounter();
const tmp = useTempDir('fuzz-api', 'all');
let mock: CognitoMock;
let signInClient = '';
/** Access tokens for the token-authorised operations: the fuzz user's, and one of a user that may sign out or delete itself. */
let userToken = '';
let leavingToken = '';
let data: string;
const unexpectedLogs: string[] = [];

beforeAll(async () => {
  data = tmp.join('db.json');
  const fixtures = testFixtures();
  // Codes go to the email: sign-ups get one, so the code operations have something to confirm.
  (fixtures.UserPools.find((pool) => pool.Id === POOL_ID) as Record<string, unknown>).AutoVerifiedAttributes = ['email'];
  mock = await startCognitoMock({ fixtures, data, keysForNewPools: NEW_POOL_KEYS });
  // The user and group the user and group operations name.
  expect((await callApi(mock.url, 'AdminCreateUser', { UserPoolId: POOL_ID, Username: FUZZ_USER, MessageAction: 'SUPPRESS' })).status).toBe(200);
  expect((await callApi(mock.url, 'CreateGroup', { UserPoolId: POOL_ID, GroupName: FUZZ_GROUP })).status).toBe(200);
  // The client and password the sign-in operations use.
  expect((await callApi(mock.url, 'AdminSetUserPassword', { ...USER, Password: 'Fuzz-Passw0rd!', Permanent: true })).status).toBe(200);
  const created = await callApi(mock.url, 'CreateUserPoolClient', { UserPoolId: POOL_ID, ClientName: 'fuzz-sign-in', ExplicitAuthFlows: [
    'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  signInClient = (created.json as { UserPoolClient: { ClientId: string } }).UserPoolClient.ClientId;
  const accessTokenOf = async (Username: string) => {
    const res = await callApi(mock.url, 'InitiateAuth', { ClientId: signInClient, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: Username, PASSWORD: 'Fuzz-Passw0rd!' } });
    return (res.json as { AuthenticationResult: { AccessToken: string } }).AuthenticationResult.AccessToken;
  };
  userToken = await accessTokenOf(FUZZ_USER);
  expect((await callApi(mock.url, 'AdminCreateUser', { UserPoolId: POOL_ID, Username: LEAVING_USER, TemporaryPassword: 'Fuzz-Passw0rd!', MessageAction: 'SUPPRESS' })).status).toBe(200);
  expect((await callApi(mock.url, 'AdminSetUserPassword', { UserPoolId: POOL_ID, Username: LEAVING_USER, Password: 'Fuzz-Passw0rd!', Permanent: true })).status).toBe(200);
  leavingToken = await accessTokenOf(LEAVING_USER);
  // Users waiting for a sign-up code, and a confirmed one with a verified email (for the reset codes).
  for (const Username of [UNCONFIRMED_USER, UNCONFIRMED_USER_2]) {
    const signUp = await callApi(mock.url, 'SignUp', { ClientId: PUBLIC_CLIENT.id, Username, Password: 'Fuzz-Passw0rd!',
      UserAttributes: [{ Name: 'email', Value: 'fuzz@example.com' }] });
    expect(signUp.status).toBe(200);
  }
  expect((await callApi(mock.url, 'AdminCreateUser', { UserPoolId: POOL_ID, Username: VERIFIED_USER, MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: 'fuzz@example.com' }, { Name: 'email_verified', Value: 'true' }] })).status).toBe(200);
  expect((await callApi(mock.url, 'AdminSetUserPassword', { UserPoolId: POOL_ID, Username: VERIFIED_USER, Password: 'Fuzz-Passw0rd!', Permanent: true })).status).toBe(200);
  // A new code is the one line the mock logs on purpose (README "Confirmation and reset codes").
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
    if (!/^cognito-mock: (confirmation|password reset) code for /.test(String(line))) unexpectedLogs.push(String(line));
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  console.info(counter.summary('fuzz-management-api'));
  await mock?.stop();
});

// --- every operation: a valid input, and the members (and members inside them) to break ----------

let unique = 0;
const CLIENT_FIELDS = ['ClientName', ...CONFIG_MEMBERS, 'TokenValidityUnits.AccessToken', 'TokenValidityUnits.RefreshToken',
  'AllowedOAuthFlows[0]', 'AllowedOAuthScopes[0]', 'CallbackURLs[0]', 'LogoutURLs[0]', 'ExplicitAuthFlows[0]', 'ReadAttributes[0]'];
const SERVER_FIELDS = ['UserPoolId', 'Identifier', 'Name', 'Scopes', 'Scopes[0]', 'Scopes[0].ScopeName', 'Scopes[0].ScopeDescription'];
const M2M = { AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'] };

const AUTH_FIELDS = ['ClientId', 'AuthFlow', 'AuthParameters', 'AuthParameters.USERNAME', 'AuthParameters.SRP_A', 'AuthParameters.PASSWORD', 'ClientMetadata', 'ClientMetadata.a'];
const CLAIM = { USERNAME: FUZZ_USER, PASSWORD_CLAIM_SECRET_BLOCK: 'AAAA', PASSWORD_CLAIM_SIGNATURE: 'AAAA', TIMESTAMP: 'Tue Dec 1 10:00:00 UTC 2026' };
const CHALLENGE_FIELDS = ['ClientId', 'ChallengeName', 'Session', 'ChallengeResponses', 'ChallengeResponses.USERNAME', 'ChallengeResponses.TIMESTAMP',
  'ChallengeResponses.PASSWORD_CLAIM_SECRET_BLOCK', 'ChallengeResponses.NEW_PASSWORD', 'ClientMetadata'];

interface OperationSpec {
  /** A valid input (fresh per call where the operation creates something). */
  input: () => Record<string, unknown>;
  /** Member paths to break: `Name`, `Scopes[0].ScopeName`. */
  fields: string[];
  /** Undoes a successful call, so the fuzzing keeps starting from the fixtures (and under the per-pool limits). */
  cleanUp?: (output: Record<string, unknown>, input: Record<string, unknown>) => Promise<RawResponse>;
}

const OPERATIONS: Record<string, OperationSpec> = {
  CreateUserPool: {
    input: () => ({ PoolName: 'fuzz-pool', MfaConfiguration: 'OFF' }),
    fields: ['PoolName', ...CREATE_POOL_MEMBERS, 'UserPoolTags.team', 'IssuerConfiguration.Type', 'Schema[0]'],
    cleanUp: (out) => callApi(mock.url, 'DeleteUserPool', { UserPoolId: (out.UserPool as { Id: string }).Id }),
  },
  DescribeUserPool: { input: () => ({ UserPoolId: POOL_ID }), fields: ['UserPoolId'] },
  ListUserPools: { input: () => ({ MaxResults: 10 }), fields: ['MaxResults', 'NextToken'] },
  UpdateUserPool: { input: () => ({ UserPoolId: OTHER_POOL_ID, PoolName: 'other-pool' }), fields: ['UserPoolId', 'PoolName', ...UPDATE_POOL_MEMBERS, 'UserPoolTags.team'] },
  DeleteUserPool: { input: () => ({ UserPoolId: SCRATCH_POOL_ID }), fields: ['UserPoolId'] },
  CreateResourceServer: {
    input: () => ({ UserPoolId: POOL_ID, Identifier: `fuzz-${++unique}`, Name: 'Fuzz', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] }),
    fields: SERVER_FIELDS,
    cleanUp: (out) => callApi(mock.url, 'DeleteResourceServer', { UserPoolId: POOL_ID, Identifier: (out.ResourceServer as { Identifier: string }).Identifier }),
  },
  DescribeResourceServer: { input: () => ({ UserPoolId: POOL_ID, Identifier: 'orders' }), fields: ['UserPoolId', 'Identifier'] },
  ListResourceServers: { input: () => ({ UserPoolId: POOL_ID, MaxResults: 10 }), fields: ['UserPoolId', 'MaxResults', 'NextToken'] },
  UpdateResourceServer: {
    input: () => ({ UserPoolId: OTHER_POOL_ID, Identifier: 'orders', Name: 'Orders API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }, { ScopeName: 'write', ScopeDescription: 'Write orders' }] }),
    fields: SERVER_FIELDS,
  },
  DeleteResourceServer: { input: () => ({ UserPoolId: POOL_ID, Identifier: 'no-such-server' }), fields: ['UserPoolId', 'Identifier'] },
  CreateUserPoolClient: {
    input: () => ({ UserPoolId: POOL_ID, ClientName: 'fuzz', GenerateSecret: true, ...M2M }),
    fields: ['UserPoolId', 'GenerateSecret', 'ClientSecret', ...CLIENT_FIELDS],
    cleanUp: (out) => callApi(mock.url, 'DeleteUserPoolClient', { UserPoolId: POOL_ID, ClientId: (out.UserPoolClient as { ClientId: string }).ClientId }),
  },
  DescribeUserPoolClient: { input: () => ({ UserPoolId: POOL_ID, ClientId: READER_CLIENT.id }), fields: ['UserPoolId', 'ClientId'] },
  ListUserPoolClients: { input: () => ({ UserPoolId: POOL_ID, MaxResults: 10 }), fields: ['UserPoolId', 'MaxResults', 'NextToken'] },
  UpdateUserPoolClient: {
    input: () => ({ UserPoolId: POOL_ID, ClientId: READER_CLIENT.id, ClientName: 'reader', ...M2M, AccessTokenValidity: 5, TokenValidityUnits: { AccessToken: 'minutes' } }),
    fields: ['UserPoolId', 'ClientId', ...CLIENT_FIELDS],
  },
  DeleteUserPoolClient: { input: () => ({ UserPoolId: POOL_ID, ClientId: MISSING_CLIENT_ID }), fields: ['UserPoolId', 'ClientId'] },
  CreateUserPoolDomain: {
    input: () => ({ UserPoolId: OTHER_POOL_ID, Domain: 'fuzz-domain' }),
    fields: ['UserPoolId', 'Domain', 'ManagedLoginVersion', 'CustomDomainConfig', 'CustomDomainConfig.CertificateArn'],
    // The domain the call created: a broken `Domain` member can be another valid prefix.
    cleanUp: (_out, input) => callApi(mock.url, 'DeleteUserPoolDomain', { UserPoolId: OTHER_POOL_ID, Domain: input.Domain }),
  },
  DescribeUserPoolDomain: { input: () => ({ Domain: 'test-orders' }), fields: ['Domain'] },
  DeleteUserPoolDomain: { input: () => ({ UserPoolId: OTHER_POOL_ID, Domain: 'no-such-domain' }), fields: ['UserPoolId', 'Domain'] },
  AdminCreateUser: {
    input: () => ({ UserPoolId: POOL_ID, Username: `fuzz-${++unique}`, TemporaryPassword: 'Fuzz-Passw0rd!', MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'fuzz@example.com' }], DesiredDeliveryMediums: ['EMAIL'] }),
    fields: ['UserPoolId', 'Username', 'TemporaryPassword', 'MessageAction', ...ATTRIBUTE_FIELDS, 'DesiredDeliveryMediums', 'DesiredDeliveryMediums[0]'],
    cleanUp: (out) => callApi(mock.url, 'AdminDeleteUser', { UserPoolId: POOL_ID, Username: (out.User as { Username: string }).Username }),
  },
  AdminGetUser: { input: () => ({ ...USER }), fields: ['UserPoolId', 'Username'] },
  AdminDeleteUser: { input: () => ({ UserPoolId: POOL_ID, Username: 'no-such-user' }), fields: ['UserPoolId', 'Username'] },
  AdminSetUserPassword: { input: () => ({ ...USER, Password: 'Fuzz-Passw0rd!', Permanent: true }), fields: ['UserPoolId', 'Username', 'Password', 'Permanent'] },
  AdminUpdateUserAttributes: { input: () => ({ ...USER, UserAttributes: [{ Name: 'name', Value: 'Fuzz' }] }), fields: ['UserPoolId', 'Username', ...ATTRIBUTE_FIELDS] },
  AdminDeleteUserAttributes: { input: () => ({ ...USER, UserAttributeNames: ['nickname'] }), fields: ['UserPoolId', 'Username', 'UserAttributeNames', 'UserAttributeNames[0]'] },
  // Not the fuzz user: disabling revokes the access token the token-authorised operations use.
  AdminDisableUser: { input: () => ({ UserPoolId: POOL_ID, Username: LEAVING_USER }), fields: ['UserPoolId', 'Username'] },
  AdminEnableUser: { input: () => ({ UserPoolId: POOL_ID, Username: LEAVING_USER }), fields: ['UserPoolId', 'Username'] },
  ListUsers: {
    input: () => ({ UserPoolId: POOL_ID, Filter: 'username ^= "fuzz"', Limit: 10, AttributesToGet: ['email'] }),
    fields: ['UserPoolId', 'Filter', 'Limit', 'PaginationToken', 'AttributesToGet', 'AttributesToGet[0]'],
  },
  CreateGroup: {
    input: () => ({ UserPoolId: POOL_ID, GroupName: `fuzz-group-${++unique}`, Description: 'Fuzz', Precedence: 1, RoleArn: 'arn:aws:iam::123456789012:role/fuzz' }),
    fields: GROUP_FIELDS,
    cleanUp: (out) => callApi(mock.url, 'DeleteGroup', { UserPoolId: POOL_ID, GroupName: (out.Group as { GroupName: string }).GroupName }),
  },
  GetGroup: { input: () => ({ UserPoolId: POOL_ID, GroupName: FUZZ_GROUP }), fields: ['UserPoolId', 'GroupName'] },
  ListGroups: { input: () => ({ UserPoolId: POOL_ID, Limit: 10 }), fields: LIST_FIELDS },
  UpdateGroup: { input: () => ({ UserPoolId: POOL_ID, GroupName: FUZZ_GROUP, Description: 'Fuzz', Precedence: 2 }), fields: GROUP_FIELDS },
  DeleteGroup: { input: () => ({ UserPoolId: POOL_ID, GroupName: 'no-such-group' }), fields: ['UserPoolId', 'GroupName'] },
  AdminAddUserToGroup: { input: () => ({ ...IN_GROUP }), fields: ['UserPoolId', 'Username', 'GroupName'] },
  AdminRemoveUserFromGroup: { input: () => ({ ...IN_GROUP }), fields: ['UserPoolId', 'Username', 'GroupName'] },
  AdminListGroupsForUser: { input: () => ({ ...USER, Limit: 10 }), fields: ['Username', ...LIST_FIELDS] },
  ListUsersInGroup: { input: () => ({ UserPoolId: POOL_ID, GroupName: FUZZ_GROUP, Limit: 10 }), fields: ['GroupName', ...LIST_FIELDS] },
  InitiateAuth: {
    input: () => ({ AuthFlow: 'USER_SRP_AUTH', ClientId: signInClient, AuthParameters: { USERNAME: FUZZ_USER, SRP_A: 'abc123' }, ClientMetadata: { a: 'b' } }),
    fields: AUTH_FIELDS,
  },
  AdminInitiateAuth: {
    input: () => ({ UserPoolId: POOL_ID, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ClientId: signInClient, AuthParameters: { USERNAME: FUZZ_USER, PASSWORD: 'Fuzz-Passw0rd!' } }),
    fields: ['UserPoolId', ...AUTH_FIELDS],
  },
  RespondToAuthChallenge: {
    input: () => ({ ClientId: signInClient, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: CLAIM, Session: `AYABe${'x'.repeat(40)}` }),
    fields: CHALLENGE_FIELDS,
  },
  AdminRespondToAuthChallenge: {
    input: () => ({ UserPoolId: POOL_ID, ClientId: signInClient, ChallengeName: 'NEW_PASSWORD_REQUIRED', ChallengeResponses: { USERNAME: FUZZ_USER, NEW_PASSWORD: 'Fuzz-Passw0rd!' }, Session: `AYABe${'x'.repeat(40)}` }),
    fields: ['UserPoolId', ...CHALLENGE_FIELDS],
  },
  GetTokensFromRefreshToken: {
    input: () => ({ ClientId: signInClient, RefreshToken: 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.a.b.c.d', ClientMetadata: {} }),
    fields: ['ClientId', 'RefreshToken', 'ClientSecret', 'DeviceKey', 'ClientMetadata'],
  },
  SignUp: {
    input: () => ({ ClientId: PUBLIC_CLIENT.id, Username: `fuzz-signup-${++unique}`, Password: 'Fuzz-Passw0rd!', UserAttributes: [{ Name: 'name', Value: 'Fuzz' }] }),
    fields: ['ClientId', 'SecretHash', 'Username', 'Password', ...ATTRIBUTE_FIELDS, 'ValidationData', 'ClientMetadata'],
    cleanUp: (_out, input) => callApi(mock.url, 'AdminDeleteUser', { UserPoolId: POOL_ID, Username: input.Username }),
  },
  ConfirmSignUp: {
    input: () => ({ ...publicUser(UNCONFIRMED_USER), ConfirmationCode: codeOf(UNCONFIRMED_USER) }),
    fields: [...PUBLIC_FIELDS, 'ConfirmationCode', 'ForceAliasCreation'],
  },
  ResendConfirmationCode: { input: () => publicUser(UNCONFIRMED_USER_2), fields: PUBLIC_FIELDS },
  ForgotPassword: { input: () => publicUser(VERIFIED_USER), fields: PUBLIC_FIELDS },
  ConfirmForgotPassword: {
    input: () => ({ ...publicUser(VERIFIED_USER), ConfirmationCode: codeOf(VERIFIED_USER), Password: 'Fuzz-Passw0rd!' }),
    fields: [...PUBLIC_FIELDS, 'ConfirmationCode', 'Password'],
  },
  AdminConfirmSignUp: { input: () => ({ UserPoolId: POOL_ID, Username: UNCONFIRMED_USER_2 }), fields: ['UserPoolId', 'Username'] },
  AdminResetUserPassword: { input: () => ({ UserPoolId: POOL_ID, Username: VERIFIED_USER }), fields: ['UserPoolId', 'Username'] },
  GetUser: { input: () => ({ AccessToken: userToken }), fields: ['AccessToken'] },
  // Fills the pool's 50 custom attributes at most; past that, LimitExceededException.
  AddCustomAttributes: {
    input: () => ({ UserPoolId: POOL_ID, CustomAttributes: [{ Name: `fuzz${++unique}`, AttributeDataType: 'String', Mutable: true }] }),
    fields: ['UserPoolId', 'CustomAttributes', 'CustomAttributes[0]', 'CustomAttributes[0].Name', 'CustomAttributes[0].AttributeDataType'],
  },
  UpdateUserAttributes: {
    input: () => ({ AccessToken: userToken, UserAttributes: [{ Name: 'name', Value: 'Fuzz' }], ClientMetadata: {} }),
    fields: ['AccessToken', ...ATTRIBUTE_FIELDS, 'ClientMetadata', 'ClientMetadata.a'],
  },
  DeleteUserAttributes: { input: () => ({ AccessToken: userToken, UserAttributeNames: ['nickname'] }), fields: ['AccessToken', 'UserAttributeNames', 'UserAttributeNames[0]'] },
  ChangePassword: {
    input: () => ({ AccessToken: userToken, PreviousPassword: 'Fuzz-Passw0rd!', ProposedPassword: 'Fuzz-Passw0rd!' }),
    fields: ['AccessToken', 'PreviousPassword', 'ProposedPassword'],
  },
  // The leaving user's: its first success ends what the others' calls stand on only for itself.
  GlobalSignOut: { input: () => ({ AccessToken: leavingToken }), fields: ['AccessToken'] },
  DeleteUser: { input: () => ({ AccessToken: leavingToken }), fields: ['AccessToken'] },
  AdminUserGlobalSignOut: { input: () => ({ UserPoolId: POOL_ID, Username: VERIFIED_USER }), fields: ['UserPoolId', 'Username'] },
  RevokeToken: {
    input: () => ({ ClientId: signInClient, Token: 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.a.b.c.d' }),
    fields: ['ClientId', 'Token', 'ClientSecret'],
  },
};

/** An operation added to the API later still gets fuzzed, with the members most operations take. */
const specOf = (operation: string): OperationSpec =>
  OPERATIONS[operation] ?? { input: () => ({ UserPoolId: POOL_ID }), fields: ['UserPoolId', 'ClientId', 'Identifier', 'Name', 'MaxResults'] };

/** Sets (or, for undefined, removes) the member at a path like `Scopes[0].ScopeName`, creating containers on the way. */
function withMember(input: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(input);
  const steps = path.split(/\.|(?=\[)/).map((step) => (step.startsWith('[') ? Number(step.slice(1, -1)) : step));
  let at: Record<string | number, unknown> = copy;
  steps.slice(0, -1).forEach((step, i) => {
    const next = steps[i + 1];
    if (typeof at[step] !== 'object' || at[step] === null) at[step] = typeof next === 'number' ? [] : {};
    at = at[step] as Record<string | number, unknown>;
  });
  const last = steps[steps.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

// --- checking one answer ---------------------------------------------------------------------------

const snapshot = async (): Promise<string> => `${JSON.stringify(mock.snapshot())}\n${await storeFileText(data)}`;

async function send(req: RawRequest, label: string): Promise<RawResponse> {
  const before = await snapshot();
  const res = await rawRequest(mock.url, req);
  counter.add(label);
  const shown = `${req.method} ${JSON.stringify(req.headers).slice(0, 200)} ${String(req.body ?? '').slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, shown).toBeLessThan(500);
  if (req.method !== 'POST') {
    // Only POST / is the API; other methods are plain 404/405 JSON errors (HEAD has no body).
    expect([404, 405], shown).toContain(res.status);
    if (req.method !== 'HEAD') expect(typeof (res.json as { message?: unknown }).message, shown).toBe('string');
  } else {
    expect(res.headers['content-type'], shown).toBe(JSON_11);
    expect(typeof res.headers['x-amzn-requestid'], shown).toBe('string');
    if (res.status === 200) {
      expect(res.json !== null && typeof res.json === 'object' && !Array.isArray(res.json), shown).toBe(true);
    } else {
      expect([400, 413], shown).toContain(res.status);
      const body = res.json as Record<string, unknown>;
      expect(Object.keys(body), shown).toEqual(['__type', 'message']);
      expect(typeof body.__type === 'string' && typeof body.message === 'string', shown).toBe(true);
      expect(res.headers['x-amzn-errortype'], shown).toBe(body.__type);
    }
  }
  if (res.status !== 200) expect(await snapshot(), `a rejected request changed the store: ${shown}`).toBe(before);
  return res;
}

/** The JSON object a request body held (the server accepted it); `{}` when it cannot be read back. */
function inputOf(body: RawRequest['body']): Record<string, unknown> {
  try {
    return JSON.parse(String(body).replace(/^\ufeff/, '')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Sends a (possibly broken) input of an operation, and undoes it when it created something. */
async function sendInput(operation: string, input: unknown): Promise<RawResponse> {
  const res = await send({ method: 'POST', path: '/', headers: { 'content-type': JSON_11, 'x-amz-target': `${API_TARGET_PREFIX}${operation}` },
    body: JSON.stringify(input) }, operation);
  const cleanUp = OPERATIONS[operation]?.cleanUp;
  if (res.status === 200 && cleanUp) {
    const undone = await cleanUp(res.json as Record<string, unknown>, input as Record<string, unknown>);
    expect(undone.status, `undoing ${operation} ${JSON.stringify(input)}: ${undone.text}`).toBe(200);
  }
  return res;
}

// --- generators --------------------------------------------------------------------------------------

const operation = fc.constantFrom(...MANAGEMENT_ACTIONS.keys());
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', ' ', 'x', 'a'.repeat(300), '__proto__', 'constructor', 'toString', '../../etc/passwd', '\u0000', '\ud800', '😀',
    'us-east-1_', '_x', -1, 0, 1, 1.5, 2 ** 53, -(2 ** 63), 1e308, true, false, null, [], [null], [[]], {}, { __proto__: null, a: 1 },
    JSON.parse('{"__proto__": {"polluted": true}}'), { Type: 'UPDATED' }, ['client_credentials', 'code'], ['orders/read']),
  fc.jsonValue({ maxDepth: 3 }),
);

const target = fc.oneof(
  { weight: 6, arbitrary: operation.map((op) => `${API_TARGET_PREFIX}${op}`) },
  { weight: 1, arbitrary: operation.map((op) => `${API_TARGET_PREFIX}${op}`.toLowerCase()) },
  { weight: 1, arbitrary: fc.constantFrom('', API_TARGET_PREFIX, `${API_TARGET_PREFIX}constructor`, `${API_TARGET_PREFIX}__proto__`,
    `${API_TARGET_PREFIX}AdminCreateUser`, 'DynamoDB_20120810.ListTables', ` ${API_TARGET_PREFIX}ListUserPools`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => `${API_TARGET_PREFIX}${s.replace(/[^\x20-\x7e]/g, '')}`) },
);

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant(JSON_11) },
  { weight: 3, arbitrary: fc.constantFrom('application/x-amz-json-1.0', 'application/json', 'APPLICATION/X-AMZ-JSON-1.1', `${JSON_11}; charset=utf-8`,
    `${JSON_11}; charset=UTF-8`, `${JSON_11}; charset=latin1`, `${JSON_11}; charset=utf-16le`, `${JSON_11};charset=`, 'text/plain',
    'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '*/*', ';') },
);

const depth = fc.integer({ min: 20, max: 100_000 });
const body: fc.Arbitrary<string | Buffer> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(operation, fc.integer({ min: 0, max: 40 }), hostileValue).map(([op, i, value]) => {
    const spec = specOf(op);
    return JSON.stringify(withMember(spec.input(), spec.fields[i % spec.fields.length]!, value));
  }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '{', '{"UserPoolId":', '{"a":1}{"b":2}', 'null', '[]', '"s"', '1e999', '{"UserPoolId":"x",}',
    '\ufeff{"MaxResults":1}', '{"MaxResults":1}\u0000', 'NaN', '{"UserPoolId":"\\ud800"}',
    // Well-formed names of things that do not exist, whatever the operation.
    '{"UserPoolId":"us-east-1_NoSuchPool","ClientId":"nosuchclient","AuthFlow":"USER_SRP_AUTH","ChallengeName":"PASSWORD_VERIFIER","GroupName":"g","Username":"u"}') },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.tuple(depth, fc.constantFrom('{"a":', '[')).map(([n, open]) =>
    `${open.repeat(n)}1${(open === '[' ? ']' : '}').repeat(n)}`) },
  // Many items under the limit (every one checked), and bodies just over it and far over it.
  { weight: 1, arbitrary: fc.constantFrom(1_000, 50_000).map((n) => JSON.stringify({ UserPoolId: POOL_ID, ClientName: 'big', AllowedOAuthScopes: Array.from({ length: n }, (_, i) => `s/${i}`) })) },
  { weight: 1, arbitrary: fc.constantFrom(MANAGEMENT_BODY_LIMIT + 1, 2 * MANAGEMENT_BODY_LIMIT).map((size) =>
    JSON.stringify({ UserPoolId: POOL_ID, Name: 'x'.repeat(size) })) },
);

const method = fc.oneof({ weight: 10, arbitrary: fc.constant('POST') },
  { weight: 1, arbitrary: fc.constantFrom(...METHODS.filter((m) => m !== 'CONNECT' && m !== 'POST')) });

const apiRequest: fc.Arbitrary<RawRequest> = fc.record({
  method,
  target: fc.option(target, { nil: undefined, freq: 10 }),
  contentType: fc.option(contentType, { nil: undefined, freq: 10 }),
  authorization: fc.option(fc.constantFrom('AWS4-HMAC-SHA256 Credential=a/20260101/eu-west-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0',
    'AWS4-HMAC-SHA256 Credential=//////', 'Bearer x', 'Basic Zm9v'), { nil: undefined }),
  body,
  chunked: fc.boolean(),
}).map((r) => ({
  method: r.method,
  path: '/',
  headers: {
    ...(r.target === undefined ? {} : { 'x-amz-target': r.target }),
    ...(r.contentType === undefined ? {} : { 'content-type': r.contentType }),
    ...(r.authorization === undefined ? {} : { authorization: r.authorization }),
  },
  body: r.body,
  chunked: r.chunked,
}));

// --- the tests ----------------------------------------------------------------------------------------

describe('hostile requests to the management API', () => {
  // First, while the store still holds the fixtures (the fuzzing below may delete a fixture pool).
  it('the valid inputs the fuzzing starts from are accepted (so the broken ones test the checks past validation too)', async () => {
    for (const op of MANAGEMENT_ACTIONS.keys()) {
      if (!OPERATIONS[op] || ['DeleteUserPool', 'DeleteResourceServer', 'DeleteUserPoolClient', 'DeleteUserPoolDomain', 'AdminDeleteUser', 'DeleteGroup',
        'DeleteUser', 'GlobalSignOut'].includes(op)) continue;
      // Their valid inputs hold what an earlier step returned (a SECRET_BLOCK, a Session, a refresh token): fuzzed from a well-formed refusal.
      if (['RespondToAuthChallenge', 'AdminRespondToAuthChallenge', 'GetTokensFromRefreshToken'].includes(op)) continue;
      const res = await sendInput(op, OPERATIONS[op]!.input());
      expect(res.status, `${op}: ${res.text}`).toBe(200);
    }
  });

  it('(fast-check) hostile requests never get a 5xx or a reset, always the AWS JSON error shape, and leave the store as it was', async () => {
    const types = new Set<string>();
    await fc.assert(fc.asyncProperty(apiRequest, async (req) => {
      const res = await send(req, 'POST / (protocol)');
      if (req.method === 'POST' && res.status !== 200) types.add((res.json as { __type: string }).__type);
      const op = /^AWSCognitoIdentityProviderService\.(\w+)$/.exec(String(req.headers?.['x-amz-target']))?.[1];
      const cleanUp = op === undefined ? undefined : OPERATIONS[op]?.cleanUp;
      if (res.status === 200 && cleanUp) await cleanUp(res.json as Record<string, unknown>, inputOf(req.body));
    }), { seed: fuzzSeed(1105), numRuns: fuzzRuns(1200) });
    // The generators reach every kind of rejection (one that never hits them would prove little).
    expect([...types]).toEqual(expect.arrayContaining(['SerializationException', 'UnknownOperationException', 'InvalidParameterException',
      'ResourceNotFoundException', 'RequestEntityTooLargeException']));
    expect(unexpectedLogs, unexpectedLogs.join('\n').slice(0, 2000)).toEqual([]);
  }, longRun() ? 0 : 90_000);

  it('(fast-check) inputs of every operation with one member broken, never a 5xx, the store unchanged when rejected', async () => {
    const fieldInput = operation.chain((op) => fc.tuple(fc.constant(op), fc.constantFrom(...specOf(op).fields), hostileValue));
    await fc.assert(fc.asyncProperty(fieldInput, async ([op, field, value]) => {
      await sendInput(op, withMember(specOf(op).input(), field, value));
    }), { seed: fuzzSeed(777), numRuns: fuzzRuns(1000) });
    expect(unexpectedLogs).toEqual([]);
  }, longRun() ? 0 : 90_000);

  it('every member of every operation, given each JSON type in turn', async () => {
    const WRONG_TYPES: unknown[] = ['text', 42, -1.5, true, [], ['x'], {}, { a: 1 }, null];
    let rejected = 0;
    let sent = 0;
    for (const op of MANAGEMENT_ACTIONS.keys()) {
      const spec = specOf(op);
      for (const field of spec.fields) {
        for (const value of WRONG_TYPES) {
          // CreateUserPool without a name: every member check still runs, but no RSA keys are made per case.
          const input = op === 'CreateUserPool' ? withMember(spec.input(), 'PoolName', undefined) : spec.input();
          const res = await sendInput(op, withMember(input, field, value));
          sent++;
          if (res.status !== 200) rejected++;
        }
      }
    }
    // Most of these values are of the wrong type for their member; the rest happen to be valid.
    expect(rejected).toBeGreaterThan(sent / 2);
    expect(unexpectedLogs).toEqual([]);
  }, longRun() ? 0 : 90_000);
});
