import { AwsApiError, invalidParameter } from '../errors.js';
import { Problems } from '../model/problems.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { MFA_FACTOR_MEMBERS, MFA_STORED_MEMBERS, checkMfaInput, describedMfaConfig, hasMfaFactor } from './mfa-config.js';

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
  p.throwFirst();

  const mode = MfaConfiguration ?? pool.UserPool.MfaConfiguration ?? 'OFF';
  if (mode === 'OFF' && MFA_FACTOR_MEMBERS.some((member) => blocks[member] !== undefined)) {
    // Measured on AWS (§7.2); OFF with only WebAuthnConfiguration is accepted there.
    throw invalidParameter("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
  }
  if (mode !== 'OFF' && !hasMfaFactor(blocks)) {
    // ON/OPTIONAL need at least one factor (§7.2); AWS's wording for this case is not public [?].
    throw invalidParameter(`Invalid MFA configuration given, ${mode} MFA needs SMS, software token or email MFA configured.`);
  }
  if (blocks.EmailMfaConfiguration && pool.UserPool.UserPoolTier === 'LITE') {
    // Email MFA needs the Essentials tier or higher (§7.1); wording [I].
    throw new AwsApiError('FeatureUnavailableInTierException', 'Email MFA is not available in the LITE feature plan.');
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
