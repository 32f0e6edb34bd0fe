import {
  CreateUserPoolCommand, DescribeUserPoolCommand, ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { NEW_POOL_KEYS, signingKeys } from '../support/fixtures.js';
import { failure, managementClient, rawApiCall } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';

const POOL = 'eu-west-1_TagPool01';
const POOL_ARN = `arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${POOL}`;
/** A pool pasted from a real describe-user-pool output: its Arn names the real account. */
const PASTED = 'us-east-2_Pasted001';
const PASTED_ARN = `arn:aws:cognito-idp:us-east-2:788715698479:userpool/${PASTED}`;
const fixtures = () => ({
  UserPools: [
    { Id: POOL, Name: 'tagged', UserPoolTags: { team: 'payments' }, SigningKeys: signingKeys(0) },
    { Id: PASTED, Name: 'pasted', Arn: PASTED_ARN, SigningKeys: signingKeys(1) },
  ],
});

describe('management API: TagResource, UntagResource, ListTagsForResource on user pools', () => {
  let mock: CognitoMock;
  const sdk = () => managementClient(mock.url);
  const list = async (ResourceArn = POOL_ARN) => (await sdk().send(new ListTagsForResourceCommand({ ResourceArn }))).Tags;
  const described = async (UserPoolId = POOL) => (await sdk().send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool!;

  beforeEach(async () => { mock = await startCognitoMock({ fixtures: fixtures(), keysForNewPools: NEW_POOL_KEYS }); });
  afterEach(() => mock.stop());

  it('lists the tags of the pool named by the Arn DescribeUserPool gives', async () => {
    expect((await described()).Arn).toBe(POOL_ARN);
    expect(await list()).toEqual({ team: 'payments' });
    expect(await rawApiCall(mock.url, 'ListTagsForResource', { ResourceArn: PASTED_ARN })).toEqual({ status: 200, body: { Tags: {} } });
    expect((await described(PASTED)).UserPoolTags).toEqual({});
  });

  it('TagResource adds and overwrites, UntagResource removes (unknown keys ignored); DescribeUserPool shows the same map', async () => {
    expect(await rawApiCall(mock.url, 'TagResource', { ResourceArn: POOL_ARN, Tags: { team: 'billing', env: 'test', 'cost center': 'a/b:c=d+e-f@g_h.i' } }))
      .toEqual({ status: 200, body: {} });
    expect(await list()).toEqual({ team: 'billing', env: 'test', 'cost center': 'a/b:c=d+e-f@g_h.i' });
    expect(await rawApiCall(mock.url, 'UntagResource', { ResourceArn: POOL_ARN, TagKeys: ['env', 'never-set'] })).toEqual({ status: 200, body: {} });
    expect(await list()).toEqual({ team: 'billing', 'cost center': 'a/b:c=d+e-f@g_h.i' });
    expect((await described()).UserPoolTags).toEqual(await list());
  });

  it('keeps tags through an UpdateUserPool that leaves UserPoolTags out, and replaces them when it gives them', async () => {
    await sdk().send(new TagResourceCommand({ ResourceArn: POOL_ARN, Tags: { env: 'test' } }));
    await sdk().send(new UpdateUserPoolCommand({ UserPoolId: POOL, DeletionProtection: 'INACTIVE' }));
    expect(await list()).toEqual({ team: 'payments', env: 'test' });
    await sdk().send(new UpdateUserPoolCommand({ UserPoolId: POOL, UserPoolTags: { owner: 'platform' } }));
    expect(await list()).toEqual({ owner: 'platform' });
  });

  it('tags a pool created with UserPoolTags under the ARN CreateUserPool answers', async () => {
    const { UserPool } = await managementClient(mock.url, 'ap-south-1').send(new CreateUserPoolCommand({ PoolName: 'created', UserPoolTags: { a: '1' } }));
    expect(UserPool!.Arn).toBe(`arn:aws:cognito-idp:ap-south-1:000000000000:userpool/${UserPool!.Id}`);
    await sdk().send(new TagResourceCommand({ ResourceArn: UserPool!.Arn, Tags: { b: '' } }));
    expect(await list(UserPool!.Arn)).toEqual({ a: '1', b: '' });
  });

  it('answers InvalidParameterException for what is not a user pool ARN, ResourceNotFoundException for a pool the mock lacks', async () => {
    expect(await failure(sdk().send(new ListTagsForResourceCommand({ ResourceArn: 'not-an-arn-but-long-enough' })))).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/^1 validation error detected: Value 'not-an-arn-but-long-enough' at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: /),
    });
    expect((await failure(sdk().send(new ListTagsForResourceCommand({ ResourceArn: 'arn:a' })))).message).toMatch(/Member must have length greater than or equal to 20/);
    for (const other of ['arn:aws:cognito-identity:eu-west-1:000000000000:identitypool/eu-west-1:5a7e0d9e-0000-4000-8000-000000000000',
      `arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${POOL}/client/abc`, 'arn:aws:cognito-idp:eu-west-1:000000000000:userpool/no-underscore']) {
      expect((await failure(sdk().send(new ListTagsForResourceCommand({ ResourceArn: other })))).name).toBe('InvalidParameterException');
    }
    for (const missing of [`arn:aws:cognito-idp:eu-west-1:000000000000:userpool/eu-west-1_Missing00`,
      `arn:aws:cognito-idp:eu-west-1:111111111111:userpool/${POOL}`, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${POOL}`,
      `arn:aws:cognito-idp:us-east-2:000000000000:userpool/${PASTED}`]) {
      const id = missing.slice(missing.lastIndexOf('/') + 1);
      for (const call of [sdk().send(new ListTagsForResourceCommand({ ResourceArn: missing })),
        sdk().send(new TagResourceCommand({ ResourceArn: missing, Tags: { a: 'b' } })),
        sdk().send(new UntagResourceCommand({ ResourceArn: missing, TagKeys: ['a'] }))]) {
        expect(await failure(call)).toEqual({ name: 'ResourceNotFoundException', message: `User pool ${id} does not exist.`, status: 400 });
      }
    }
    expect(await list(PASTED_ARN)).toEqual({});
  });

  it('checks the request before looking for the pool: required members, key and value rules, at most 50 tags', async () => {
    const unknown = 'arn:aws:cognito-idp:eu-west-1:000000000000:userpool/eu-west-1_Missing00';
    expect(await rawApiCall(mock.url, 'TagResource', { ResourceArn: unknown })).toMatchObject({
      status: 400, body: { __type: 'InvalidParameterException', message: "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null" },
    });
    expect(await rawApiCall(mock.url, 'UntagResource', { ResourceArn: POOL_ARN })).toMatchObject({ status: 400, body: { __type: 'InvalidParameterException' } });
    expect(await rawApiCall(mock.url, 'TagResource', { ResourceArn: POOL_ARN, Tags: { team: 7 } })).toMatchObject({ status: 400, body: { __type: 'SerializationException' } });
    const tag = (Tags: Record<string, string>) => failure(sdk().send(new TagResourceCommand({ ResourceArn: POOL_ARN, Tags })));
    for (const bad of [{ 'aws:team': 'x' }, { 'AWS:team': 'x' }, { ['k'.repeat(129)]: 'x' }, { '': 'x' }, { team: 'v'.repeat(257) },
      { 'has#hash': 'x' }, { team: 'semi;colon' }]) {
      expect((await tag(bad)).name, JSON.stringify(bad)).toBe('InvalidParameterException');
    }
    const fifty = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, `v${i}`]));
    await sdk().send(new TagResourceCommand({ ResourceArn: POOL_ARN, Tags: fifty }));
    expect(Object.keys((await list())!)).toHaveLength(50);
    expect(await tag({ one: 'too many' })).toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('at most 50 tags') });
    expect(Object.keys((await list())!)).toHaveLength(50);
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect((await failure(sdk().send(new CreateUserPoolCommand({ PoolName: 'too many tags', UserPoolTags: tooMany })))).name).toBe('InvalidParameterException');
    expect((await failure(sdk().send(new CreateUserPoolCommand({ PoolName: 'reserved', UserPoolTags: { 'aws:x': 'y' } })))).name).toBe('InvalidParameterException');
  });
});

describe('pool tags in the store', () => {
  const tmp = useTempDir('tags');

  it('survive a restart', async () => {
    const data = tmp.join('db.json');
    const first = await startCognitoMock({ fixtures: fixtures(), data });
    await managementClient(first.url).send(new TagResourceCommand({ ResourceArn: PASTED_ARN, Tags: { kept: 'yes' } }));
    await first.stop();
    const second = await startCognitoMock({ fixtures: { UserPools: [] }, data });
    try {
      expect((await managementClient(second.url).send(new ListTagsForResourceCommand({ ResourceArn: PASTED_ARN }))).Tags).toEqual({ kept: 'yes' });
    } finally {
      await second.stop();
    }
  });
});
