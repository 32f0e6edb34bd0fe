import { AwsApiError } from '../errors.js';
import { Problems, checkObject, checkString } from '../model/problems.js';
import { invalidParameter } from './messages.js';
import { throwFirst } from './throw-first.js';

// What InitiateAuth, RespondToAuthChallenge and their admin twins read (cognito-reference-users
// §4.1–4.5): an enum member, and string maps (`AuthParameters`, `ChallengeResponses`) whose entries
// the flow names.

/** `AuthFlowType` (§4.1). */
export const AUTH_FLOWS = [
  'USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH',
] as const;

/** `ChallengeNameType`. */
export const CHALLENGE_NAMES = [
  'SMS_MFA', 'EMAIL_OTP', 'SOFTWARE_TOKEN_MFA', 'SELECT_MFA_TYPE', 'MFA_SETUP', 'PASSWORD_VERIFIER', 'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER', 'ADMIN_NO_SRP_AUTH', 'NEW_PASSWORD_REQUIRED', 'SMS_OTP',
  'PASSWORD', 'WEB_AUTHN', 'PASSWORD_SRP',
] as const;

/** An enum member, required: the model's wording when it is none of the values. */
export function enumMember<T extends string>(input: Record<string, unknown>, member: string, values: readonly T[]): T {
  const p = new Problems();
  const value = checkString(p, input, member, { required: true });
  throwFirst(p);
  if (!(values as readonly string[]).includes(value!)) {
    const field = member.charAt(0).toLowerCase() + member.slice(1);
    throw invalidParameter(`1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`);
  }
  return value as T;
}

/** A map of strings (`AuthParameters`, `ChallengeResponses`, `ClientMetadata`); absent: empty. */
export function stringMap(input: Record<string, unknown>, member: string): Record<string, string> {
  const p = new Problems();
  const map = checkObject(p, input, member);
  throwFirst(p);
  const entries = Object.entries(map ?? {});
  if (entries.some(([, value]) => typeof value !== 'string')) {
    throw new AwsApiError('SerializationException', `Unexpected value type for ${member}: expected a map of strings.`);
  }
  // fromEntries: a `__proto__` key is an entry like any other, not the map's prototype.
  return Object.fromEntries(entries) as Record<string, string>;
}

/** An entry a flow needs: "Missing required parameter USERNAME" (§4.1). */
export function requiredParameter(map: Record<string, string>, name: string): string {
  const value = map[name];
  if (value === undefined || value === '') throw invalidParameter(`Missing required parameter ${name}`);
  return value;
}

/** `Session`, when given: a string. */
export function sessionOf(input: Record<string, unknown>): string | undefined {
  const p = new Problems();
  const session = checkString(p, input, 'Session', {});
  throwFirst(p);
  return session;
}
