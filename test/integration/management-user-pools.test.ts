import {
  CreateUserPoolClientCommand, CreateUserPoolCommand, DeleteUserPoolCommand, DescribeUserPoolCommand, ListUserPoolsCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { NEW_POOL_KEYS, ORDERS_CLIENT, OTHER_POOL_ID, POOL_ID, decodeJwt, requestToken, testFixtures } from '../support/fixtures.js';
import { failure, managementClient, rawApiCall } from '../support/management-client.js';

describe('management API: user pools', () => {
  let mock: CognitoMock;
  let created: string;
  beforeAll(async () => {
    mock = await startCognitoMock({ fixtures: testFixtures(), keysForNewPools: NEW_POOL_KEYS });
    const pool = await managementClient(mock.url, 'eu-central-1').send(new CreateUserPoolCommand({ PoolName: 'created by the sdk' }));
    created = pool.UserPool!.Id!;
  });
  afterAll(() => mock.stop());

  it('CreateUserPool makes a <region>_<9 alphanumerics> id in the region the SDK is configured for, with Cognito defaults', async () => {
    expect(created).toMatch(/^eu-central-1_[A-Za-z0-9]{9}$/);
    const { UserPool } = await managementClient(mock.url).send(new DescribeUserPoolCommand({ UserPoolId: created }));
    expect(UserPool).toMatchObject({
      Id: created,
      Name: 'created by the sdk',
      Arn: `arn:aws:cognito-idp:eu-central-1:000000000000:userpool/${created}`,
      DeletionProtection: 'INACTIVE',
      LambdaConfig: {},
      MfaConfiguration: 'OFF',
      UserPoolTier: 'ESSENTIALS',
      EstimatedNumberOfUsers: 0,
    });
    expect(UserPool!.CreationDate).toBeInstanceOf(Date);
    expect(UserPool!.Domain).toBeUndefined();
  });

  it('CreateUserPool keeps what it is given and the pool has both keys before the call returns', async () => {
    const sdk = managementClient(mock.url, 'ap-northeast-1');
    const { UserPool } = await sdk.send(new CreateUserPoolCommand({
      PoolName: 'configured', DeletionProtection: 'ACTIVE', UserPoolTier: 'PLUS', UserPoolTags: { team: 'payments' },
      IssuerConfiguration: { Type: 'UPDATED' }, LambdaConfig: { PreSignUp: 'arn:aws:lambda:ap-northeast-1:000000000000:function:x' },
    }));
    expect(UserPool).toMatchObject({
      DeletionProtection: 'ACTIVE', UserPoolTier: 'PLUS', UserPoolTags: { team: 'payments' }, IssuerConfiguration: { Type: 'UPDATED' },
      LambdaConfig: { PreSignUp: 'arn:aws:lambda:ap-northeast-1:000000000000:function:x' },
    });
    const jwks = (await (await fetch(mock.jwksUri(UserPool!.Id!))).json()) as { keys: { kid: string }[] };
    expect(jwks.keys).toHaveLength(2);
    expect(mock.issuer(UserPool!.Id!)).toBe(`https://issuer-cognito-idp.ap-northeast-1.amazonaws.com/${UserPool!.Id}`);
  });

  it('CreateUserPool rejects a bad name and bad enum values with InvalidParameterException', async () => {
    const sdk = managementClient(mock.url);
    expect(await failure(sdk.send(new CreateUserPoolCommand({ PoolName: 'no/slashes' })))).toMatchObject({
      name: 'InvalidParameterException', status: 400,
      message: "1 validation error detected: Value 'no/slashes' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    });
    expect((await failure(sdk.send(new CreateUserPoolCommand({ PoolName: '' })))).name).toBe('InvalidParameterException');
    expect(await failure(sdk.send(new CreateUserPoolCommand({ PoolName: 'p', DeletionProtection: 'ON' as never })))).toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value 'ON' at 'deletionProtection' failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, INACTIVE]",
    });
    expect((await failure(sdk.send(new CreateUserPoolCommand({ PoolName: 'p', IssuerConfiguration: { Type: 'NEWER' as never } })))).name)
      .toBe('InvalidParameterException');
  });

  it('CreateUserPool refuses a Schema entry that is not an attribute, or whose Name is too long, without a 5xx', async () => {
    const sdk = managementClient(mock.url);
    const before = mock.pools().length;
    // Sent raw: the SDK's serializer drops list entries that are not objects.
    for (const Schema of [[null], [42]]) {
      const refused = await rawApiCall(mock.url, 'CreateUserPool', { PoolName: 'schema', Schema });
      expect(refused).toMatchObject({ status: 400, body: { __type: 'SerializationException' } });
    }
    const tooLong = await failure(sdk.send(new CreateUserPoolCommand({ PoolName: 'schema', Schema: [{ Name: 'n'.repeat(21) }] })));
    expect(tooLong).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect(mock.pools()).toHaveLength(before);
  });

  it('DescribeUserPool answers ResourceNotFoundException and InvalidParameterException with Cognito\'s messages', async () => {
    const sdk = managementClient(mock.url);
    expect(await failure(sdk.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_Missing00' })))).toEqual({
      name: 'ResourceNotFoundException', message: 'User pool us-east-1_Missing00 does not exist.', status: 400,
    });
    expect((await failure(sdk.send(new DescribeUserPoolCommand({ UserPoolId: 'not-a-pool-id' })))).name).toBe('InvalidParameterException');
  });

  it('DescribeUserPool shows a fixture pool with its Domain', async () => {
    const { UserPool } = await managementClient(mock.url).send(new DescribeUserPoolCommand({ UserPoolId: POOL_ID }));
    expect(UserPool).toMatchObject({ Id: POOL_ID, Name: 'test-pool', Domain: 'test-orders' });
  });

  it('ListUserPools requires MaxResults 1–60 and pages through every pool with NextToken', async () => {
    const sdk = managementClient(mock.url);
    for (const MaxResults of [undefined, 0, 61]) {
      expect((await failure(sdk.send(new ListUserPoolsCommand({ MaxResults } as never)))).name).toBe('InvalidParameterException');
    }
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await sdk.send(new ListUserPoolsCommand({ MaxResults: 1, ...(NextToken ? { NextToken } : {}) }));
      expect(page.UserPools!.length).toBeLessThanOrEqual(1);
      for (const pool of page.UserPools!) {
        expect(Object.keys(pool).sort()).toEqual(['CreationDate', 'Id', 'LambdaConfig', 'LastModifiedDate', 'Name']);
        seen.push(pool.Id!);
      }
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([POOL_ID, OTHER_POOL_ID, created]));
    expect(seen).toHaveLength(mock.pools().length);
    expect(pages).toBe(seen.length);
    const all = await sdk.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(all.NextToken).toBeUndefined();
    expect(all.UserPools!.map((pool) => pool.Id)).toEqual(seen);
    expect((await failure(sdk.send(new ListUserPoolsCommand({ MaxResults: 5, NextToken: 'garbage' })))).name).toBe('InvalidParameterException');
  });

  it('UpdateUserPool sets what it is given, resets other settings to defaults, and keeps the Domain', async () => {
    const sdk = managementClient(mock.url);
    const lambda = { PreTokenGenerationConfig: { LambdaVersion: 'V3_0' as const, LambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:t' } };
    await sdk.send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID, LambdaConfig: lambda, MfaConfiguration: 'OFF', IssuerConfiguration: { Type: 'UPDATED' } }));
    let { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: POOL_ID }));
    expect(UserPool).toMatchObject({ LambdaConfig: lambda, IssuerConfiguration: { Type: 'UPDATED' }, Domain: 'test-orders', Name: 'test-pool' });
    expect(UserPool!.LastModifiedDate!.getTime()).toBeGreaterThanOrEqual(UserPool!.CreationDate!.getTime());

    // The next token follows the new issuer at once.
    const token = (await (await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret })).json()) as { access_token: string };
    expect(decodeJwt(token.access_token).payload.iss).toBe(`https://issuer-cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`);

    // "If you don't provide a value for an attribute, Amazon Cognito sets it to its default value."
    await sdk.send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID, PoolName: 'renamed', IssuerConfiguration: { Type: 'ORIGINAL' } }));
    ({ UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: POOL_ID })));
    expect(UserPool).toMatchObject({ Name: 'renamed', LambdaConfig: {}, IssuerConfiguration: { Type: 'ORIGINAL' }, Domain: 'test-orders' });

    expect((await failure(sdk.send(new UpdateUserPoolCommand({ UserPoolId: 'us-east-1_Missing00' })))).name).toBe('ResourceNotFoundException');
    expect((await failure(sdk.send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID, MfaConfiguration: 'SOMETIMES' as never })))).name)
      .toBe('InvalidParameterException');
  });

  it('DeleteUserPool is refused while deletion protection is ACTIVE or a domain is configured', async () => {
    const sdk = managementClient(mock.url);
    await sdk.send(new UpdateUserPoolCommand({ UserPoolId: OTHER_POOL_ID, DeletionProtection: 'ACTIVE' }));
    expect(await failure(sdk.send(new DeleteUserPoolCommand({ UserPoolId: OTHER_POOL_ID })))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    });
    expect(await failure(sdk.send(new DeleteUserPoolCommand({ UserPoolId: POOL_ID })))).toMatchObject({
      name: 'InvalidParameterException', message: 'User pool cannot be deleted. It has a domain configured that should be deleted first.',
    });
    expect(mock.pool(OTHER_POOL_ID)).toBeDefined();
  });

  it('DeleteUserPool removes the pool, its JWKS and its clients at once', async () => {
    const sdk = managementClient(mock.url);
    const { UserPoolClient } = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: created, ClientName: 'doomed', GenerateSecret: true }));
    expect((await fetch(mock.jwksUri(created))).status).toBe(200);
    await sdk.send(new DeleteUserPoolCommand({ UserPoolId: created }));
    expect((await failure(sdk.send(new DescribeUserPoolCommand({ UserPoolId: created })))).name).toBe('ResourceNotFoundException');
    expect((await fetch(mock.jwksUri(created))).status).toBe(404);
    const res = await requestToken(mock.tokenEndpoint, { clientId: UserPoolClient!.ClientId!, secret: UserPoolClient!.ClientSecret! });
    expect(await res.json()).toEqual({ error: 'invalid_client' });
    expect((await failure(sdk.send(new DeleteUserPoolCommand({ UserPoolId: created })))).name).toBe('ResourceNotFoundException');
  });
});
