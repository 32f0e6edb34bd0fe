import { type Problems, checkList, checkObject, checkString, isRecord } from '../model/problems.js';
import { checkLambdaConfig } from '../model/lambda-config.js';
import { checkEnum, checkEnumList } from './enums.js';
import { checkTagMap } from './tag-rules.js';
import { MFA_MODES } from './mfa-config.js';

// The UserPoolType members CreateUserPool and UpdateUserPool accept (reference §6.3). The mock
// acts on few of them (LambdaConfig, IssuerConfiguration, DeletionProtection); the rest are
// type-checked and kept so DescribeUserPool shows what was set.

/** What a check may need besides the input: which trigger modules the server may import. */
export interface PoolInputContext {
  mayRunTrigger: (path: string) => boolean;
}

type Check = (p: Problems, input: Record<string, unknown>, member: string, context: PoolInputContext) => unknown;

const object: Check = (p, input, member) => checkObject(p, input, member);
const string: Check = (p, input, member) => checkString(p, input, member, {});
/** `Schema`: SchemaAttributeType objects, 1–50 of them, each `Name` 1–20 characters (the model's CustomAttributeNameType). */
const schema: Check = (p, input, member) => checkSchemaAttributes(p, input, member, 50);

/** A list of SchemaAttributeType objects of at most `max` (CreateUserPool `Schema`, AddCustomAttributes `CustomAttributes`). */
export const checkSchemaAttributes = (p: Problems, input: Record<string, unknown>, member: string, max: number) => checkList(p, input, member, max, (item, at) => {
  if (!isRecord(item)) {
    return at.add('SerializationException', 'Unexpected value type for SchemaAttributeType: expected an object.', `must be an object (got ${JSON.stringify(item)})`);
  }
  checkString(at, item, 'Name', { min: 1, max: 20 });
  return item;
});
const oneOf = (...values: string[]): Check => (p, input, member) => checkEnum(p, input, member, values);
const listOf = (...values: string[]): Check => (p, input, member) => checkEnumList(p, input, member, values);

// The same rules as TagResource, so a pool's tags are valid whichever call set them.
const tags: Check = (p, input, member) => checkTagMap(p, input, member);

const issuer: Check = (p, input, member) => {
  const value = checkObject(p, input, member);
  if (value) checkEnum(p.at(member), value, 'Type', ['ORIGINAL', 'UPDATED']);
  return value;
};

/** Input member → its check; `Schema` is stored as `SchemaAttributes`, `PoolName` as `Name` (handled by the actions). */
const POOL_MEMBER_CHECKS: Record<string, Check> = {
  Policies: object,
  DeletionProtection: oneOf('ACTIVE', 'INACTIVE'),
  // The API takes only absolute file: URLs for a local trigger (relative ones need a fixture file),
  // inside the directories the server trusts (SECURITY.md).
  LambdaConfig: (p, input, member, context) => checkLambdaConfig(p, input, member, undefined, context.mayRunTrigger),
  AutoVerifiedAttributes: listOf('phone_number', 'email'),
  AliasAttributes: listOf('phone_number', 'email', 'preferred_username'),
  UsernameAttributes: listOf('phone_number', 'email'),
  SmsVerificationMessage: string,
  EmailVerificationMessage: string,
  EmailVerificationSubject: string,
  VerificationMessageTemplate: object,
  SmsAuthenticationMessage: string,
  MfaConfiguration: oneOf(...MFA_MODES),
  UserAttributeUpdateSettings: object,
  DeviceConfiguration: object,
  EmailConfiguration: object,
  SmsConfiguration: object,
  UserPoolTags: tags,
  AdminCreateUserConfig: object,
  Schema: schema,
  UserPoolAddOns: object,
  DcrConfiguration: object,
  UsernameConfiguration: object,
  AccountRecoverySetting: object,
  UserPoolTier: oneOf('LITE', 'ESSENTIALS', 'PLUS'),
  KeyConfiguration: object,
  IssuerConfiguration: issuer,
  AcrConfiguration: object,
};

/** Members only CreateUserPool takes: they are fixed for the pool's life (reference §6.3). */
const CREATE_ONLY = new Set(['AliasAttributes', 'UsernameAttributes', 'Schema', 'UsernameConfiguration']);

export const CREATE_POOL_MEMBERS = Object.keys(POOL_MEMBER_CHECKS);
export const UPDATE_POOL_MEMBERS = CREATE_POOL_MEMBERS.filter((member) => !CREATE_ONLY.has(member));

/**
 * UpdateUserPool: "If you don't provide a value for an attribute, Amazon Cognito sets it to its
 * default value" [M S10 docs], so these members are removed when an update leaves them out —
 * LambdaConfig included, as on AWS. The tier, key and issuer configuration are kept instead [I]:
 * they decide which tokens the pool issues, and resetting them silently would change `iss`.
 * Tags are kept too: they belong to TagResource/UntagResource, and Terraform's UpdateUserPool
 * leaves UserPoolTags out while it manages tags with those calls [L terraform-provider-aws
 * `resourceUserPoolUpdate`].
 */
export const RESET_BY_UPDATE = UPDATE_POOL_MEMBERS.filter((member) =>
  !['UserPoolTier', 'KeyConfiguration', 'IssuerConfiguration', 'UserPoolTags'].includes(member));

/** Checks the given members of the input; returns them as stored on the pool (Schema → SchemaAttributes). */
export function checkPoolMembers(p: Problems, input: Record<string, unknown>, members: readonly string[],
  context: PoolInputContext): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const member of members) {
    const value = POOL_MEMBER_CHECKS[member]!(p, input, member, context);
    if (value !== undefined && (isRecord(value) || Array.isArray(value) || typeof value === 'string')) {
      stored[member === 'Schema' ? 'SchemaAttributes' : member] = value;
    }
  }
  return stored;
}
