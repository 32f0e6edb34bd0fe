import {
  AddCustomAttributesCommand, AdminCreateUserCommand, AdminGetUserCommand, CreateUserPoolCommand, DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { NEW_POOL_KEYS, testFixtures } from '../support/fixtures.js';
import { failure, managementClient, rawApiCall } from '../support/management-client.js';

// AddCustomAttributes (cognito-reference-users §2.2) with the real AWS SDK: attributes appended to
// a pool's schema as `custom:<name>`, usable on users at once; names taken and limits refused.

let mock: CognitoMock;
let poolId: string;
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: testFixtures(), keysForNewPools: NEW_POOL_KEYS });
  const { UserPool } = await managementClient(mock.url).send(new CreateUserPoolCommand({
    PoolName: 'custom', Schema: [{ Name: 'team', AttributeDataType: 'String', Mutable: true }],
  }));
  poolId = UserPool!.Id!;
});
afterAll(() => mock.stop());

describe('AddCustomAttributes', () => {
  it('adds custom:<name> to the schema, answering {}, and users can carry it at once', async () => {
    const sdk = managementClient(mock.url);
    expect(await rawApiCall(mock.url, 'AddCustomAttributes', { UserPoolId: poolId, CustomAttributes: [{ Name: 'level', AttributeDataType: 'Number', Mutable: true }] }))
      .toEqual({ status: 200, body: {} });
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    const names = UserPool!.SchemaAttributes!.map((attribute) => attribute.Name);
    expect(names.slice(-2)).toEqual(['custom:team', 'custom:level']);
    expect(UserPool!.SchemaAttributes!.at(-1)).toMatchObject({ AttributeDataType: 'Number', Mutable: true });
    await sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'lee', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'custom:level', Value: '3' }] }));
    expect((await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'lee' }))).UserAttributes).toContainEqual({ Name: 'custom:level', Value: '3' });
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a name the schema has', { CustomAttributes: [{ Name: 'team', AttributeDataType: 'String' }] }, 'InvalidParameterException', /^custom:team: Existing attribute already has name custom:team\.$/],
    ['the same name twice', { CustomAttributes: [{ Name: 'x' }, { Name: 'x' }] }, 'InvalidParameterException', /Existing attribute already has name custom:x/],
    ['no attributes', { CustomAttributes: [] }, 'InvalidParameterException', /length greater than or equal to 1/],
    ['a name over 20 characters', { CustomAttributes: [{ Name: 'a'.repeat(21) }] }, 'InvalidParameterException', /length less than or equal to 20/],
    ['more than 50 in all', { CustomAttributes: Array.from({ length: 25 }, (_, i) => ({ Name: `many${i}` })) }, 'LimitExceededException', /at most 50/],
  ])('refuses %s, changing nothing', async (_case, input, name, message) => {
    const sdk = managementClient(mock.url);
    if (name === 'LimitExceededException') {
      await sdk.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: Array.from({ length: 25 }, (_, i) => ({ Name: `fill${i}` })) }));
    }
    const before = (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!.SchemaAttributes;
    const refused = await failure(sdk.send(new AddCustomAttributesCommand({ UserPoolId: poolId, ...input } as never)));
    expect(refused.name).toBe(name);
    expect(refused.message).toMatch(message);
    expect((await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!.SchemaAttributes).toEqual(before);
  });

  it('refuses an unknown pool', async () => {
    expect(await failure(managementClient(mock.url).send(new AddCustomAttributesCommand({ UserPoolId: 'us-east-1_Nope00000', CustomAttributes: [{ Name: 'a' }] }))))
      .toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
