import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/model/config-error.js';
import { startServer } from '../../src/server.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { decodeJwt, requestToken, signingKeys } from '../support/fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// Fixtures in AWS API shapes, validated against Cognito's own rules: every problem at once, each
// with its file and JSON path (cognito-reference §5, §6.5).

const SECRET = 'fixture0secret0for0tests0only00000000000000000000000';
const ORDERS_SERVER = {
  Identifier: 'orders', Name: 'Orders API',
  Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }, { ScopeName: 'write', ScopeDescription: 'Write orders' }],
};
const m2mClient = (ClientId: string, extra: Record<string, unknown> = {}) => ({
  ClientId, ClientName: ClientId, ClientSecret: SECRET, AllowedOAuthFlows: ['client_credentials'],
  AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'], ...extra,
});
const pool = (Id: string, clients: unknown[], extra: Record<string, unknown> = {}) => ({
  Id, Name: 'fixture-pool', SigningKeys: signingKeys(0), ResourceServers: [ORDERS_SERVER], UserPoolClients: clients, ...extra,
});

/** The problems startServer reports for these fixtures. */
async function problemsOf(fixtures: string): Promise<readonly string[]> {
  const error: unknown = await startServer({ fixtures }).then(async (server) => {
    await server.close();
    throw new Error('the server started');
  }, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

const tmp = useTempDir('fixtures');

async function fixtureFile(name: string, content: unknown): Promise<string> {
  const file = tmp.join(name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

describe('fixture validation', () => {
  it('reports every broken rule of a file at once, each with the file and JSON path', async () => {
    const file = await fixtureFile('pools.json', {
      UserPools: [
        pool('us-east-1-NoUnderscore', []),
        pool('local_abc123', [], { SigningKeys: signingKeys(1) }),
        pool('us-east-1_Rules0001', [
          m2mClient('nosecret', { ClientSecret: undefined }),
          m2mClient('withcode', { AllowedOAuthFlows: ['client_credentials', 'code'] }),
          m2mClient('undefinedscope', { AllowedOAuthScopes: ['orders/read', 'orders/delete'] }),
          m2mClient('twodays', { AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'days' } }),
          m2mClient('oneminute', { AccessTokenValidity: 1, TokenValidityUnits: { AccessToken: 'minutes' } }),
          m2mClient('overmodel', { AccessTokenValidity: 86401, TokenValidityUnits: { AccessToken: 'seconds' } }),
          m2mClient('unknownmember', { Colour: 'blue' }),
        ], { SigningKeys: signingKeys(2) }),
      ],
    });
    const at = (path: string, message: string) => `${file}: UserPools[${path}: ${message}`;
    expect(await problemsOf(file)).toEqual([
      at('0].Id', 'must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+ (got "us-east-1-NoUnderscore")'),
      at('1].Id', '"local_abc123" must look like <region>_<suffix>, e.g. us-east-1_Example01 (aws-jwt-verify rejects other ids)'),
      at('2].UserPoolClients[0].AllowedOAuthFlows', 'client_credentials flow can not be selected if client does not have a client secret.'),
      at('2].UserPoolClients[1].AllowedOAuthFlows', 'client_credentials flow can not be selected along with code flow or implicit flow.'),
      at('2].UserPoolClients[2].AllowedOAuthScopes[1]', 'scope "orders/delete" is not defined by a resource server of this pool'),
      at('2].UserPoolClients[3].AccessTokenValidity', 'Invalid range for token validity.'),
      at('2].UserPoolClients[4].AccessTokenValidity', 'Invalid range for token validity.'),
      at('2].UserPoolClients[5].AccessTokenValidity', 'must have value less than or equal to 86400 (got 86401)'),
      at('2].UserPoolClients[6].Colour', 'unknown member "Colour"'),
    ]);
  });

  it('rejects a scope defined by a resource server of another pool', async () => {
    const file = await fixtureFile('pools.json', {
      UserPools: [
        pool('us-east-1_Defines01', []),
        pool('us-east-1_Borrows01', [m2mClient('borrower')], { ResourceServers: [], SigningKeys: signingKeys(1) }),
      ],
    });
    expect(await problemsOf(file)).toEqual([
      `${file}: UserPools[1].UserPoolClients[0].AllowedOAuthScopes[0]: scope "orders/read" is not defined by a resource server of this pool`,
    ]);
  });

  it('reports duplicate pool, client and domain ids across the files of a directory', async () => {
    const a = await fixtureFile('a.json', { UserPools: [pool('us-east-1_Twice0001', [m2mClient('sameclient')], { Domain: 'same-domain' })] });
    const b = await fixtureFile('b.json', {
      UserPools: [
        pool('us-east-1_Twice0001', [], { SigningKeys: signingKeys(1) }),
        pool('us-east-1_Other0001', [m2mClient('sameclient')], { Domain: 'same-domain', SigningKeys: signingKeys(2) }),
      ],
    });
    expect(await problemsOf(tmp.path)).toEqual([
      `${b}: UserPools[0].Id: duplicate user pool id "us-east-1_Twice0001" (first defined at ${a}: UserPools[0].Id)`,
      `${b}: UserPools[1].Domain: duplicate domain "same-domain" (first defined at ${a}: UserPools[0].Domain)`,
      `${b}: UserPools[1].UserPoolClients[0].ClientId: duplicate client id "sameclient" (first defined at ${a}: UserPools[0].UserPoolClients[0].ClientId)`,
    ]);
  });

  it('reports a file that is not JSON together with the problems of the other files', async () => {
    const broken = await fixtureFile('a-broken.json', '{"UserPools": [');
    const wrong = await fixtureFile('b-wrong.json', { UserPools: [pool('us-east-1_Wrong0001', [m2mClient('x', { AllowedOAuthScopes: ['orders/none'] })])] });
    expect(await problemsOf(tmp.path)).toEqual([
      expect.stringMatching(new RegExp(`^${broken.replaceAll('/', '\\/')}: not valid JSON \\(.+\\)$`)),
      `${wrong}: UserPools[0].UserPoolClients[0].AllowedOAuthScopes[0]: scope "orders/none" is not defined by a resource server of this pool`,
    ]);
  });

  it('reports a document that is not {"UserPools": [...]}', async () => {
    const file = await fixtureFile('pools.json', { Pools: [] });
    expect(await problemsOf(file)).toEqual([`${file}: a fixture file must be an object with a "UserPools" array`]);
  });

  it('reports a fixture path that does not exist', async () => {
    const missing = tmp.join('missing.json');
    expect(await problemsOf(missing)).toEqual([`${missing}: cannot read fixtures (ENOENT)`]);
  });

  it('reports ClientSecret together with "GenerateSecret": true', async () => {
    const file = await fixtureFile('pools.json', { UserPools: [pool('us-east-1_Secrets01', [m2mClient('both', { GenerateSecret: true })])] });
    expect(await problemsOf(file)).toEqual([`${file}: UserPools[0].UserPoolClients[0].GenerateSecret: give either ClientSecret or "GenerateSecret": true, not both`]);
  });
});

describe('fixture loading', () => {
  let mock: CognitoMock | undefined;
  afterEach(async () => { await mock?.stop(); mock = undefined; });

  const tokenFor = async (clientId: string, secret: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await requestToken(mock!.tokenEndpoint, { clientId, secret });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('loads every *.json of a directory in name order and ignores other files', async () => {
    await fixtureFile('10-first.json', { UserPools: [pool('us-east-1_DirFirst1', [m2mClient('firstclient')])] });
    await fixtureFile('20-second.json', { UserPools: [pool('eu-west-1_DirSecnd1', [m2mClient('secondclient')], { SigningKeys: signingKeys(1) })] });
    await fixtureFile('notes.txt', 'not a fixture');
    mock = await startCognitoMock({ fixtures: tmp.path });
    expect(mock.pools().map((p) => p.Id)).toEqual(['us-east-1_DirFirst1', 'eu-west-1_DirSecnd1']);
    const second = await tokenFor('secondclient', SECRET);
    expect(second.status).toBe(200);
    expect(decodeJwt(second.body.access_token as string).payload.iss).toBe('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_DirSecnd1');
  });

  it('takes a client pasted from `aws cognito-idp describe-user-pool-client` unchanged', async () => {
    // The CLI's output shape (reference §5, §6.4): UserPoolId, ISO dates, every unit echoed.
    const described = {
      UserPoolId: 'us-east-1_Pasted001',
      ClientName: 'billing-service',
      ClientId: '4u5bkglkq8am2pvr1c1sq7s75p',
      ClientSecret: SECRET,
      LastModifiedDate: '2024-12-02T10:11:12.345000+00:00',
      CreationDate: '2024-12-01T09:00:00.000000+00:00',
      RefreshTokenValidity: 30,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['orders/write', 'orders/read'],
      AllowedOAuthFlowsUserPoolClient: true,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      EnablePropagateAdditionalUserContextData: false,
      AuthSessionValidity: 3,
    };
    mock = await startCognitoMock({ fixtures: { UserPools: [pool('us-east-1_Pasted001', [described])] } });
    const { status, body } = await tokenFor(described.ClientId, SECRET);
    expect({ status, expires_in: body.expires_in }).toEqual({ status: 200, expires_in: 3600 });
    expect(decodeJwt(body.access_token as string).payload.scope).toBe('orders/write orders/read');
    const stored = mock.client(described.ClientId)!;
    expect({ CreationDate: stored.CreationDate, LastModifiedDate: stored.LastModifiedDate, UserPoolId: stored.UserPoolId })
      .toEqual({ CreationDate: Date.parse('2024-12-01T09:00:00Z') / 1000, LastModifiedDate: 1733134272.345, UserPoolId: 'us-east-1_Pasted001' });
  });

  it('generates a secret for "GenerateSecret": true and keeps it across restarts with the same store', async () => {
    const data = tmp.join('store', 'db.json');
    const fixtures = { UserPools: [pool('us-east-1_Generate1', [m2mClient('generated', { ClientSecret: undefined, GenerateSecret: true })])] };
    mock = await startCognitoMock({ fixtures, data });
    const secret = mock.client('generated')!.ClientSecret!;
    expect(secret).toMatch(/^[0-9a-v]{51,52}$/);
    expect((await tokenFor('generated', secret)).status).toBe(200);
    await mock.stop();

    mock = await startCognitoMock({ fixtures, data });
    expect(mock.client('generated')!.ClientSecret).toBe(secret);
    expect((await tokenFor('generated', secret)).status).toBe(200);
  });

  it('generates a different secret for each client and for each fresh store', async () => {
    const fixtures = { UserPools: [pool('us-east-1_Generate2', [
      m2mClient('first', { ClientSecret: undefined, GenerateSecret: true }),
      m2mClient('second', { ClientSecret: undefined, GenerateSecret: true }),
    ])] };
    mock = await startCognitoMock({ fixtures });
    const secrets = [mock.client('first')!.ClientSecret, mock.client('second')!.ClientSecret];
    await mock.stop();
    mock = await startCognitoMock({ fixtures });
    secrets.push(mock.client('first')!.ClientSecret);
    expect(new Set(secrets).size).toBe(3);
  });
});
