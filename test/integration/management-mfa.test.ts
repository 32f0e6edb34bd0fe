import {
  DescribeUserPoolCommand, GetUserPoolMfaConfigCommand, SetUserPoolMfaConfigCommand, type SetUserPoolMfaConfigCommandInput,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { signingKeys } from '../support/fixtures.js';
import { failure, managementClient, rawApiCall } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';

const POOL = 'us-east-1_MfaPool01';
const LITE_POOL = 'us-east-1_LitePool1';
const fixtures = () => ({
  UserPools: [
    { Id: POOL, Name: 'mfa-pool', SigningKeys: signingKeys(0) },
    { Id: LITE_POOL, Name: 'lite-pool', UserPoolTier: 'LITE', SigningKeys: signingKeys(1) },
  ],
});

const SMS = {
  SmsAuthenticationMessage: 'Your code is {####}',
  SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/cognito-sms', ExternalId: 'mfa-external-id', SnsRegion: 'us-east-1' },
};
const EMAIL = { Message: 'Your sign-in code is {####}', Subject: 'Sign-in code' };
const OFF_WITH_A_FACTOR = "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.";

describe('management API: SetUserPoolMfaConfig and GetUserPoolMfaConfig', () => {
  let mock: CognitoMock;
  const sdk = () => managementClient(mock.url);
  const set = (input: Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'>, UserPoolId = POOL) =>
    sdk().send(new SetUserPoolMfaConfigCommand({ UserPoolId, ...input }));
  const get = async (UserPoolId = POOL) => (await rawApiCall(mock.url, 'GetUserPoolMfaConfig', { UserPoolId })).body;
  const describedMfa = async () => (await sdk().send(new DescribeUserPoolCommand({ UserPoolId: POOL }))).UserPool!.MfaConfiguration;

  beforeEach(async () => { mock = await startCognitoMock({ fixtures: fixtures() }); });
  afterEach(() => mock.stop());

  it('describes a pool that never set MFA as exactly {"MfaConfiguration":"OFF"}, as DescribeUserPool does', async () => {
    expect(await rawApiCall(mock.url, 'GetUserPoolMfaConfig', { UserPoolId: POOL })).toEqual({ status: 200, body: { MfaConfiguration: 'OFF' } });
    expect(await describedMfa()).toBe('OFF');
  });

  it('stores OPTIONAL with TOTP, answers it, and DescribeUserPool agrees', async () => {
    const answer = await set({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect(answer).toMatchObject({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect(await get()).toEqual({ SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' });
    expect(await describedMfa()).toBe('OPTIONAL');
  });

  it('stores ON with SMS and TOTP; the SMS settings are the pool\'s SmsConfiguration and SmsAuthenticationMessage too', async () => {
    await set({ MfaConfiguration: 'ON', SmsMfaConfiguration: SMS, SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect(await get()).toEqual({ SmsMfaConfiguration: SMS, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'ON' });
    const { UserPool } = await sdk().send(new DescribeUserPoolCommand({ UserPoolId: POOL }));
    expect(UserPool).toMatchObject({ MfaConfiguration: 'ON', SmsConfiguration: SMS.SmsConfiguration, SmsAuthenticationMessage: SMS.SmsAuthenticationMessage });
  });

  it('takes each call as the whole configuration: a factor left out is no longer configured, a mode left out stays', async () => {
    await set({ MfaConfiguration: 'ON', SmsMfaConfiguration: SMS, SoftwareTokenMfaConfiguration: { Enabled: true } });
    await set({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    expect(await get()).toEqual({ SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' });
    const webAuthn = { RelyingPartyId: 'auth.example.com', UserVerification: 'preferred' as const };
    await set({ SoftwareTokenMfaConfiguration: { Enabled: true }, WebAuthnConfiguration: webAuthn });
    expect(await get()).toEqual({ SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL', WebAuthnConfiguration: webAuthn });
    await set({ MfaConfiguration: 'OFF' });
    expect(await get()).toEqual({ MfaConfiguration: 'OFF' });
    expect(await describedMfa()).toBe('OFF');
  });

  it('keeps email MFA on an Essentials pool and refuses it on a Lite pool with FeatureUnavailableInTierException', async () => {
    await set({ MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: EMAIL });
    expect(await get()).toEqual({ EmailMfaConfiguration: EMAIL, MfaConfiguration: 'OPTIONAL' });
    expect(await failure(set({ MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: EMAIL }, LITE_POOL))).toMatchObject({
      name: 'FeatureUnavailableInTierException', status: 400,
    });
    expect(await get(LITE_POOL)).toEqual({ MfaConfiguration: 'OFF' });
  });

  it('refuses OFF together with an MFA factor with AWS\'s message, and accepts OFF with WebAuthn only', async () => {
    for (const factor of [{ SoftwareTokenMfaConfiguration: { Enabled: true } }, { SmsMfaConfiguration: SMS }, { EmailMfaConfiguration: EMAIL }]) {
      expect(await failure(set({ MfaConfiguration: 'OFF', ...factor }))).toEqual({ name: 'InvalidParameterException', message: OFF_WITH_A_FACTOR, status: 400 });
    }
    const webAuthn = { RelyingPartyId: 'auth.example.com', UserVerification: 'required' as const };
    expect(await set({ MfaConfiguration: 'OFF', WebAuthnConfiguration: webAuthn })).toMatchObject({ MfaConfiguration: 'OFF', WebAuthnConfiguration: webAuthn });
    expect(await get()).toEqual({ MfaConfiguration: 'OFF', WebAuthnConfiguration: webAuthn });
  });

  it('refuses ON or OPTIONAL without an enabled factor and leaves the configuration as it was', async () => {
    await set({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    for (const input of [{ MfaConfiguration: 'ON' as const }, { MfaConfiguration: 'OPTIONAL' as const, SoftwareTokenMfaConfiguration: { Enabled: false } }, {}]) {
      expect(await failure(set(input))).toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/^Invalid MFA configuration given/) });
    }
    expect(await get()).toEqual({ SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' });
  });

  it('checks members against the model: enum values, the {####} placeholder, the SNS role ARN, JSON types', async () => {
    expect(await failure(set({ MfaConfiguration: 'SOMETIMES' as never }))).toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value 'SOMETIMES' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
    });
    const noPlaceholder = { ...SMS, SmsAuthenticationMessage: 'Your code is here' };
    expect((await failure(set({ MfaConfiguration: 'ON', SmsMfaConfiguration: noPlaceholder }))).message).toBe(
      "1 validation error detected: Value 'Your code is here' at 'smsAuthenticationMessage' failed to satisfy constraint: Member must satisfy regular expression pattern: .*\\{####\\}.*");
    expect((await failure(set({ MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: {} as never } }))).message)
      .toBe("1 validation error detected: Value null at 'snsCallerArn' failed to satisfy constraint: Member must not be null");
    expect((await failure(set({ MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: 'not-an-arn' } } }))).name)
      .toBe('InvalidParameterException');
    expect((await failure(set({ MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: { Message: 'no code' } }))).name).toBe('InvalidParameterException');
    expect((await failure(set({ WebAuthnConfiguration: { UserVerification: 'always' as never } }))).name).toBe('InvalidParameterException');
    const wrongType = await rawApiCall(mock.url, 'SetUserPoolMfaConfig', { UserPoolId: POOL, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: 'yes' } });
    expect(wrongType).toMatchObject({ status: 400, body: { __type: 'SerializationException' } });
    expect(await get()).toEqual({ MfaConfiguration: 'OFF' });
  });

  it('answers ResourceNotFoundException for an unknown pool and InvalidParameterException for a malformed id', async () => {
    for (const call of [set({ MfaConfiguration: 'OFF' }, 'us-east-1_Missing00'), sdk().send(new GetUserPoolMfaConfigCommand({ UserPoolId: 'us-east-1_Missing00' }))]) {
      expect(await failure(call)).toEqual({ name: 'ResourceNotFoundException', message: 'User pool us-east-1_Missing00 does not exist.', status: 400 });
    }
    expect((await failure(sdk().send(new GetUserPoolMfaConfigCommand({ UserPoolId: 'no-underscore' })))).name).toBe('InvalidParameterException');
  });

  it('UpdateUserPool turning MFA off (given OFF, or left out as its default) drops the factors', async () => {
    await set({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    await sdk().send(new UpdateUserPoolCommand({ UserPoolId: POOL, MfaConfiguration: 'OPTIONAL', DeletionProtection: 'INACTIVE' }));
    expect(await get()).toEqual({ SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' });
    await sdk().send(new UpdateUserPoolCommand({ UserPoolId: POOL, DeletionProtection: 'INACTIVE' }));
    expect(await get()).toEqual({ MfaConfiguration: 'OFF' });
  });
});

describe('MFA configuration in the store', () => {
  const tmp = useTempDir('mfa');

  it('survives a restart', async () => {
    const data = tmp.join('db.json');
    const first = await startCognitoMock({ fixtures: fixtures(), data });
    await managementClient(first.url).send(new SetUserPoolMfaConfigCommand({
      UserPoolId: LITE_POOL, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true },
    }));
    await first.stop();
    // Fixture pools return to their fixture at a start, so the pool created through the API is the one to check.
    const second = await startCognitoMock({ fixtures: { UserPools: [] }, data });
    try {
      expect(second.pool(LITE_POOL)).toBeDefined();
      expect(await managementClient(second.url).send(new GetUserPoolMfaConfigCommand({ UserPoolId: LITE_POOL }))).toMatchObject({
        MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true },
      });
    } finally {
      await second.stop();
    }
  });
});
