import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Fetcher } from 'aws-jwt-verify/https';
import type { CognitoMock } from '../../src/testing/index.js';
import { signingKeys } from '../support/fixtures.js';

// One pool of people for the sign-in tests: users in each state, clients with each setting.

export const POOL = 'us-east-1_SignIn001';
export const PASSWORD = 'Correct-Horse-9';
export const ALICE_SUB = '11111111-2222-4333-8444-555555555555';

export const CLIENTS = {
  /** Public, every API flow. */
  app: { id: 'signin0app0client0public01' },
  /** With a secret. */
  secret: { id: 'signin0app0client0secret02', secret: 'signin0secret0for0tests0only00000000000000000000000' },
  /** No ExplicitAuthFlows: Cognito's defaults (SRP, refresh, custom). */
  defaults: { id: 'signin0app0client0default3' },
  /** PreventUserExistenceErrors ENABLED. */
  hiding: { id: 'signin0app0client0hiding04' },
  /** Refresh-token rotation on. */
  rotating: { id: 'signin0app0client0rotate05' },
} as const;

const ALL_FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

export function signInFixtures(pool: Record<string, unknown> = {}) {
  return {
    UserPools: [{
      Id: POOL, Name: 'people', SigningKeys: signingKeys(0),
      Groups: [{ GroupName: 'readers', Precedence: 5 }, { GroupName: 'admins', Precedence: 1, RoleArn: 'arn:aws:iam::123456789012:role/admins' }],
      UserPoolClients: [
        { ClientId: CLIENTS.app.id, ClientName: 'app', ExplicitAuthFlows: ALL_FLOWS },
        { ClientId: CLIENTS.secret.id, ClientName: 'backend', ClientSecret: CLIENTS.secret.secret, ExplicitAuthFlows: ALL_FLOWS },
        { ClientId: CLIENTS.defaults.id, ClientName: 'defaults' },
        { ClientId: CLIENTS.hiding.id, ClientName: 'hiding', ExplicitAuthFlows: ALL_FLOWS, PreventUserExistenceErrors: 'ENABLED' },
        { ClientId: CLIENTS.rotating.id, ClientName: 'rotating', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'],
          RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 } },
      ],
      Users: [
        { Username: 'alice', Password: PASSWORD, Groups: ['readers', 'admins'],
          UserAttributes: [{ Name: 'sub', Value: ALICE_SUB }, { Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }] },
        { Username: 'dora', Password: PASSWORD, Enabled: false },
        { Username: 'uma', Password: PASSWORD, UserStatus: 'UNCONFIRMED' },
        { Username: 'rita', Password: PASSWORD, UserStatus: 'RESET_REQUIRED' },
      ],
      ...pool,
    }],
  };
}

/** aws-jwt-verify's CognitoJwtVerifier on its production path, its JWKS fetched from the mock. */
export function awsVerifier(mock: CognitoMock, props: { tokenUse: 'id' | 'access'; clientId: string; groups?: string | string[] }) {
  const fetcher: Fetcher = {
    async fetch() {
      const res = await fetch(mock.jwksUri(POOL));
      return res.arrayBuffer();
    },
  };
  return CognitoJwtVerifier.create({ userPoolId: POOL, ...props }, { jwksCache: new SimpleJwksCache({ fetcher }) });
}
