import {
  CreateUserPoolDomainCommand, DeleteUserPoolCommand, DeleteUserPoolDomainCommand, DescribeUserPoolCommand, DescribeUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { OTHER_POOL_ID, POOL_ID, testFixtures } from '../support/fixtures.js';
import { failure, managementClient, rawApiCall } from '../support/management-client.js';

describe('management API: user pool domains (prefix domains)', () => {
  let mock: CognitoMock;
  const sdk = () => managementClient(mock.url);
  const createDomain = (Domain: string, UserPoolId = OTHER_POOL_ID) => sdk().send(new CreateUserPoolDomainCommand({ Domain, UserPoolId }));

  beforeEach(async () => { mock = await startCognitoMock({ fixtures: testFixtures() }); });
  afterEach(() => mock.stop());

  it('creates a domain that DescribeUserPool and DescribeUserPoolDomain show', async () => {
    const created = await createDomain('other-orders');
    expect(Object.keys(created).filter((key) => key !== '$metadata')).toEqual([]);
    expect((await sdk().send(new DescribeUserPoolCommand({ UserPoolId: OTHER_POOL_ID }))).UserPool!.Domain).toBe('other-orders');
    const { DomainDescription } = await sdk().send(new DescribeUserPoolDomainCommand({ Domain: 'other-orders' }));
    expect(DomainDescription).toEqual({
      UserPoolId: OTHER_POOL_ID, AWSAccountId: '000000000000', Domain: 'other-orders', Version: expect.stringMatching(/^\d{14}$/), Status: 'ACTIVE', ManagedLoginVersion: 1,
    });
    expect(mock.pools().filter((pool) => pool.Domain === 'other-orders').map((pool) => pool.Id)).toEqual([OTHER_POOL_ID]);
  });

  it('answers {"DomainDescription": {}} for a domain nobody has, as Cognito does', async () => {
    expect(await rawApiCall(mock.url, 'DescribeUserPoolDomain', { Domain: 'nobody-has-this' })).toEqual({ status: 200, body: { DomainDescription: {} } });
  });

  it('refuses a domain another pool has, a second domain, reserved words and invalid characters', async () => {
    expect(await failure(createDomain('test-orders'))).toEqual({
      name: 'InvalidParameterException', message: 'Domain already associated with another user pool.', status: 400,
    });
    expect(await failure(createDomain('second', POOL_ID))).toMatchObject({
      name: 'InvalidParameterException', message: 'User pool already has a domain configured.',
    });
    expect(await failure(createDomain('my-cognito-login'))).toMatchObject({
      name: 'InvalidParameterException', message: 'Domain cannot contain reserved word: cognito',
    });
    expect(await failure(createDomain('auth.example.com'))).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/^The domain name contains an invalid character\. Domain names can only contain lower-case letters, numbers, and hyphens\./),
    });
    for (const bad of ['-leading', 'trailing-', 'UPPER', 'x'.repeat(64)]) {
      expect((await failure(createDomain(bad))).name, bad).toBe('InvalidParameterException');
    }
    expect((await failure(createDomain('fine-name', 'us-east-1_Missing00'))).name).toBe('ResourceNotFoundException');
    expect(mock.pool(OTHER_POOL_ID)!.Domain).toBeUndefined();
  });

  it('deletes the pool\'s own domain only, which frees it for another pool', async () => {
    expect(await failure(sdk().send(new DeleteUserPoolDomainCommand({ Domain: 'test-orders', UserPoolId: OTHER_POOL_ID })))).toMatchObject({
      name: 'InvalidParameterException', message: 'No such domain or user pool exists.',
    });
    await sdk().send(new DeleteUserPoolDomainCommand({ Domain: 'test-orders', UserPoolId: POOL_ID }));
    expect((await sdk().send(new DescribeUserPoolCommand({ UserPoolId: POOL_ID }))).UserPool!.Domain).toBeUndefined();
    expect((await sdk().send(new DescribeUserPoolDomainCommand({ Domain: 'test-orders' }))).DomainDescription).toEqual({});
    await createDomain('test-orders');
    expect((await sdk().send(new DescribeUserPoolDomainCommand({ Domain: 'test-orders' }))).DomainDescription!.UserPoolId).toBe(OTHER_POOL_ID);
  });

  it('lets a pool be deleted once its domain is gone', async () => {
    expect((await failure(sdk().send(new DeleteUserPoolCommand({ UserPoolId: POOL_ID })))).name).toBe('InvalidParameterException');
    await sdk().send(new DeleteUserPoolDomainCommand({ Domain: 'test-orders', UserPoolId: POOL_ID }));
    await sdk().send(new DeleteUserPoolCommand({ UserPoolId: POOL_ID }));
    expect(mock.pools().filter((pool) => pool.Domain === 'test-orders')).toEqual([]);
    expect((await sdk().send(new DescribeUserPoolDomainCommand({ Domain: 'test-orders' }))).DomainDescription).toEqual({});
  });
});
