import type { CognitoMock } from '../../src/testing/index.js';
import { signingKeys } from '../support/fixtures.js';

// One pool for the console's tests: a resource server, a client-credentials client with a secret,
// a code-flow client with a callback URL, a user in a group, and a client whose name is markup.

export const POOL = 'us-east-1_Console01';
export const OTHER_POOL = 'eu-west-1_Console02';
export const PASSWORD = 'Correct-Horse-9';
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
/** Usernames hold no whitespace, but may hold markup: the same attack in the characters a username allows. */
export const HOSTILE_USERNAME = '<img/src=x/onerror=alert(2)>';

export const CLIENTS = {
  service: { id: 'console0service0client0001', secret: 'console0service0secret0for0tests0only000000000000000' },
  web: { id: 'console0web0client0code0002', secret: 'console0web0secret0for0tests0only00000000000000000000' },
  hostile: { id: 'console0hostile0client0003' },
  other: { id: 'console0other0pool0client4', secret: 'console0other0secret0for0tests0only000000000000000000' },
} as const;

export function consoleFixtures() {
  return {
    UserPools: [{
      Id: POOL, Name: 'console-pool', Domain: 'console-tests', SigningKeys: signingKeys(1),
      ResourceServers: [{ Identifier: 'orders', Name: 'Orders API', Scopes: [
        { ScopeName: 'read', ScopeDescription: 'Read orders' }, { ScopeName: 'write', ScopeDescription: 'Change orders' }] }],
      Groups: [{ GroupName: 'readers', Precedence: 5, Description: 'May read' }],
      UserPoolClients: [
        { ClientId: CLIENTS.service.id, ClientName: 'billing-service', ClientSecret: CLIENTS.service.secret,
          AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read', 'orders/write'] },
        { ClientId: CLIENTS.web.id, ClientName: 'web-app', ClientSecret: CLIENTS.web.secret, AllowedOAuthFlows: ['code'],
          AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['openid', 'email'], SupportedIdentityProviders: ['COGNITO'],
          CallbackURLs: ['http://localhost:3000/callback'], ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      ],
      Users: [
        { Username: 'alice', Password: PASSWORD, Groups: ['readers'],
          UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }] },
        { Username: 'dora', Password: PASSWORD, Enabled: false },
        { Username: HOSTILE_USERNAME, Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: HOSTILE_NAME }] },
      ],
    }, {
      Id: OTHER_POOL, Name: 'other-pool', SigningKeys: signingKeys(2),
      ResourceServers: [{ Identifier: 'stock', Name: 'Stock API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read stock' }] }],
      UserPoolClients: [{ ClientId: CLIENTS.other.id, ClientName: 'other-service', ClientSecret: CLIENTS.other.secret,
        AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['stock/read'] }],
    }],
  };
}

/**
 * A client named with markup. Neither fixtures nor CreateUserPoolClient accept `<` in a ClientName
 * (`[\\w\\s+=,.@-]+`), so the test puts it into the registry as a hand-edited store would hold it:
 * the console must not rely on the API's checks to escape what it prints.
 */
export async function addHostileClient(mock: CognitoMock): Promise<void> {
  const now = Date.now() / 1000;
  await mock.server.registry.putClient({ UserPoolId: POOL, ClientId: CLIENTS.hostile.id, ClientName: HOSTILE_NAME, CreationDate: now, LastModifiedDate: now,
    CallbackURLs: ['https://example.com/"><script>alert(3)</script>'] });
}
