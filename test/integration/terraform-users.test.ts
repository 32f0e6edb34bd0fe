import {
  DescribeUserPoolCommand, GetGroupCommand, InitiateAuthCommand, ListGroupsCommand, ListUserPoolsCommand, ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { NEW_POOL_KEYS } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { awsProviderBlock, findAwsProviderMirror, terraformMissing, terraformWorkspace, transcript } from '../support/terraform.js';
import { useTempDir } from '../support/temp-dir.js';

const skipReason = terraformMissing();

const EMAIL = 'ada@example.com';
const PASSWORD = 'Analytical-Engine-1843';

/** What changes between the first apply and the second. */
interface Revision {
  password: string;
  team: string;
  precedence: number;
  /** Extra user attributes, as HCL lines. */
  extra?: string;
}

const FIRST: Revision = { password: PASSWORD, team: 'engines', precedence: 10 };
const SECOND: Revision = { password: 'Difference-Engine-1822', team: 'analytics', precedence: 5, extra: '    name           = "Ada Lovelace"' };

/** Users signing in with their email: a pool with a password policy and a custom attribute, an app client, a group, a user in it. */
function usersConfig(providerVersion: string, endpoint: string, revision: Revision): string {
  return `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "${providerVersion}" }
  }
}

${awsProviderBlock(endpoint)}
resource "aws_cognito_user_pool" "pool" {
  name                = "people-pool"
  username_attributes = ["email"]

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 3
  }

  schema {
    name                = "team"
    attribute_data_type = "String"
    mutable             = true
    string_attribute_constraints {
      min_length = 1
      max_length = 64
    }
  }
}

resource "aws_cognito_user_pool_client" "app" {
  user_pool_id        = aws_cognito_user_pool.pool.id
  name                = "web-app"
  explicit_auth_flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
}

resource "aws_cognito_user_group" "engineers" {
  user_pool_id = aws_cognito_user_pool.pool.id
  name         = "engineers"
  description  = "People who build things"
  precedence   = ${revision.precedence}
}

resource "aws_cognito_user" "ada" {
  user_pool_id = aws_cognito_user_pool.pool.id
  username     = "${EMAIL}"
  password     = "${revision.password}"
  attributes = {
    email          = "${EMAIL}"
    email_verified = true
    # The provider adds "custom:" to names that are not standard attributes, and strips it on read.
    team = "${revision.team}"
${revision.extra ?? ''}
  }
}

resource "aws_cognito_user_in_group" "ada_engineers" {
  user_pool_id = aws_cognito_user_pool.pool.id
  group_name   = aws_cognito_user_group.engineers.name
  username     = aws_cognito_user.ada.username
}

output "pool_id" { value = aws_cognito_user_pool.pool.id }
output "client_id" { value = aws_cognito_user_pool_client.app.id }
`;
}

/**
 * The real Terraform CLI and hashicorp/aws provider against the mock, for users and groups: apply,
 * a sign-in with the password Terraform set, a plan with no changes, an in-place update (password,
 * attributes, precedence) and another plan with no changes, destroy. Several provider
 * starts per command make this take a minute or two.
 */
describe.skipIf(skipReason !== undefined)(`terraform users and groups against the mock${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const root = useTempDir('terraform-users', 'all');
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ keysForNewPools: NEW_POOL_KEYS }); });
  afterAll(async () => { await mock?.stop(); });

  it('applies a pool, client, group, user and membership; the user signs in with the groups and custom attribute; updates in place; plans no changes; destroys',
    { timeout: 400_000 }, async () => {
      const mirror = findAwsProviderMirror()!;
      const log = process.env.TF_USERS_LOG_PATH;
      const tf = await terraformWorkspace(root.path, mirror, log ? { TF_LOG: 'DEBUG', TF_LOG_PATH: log } : {});
      await writeFile(join(tf.dir, 'main.tf'), usersConfig(mirror.version, mock.url, FIRST));

      const init = await tf.run('init', '-no-color');
      expect(init.code, transcript('init', init)).toBe(0);
      const apply = await tf.run('apply', '-auto-approve', '-no-color');
      expect(apply.code, transcript('apply', apply)).toBe(0);

      const output = await tf.run('output', '-json');
      expect(output.code, transcript('output', output)).toBe(0);
      const outputs = JSON.parse(output.stdout) as Record<string, { value: string }>;
      const poolId = outputs.pool_id!.value;
      const clientId = outputs.client_id!.value;

      const sdk = managementClient(mock.url);
      const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId }, {
        jwksCache: new SimpleJwksCache({ fetcher: { fetch: async () => (await fetch(mock.jwksUri(poolId))).arrayBuffer() } }),
      });
      /** USER_PASSWORD_AUTH with the email; the password Terraform set is permanent, so tokens come back, no challenge. */
      const signIn = async (password: string) => {
        const result = await sdk.send(new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: EMAIL, PASSWORD: password },
        }));
        expect(result.ChallengeName).toBeUndefined();
        return verifier.verify(result.AuthenticationResult!.IdToken!);
      };
      const noDrift = async () => {
        // Every attribute read back on refresh equals what apply stored.
        const plan = await tf.run('plan', '-detailed-exitcode', '-no-color');
        expect(plan.code, transcript('plan -detailed-exitcode', plan)).toBe(0);
        expect(plan.stdout).toContain('No changes.');
      };

      const first = await signIn(FIRST.password);
      expect(first).toMatchObject({ 'cognito:groups': ['engineers'], 'custom:team': 'engines', email: EMAIL, email_verified: true });
      expect(first['cognito:username']).toBe(first.sub); // an email-username pool stores the sub as the username
      await noDrift();

      // Changed in place: the group's precedence, the user's password and attributes.
      await writeFile(join(tf.dir, 'main.tf'), usersConfig(mirror.version, mock.url, SECOND));
      const update = await tf.run('apply', '-auto-approve', '-no-color');
      expect(update.code, transcript('apply (update)', update)).toBe(0);
      expect(update.stdout).toContain('0 added, 2 changed, 0 destroyed');
      expect((await sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'engineers' }))).Group?.Precedence).toBe(5);
      expect(await failure(signIn(FIRST.password))).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
      expect(await signIn(SECOND.password)).toMatchObject({ 'cognito:groups': ['engineers'], 'custom:team': 'analytics', name: 'Ada Lovelace' });
      await noDrift();

      const destroy = await tf.run('destroy', '-auto-approve', '-no-color');
      expect(destroy.code, transcript('destroy', destroy)).toBe(0);
      expect(destroy.stdout).toContain('5 destroyed');
      const gone = { name: 'ResourceNotFoundException', message: `User pool ${poolId} does not exist.` };
      expect(await failure(sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId })))).toMatchObject(gone);
      expect(await failure(sdk.send(new ListUsersCommand({ UserPoolId: poolId })))).toMatchObject(gone);
      expect(await failure(sdk.send(new ListGroupsCommand({ UserPoolId: poolId })))).toMatchObject(gone);
      const pools = await sdk.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      expect(pools.UserPools?.map((pool) => pool.Id)).not.toContain(poolId);
    });
});
