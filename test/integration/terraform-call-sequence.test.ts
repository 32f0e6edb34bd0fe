import {
  type CognitoIdentityProviderClient, CreateResourceServerCommand, CreateUserPoolClientCommand, CreateUserPoolCommand,
  CreateUserPoolDomainCommand, DeleteResourceServerCommand, DeleteUserPoolClientCommand, DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand, DescribeResourceServerCommand, DescribeUserPoolClientCommand, DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand, GetUserPoolMfaConfigCommand, ListTagsForResourceCommand, SetUserPoolMfaConfigCommand,
  TagResourceCommand, UntagResourceCommand, UpdateResourceServerCommand, UpdateUserPoolClientCommand, UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { NEW_POOL_KEYS, requestToken } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';

// The calls Terraform 1.11.4 with hashicorp/aws 5.100.0 makes for aws_cognito_user_pool,
// aws_cognito_resource_server, aws_cognito_user_pool_client and aws_cognito_user_pool_domain,
// recorded from a TF_LOG=DEBUG run against the mock (request bodies as the provider sent them),
// replayed here with the AWS SDK so the behaviour is pinned on machines without Terraform. Each
// read-back is asserted whole: after an apply, `terraform plan` compares exactly these members
// with the configuration, so a member more or less (a default Cognito omits, or one it writes)
// is a perpetual diff. Phases: apply = create + read, refresh/plan = read, destroy = read + delete.

/** Members of a response, without the SDK's `$metadata`. */
const members = (output: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(output).filter(([key]) => key !== '$metadata'));

const date = expect.any(Date);

/** The standard attributes, which Terraform recognises and leaves out of `schema` (flattenSchemaAttributeTypes). */
const STANDARD_SCHEMA_NAMES = ['sub', 'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile',
  'picture', 'website', 'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified',
  'address', 'updated_at'];

/** DescribeUserPool of a pool Terraform created with only a name and tags: Cognito's defaults, nothing Terraform would read as configured. */
function describedNameOnlyPool(poolId: string, name: string, tags: Record<string, string>) {
  return {
    Id: poolId,
    Name: name,
    Policies: {
      PasswordPolicy: { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 },
      SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] },
    },
    DeletionProtection: 'INACTIVE',
    LambdaConfig: {},
    LastModifiedDate: date,
    CreationDate: date,
    SchemaAttributes: expect.any(Array),
    VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
    MfaConfiguration: 'OFF',
    EstimatedNumberOfUsers: 0,
    EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
    UserPoolTags: tags,
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
    Arn: `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${poolId}`,
    AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_phone_number' }, { Priority: 2, Name: 'verified_email' }] },
    UserPoolTier: 'ESSENTIALS',
  };
}

// Recorded request bodies (ids replaced by the ones the replay gets).
const SCOPES = [{ ScopeDescription: 'Write orders', ScopeName: 'write' }, { ScopeDescription: 'Read orders', ScopeName: 'read' }];
const M2M_CLIENT = {
  AllowedOAuthFlows: ['client_credentials' as const], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read', 'orders/write'],
  ClientName: 'billing', GenerateSecret: true,
};

interface Applied {
  poolId: string;
  clientId: string;
  clientSecret: string;
  /** What the apply's reads answered, as Terraform stored it in its state. */
  reads: Record<string, Record<string, unknown>>;
}

/** The refresh of `terraform plan` (and of destroy): one read per resource, in the order the provider made them. */
async function refresh(sdk: CognitoIdentityProviderClient, poolId: string, clientId: string, domain: string) {
  return {
    pool: members(await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))),
    mfa: members(await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))),
    domain: members(await sdk.send(new DescribeUserPoolDomainCommand({ Domain: domain }))),
    resourceServer: members(await sdk.send(new DescribeResourceServerCommand({ Identifier: 'orders', UserPoolId: poolId }))),
    client: members(await sdk.send(new DescribeUserPoolClientCommand({ ClientId: clientId, UserPoolId: poolId }))),
  };
}

describe('the calls Terraform\'s AWS provider makes, replayed with the AWS SDK', () => {
  let mock: CognitoMock;
  let sdk: CognitoIdentityProviderClient;
  beforeEach(async () => {
    mock = await startCognitoMock({ fixtures: { UserPools: [] }, keysForNewPools: NEW_POOL_KEYS });
    sdk = managementClient(mock.url);
  });
  afterEach(() => mock.stop());

  /** `terraform apply` of the M2M configuration: the pool, then domain and resource server, then the client. */
  async function apply(domain = 'tf-orders-demo'): Promise<Applied> {
    const created = await sdk.send(new CreateUserPoolCommand({ DeletionProtection: 'INACTIVE', PoolName: 'tf-pool', UserPoolTags: { team: 'payments' } }));
    const poolId = created.UserPool!.Id!;
    // mfa_configuration = "OFF" and no web_authn_configuration: no SetUserPoolMfaConfig, straight to the read.
    const pool = members(await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId })));
    const mfa = members(await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId })));

    expect(members(await sdk.send(new CreateUserPoolDomainCommand({ Domain: domain, UserPoolId: poolId })))).toEqual({});
    // The provider waits for Status ACTIVE, then reads once more.
    const domainRead = members(await sdk.send(new DescribeUserPoolDomainCommand({ Domain: domain })));

    await sdk.send(new CreateResourceServerCommand({ Identifier: 'orders', Name: 'Orders API', Scopes: SCOPES, UserPoolId: poolId }));
    const resourceServer = members(await sdk.send(new DescribeResourceServerCommand({ Identifier: 'orders', UserPoolId: poolId })));

    // The client resource keeps CreateUserPoolClient's answer; it does not read again.
    const client = members(await sdk.send(new CreateUserPoolClientCommand({ ...M2M_CLIENT, UserPoolId: poolId })));
    const { UserPoolClient } = client as { UserPoolClient: { ClientId: string; ClientSecret: string } };
    return {
      poolId, clientId: UserPoolClient.ClientId, clientSecret: UserPoolClient.ClientSecret,
      reads: { created: members(created), pool, mfa, domain: domainRead, resourceServer, client },
    };
  }

  it('aws_cognito_user_pool apply: CreateUserPool, DescribeUserPool, GetUserPoolMfaConfig answer Cognito\'s defaults and only them', async () => {
    const { poolId, reads } = await apply();
    expect(reads.pool).toEqual({ UserPool: describedNameOnlyPool(poolId, 'tf-pool', { team: 'payments' }) });
    expect(reads.created).toEqual(reads.pool);
    const { UserPool } = reads.pool as { UserPool: { SchemaAttributes: { Name: string }[] } };
    expect(UserPool.SchemaAttributes.map((attribute) => attribute.Name)).toEqual(STANDARD_SCHEMA_NAMES);
    // software_token_mfa_configuration and web_authn_configuration are Optional blocks: present here, they would be diffs.
    expect(reads.mfa).toEqual({ MfaConfiguration: 'OFF' });
  });

  it('aws_cognito_user_pool with MFA: CreateUserPool, SetUserPoolMfaConfig, then reads that show what was sent', async () => {
    // Recorded from a pool with a password policy, admin-only sign-up, email recovery, a custom attribute, OPTIONAL TOTP MFA.
    const { UserPool } = await sdk.send(new CreateUserPoolCommand({
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: 'INACTIVE',
      Policies: { PasswordPolicy: { MinimumLength: 12, PasswordHistorySize: 0, RequireLowercase: true, RequireNumbers: true, RequireUppercase: true, TemporaryPasswordValidityDays: 3 } },
      PoolName: 'tf-pool-mfa',
      Schema: [{ AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: true, Name: 'tenant', Required: false, StringAttributeConstraints: { MaxLength: '64', MinLength: '1' } }],
      UserPoolTags: { team: 'payments', env: 'test' },
    }));
    const poolId = UserPool!.Id!;
    expect(members(await sdk.send(new SetUserPoolMfaConfigCommand({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, UserPoolId: poolId }))))
      .toEqual({ SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' });

    const described = (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    expect(described).toMatchObject({
      // RequireSymbols was left out (false): it reads back as false, not as the default true.
      Policies: {
        PasswordPolicy: { MinimumLength: 12, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false, PasswordHistorySize: 0, TemporaryPasswordValidityDays: 3 },
        SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] },
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      UserPoolTags: { team: 'payments', env: 'test' },
    });
    // The custom attribute reads back with Cognito's `custom:` prefix (which Terraform strips), after the standard ones.
    expect(described.SchemaAttributes!.slice(STANDARD_SCHEMA_NAMES.length)).toEqual([{
      Name: 'custom:tenant', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: true, Required: false,
      StringAttributeConstraints: { MaxLength: '64', MinLength: '1' },
    }]);
    expect(members(await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))))
      .toEqual({ SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' });
  });

  it('aws_cognito_user_pool_domain apply: CreateUserPoolDomain answers {}, DescribeUserPoolDomain is ACTIVE at once', async () => {
    const { poolId, reads } = await apply();
    expect(reads.domain).toEqual({
      DomainDescription: {
        UserPoolId: poolId, AWSAccountId: '000000000000', Domain: 'tf-orders-demo', Version: expect.stringMatching(/^\d{14}$/),
        Status: 'ACTIVE', ManagedLoginVersion: 1,
      },
    });
    expect((await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!.Domain).toBe('tf-orders-demo');
  });

  it('aws_cognito_resource_server apply: DescribeResourceServer answers the scopes as CreateResourceServer got them', async () => {
    const { poolId, reads } = await apply();
    expect(reads.resourceServer).toEqual({
      ResourceServer: { UserPoolId: poolId, Identifier: 'orders', Name: 'Orders API', Scopes: SCOPES.map(({ ScopeName, ScopeDescription }) => ({ ScopeName, ScopeDescription })) },
    });
  });

  it('aws_cognito_user_pool_client apply: CreateUserPoolClient answers the secret and the defaults Terraform stores, and the secret gets a token', async () => {
    const { poolId, clientId, clientSecret, reads } = await apply();
    expect(reads.client).toEqual({
      UserPoolClient: {
        UserPoolId: poolId, ClientName: 'billing', ClientId: clientId, ClientSecret: expect.stringMatching(/^[0-9a-v]{52}$/),
        LastModifiedDate: date, CreationDate: date,
        // Terraform reads access/ID validity 0 (unset), refresh 30, units as an empty block, no PreventUserExistenceErrors.
        RefreshTokenValidity: 30, TokenValidityUnits: {},
        AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read', 'orders/write'], AllowedOAuthFlowsUserPoolClient: true,
        EnableTokenRevocation: true, EnablePropagateAdditionalUserContextData: false, AuthSessionValidity: 3,
      },
    });
    const res = await requestToken(mock.tokenEndpoint, { clientId, secret: clientSecret });
    expect(res.status).toBe(200);
  });

  it('refresh and plan: DescribeUserPool, GetUserPoolMfaConfig, DescribeUserPoolDomain, DescribeResourceServer, DescribeUserPoolClient answer what apply read', async () => {
    const { poolId, clientId, reads } = await apply();
    const read = await refresh(sdk, poolId, clientId, 'tf-orders-demo');
    // The pool's read after the domain was created carries it (a Computed attribute, so no diff).
    expect(read.pool).toEqual({ UserPool: { ...(reads.pool!.UserPool as object), Domain: 'tf-orders-demo', LastModifiedDate: date } });
    expect(read.mfa).toEqual(reads.mfa);
    expect(read.domain).toEqual(reads.domain);
    expect(read.resourceServer).toEqual(reads.resourceServer);
    expect(read.client).toEqual(reads.client);
    expect(await refresh(sdk, poolId, clientId, 'tf-orders-demo')).toEqual(read);
  });

  it('update: UntagResource, TagResource, SetUserPoolMfaConfig, UpdateUserPool, UpdateResourceServer, UpdateUserPoolClient, and the reads after them', async () => {
    const { poolId, clientId } = await apply();
    const arn = `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${poolId}`;
    await sdk.send(new SetUserPoolMfaConfigCommand({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, UserPoolId: poolId }));
    await sdk.send(new TagResourceCommand({ ResourceArn: arn, Tags: { env: 'test' } }));

    // Recorded: tags { team = "payments-2", owner = "tf" } (env dropped), MFA OFF, deletion protection ACTIVE, changed scope and validity.
    expect(members(await sdk.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['env'] })))).toEqual({});
    expect(members(await sdk.send(new TagResourceCommand({ ResourceArn: arn, Tags: { team: 'payments-2', owner: 'tf' } })))).toEqual({});
    expect(members(await sdk.send(new SetUserPoolMfaConfigCommand({ MfaConfiguration: 'OFF', UserPoolId: poolId })))).toEqual({ MfaConfiguration: 'OFF' });
    const update = {
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email' as const, Priority: 1 }] },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: 'ACTIVE' as const,
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' as const },
      MfaConfiguration: 'OFF' as const,
      Policies: {
        PasswordPolicy: { MinimumLength: 12, PasswordHistorySize: 0, RequireLowercase: true, RequireNumbers: true, RequireUppercase: true, TemporaryPasswordValidityDays: 3 },
        SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD' as const] },
      },
      UserPoolId: poolId,
      UserPoolTier: 'ESSENTIALS' as const,
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' as const },
    };
    expect(members(await sdk.send(new UpdateUserPoolCommand(update)))).toEqual({});
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(UserPool).toMatchObject({
      DeletionProtection: 'ACTIVE', MfaConfiguration: 'OFF', UserPoolTags: { team: 'payments-2', owner: 'tf' }, Domain: 'tf-orders-demo',
      AccountRecoverySetting: update.AccountRecoverySetting, AdminCreateUserConfig: update.AdminCreateUserConfig,
      Policies: { ...update.Policies, PasswordPolicy: { ...update.Policies.PasswordPolicy, RequireSymbols: false } },
    });
    expect(members(await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId })))).toEqual({ MfaConfiguration: 'OFF' });
    expect((await sdk.send(new ListTagsForResourceCommand({ ResourceArn: UserPool!.Arn }))).Tags).toEqual({ team: 'payments-2', owner: 'tf' });

    const scopes = [{ ScopeDescription: 'Write all orders', ScopeName: 'write' }, { ScopeDescription: 'Read orders', ScopeName: 'read' }];
    await sdk.send(new UpdateResourceServerCommand({ Identifier: 'orders', Name: 'Orders API', Scopes: scopes, UserPoolId: poolId }));
    expect((await sdk.send(new DescribeResourceServerCommand({ Identifier: 'orders', UserPoolId: poolId }))).ResourceServer!.Scopes)
      .toEqual(scopes.map(({ ScopeName, ScopeDescription }) => ({ ScopeName, ScopeDescription })));

    // The client update sends every argument, empty lists included; its answer is what Terraform stores.
    const { UserPoolClient } = await sdk.send(new UpdateUserPoolClientCommand({
      AccessTokenValidity: 30, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['orders/read', 'orders/write'], AuthSessionValidity: 3, CallbackURLs: [], ClientId: clientId, ClientName: 'billing',
      EnablePropagateAdditionalUserContextData: false, EnableTokenRevocation: true, ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'], LogoutURLs: [],
      PreventUserExistenceErrors: 'ENABLED', ReadAttributes: [], RefreshTokenValidity: 30, SupportedIdentityProviders: [],
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' }, UserPoolId: poolId, WriteAttributes: [],
    }));
    expect(UserPoolClient).toMatchObject({
      ClientId: clientId, AccessTokenValidity: 30, PreventUserExistenceErrors: 'ENABLED', ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' }, ClientSecret: expect.stringMatching(/^[0-9a-v]{52}$/),
    });
    expect(members(await sdk.send(new DescribeUserPoolClientCommand({ ClientId: clientId, UserPoolId: poolId })))).toEqual({ UserPoolClient });
  });

  it('destroy: the domain (until DescribeUserPoolDomain answers {}), client, resource server, then the pool; a later refresh finds none', async () => {
    const { poolId, clientId, clientSecret } = await apply();
    await refresh(sdk, poolId, clientId, 'tf-orders-demo');
    expect(members(await sdk.send(new DeleteUserPoolDomainCommand({ Domain: 'tf-orders-demo', UserPoolId: poolId })))).toEqual({});
    expect(members(await sdk.send(new DeleteUserPoolClientCommand({ ClientId: clientId, UserPoolId: poolId })))).toEqual({});
    // The provider's deletion waiter polls until the description has no Status.
    expect(members(await sdk.send(new DescribeUserPoolDomainCommand({ Domain: 'tf-orders-demo' })))).toEqual({ DomainDescription: {} });
    expect(members(await sdk.send(new DeleteResourceServerCommand({ Identifier: 'orders', UserPoolId: poolId })))).toEqual({});
    expect(members(await sdk.send(new DeleteUserPoolCommand({ UserPoolId: poolId })))).toEqual({});

    // ResourceNotFoundException is how the provider knows a resource is gone (removed from state, or destroy already done).
    for (const call of [sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId })), sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId })),
      sdk.send(new DeleteUserPoolCommand({ UserPoolId: poolId }))]) {
      expect(await failure(call)).toEqual({ name: 'ResourceNotFoundException', message: `User pool ${poolId} does not exist.`, status: 400 });
    }
    expect(await (await requestToken(mock.tokenEndpoint, { clientId, secret: clientSecret })).json()).toEqual({ error: 'invalid_client' });
  });

  it('destroy of a pool with deletion protection ACTIVE fails with Cognito\'s message, as terraform destroy shows it', async () => {
    const { poolId } = await apply();
    await sdk.send(new UpdateUserPoolCommand({ UserPoolId: poolId, DeletionProtection: 'ACTIVE' }));
    await sdk.send(new DeleteUserPoolDomainCommand({ Domain: 'tf-orders-demo', UserPoolId: poolId }));
    expect(await failure(sdk.send(new DeleteUserPoolCommand({ UserPoolId: poolId })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: 'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    });
  });
});
