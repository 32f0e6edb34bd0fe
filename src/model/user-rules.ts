import { ARN_RULE } from './rules.js';
import { type PasswordPolicy, passwordPolicyViolation } from './password-policy.js';
import { type Problems, checkInteger, checkList, checkString, checkStringValue, isRecord } from './problems.js';
import { ATTRIBUTE_NAME_RULE, ATTRIBUTE_VALUE_RULE, GROUP_DESCRIPTION_RULE, MAX_PRECEDENCE, type UserAttribute } from './users.js';

// The rules of user and group input (cognito-reference-users §2.2, §2.4, §3.1), shared by the
// management API (first problem answered) and fixtures (every problem, with its path).

/** Every pool's standard attributes (§2.2); `sub` is set by Cognito only. */
export const STANDARD_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  'sub', 'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture',
  'website', 'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number',
  'phone_number_verified', 'address', 'updated_at',
]);

/** The attribute names a pool knows: the standard ones and its custom ones (`custom:<name>`) from its stored schema. */
export function poolAttributeNames(schemaAttributes: unknown): ReadonlySet<string> {
  const names = new Set(STANDARD_ATTRIBUTE_NAMES);
  if (Array.isArray(schemaAttributes)) {
    for (const attribute of schemaAttributes) {
      const name = isRecord(attribute) ? attribute.Name : undefined;
      if (typeof name !== 'string' || STANDARD_ATTRIBUTE_NAMES.has(name)) continue;
      names.add(/^(custom|dev):/.test(name) ? name : `custom:${name}`);
    }
  }
  return names;
}

/** Cognito's prefix for attribute problems ("Attributes did not conform to the schema: email: …"). */
const schemaProblem = (p: Problems, name: string, what: string): undefined =>
  p.invalid(`Attributes did not conform to the schema: ${name}: ${what}`);

export interface AttributeRule {
  /** An empty value is allowed (it deletes the attribute in AdminUpdateUserAttributes). */
  allowEmpty: boolean;
  /** `sub` may be given (fixtures, so a pasted admin-get-user keeps it); the API never takes it. */
  allowSub: boolean;
}

/**
 * `UserAttributes` (or another list of `{Name, Value}`): names the pool knows, `sub` only where
 * the rule allows, `*_verified` `"true"`/`"false"`, phone numbers `+<digits>`.
 */
export function checkUserAttributes(p: Problems, obj: Record<string, unknown>, member: string, known: ReadonlySet<string>,
  { allowEmpty, allowSub }: AttributeRule): UserAttribute[] | undefined {
  return checkList(p, obj, member, 100, (item, at) => {
    if (!isRecord(item)) return at.invalid('Each attribute must be an object with Name and Value.');
    const Name = checkString(at, item, 'Name', ATTRIBUTE_NAME_RULE);
    const Value = checkString(at, item, 'Value', ATTRIBUTE_VALUE_RULE) ?? '';
    if (Name === undefined) return undefined;
    if (!known.has(Name)) return schemaProblem(at.at('Name'), Name, 'Attribute does not exist in the schema.');
    if (Name === 'sub' && !allowSub) return schemaProblem(at.at('Name'), Name, 'Attribute cannot be updated. (changing an immutable attribute)');
    if (Name === 'sub' && Value === '') return at.at('Value').invalid('sub must not be empty.');
    if (Value === '' && allowEmpty) return { Name, Value };
    if ((Name === 'email_verified' || Name === 'phone_number_verified') && Value !== 'true' && Value !== 'false') {
      return at.at('Value').invalid(`Invalid value for ${Name}: must be "true" or "false".`);
    }
    if (Name === 'phone_number' && !/^\+[0-9]{1,20}$/.test(Value)) return at.at('Value').invalid('Invalid phone number format.');
    if (Name === 'email' && !/^[^@\s]+@[^@\s]+$/.test(Value)) return at.at('Value').invalid('Invalid email address format.');
    return { Name, Value };
  });
}

/** The two prefixes of Cognito's policy messages; SignUp's is "did not conform with" (§9 Q4). */
export type PolicyPrefix = 'Password does not conform to policy: ' | 'Password did not conform with policy: ';

/**
 * A new password (`Password`, `TemporaryPassword`, `ProposedPassword`): the model's rule first
 * (6–256 characters, no whitespace), then the pool's policy with Cognito's "Password does not
 * conform to policy: …" (the prefix seen from the admin calls, §9 Q4). The message never shows
 * the password: Cognito's model text leaves sensitive values out ("Value at 'password'").
 */
export function checkNewPassword(p: Problems, obj: Record<string, unknown>, member: string, policy: PasswordPolicy,
  required: boolean, prefix: PolicyPrefix = 'Password does not conform to policy: '): string | undefined {
  const at = p.at(member);
  const value = obj[member];
  const field = member.charAt(0).toLowerCase() + member.slice(1);
  const modelRule = (rule: string): undefined =>
    at.invalid(`1 validation error detected: Value at '${field}' failed to satisfy constraint: ${rule}`, rule.replace(/^Member /, ''));
  if (value === undefined || value === null) return required ? modelRule('Member must not be null') : undefined;
  if (typeof value !== 'string') return at.add('SerializationException', `Unexpected value type for ${member}: expected a string.`, 'must be a string');
  if (value.length < 6) return modelRule('Member must have length greater than or equal to 6');
  if (value.length > 256) return modelRule('Member must have length less than or equal to 256');
  if (!/^[\S]+$/.test(value)) return modelRule('Member must satisfy regular expression pattern: [\\S]+');
  const violation = passwordPolicyViolation(policy, value);
  if (violation !== undefined) return at.add('InvalidPasswordException', `${prefix}${violation}`);
  return value;
}

/** The settable members of a group (CreateGroup, UpdateGroup, fixtures): each one given, checked. */
export function checkGroupMembers(p: Problems, obj: Record<string, unknown>): { Description?: string; RoleArn?: string; Precedence?: number } {
  const Description = checkString(p, obj, 'Description', GROUP_DESCRIPTION_RULE);
  const RoleArn = checkStringValue(p.at('RoleArn'), 'RoleArn', obj.RoleArn, { ...ARN_RULE, required: false });
  const Precedence = checkInteger(p, obj, 'Precedence', 0, MAX_PRECEDENCE);
  return {
    ...(Description === undefined ? {} : { Description }),
    ...(RoleArn === undefined ? {} : { RoleArn }),
    ...(Precedence === undefined ? {} : { Precedence }),
  };
}
