import { signingKeys } from '../support/fixtures.js';

// One pool with a domain for the hosted-login tests: a public SPA client (code + PKCE, implicit),
// a confidential web-app client, users in each state a sign-in page meets.

export const POOL = 'us-east-1_Hosted001';
export const DOMAIN = 'hosted-tests';
export const PASSWORD = 'Correct-Horse-9';
export const TEMPORARY_PASSWORD = 'Temporary-Pass-1';
export const ALICE_SUB = '21111111-2222-4333-8444-555555555555';

export const CLIENTS = {
  /** Public: code and implicit flows, every OIDC scope and the admin scope. */
  spa: { id: 'hosted0spa0client0public01' },
  /** Confidential: code flow only, with a secret. */
  web: { id: 'hosted0web0client0secret02', secret: 'hosted0secret0for0tests0only0000000000000000000000000' },
  /** No OAuth flows at all. */
  api: { id: 'hosted0api0client0noflows3' },
} as const;

/** Where the apps of these tests come back to: callback and sign-out URLs (any of them; tests pass their own too). */
export const CALLBACK = 'http://localhost:3000/callback';
export const SIGNED_OUT = 'http://localhost:3000/signed-out';

export interface HostedUrls {
  callbackUrls?: string[];
  logoutUrls?: string[];
}

export function hostedFixtures(urls: HostedUrls = {}, pool: Record<string, unknown> = {}) {
  const callbackUrls = [CALLBACK, ...urls.callbackUrls ?? []];
  const logoutUrls = [SIGNED_OUT, ...urls.logoutUrls ?? []];
  const oauth = { AllowedOAuthFlowsUserPoolClient: true, SupportedIdentityProviders: ['COGNITO'], CallbackURLs: callbackUrls, LogoutURLs: logoutUrls };
  return {
    UserPools: [{
      Id: POOL, Name: 'hosted', Domain: DOMAIN, SigningKeys: signingKeys(1),
      Groups: [{ GroupName: 'readers', Precedence: 5 }],
      UserPoolClients: [
        { ClientId: CLIENTS.spa.id, ClientName: 'spa', ...oauth, AllowedOAuthFlows: ['code', 'implicit'],
          AllowedOAuthScopes: ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'],
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
        { ClientId: CLIENTS.web.id, ClientName: 'web', ClientSecret: CLIENTS.web.secret, ...oauth, AllowedOAuthFlows: ['code'],
          AllowedOAuthScopes: ['openid', 'email', 'profile'] },
        { ClientId: CLIENTS.api.id, ClientName: 'api', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] },
      ],
      Users: [
        { Username: 'alice', Password: PASSWORD, Groups: ['readers'],
          UserAttributes: [{ Name: 'sub', Value: ALICE_SUB }, { Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: 'Alice' }, { Name: 'phone_number', Value: '+12065551212' }] },
        { Username: 'nora', Password: TEMPORARY_PASSWORD, UserStatus: 'FORCE_CHANGE_PASSWORD',
          UserAttributes: [{ Name: 'email', Value: 'nora@example.com' }] },
        { Username: 'dora', Password: PASSWORD, Enabled: false },
        { Username: 'uma', Password: PASSWORD, UserStatus: 'UNCONFIRMED' },
      ],
      ...pool,
    }],
  };
}
