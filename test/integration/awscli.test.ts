import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { NEW_POOL_KEYS, decodeJwt, requestToken } from '../support/fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const run = promisify(execFile);

/** Why the AWS CLI cannot be driven here, or undefined when `aws --version` runs. */
function awsMissing(): string | undefined {
  // A pyenv or asdf shim is on PATH even where no aws is installed behind it: run it to know.
  const probe = spawnSync('aws', ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error) return (probe.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'aws CLI not on PATH' : `aws --version failed: ${probe.error.message}`;
  if (probe.status !== 0) return `aws --version exited ${probe.status}: ${`${probe.stderr}${probe.stdout}`.trim().split('\n')[0]}`;
  return undefined;
}
const skipReason = awsMissing();

/**
 * The AWS CLI (the Debian `awscli` package in CI, installed by .ci/run) against the mock, with
 * nothing changed but `--endpoint-url`: the README's copy-paste example, step by step.
 */
describe.skipIf(skipReason !== undefined)(`aws cognito-idp against the mock${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const home = useTempDir('awscli', 'all');
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ keysForNewPools: NEW_POOL_KEYS }); });
  afterAll(() => mock.stop());

  // biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, read member by member as the tests need it
  async function aws(...args: string[]): Promise<Record<string, any>> {
    const { stdout } = await run('aws', ['cognito-idp', ...args, '--endpoint-url', mock.url, '--output', 'json'], {
      env: {
        PATH: process.env.PATH,
        HOME: home.path, // no user config or credentials of the machine running the tests
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_DEFAULT_REGION: 'eu-west-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
      },
    });
    return stdout.trim() === '' ? {} : JSON.parse(stdout);
  }

  it('creates a pool, a resource server and an M2M client that gets a token, then deletes it', { timeout: 90_000 }, async () => {
    const { UserPool } = await aws('create-user-pool', '--pool-name', 'cli-pool');
    expect(UserPool.Id).toMatch(/^eu-west-1_[A-Za-z0-9]{9}$/);
    const poolId: string = UserPool.Id;

    const { ResourceServer } = await aws('create-resource-server', '--user-pool-id', poolId, '--identifier', 'orders',
      '--name', 'Orders API', '--scopes', 'ScopeName=read,ScopeDescription=Read orders');
    expect(ResourceServer).toEqual({ UserPoolId: poolId, Identifier: 'orders', Name: 'Orders API',
      Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }] });

    const { UserPoolClient } = await aws('create-user-pool-client', '--user-pool-id', poolId, '--client-name', 'billing',
      '--generate-secret', '--allowed-o-auth-flows', 'client_credentials', '--allowed-o-auth-scopes', 'orders/read',
      '--allowed-o-auth-flows-user-pool-client');
    expect(UserPoolClient.ClientId).toMatch(/^[0-9a-v]{26}$/);
    expect(UserPoolClient.ClientSecret).toMatch(/^[0-9a-v]{52}$/);

    const listed = await aws('list-user-pool-clients', '--user-pool-id', poolId);
    expect(listed.UserPoolClients).toEqual([{ ClientId: UserPoolClient.ClientId, UserPoolId: poolId, ClientName: 'billing' }]);

    const res = await requestToken(mock.tokenEndpoint, { clientId: UserPoolClient.ClientId, secret: UserPoolClient.ClientSecret });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    expect(decodeJwt(access_token).payload).toMatchObject({ scope: 'orders/read', iss: `https://cognito-idp.eu-west-1.amazonaws.com/${poolId}` });

    await aws('delete-user-pool-client', '--user-pool-id', poolId, '--client-id', UserPoolClient.ClientId);
    const after = await requestToken(mock.tokenEndpoint, { clientId: UserPoolClient.ClientId, secret: UserPoolClient.ClientSecret });
    expect(await after.json()).toEqual({ error: 'invalid_client' });
  });

  it('reports Cognito errors the way the CLI shows them', { timeout: 30_000 }, async () => {
    const error = await aws('describe-user-pool', '--user-pool-id', 'eu-west-1_Missing00').then(() => undefined, (e: { stderr: string }) => e);
    expect(error?.stderr).toContain('(ResourceNotFoundException) when calling the DescribeUserPool operation: User pool eu-west-1_Missing00 does not exist.');
  });
});
