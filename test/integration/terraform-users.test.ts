import {
  DescribeUserPoolCommand, InitiateAuthCommand, ListUserPoolsCommand,
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

/** Users signing in with their email: a pool with a password policy and a custom attribute, an app client, a group, a user in it. */
function usersConfig(providerVersion: string, endpoint: string): string {
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
  precedence   = 10
}

resource "aws_cognito_user" "ada" {
  user_pool_id = aws_cognito_user_pool.pool.id
  username     = "${EMAIL}"
  password     = "${PASSWORD}"
  attributes = {
    email          = "${EMAIL}"
    email_verified = true
    # The provider adds "custom:" to names that are not standard attributes, and strips it on read.
    team = "engines"
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
 * a sign-in with the password Terraform set, a plan with no changes, destroy. Several provider
 * starts per command make this take a minute or two.
 */
describe.skipIf(skipReason !== undefined)(`terraform users and groups against the mock${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const root = useTempDir('terraform-users', 'all');
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ keysForNewPools: NEW_POOL_KEYS }); });
  afterAll(async () => { await mock?.stop(); });

  it('applies a pool, client, group, user and membership; the user signs in with the groups and custom attribute; plans no changes; destroys',
    { timeout: 400_000 }, async () => {
      const mirror = findAwsProviderMirror()!;
      const log = process.env.TF_USERS_LOG_PATH;
      const tf = await terraformWorkspace(root.path, mirror, log ? { TF_LOG: 'DEBUG', TF_LOG_PATH: log } : {});
      await writeFile(join(tf.dir, 'main.tf'), usersConfig(mirror.version, mock.url));

      const init = await tf.run('init', '-no-color');
      expect(init.code, transcript('init', init)).toBe(0);
      const apply = await tf.run('apply', '-auto-approve', '-no-color');
      expect(apply.code, transcript('apply', apply)).toBe(0);

      const output = await tf.run('output', '-json');
      expect(output.code, transcript('output', output)).toBe(0);
      const outputs = JSON.parse(output.stdout) as Record<string, { value: string }>;
      const poolId = outputs.pool_id!.value;
      const clientId = outputs.client_id!.value;

      // The password Terraform set is permanent: USER_PASSWORD_AUTH gives tokens, no challenge.
      const sdk = managementClient(mock.url);
      const signIn = await sdk.send(new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: EMAIL, PASSWORD },
      }));
      expect(signIn.ChallengeName).toBeUndefined();
      const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId }, {
        jwksCache: new SimpleJwksCache({ fetcher: { fetch: async () => (await fetch(mock.jwksUri(poolId))).arrayBuffer() } }),
      });
      const idToken = await verifier.verify(signIn.AuthenticationResult!.IdToken!);
      expect(idToken).toMatchObject({ 'cognito:groups': ['engineers'], 'custom:team': 'engines', email: EMAIL, email_verified: true });

      // Every attribute read back on refresh equals what apply stored: no drift.
      const plan = await tf.run('plan', '-detailed-exitcode', '-no-color');
      expect(plan.code, transcript('plan -detailed-exitcode', plan)).toBe(0);
      expect(plan.stdout).toContain('No changes.');

      const destroy = await tf.run('destroy', '-auto-approve', '-no-color');
      expect(destroy.code, transcript('destroy', destroy)).toBe(0);
      expect(await failure(sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId })))).toMatchObject({
        name: 'ResourceNotFoundException', message: `User pool ${poolId} does not exist.`,
      });
      const pools = await sdk.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      expect(pools.UserPools?.map((pool) => pool.Id)).not.toContain(poolId);
    });
});
