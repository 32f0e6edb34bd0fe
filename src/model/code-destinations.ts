import { type CodeDelivery, deliveryTo } from './codes.js';
import { isRecord } from './problems.js';
import type { UserPool } from './types.js';
import type { UserAttribute } from './users.js';

// Where Cognito sends a user's code (cognito-reference-users §2.9, §2.10), from the pool's
// settings and the user's attributes.

type CodeAttribute = CodeDelivery['AttributeName'];

const attributeOf = (attributes: readonly UserAttribute[], name: string): string | undefined =>
  attributes.find((attribute) => attribute.Name === name)?.Value;

/**
 * A sign-up code goes to an attribute the pool auto-verifies (`AutoVerifiedAttributes`) that the
 * user has: the phone number when both are (Cognito's documented preference for SMS), else the
 * email [I]. None: no code is sent, the user waits for AdminConfirmSignUp.
 */
export function signUpDestination(pool: UserPool, attributes: readonly UserAttribute[]): CodeDelivery | undefined {
  for (const attribute of autoVerifiedOf(pool)) {
    const value = attributeOf(attributes, attribute);
    if (value !== undefined) return deliveryTo(attribute, value);
  }
  return undefined;
}

/** The pool's auto-verified attributes, phone first. */
function autoVerifiedOf(pool: UserPool): CodeAttribute[] {
  const listed: unknown[] = Array.isArray(pool.AutoVerifiedAttributes) ? pool.AutoVerifiedAttributes : [];
  return (['phone_number', 'email'] as const).filter((attribute) => listed.includes(attribute));
}

/** The recovery mechanisms' attributes by priority; without `AccountRecoverySetting`, the legacy order: SMS before email (§2.10). */
function recoveryOrder(pool: UserPool): CodeAttribute[] {
  const setting = pool.AccountRecoverySetting;
  const mechanisms = isRecord(setting) && Array.isArray(setting.RecoveryMechanisms) ? setting.RecoveryMechanisms.filter(isRecord) : undefined;
  if (!mechanisms) return ['phone_number', 'email'];
  const byName: Record<string, CodeAttribute> = { verified_phone_number: 'phone_number', verified_email: 'email' };
  return [...mechanisms]
    .sort((a, b) => Number(a.Priority) - Number(b.Priority))
    .flatMap((mechanism) => (typeof mechanism.Name === 'string' && Object.hasOwn(byName, mechanism.Name) ? [byName[mechanism.Name]!] : []));
}

/**
 * A reset code goes to the first recovery mechanism the user has a *verified* value for; none
 * (nothing verified, or `admin_only`): undefined, Cognito's InvalidParameterException.
 */
export function recoveryDestination(pool: UserPool, attributes: readonly UserAttribute[]): CodeDelivery | undefined {
  for (const attribute of recoveryOrder(pool)) {
    const value = attributeOf(attributes, attribute);
    if (value !== undefined && attributeOf(attributes, `${attribute}_verified`) === 'true') return deliveryTo(attribute, value);
  }
  return undefined;
}

/**
 * What `PreventUserExistenceErrors: ENABLED` answers for a user that does not exist or cannot get
 * a code (§2.10, §4.11): delivery details that look like the pool's real ones, to the name given
 * when it has that shape, else to a made-up address [I: the simulated values are not captured].
 */
export function simulatedDestination(pool: UserPool, kind: 'signup' | 'forgot_password', name: string): CodeDelivery {
  // A reset "goes" where this pool's users can have a verified value: a recovery attribute it auto-verifies, if any.
  const verifiable = autoVerifiedOf(pool);
  const recovery = recoveryOrder(pool);
  const attribute = kind === 'signup' ? verifiable[0] ?? 'email'
    : recovery.find((candidate) => verifiable.includes(candidate)) ?? recovery[0] ?? 'email';
  if (attribute === 'phone_number') return deliveryTo(attribute, /^\+[0-9]{5,}$/.test(name) ? name : '+10000000000');
  return deliveryTo(attribute, name.includes('@') ? name : `${name}@${name}`);
}
