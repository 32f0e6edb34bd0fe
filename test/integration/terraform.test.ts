import {
  DescribeUserPoolCommand, DescribeUserPoolDomainCommand, GetUserPoolMfaConfigCommand, ListTagsForResourceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { NEW_POOL_KEYS, requestToken } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { awsProviderBlock, findAwsProviderMirror, terraformMissing, terraformWorkspace, transcript } from '../support/terraform.js';
import { useTempDir } from '../support/temp-dir.js';

const skipReason = terraformMissing();

/** An M2M setup as teams write it: a pool (tags, optional TOTP MFA), a resource server, a client with a generated secret, a domain. */
function m2mConfig(providerVersion: string, endpoint: string): string {
  return `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "${providerVersion}" }
  }
}

${awsProviderBlock(endpoint)}
resource "aws_cognito_user_pool" "pool" {
  name              = "orders-pool"
  mfa_configuration = "OPTIONAL"
  software_token_mfa_configuration {
    enabled = true
  }
  tags = { team = "payments", env = "test" }
}

resource "aws_cognito_resource_server" "orders" {
  user_pool_id = aws_cognito_user_pool.pool.id
  identifier   = "orders"
  name         = "Orders API"
  scope {
    scope_name        = "read"
    scope_description = "Read orders"
  }
  scope {
    scope_name        = "write"
    scope_description = "Write orders"
  }
}

resource "aws_cognito_user_pool_client" "billing" {
  user_pool_id                         = aws_cognito_user_pool.pool.id
  name                                 = "billing"
  generate_secret                      = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_scopes                 = aws_cognito_resource_server.orders.scope_identifiers
}

resource "aws_cognito_user_pool_domain" "login" {
  user_pool_id = aws_cognito_user_pool.pool.id
  domain       = "orders-tf-demo"
}

output "pool_id" { value = aws_cognito_user_pool.pool.id }
output "pool_arn" { value = aws_cognito_user_pool.pool.arn }
output "client_id" { value = aws_cognito_user_pool_client.billing.id }
output "client_secret" {
  value     = aws_cognito_user_pool_client.billing.client_secret
  sensitive = true
}
`;
}

/**
 * The real Terraform CLI and hashicorp/aws provider (from a filesystem mirror, offline) against the
 * mock: apply, a token with the secret Terraform read back, a plan with no changes, destroy.
 * Terraform's provider starts several times per command, so this takes about a minute and a half
 * on two cores.
 */
describe.skipIf(skipReason !== undefined)(`terraform against the mock${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const root = useTempDir('terraform', 'all');
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ keysForNewPools: NEW_POOL_KEYS }); });
  afterAll(async () => { await mock?.stop(); });

  it('applies pool, resource server, M2M client and domain, gets a token with the read-back secret, plans no changes, destroys',
    { timeout: 300_000 }, async () => {
      const mirror = findAwsProviderMirror()!;
      const tf = await terraformWorkspace(root.path, mirror);
      await writeFile(join(tf.dir, 'main.tf'), m2mConfig(mirror.version, mock.url));

      const init = await tf.run('init', '-no-color');
      expect(init.code, transcript('init', init)).toBe(0);
      const apply = await tf.run('apply', '-auto-approve', '-no-color');
      expect(apply.code, transcript('apply', apply)).toBe(0);

      const output = await tf.run('output', '-json');
      expect(output.code, transcript('output', output)).toBe(0);
      const outputs = JSON.parse(output.stdout) as Record<string, { value: string; sensitive: boolean }>;
      const poolId = outputs.pool_id!.value;
      expect(poolId).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
      expect(outputs.pool_arn!.value).toBe(`arn:aws:cognito-idp:us-east-1:000000000000:userpool/${poolId}`);
      expect(outputs.client_secret).toMatchObject({ sensitive: true, value: expect.stringMatching(/^[0-9a-v]{52}$/) });

      // The secret Terraform read back is the one the token endpoint takes.
      const client = { clientId: outputs.client_id!.value, secret: outputs.client_secret!.value };
      const res = await requestToken(mock.tokenEndpoint, { ...client, scope: 'orders/read' });
      expect(res.status).toBe(200);
      const { access_token } = (await res.json()) as { access_token: string };
      const { payload } = await jwtVerify(access_token, createLocalJWKSet(mock.jwks(poolId)), {
        issuer: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`, algorithms: ['RS256'],
      });
      expect(payload).toMatchObject({ client_id: client.clientId, sub: client.clientId, scope: 'orders/read', token_use: 'access' });

      // What Terraform set is what the API describes.
      const sdk = managementClient(mock.url);
      expect(await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).toMatchObject({
        MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true },
      });
      expect((await sdk.send(new ListTagsForResourceCommand({ ResourceArn: outputs.pool_arn!.value }))).Tags)
        .toEqual({ team: 'payments', env: 'test' });
      expect((await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool)
        .toMatchObject({ Domain: 'orders-tf-demo', MfaConfiguration: 'OPTIONAL', UserPoolTags: { team: 'payments', env: 'test' } });

      // Every attribute read back on refresh equals what apply stored: no drift.
      const plan = await tf.run('plan', '-detailed-exitcode', '-no-color');
      expect(plan.code, transcript('plan -detailed-exitcode', plan)).toBe(0);
      expect(plan.stdout).toContain('No changes.');

      const destroy = await tf.run('destroy', '-auto-approve', '-no-color');
      expect(destroy.code, transcript('destroy', destroy)).toBe(0);
      expect(await failure(sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId })))).toMatchObject({
        name: 'ResourceNotFoundException', message: `User pool ${poolId} does not exist.`,
      });
      expect((await sdk.send(new DescribeUserPoolDomainCommand({ Domain: 'orders-tf-demo' }))).DomainDescription).toEqual({});
      const after = await requestToken(mock.tokenEndpoint, client);
      expect(await after.json()).toEqual({ error: 'invalid_client' });
    });
});
