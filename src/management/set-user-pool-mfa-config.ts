import { emailMfaNeedsTier, mfaOffWithFactor, mfaWithoutFactor } from './messages.js';
import { Problems } from '../model/problems.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { MFA_FACTOR_MEMBERS, MFA_STORED_MEMBERS, checkMfaInput, describedMfaConfig, hasMfaFactor } from './mfa-config.js';
import { throwFirst } from './throw-first.js';

/**
 * SetUserPoolMfaConfig (cognito-reference-users §7): stores the configuration and answers it as
 * GetUserPoolMfaConfig will. The request is the whole MFA configuration: a factor block it leaves
 * out is no longer configured [I: Terraform sends every block on each change and expects a removed
 * one gone]; `MfaConfiguration` left out keeps the pool's mode (Terraform's OFF + WebAuthn call).
 * SMS settings are one setting with the pool's SmsConfiguration and SmsAuthenticationMessage, as
 * on AWS, so DescribeUserPool shows them too. No MFA challenge is ever issued.
 */
export const setUserPoolMfaConfig: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const p = new Problems();
  const { MfaConfiguration, blocks } = checkMfaInput(p, input);
  throwFirst(p);

  const mode = MfaConfiguration ?? pool.UserPool.MfaConfiguration ?? 'OFF';
  if (mode === 'OFF' && MFA_FACTOR_MEMBERS.some((member) => blocks[member] !== undefined)) {
    // Measured on AWS (§7.2); OFF with only WebAuthnConfiguration is accepted there.
    throw mfaOffWithFactor();
  }
  if (mode !== 'OFF' && !hasMfaFactor(blocks)) {
    // ON/OPTIONAL need at least one factor (§7.2).
    throw mfaWithoutFactor(String(mode));
  }
  if (blocks.EmailMfaConfiguration && pool.UserPool.UserPoolTier === 'LITE') {
    // Email MFA needs the Essentials tier or higher (§7.1).
    throw emailMfaNeedsTier();
  }

  const sms = blocks.SmsMfaConfiguration;
  const changes: Record<string, unknown> = {
    ...blocks,
    ...(MfaConfiguration === undefined ? {} : { MfaConfiguration }),
    ...(sms?.SmsConfiguration === undefined ? {} : { SmsConfiguration: sms.SmsConfiguration }),
    ...(sms?.SmsAuthenticationMessage === undefined ? {} : { SmsAuthenticationMessage: sms.SmsAuthenticationMessage }),
  };
  const removed = MFA_STORED_MEMBERS.filter((member) => blocks[member] === undefined);
  return describedMfaConfig(await registry.updatePool(pool.UserPool.Id, changes, removed));
};
