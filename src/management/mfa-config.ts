import { type Problems, checkBoolean, checkObject, checkString } from '../model/problems.js';
import { ARN_RULE } from '../model/rules.js';
import type { UserPool } from '../model/types.js';
import { checkEnum } from './enums.js';

// The pool's MFA configuration as SetUserPoolMfaConfig and GetUserPoolMfaConfig shape it
// (cognito-reference-users §7.1). The mock keeps and describes it; it never challenges anyone:
// sign-in (and so SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP) is not emulated.

export const MFA_MODES = ['OFF', 'ON', 'OPTIONAL'] as const;

/** The factor blocks: OFF may not be combined with any of them (§7.2). */
export const MFA_FACTOR_MEMBERS = ['SmsMfaConfiguration', 'SoftwareTokenMfaConfiguration', 'EmailMfaConfiguration'] as const;

/**
 * Members kept on the stored pool besides the UserPoolType ones. They are not members of
 * UserPoolType, so DescribeUserPool never shows them; only `MfaConfiguration` is shared.
 */
export const MFA_STORED_MEMBERS = [...MFA_FACTOR_MEMBERS, 'WebAuthnConfiguration'] as const;

/** The members of GetUserPoolMfaConfigResponse / SetUserPoolMfaConfigResponse, in model order. */
const MFA_OUTPUT_MEMBERS = ['SmsMfaConfiguration', 'SoftwareTokenMfaConfiguration', 'EmailMfaConfiguration', 'MfaConfiguration', 'WebAuthnConfiguration'];

/** A pool that never set MFA describes `{"MfaConfiguration":"OFF"}` exactly (§7.4, §9 #20). */
export function describedMfaConfig(pool: UserPool): Record<string, unknown> {
  const values: Record<string, unknown> = { ...pool, MfaConfiguration: pool.MfaConfiguration ?? 'OFF' };
  const described: Record<string, unknown> = {};
  for (const member of MFA_OUTPUT_MEMBERS) {
    if (values[member] !== undefined) described[member] = values[member];
  }
  return described;
}

/** Whether the stored configuration turns on a second factor (WebAuthn is a first factor, not MFA: §7.2). */
export function hasMfaFactor(settings: Record<string, unknown>): boolean {
  const totp = settings.SoftwareTokenMfaConfiguration as { Enabled?: boolean } | undefined;
  return settings.SmsMfaConfiguration !== undefined || settings.EmailMfaConfiguration !== undefined || totp?.Enabled === true;
}

// The model's constraints (§7.1): SmsVerificationMessageType, EmailMfaMessageType, …
const SMS_MESSAGE_RULE = { min: 6, max: 140, pattern: /^.*\{####\}.*$/s };
const EMAIL_MESSAGE_RULE = { min: 6, max: 20000, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*$/u };
const EMAIL_SUBJECT_RULE = { pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}\s]+$/u };

/** `SmsMfaConfigType {SmsAuthenticationMessage, SmsConfiguration {SnsCallerArn*, ExternalId, SnsRegion}}`. */
function checkSmsMfa(p: Problems, input: Record<string, unknown>): Record<string, unknown> | undefined {
  const sms = checkObject(p, input, 'SmsMfaConfiguration');
  if (!sms) return undefined;
  const at = p.at('SmsMfaConfiguration');
  checkString(at, sms, 'SmsAuthenticationMessage', SMS_MESSAGE_RULE);
  const config = checkObject(at, sms, 'SmsConfiguration');
  if (config) {
    checkString(at.at('SmsConfiguration'), config, 'SnsCallerArn', ARN_RULE);
    checkString(at.at('SmsConfiguration'), config, 'ExternalId', { max: 131072 });
    checkString(at.at('SmsConfiguration'), config, 'SnsRegion', { min: 5, max: 32 });
  }
  return sms;
}

function checkSoftwareTokenMfa(p: Problems, input: Record<string, unknown>): Record<string, unknown> | undefined {
  const totp = checkObject(p, input, 'SoftwareTokenMfaConfiguration');
  if (totp) checkBoolean(p.at('SoftwareTokenMfaConfiguration'), totp, 'Enabled');
  return totp;
}

function checkEmailMfa(p: Problems, input: Record<string, unknown>): Record<string, unknown> | undefined {
  const email = checkObject(p, input, 'EmailMfaConfiguration');
  if (email) {
    checkString(p.at('EmailMfaConfiguration'), email, 'Message', EMAIL_MESSAGE_RULE);
    checkString(p.at('EmailMfaConfiguration'), email, 'Subject', EMAIL_SUBJECT_RULE);
  }
  return email;
}

function checkWebAuthn(p: Problems, input: Record<string, unknown>): Record<string, unknown> | undefined {
  const webAuthn = checkObject(p, input, 'WebAuthnConfiguration');
  if (webAuthn) {
    const at = p.at('WebAuthnConfiguration');
    checkString(at, webAuthn, 'RelyingPartyId', { min: 1, max: 127 });
    checkEnum(at, webAuthn, 'UserVerification', ['required', 'preferred']);
    checkEnum(at, webAuthn, 'FactorConfiguration', ['SINGLE_FACTOR', 'MULTI_FACTOR_WITH_USER_VERIFICATION']);
  }
  return webAuthn;
}

export interface MfaInput {
  /** Undefined when the request leaves it out: the pool's mode stays. */
  MfaConfiguration: string | undefined;
  /** Each block as given; a block left out is not configured. */
  blocks: Partial<Record<(typeof MFA_STORED_MEMBERS)[number], Record<string, unknown>>>;
}

/** Checks a SetUserPoolMfaConfig input member by member (the model's rules); returns what it sets. */
export function checkMfaInput(p: Problems, input: Record<string, unknown>): MfaInput {
  const MfaConfiguration = checkEnum(p, input, 'MfaConfiguration', MFA_MODES);
  const found = {
    SmsMfaConfiguration: checkSmsMfa(p, input),
    SoftwareTokenMfaConfiguration: checkSoftwareTokenMfa(p, input),
    EmailMfaConfiguration: checkEmailMfa(p, input),
    WebAuthnConfiguration: checkWebAuthn(p, input),
  };
  const blocks: MfaInput['blocks'] = {};
  for (const member of MFA_STORED_MEMBERS) if (found[member]) blocks[member] = found[member];
  return { MfaConfiguration, blocks };
}
