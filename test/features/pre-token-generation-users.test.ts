import { readFileSync } from 'node:fs';
import {
  AdminCreateUserCommand, type CognitoIdentityProviderClient, GetTokensFromRefreshTokenCommand, InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, type CognitoUserSession, CognitoUserPool } from 'amazon-cognito-identity-js';
import { afterEach, describe, expect, it } from 'vitest';
import { type CognitoMock, type PreTokenGenerationEvent, type PreTokenGenerationHandler, startCognitoMock } from '../../src/testing/index.js';
import { decodeJwt } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';
import { ALICE_SUB, CLIENTS, PASSWORD, POOL, awsVerifier, signInFixtures } from '../sign-in/support.js';

// The pre token generation trigger on user tokens (cognito-reference-users §5.8): the event each
// version receives per flow, and how V1, V2 and V3 answers change the ID and access tokens.

const ADMINS_ROLE = 'arn:aws:iam::123456789012:role/admins';
const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:tokens';

let mock: CognitoMock | undefined;
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});

/** A mock whose pool names a trigger of `version` (a real ARN, which cannot run) and runs `handler` in its place. */
async function start(version: 'V1_0' | 'V2_0' | 'V3_0', handler: PreTokenGenerationHandler, data?: string) {
  mock = await startCognitoMock({
    fixtures: signInFixtures({ LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: version, LambdaArn: LAMBDA_ARN } } }),
    triggers: { [POOL]: handler },
    ...(data === undefined ? {} : { data }),
  });
  return managementClient(mock.url);
}

/** A trigger that records each event it gets (as received, before any answer) and answers with `answer`. */
function recording(answer: (event: PreTokenGenerationEvent) => void = () => {}) {
  const events: PreTokenGenerationEvent[] = [];
  const handler: PreTokenGenerationHandler = (event) => {
    events.push(structuredClone(event));
    answer(event);
    return event;
  };
  return { events, handler };
}

const passwordSignIn = (sdk: CognitoIdentityProviderClient, clientId: string = CLIENTS.app.id, metadata?: Record<string, string>) =>
  sdk.send(new InitiateAuthCommand({
    ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD },
    ...(metadata === undefined ? {} : { ClientMetadata: metadata }),
  }));

const tokensOf = async (sdk: CognitoIdentityProviderClient, clientId?: string) => {
  const result = (await passwordSignIn(sdk, clientId)).AuthenticationResult!;
  return { id: decodeJwt(result.IdToken!).payload, access: decodeJwt(result.AccessToken!).payload, raw: result };
};

const ALICE_ATTRIBUTES = { sub: ALICE_SUB, 'cognito:user_status': 'CONFIRMED', email: 'alice@example.com', email_verified: 'true' };
const ALICE_GROUPS = { groupsToOverride: ['admins', 'readers'], iamRolesToOverride: [ADMINS_ROLE], preferredRole: ADMINS_ROLE };

describe('the event', () => {
  it('V2, USER_PASSWORD_AUTH: Cognito\'s event, the user\'s attributes and groups; InitiateAuth\'s ClientMetadata is not passed', async () => {
    const { events, handler } = recording();
    const sdk = await start('V2_0', handler);
    await passwordSignIn(sdk, CLIENTS.app.id, { tenant: 'acme' });
    expect(events).toEqual([{
      version: '2',
      triggerSource: 'TokenGeneration_Authentication',
      region: 'us-east-1',
      userPoolId: POOL,
      userName: 'alice',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: CLIENTS.app.id },
      request: { userAttributes: ALICE_ATTRIBUTES, groupConfiguration: ALICE_GROUPS, scopes: ['aws.cognito.signin.user.admin'], clientMetadata: {} },
      response: { claimsAndScopeOverrideDetails: null },
    }]);
  });

  it('V1: no scopes, and the answer goes in claimsOverrideDetails', async () => {
    const { events, handler } = recording();
    await passwordSignIn(await start('V1_0', handler));
    expect(events[0]).toMatchObject({ version: '1', response: { claimsOverrideDetails: null } });
    expect(events[0]!.request).toEqual({ userAttributes: ALICE_ATTRIBUTES, groupConfiguration: ALICE_GROUPS, clientMetadata: {} });
  });

  it('refresh: TokenGeneration_RefreshTokens, with GetTokensFromRefreshToken\'s ClientMetadata (not REFRESH_TOKEN_AUTH\'s)', async () => {
    const { events, handler } = recording();
    const sdk = await start('V3_0', handler);
    const { raw } = await tokensOf(sdk);
    await sdk.send(new InitiateAuthCommand({
      ClientId: CLIENTS.app.id, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: raw.RefreshToken! }, ClientMetadata: { via: 'initiate' },
    }));
    const rotating = (await passwordSignIn(sdk, CLIENTS.rotating.id)).AuthenticationResult!;
    await sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: CLIENTS.rotating.id, RefreshToken: rotating.RefreshToken!, ClientMetadata: { via: 'refresh' } }));
    expect(events.map((e) => [e.version, e.triggerSource, e.callerContext.clientId, e.request.clientMetadata])).toEqual([
      ['3', 'TokenGeneration_Authentication', CLIENTS.app.id, {}],
      ['3', 'TokenGeneration_RefreshTokens', CLIENTS.app.id, {}],
      ['3', 'TokenGeneration_Authentication', CLIENTS.rotating.id, {}],
      ['3', 'TokenGeneration_RefreshTokens', CLIENTS.rotating.id, { via: 'refresh' }],
    ]);
  });

  it('NEW_PASSWORD_REQUIRED: TokenGeneration_NewPasswordChallenge, the user CONFIRMED, RespondToAuthChallenge\'s ClientMetadata', async () => {
    const { events, handler } = recording();
    const sdk = await start('V2_0', handler);
    await sdk.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'nora', TemporaryPassword: 'Temporary-Pass-1', MessageAction: 'SUPPRESS' }));
    const challenge = await sdk.send(new InitiateAuthCommand({
      ClientId: CLIENTS.app.id, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'nora', PASSWORD: 'Temporary-Pass-1' },
    }));
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(events).toEqual([]);
    await sdk.send(new RespondToAuthChallengeCommand({
      ClientId: CLIENTS.app.id, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenge.Session!,
      ChallengeResponses: { USERNAME: 'nora', NEW_PASSWORD: 'Brand-New-Pass-2' }, ClientMetadata: { step: 'new-password' },
    }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      triggerSource: 'TokenGeneration_NewPasswordChallenge', userName: 'nora',
      request: { groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null }, clientMetadata: { step: 'new-password' } },
    });
    expect(events[0]!.request.userAttributes['cognito:user_status']).toBe('CONFIRMED');
  });

  it('SRP with amazon-cognito-identity-js: its ClientMetadata reaches the trigger through RespondToAuthChallenge', async () => {
    const { events, handler } = recording((event) => {
      event.response.claimsAndScopeOverrideDetails = { idTokenGeneration: { claimsToAddOrOverride: { tenant: String(event.request.clientMetadata.tenant) } } };
    });
    mock = await startCognitoMock({
      fixtures: signInFixtures({ UsernameAttributes: undefined, LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: LAMBDA_ARN } } }),
      triggers: { [POOL]: handler },
    });
    const user = new CognitoUser({ Username: 'alice', Pool: new CognitoUserPool({ UserPoolId: POOL, ClientId: CLIENTS.app.id, endpoint: mock.url }) });
    const session = await new Promise<CognitoUserSession>((resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PASSWORD, ClientMetadata: { tenant: 'acme' } }),
        { onSuccess: resolve, onFailure: reject });
    });
    expect(events.map((e) => [e.triggerSource, e.request.clientMetadata])).toEqual([['TokenGeneration_Authentication', { tenant: 'acme' }]]);
    expect(session.getIdToken().decodePayload().tenant).toBe('acme');
  });
});

describe('a trigger module (file: URL)', () => {
  it('runs in its worker thread for user tokens too, sign-in and refresh', async () => {
    const LambdaArn = new URL('triggers/user-tenant.mjs', import.meta.url).href;
    mock = await startCognitoMock({ fixtures: signInFixtures({ LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn } } }) });
    const sdk = managementClient(mock.url);
    const { id, access, raw } = await tokensOf(sdk);
    expect(id).toMatchObject({ tenant: 'example.com', source: 'TokenGeneration_Authentication' });
    expect(access.tenant).toBe('example.com');
    const refreshed = await sdk.send(new InitiateAuthCommand({
      ClientId: CLIENTS.app.id, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: raw.RefreshToken! },
    }));
    expect(decodeJwt(refreshed.AuthenticationResult!.IdToken!).payload).toMatchObject({ tenant: 'example.com', source: 'TokenGeneration_RefreshTokens' });
  });
});

describe('V1_0 answers', () => {
  it('change the ID token only; suppression wins; protected claims stay; groupOverrideDetails replaces groups in both tokens', async () => {
    const { handler } = recording((event) => {
      event.response.claimsOverrideDetails = {
        claimsToAddOrOverride: { tenant: 'acme', plan: 'gold', sub: 'forged', 'cognito:username': 'mallory', aud: 'other', token_use: 'access' },
        claimsToSuppress: ['email', 'plan', 'iss'],
        groupOverrideDetails: { groupsToOverride: ['auditors'], iamRolesToOverride: ['arn:aws:iam::123456789012:role/auditors'] },
      };
    });
    const sdk = await start('V1_0', handler);
    const { id, access, raw } = await tokensOf(sdk);
    expect(id).toMatchObject({ tenant: 'acme', sub: ALICE_SUB, 'cognito:username': 'alice', aud: CLIENTS.app.id, token_use: 'id',
      'cognito:groups': ['auditors'], 'cognito:roles': ['arn:aws:iam::123456789012:role/auditors'] });
    expect(id.iss).toEqual(expect.stringContaining(POOL));
    expect(id).not.toHaveProperty('email');
    expect(id).not.toHaveProperty('plan');
    expect(id).not.toHaveProperty('cognito:preferred_role');
    expect(access).not.toHaveProperty('tenant');
    expect(access['cognito:groups']).toEqual(['auditors']);
    expect(access.scope).toBe('aws.cognito.signin.user.admin');
    const verified = await awsVerifier(mock!, { tokenUse: 'id', clientId: CLIENTS.app.id, groups: 'auditors' }).verify(raw.IdToken!);
    expect(verified.tenant).toBe('acme');
  });

  it('claimsToAddOrOverride must be strings: anything else is an invalid Lambda response', async () => {
    const sdk = await start('V1_0', (event) => {
      (event.response as Record<string, unknown>).claimsOverrideDetails = { claimsToAddOrOverride: { limits: { rps: 10 } } };
      return event;
    });
    expect(await failure(passwordSignIn(sdk))).toMatchObject({ name: 'InvalidLambdaResponseException', message: expect.stringContaining('Unrecognizable lambda output') });
  });
});

describe.each(['V2_0', 'V3_0'] as const)('%s answers', (version) => {
  it('change each token by its own generation, scopes included; protected claims stay', async () => {
    const { handler } = recording((event) => {
      event.response.claimsAndScopeOverrideDetails = {
        idTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme', roles: ['reader', 'writer'] }, claimsToSuppress: ['email_verified', 'origin_jti'] },
        accessTokenGeneration: {
          claimsToAddOrOverride: { tenant: 'acme-api', limits: { rps: 10 }, client_id: 'forged', username: 'alice-renamed' },
          claimsToSuppress: ['event_id'],
          scopesToAdd: ['orders/read', 'orders/write'],
          scopesToSuppress: ['orders/write'],
        },
      };
    });
    const sdk = await start(version, handler);
    const { id, access, raw } = await tokensOf(sdk);
    expect(id).toMatchObject({ tenant: 'acme', roles: ['reader', 'writer'], 'cognito:groups': ['admins', 'readers'] });
    expect(id).not.toHaveProperty('email_verified');
    expect(id.origin_jti).toBe(access.origin_jti);
    expect(id).not.toHaveProperty('limits');
    expect(access).toMatchObject({ tenant: 'acme-api', limits: { rps: 10 }, client_id: CLIENTS.app.id, username: 'alice-renamed',
      scope: 'aws.cognito.signin.user.admin orders/read' });
    expect(access).not.toHaveProperty('event_id');
    expect(id).toHaveProperty('event_id');
    const verified = await awsVerifier(mock!, { tokenUse: 'access', clientId: CLIENTS.app.id }).verify(raw.AccessToken!, { scope: 'orders/read' } as never);
    expect(verified.tenant).toBe('acme-api');
  });

  it('groupOverrideDetails: null removes the groups and roles from both tokens', async () => {
    const sdk = await start(version, (event) => {
      event.response.claimsAndScopeOverrideDetails = { groupOverrideDetails: null };
      return event;
    });
    const { id, access } = await tokensOf(sdk);
    for (const claim of ['cognito:groups', 'cognito:roles', 'cognito:preferred_role']) expect(id).not.toHaveProperty(claim);
    expect(access).not.toHaveProperty('cognito:groups');
  });

  it('groupOverrideDetails sets groups, roles and the preferred role', async () => {
    const role = 'arn:aws:iam::123456789012:role/editors';
    const sdk = await start(version, (event) => {
      event.response.claimsAndScopeOverrideDetails = { groupOverrideDetails: { groupsToOverride: ['editors'], iamRolesToOverride: [role], preferredRole: role } };
      return event;
    });
    const { id, access } = await tokensOf(sdk);
    expect(id).toMatchObject({ 'cognito:groups': ['editors'], 'cognito:roles': [role], 'cognito:preferred_role': role });
    expect(access['cognito:groups']).toEqual(['editors']);
    expect(access).not.toHaveProperty('cognito:roles');
  });
});

describe('a failing trigger', () => {
  const tmp = useTempDir('user-trigger');
  /** The sign-in sessions the store's journal has written (one line each). */
  const sessionWrites = (file: string): string[] =>
    readFileSync(`${file}.journal`, 'utf8').split('\n').filter((line) => line.includes('"SignInSessions"'));

  it('fails the sign-in with Cognito\'s Lambda error and leaves no session behind', async () => {
    const data = tmp.join('store.json');
    const sdk = await start('V2_0', () => { throw new Error('tenant is not onboarded'); }, data);
    expect(await failure(passwordSignIn(sdk)))
      .toEqual({ name: 'UserLambdaValidationException', message: 'PreTokenGeneration failed with error tenant is not onboarded.', status: 400 });
    mock!.setPreTokenGenerationTrigger(POOL, (event) => event);
    await passwordSignIn(sdk);
    expect(sessionWrites(data)).toHaveLength(1);
  });

  it('fails a rotating refresh without using up the refresh token', async () => {
    let fail = false;
    const sdk = await start('V3_0', (event) => {
      if (fail) throw new Error('try later');
      return event;
    });
    const { RefreshToken } = (await passwordSignIn(sdk, CLIENTS.rotating.id)).AuthenticationResult!;
    fail = true;
    const refresh = () => sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: CLIENTS.rotating.id, RefreshToken: RefreshToken! }));
    expect(await failure(refresh())).toMatchObject({ name: 'UserLambdaValidationException', message: 'PreTokenGeneration failed with error try later.' });
    fail = false;
    const refreshed = (await refresh()).AuthenticationResult!;
    expect(refreshed.RefreshToken).toBeDefined();
    expect(refreshed.RefreshToken).not.toBe(RefreshToken);
  });

  it('an answer that is not the event is InvalidLambdaResponseException', async () => {
    const sdk = await start('V3_0', () => 'tokens please');
    expect(await failure(passwordSignIn(sdk))).toMatchObject({ name: 'InvalidLambdaResponseException', status: 400 });
  });
});
