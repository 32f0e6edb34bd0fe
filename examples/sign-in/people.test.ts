import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn } from 'aws-amplify/auth';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';

// One pool of people, signed in by the clients real apps use: only the endpoint differs from AWS.
const userPoolId = 'us-east-1_People01';
const clientId = 'peopleapp0client000000001';

let mock: CognitoMock;
beforeAll(async () => {
  mock = await startCognitoMock({
    fixtures: {
      UserPools: [{
        Id: userPoolId, Name: 'people',
        Groups: [{ GroupName: 'admins', Precedence: 1 }],
        UserPoolClients: [{ ClientId: clientId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
        Users: [{ Username: 'alice', Password: 'Correct-Horse-9', Groups: ['admins'], UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }] }],
      }],
    },
  });
});
afterAll(() => mock.stop());

// aws-jwt-verify, as in production, with the mock's JWKS handed over instead of fetched.
async function verifyIdToken(idToken: string) {
  const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'id', clientId, groups: 'admins' });
  verifier.cacheJwks(mock.jwks(userPoolId));
  return verifier.verify(idToken);
}

it('amazon-cognito-identity-js: `endpoint` in the pool data', async () => {
  const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint: mock.url });
  const user = new CognitoUser({ Username: 'alice', Pool: pool });
  const session = await new Promise<CognitoUserSession>((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'Correct-Horse-9' }), { onSuccess: resolve, onFailure: reject });
  });
  expect((await verifyIdToken(session.getIdToken().getJwtToken())).email).toBe('alice@example.com');
});

it('Amplify v6: `userPoolEndpoint`', async () => {
  Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId: clientId, userPoolEndpoint: mock.url } } });
  await signIn({ username: 'alice', password: 'Correct-Horse-9' });
  const { tokens } = await fetchAuthSession();
  expect((await verifyIdToken(tokens!.idToken!.toString()))['cognito:groups']).toEqual(['admins']);
});

it('the AWS SDK: `endpoint` of the client', async () => {
  const cognito = new CognitoIdentityProviderClient({ endpoint: mock.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const { AuthenticationResult } = await cognito.send(new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: 'Correct-Horse-9' },
  }));
  expect((await verifyIdToken(AuthenticationResult!.IdToken!))['cognito:username']).toBe('alice');
});

it('the testing API: tokens without HTTP', async () => {
  const { idToken } = await mock.signIn({ clientId, username: 'alice', password: 'Correct-Horse-9' });
  expect((await verifyIdToken(idToken)).aud).toBe(clientId);
});
