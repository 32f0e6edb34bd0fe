import { describe, expect, it } from 'vitest';
import { maskedDestination } from '../../src/model/codes.js';
import { recoveryDestination, signUpDestination, simulatedDestination } from '../../src/model/code-destinations.js';
import type { UserPool } from '../../src/model/types.js';

// Where a code "goes" and how Cognito shows it (cognito-reference-users §2.9, §2.10, §9 Q14).

const pool = (settings: Record<string, unknown>): UserPool => ({ Id: 'us-east-1_Codes0001', Name: 'codes', ...settings }) as UserPool;
const attributes = (values: Record<string, string>) => Object.entries(values).map(([Name, Value]) => ({ Name, Value }));

describe('code destinations', () => {
  it('masks an email as Cognito does, a phone number to its last four digits', () => {
    expect(maskedDestination('email', 'bob@gmail.com')).toBe('b***@g***');
    expect(maskedDestination('email', 'jane.doe@example.org')).toBe('j***@e***');
    expect(maskedDestination('phone_number', '+15555551212')).toBe('+*******1212');
  });

  it('sends a sign-up code to an auto-verified attribute the user has, the phone first', () => {
    const both = attributes({ email: 'a@example.com', phone_number: '+15555551212' });
    expect(signUpDestination(pool({ AutoVerifiedAttributes: ['email', 'phone_number'] }), both))
      .toEqual({ AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+*******1212' });
    expect(signUpDestination(pool({ AutoVerifiedAttributes: ['email'] }), both)).toMatchObject({ AttributeName: 'email', DeliveryMedium: 'EMAIL' });
    expect(signUpDestination(pool({ AutoVerifiedAttributes: ['phone_number'] }), attributes({ email: 'a@example.com' }))).toBeUndefined();
    expect(signUpDestination(pool({}), both)).toBeUndefined();
  });

  it('sends a reset code to the first recovery mechanism with a verified value', () => {
    const user = attributes({ email: 'a@example.com', email_verified: 'true', phone_number: '+15555551212', phone_number_verified: 'false' });
    // No AccountRecoverySetting: SMS before email, but only a verified phone counts.
    expect(recoveryDestination(pool({}), user)).toMatchObject({ AttributeName: 'email' });
    const emailFirst = { AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 2, Name: 'verified_phone_number' }, { Priority: 1, Name: 'verified_email' }] } };
    const verifiedBoth = attributes({ email: 'a@example.com', email_verified: 'true', phone_number: '+15555551212', phone_number_verified: 'true' });
    expect(recoveryDestination(pool(emailFirst), verifiedBoth)).toMatchObject({ AttributeName: 'email' });
    expect(recoveryDestination(pool({}), verifiedBoth)).toMatchObject({ AttributeName: 'phone_number' });
    expect(recoveryDestination(pool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'admin_only' }] } }), verifiedBoth)).toBeUndefined();
    expect(recoveryDestination(pool({}), attributes({ email: 'a@example.com' }))).toBeUndefined();
  });

  it('simulates a delivery like the pool\'s real ones for users it must not reveal', () => {
    expect(simulatedDestination(pool({ AutoVerifiedAttributes: ['email'] }), 'forgot_password', 'nobody'))
      .toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'n***@n***' });
    expect(simulatedDestination(pool({ AutoVerifiedAttributes: ['email'] }), 'signup', 'x@example.com')).toMatchObject({ Destination: 'x***@e***' });
    expect(simulatedDestination(pool({ AutoVerifiedAttributes: ['phone_number'] }), 'forgot_password', '+15555551212'))
      .toEqual({ AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+*******1212' });
  });
});
