import {
  CreateUserPoolClientCommand, type ExplicitAuthFlowsType, GetClientTokenCommand, UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { createAccessTokenVerifier } from '../../src/verifier/index.js';
import { ORDERS_CLIENT, POOL_ID, decodeJwt, testFixtures } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { accessToken, awsVerifierOnMock } from './support/aws-verifier.js';

// GetClientToken (cognito-reference §1.9), with the installed SDK's own GetClientTokenCommand.

// The installed SDK has GetClientTokenCommand, but its ExplicitAuthFlowsType enum predates the flow.
const CLIENT_TOKEN_FLOW = 'ALLOW_CLIENT_TOKEN_AUTH' as ExplicitAuthFlowsType;

const TOKEN_CLIENT = { id: '8api0token0client00000id08', secret: 'gettoken0secret0for0tests0only00000000000000000000008' };
const TOKEN_CLIENT_FIXTURE = {
  ClientId: TOKEN_CLIENT.id, ClientName: 'api-token', ClientSecret: TOKEN_CLIENT.secret,
  ExplicitAuthFlows: ['ALLOW_CLIENT_TOKEN_AUTH'], AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthScopes: ['orders/read', 'orders/write'], AccessTokenValidity: 15, TokenValidityUnits: { AccessToken: 'minutes' },
};

let mock: CognitoMock;
const sdk = () => managementClient(mock.url);
const getToken = (input: { ClientId: string; Secret: string; Scopes?: string[] }) => sdk().send(new GetClientTokenCommand(input));

beforeAll(async () => {
  const fixtures = testFixtures();
  fixtures.UserPools[0]!.UserPoolClients.push(TOKEN_CLIENT_FIXTURE as never);
  mock = await startCognitoMock({ fixtures });
});
afterAll(() => mock.stop());

describe('GetClientToken', () => {
  it('answers {ClientAuthenticationResult: {AccessToken, ExpiresIn, TokenType}} with the token the token endpoint issues', async () => {
    const result = await getToken({ ClientId: TOKEN_CLIENT.id, Secret: TOKEN_CLIENT.secret });
    expect(result.ClientAuthenticationResult).toEqual({ AccessToken: expect.stringMatching(/^eyJraWQiOi/), ExpiresIn: 900, TokenType: 'Bearer' });
    const viaApi = decodeJwt(result.ClientAuthenticationResult!.AccessToken!);
    const viaEndpoint = decodeJwt(await accessToken(mock, TOKEN_CLIENT));
    expect(viaApi.header).toEqual(viaEndpoint.header);
    expect(Object.keys(viaApi.payload)).toEqual(Object.keys(viaEndpoint.payload));
    expect(viaApi.payload).toMatchObject({ sub: TOKEN_CLIENT.id, client_id: TOKEN_CLIENT.id, scope: 'orders/read orders/write', iss: mock.issuer(POOL_ID) });
    expect((viaApi.payload.exp as number) - (viaApi.payload.iat as number)).toBe(900);
  });

  it('grants the requested Scopes only, and the token verifies with aws-jwt-verify and this project\'s verifier', async () => {
    const { ClientAuthenticationResult } = await getToken({ ClientId: TOKEN_CLIENT.id, Secret: TOKEN_CLIENT.secret, Scopes: ['orders/write'] });
    const token = ClientAuthenticationResult!.AccessToken!;
    expect(decodeJwt(token).payload.scope).toBe('orders/write');
    expect(await awsVerifierOnMock(mock, POOL_ID, TOKEN_CLIENT.id, ['orders/write']).verifier.verify(token)).toMatchObject({ client_id: TOKEN_CLIENT.id });
    const ours = createAccessTokenVerifier({ ...mock.verifierOptions(POOL_ID), clientId: TOKEN_CLIENT.id, scopes: ['orders/write'] });
    expect(await ours.verify(token)).toMatchObject({ scope: 'orders/write' });
  });

  it('names each refusal as Cognito\'s API does', async () => {
    expect(await failure(getToken({ ClientId: TOKEN_CLIENT.id, Secret: 'wrong0secret0000000000000000' })))
      .toEqual({ name: 'NotAuthorizedException', message: 'Incorrect client secret.', status: 400 });
    expect(await failure(getToken({ ClientId: 'unknown0client', Secret: TOKEN_CLIENT.secret })))
      .toEqual({ name: 'ResourceNotFoundException', message: 'User pool client unknown0client does not exist.', status: 400 });
    // A client-credentials client without ALLOW_CLIENT_TOKEN_AUTH, even with the right secret.
    expect(await failure(getToken({ ClientId: ORDERS_CLIENT.id, Secret: ORDERS_CLIENT.secret })))
      .toEqual({ name: 'InvalidParameterException', message: 'CLIENT_TOKEN_AUTH flow not enabled for this client', status: 400 });
    expect(await failure(getToken({ ClientId: TOKEN_CLIENT.id, Secret: TOKEN_CLIENT.secret, Scopes: ['orders/admin'] })))
      .toEqual({ name: 'InvalidParameterException', message: 'Invalid scope requested: orders/admin', status: 400 });
    expect((await failure(getToken({ ClientId: TOKEN_CLIENT.id } as never))).name).toBe('InvalidParameterException');
  });
});

describe('ALLOW_CLIENT_TOKEN_AUTH in the client configuration', () => {
  const m2m = { UserPoolId: POOL_ID, AllowedOAuthFlows: ['client_credentials' as const], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'] };

  it('is refused next to user authentication flows ("mutually exclusive") and without a secret', async () => {
    const together = await failure(sdk().send(new CreateUserPoolClientCommand({ ...m2m, ClientName: 'mixed', GenerateSecret: true,
      ExplicitAuthFlows: [CLIENT_TOKEN_FLOW, 'ALLOW_REFRESH_TOKEN_AUTH'] })));
    expect(together).toMatchObject({ name: 'InvalidParameterException', message: 'ALLOW_CLIENT_TOKEN_AUTH can not be selected along with user authentication flows.' });
    const publicClient = await failure(sdk().send(new CreateUserPoolClientCommand({ UserPoolId: POOL_ID, ClientName: 'public',
      ExplicitAuthFlows: [CLIENT_TOKEN_FLOW] })));
    expect(publicClient).toMatchObject({ name: 'InvalidParameterException', message: 'ALLOW_CLIENT_TOKEN_AUTH can not be selected if client does not have a client secret.' });
  });

  it('enabled on a new client through the API, GetClientToken works at once; removed, it stops', async () => {
    const { UserPoolClient } = await sdk().send(new CreateUserPoolClientCommand({ ...m2m, ClientName: 'api-made', GenerateSecret: true,
      ExplicitAuthFlows: [CLIENT_TOKEN_FLOW] }));
    const credentials = { ClientId: UserPoolClient!.ClientId!, Secret: UserPoolClient!.ClientSecret! };
    expect((await getToken(credentials)).ClientAuthenticationResult!.ExpiresIn).toBe(3600);
    await sdk().send(new UpdateUserPoolClientCommand({ ...m2m, ClientId: credentials.ClientId }));
    expect((await failure(getToken(credentials))).name).toBe('InvalidParameterException');
  });

  it('rejects the same mix in a fixture, naming file and path', async () => {
    const fixtures = testFixtures();
    fixtures.UserPools[0]!.UserPoolClients.push({ ...TOKEN_CLIENT_FIXTURE, ExplicitAuthFlows: ['ALLOW_CLIENT_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'] } as never);
    await expect(startCognitoMock({ fixtures })).rejects.toMatchObject({ problems: [
      '<fixtures object>: UserPools[0].UserPoolClients[4].ExplicitAuthFlows: ALLOW_CLIENT_TOKEN_AUTH can not be selected along with user authentication flows.',
    ] });
  });
});
