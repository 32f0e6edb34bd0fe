import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGEMENT_ACTIONS } from '../../src/management/index.js';
import { MANAGEMENT_BODY_LIMIT } from '../../src/management/request.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { NEW_POOL_KEYS, POOL_ID, testFixtures } from '../support/fixtures.js';

const TARGET = 'AWSCognitoIdentityProviderService.';
const JSON_11 = 'application/x-amz-json-1.1';

/** A raw AWS JSON 1.1 call, as an SDK would make it but with full control over every byte. */
function call(mock: CognitoMock, operation: string | undefined, body: string | Buffer, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(mock.url, {
    method: 'POST',
    headers: { 'content-type': JSON_11, ...(operation === undefined ? {} : { 'x-amz-target': `${TARGET}${operation}` }), ...headers },
    body,
  });
}

async function expectError(res: Response, status: number, type: string): Promise<string> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe(JSON_11);
  expect(res.headers.get('x-amzn-errortype')).toBe(type);
  const body = (await res.json()) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['__type', 'message']);
  expect(body.__type).toBe(type);
  expect(typeof body.message).toBe('string');
  return body.message as string;
}

describe('management API wire protocol (AWS JSON 1.1)', () => {
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures(), keysForNewPools: NEW_POOL_KEYS }); });
  afterAll(() => mock.stop());

  it('answers in application/x-amz-json-1.1 with a request id and no CORS header (real Cognito\'s are safe only with SigV4 checked)', async () => {
    const res = await call(mock, 'DescribeUserPool', JSON.stringify({ UserPoolId: POOL_ID }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(JSON_11);
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const body = (await res.json()) as { UserPool: Record<string, unknown> };
    expect(body.UserPool.Id).toBe(POOL_ID);
    // Epoch seconds as JSON numbers, never ISO strings (reference §6.1).
    expect(typeof body.UserPool.CreationDate).toBe('number');
  });

  it('gives every answer its own request id, errors included', async () => {
    const [a, b] = await Promise.all([call(mock, 'Nope', '{}'), call(mock, 'Nope', '{}')]);
    expect(a.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(a.headers.get('x-amzn-requestid')).not.toBe(b.headers.get('x-amzn-requestid'));
  });

  // A web page can POST text/plain, a form or no type anywhere without a CORS preflight; the
  // SDKs, the CLI and Terraform send application/x-amz-json-1.1 (cognito-idp is awsJson1_1).
  it('refuses every Content-Type but application/x-amz-json-1.1, no type included, before acting', async () => {
    const before = mock.snapshot();
    const create = JSON.stringify({ UserPoolId: POOL_ID, ClientName: 'from-a-web-page' });
    for (const type of ['application/json', 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/x-amz-json-1.0']) {
      const message = await expectError(await call(mock, 'CreateUserPoolClient', create, { 'content-type': type }), 400, 'SerializationException');
      expect(message).toBe(`Content-Type must be application/x-amz-json-1.1, got ${type.split(';')[0]}.`);
    }
    const none = await fetch(mock.url, { method: 'POST', headers: { 'x-amz-target': `${TARGET}CreateUserPoolClient` }, body: new Blob([create]) });
    expect(await expectError(none, 400, 'SerializationException')).toBe('Content-Type must be application/x-amz-json-1.1, got none.');
    expect(mock.snapshot()).toEqual(before);
  });

  it('answers 400 UnknownOperationException for an unknown or missing target', async () => {
    expect(await expectError(await call(mock, 'CreateIdentityProvider', '{}'), 400, 'UnknownOperationException')).toContain('CreateIdentityProvider');
    await expectError(await call(mock, undefined, '{}'), 400, 'UnknownOperationException');
    await expectError(await call(mock, undefined, '{}', { 'x-amz-target': 'DynamoDB_20120810.ListTables' }), 400, 'UnknownOperationException');
    // Own members of the action table only, not Object.prototype's.
    await expectError(await call(mock, 'constructor', '{}'), 400, 'UnknownOperationException');
  });

  it('answers 400 SerializationException for a body that is not a JSON object', async () => {
    for (const body of ['{"UserPoolId":', 'null', '[]', '"text"', '42', '{"a":1}{"b":2}']) {
      await expectError(await call(mock, 'DescribeUserPool', body), 400, 'SerializationException');
    }
    await expectError(await call(mock, 'DescribeUserPool', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 400, 'SerializationException');
    await expectError(await call(mock, 'DescribeUserPool', '{}', { 'content-type': 'application/x-www-form-urlencoded' }), 400, 'SerializationException');
    await expectError(await call(mock, 'DescribeUserPool', '{}', { 'content-type': `${JSON_11}; charset=latin1` }), 400, 'SerializationException');
  });

  it('answers 400 SerializationException for nesting no Cognito input has', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    await expectError(await call(mock, 'UpdateUserPool', deep), 400, 'SerializationException');
  });

  it('answers 400 SerializationException when a member has the wrong JSON type', async () => {
    expect(await expectError(await call(mock, 'DescribeUserPool', '{"UserPoolId":5}'), 400, 'SerializationException')).toContain('UserPoolId');
    await expectError(await call(mock, 'ListUserPools', '{"MaxResults":"ten"}'), 400, 'SerializationException');
    await expectError(await call(mock, 'CreateUserPoolClient', JSON.stringify({ UserPoolId: POOL_ID, ClientName: 'x', AllowedOAuthScopes: 'orders/read' })), 400, 'SerializationException');
    await expectError(await call(mock, 'CreateUserPoolClient', JSON.stringify({ UserPoolId: POOL_ID, ClientName: 'x', GenerateSecret: 'yes' })), 400, 'SerializationException');
  });

  it(`answers 413 RequestEntityTooLargeException above ${MANAGEMENT_BODY_LIMIT} bytes, and still serves the connection`, async () => {
    const big = JSON.stringify({ UserPoolId: POOL_ID, ClientName: 'x', CallbackURLs: ['https://a.example/'.padEnd(MANAGEMENT_BODY_LIMIT, 'a')] });
    const message = await expectError(await call(mock, 'CreateUserPoolClient', big), 413, 'RequestEntityTooLargeException');
    expect(message).toContain(String(MANAGEMENT_BODY_LIMIT));
    expect((await call(mock, 'DescribeUserPool', JSON.stringify({ UserPoolId: POOL_ID }))).status).toBe(200);
  });

  it('treats an empty body as {} (then the missing required member is the error)', async () => {
    const message = await expectError(await call(mock, 'DescribeUserPool', ''), 400, 'InvalidParameterException');
    expect(message).toBe("1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null");
  });

  it('takes the region of new pool ids from the SigV4 credential scope, us-east-1 when unsigned', async () => {
    const signed = await call(mock, 'CreateUserPool', '{"PoolName":"signed"}', {
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/ap-southeast-2/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
    });
    expect(((await signed.json()) as { UserPool: { Id: string } }).UserPool.Id).toMatch(/^ap-southeast-2_[A-Za-z0-9]{9}$/);
    const unsigned = await call(mock, 'CreateUserPool', '{"PoolName":"unsigned"}', { authorization: 'Bearer whatever' });
    expect(((await unsigned.json()) as { UserPool: { Id: string } }).UserPool.Id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
  });

  it('never answers 5xx to hostile member values, and a rejected request leaves the store as it was', async () => {
    const hostile: unknown[] = [1, 'x', true, [], {}, [{ a: 1 }], null, -1, 1e308, '', { Type: 'UPDATED' }];
    const members = ['UserPoolId', 'ClientId', 'ClientName', 'PoolName', 'Identifier', 'Name', 'Scopes', 'Domain', 'MaxResults',
      'NextToken', 'AllowedOAuthFlows', 'AllowedOAuthScopes', 'TokenValidityUnits', 'LambdaConfig', 'GenerateSecret', 'ClientSecret',
      'IssuerConfiguration', 'DeletionProtection'];
    let rejected = 0;
    for (const operation of MANAGEMENT_ACTIONS.keys()) {
      for (const [i, value] of hostile.entries()) {
        // Every member gets the value, but every other request names a real pool, so checks past the lookup run too.
        const input: Record<string, unknown> = Object.fromEntries(members.map((m) => [m, value]));
        if (i % 2 === 0) input.UserPoolId = POOL_ID;
        const before = JSON.stringify(mock.snapshot());
        const res = await call(mock, operation, JSON.stringify(input));
        const body = (await res.json()) as Record<string, unknown>;
        expect(res.status, `${operation} ${JSON.stringify(input)}`).toBeLessThan(500);
        if (res.status === 200) continue;
        rejected++;
        expect(res.status).toBe(400);
        expect(typeof body.__type).toBe('string');
        expect(JSON.stringify(mock.snapshot()), `${operation} changed the store`).toBe(before);
      }
    }
    // Nearly all of them are wrong; the few that are valid (e.g. DescribeUserPool ignores extra members) pass.
    expect(rejected).toBeGreaterThan(MANAGEMENT_ACTIONS.size * hostile.length * 0.8);
  });
});
