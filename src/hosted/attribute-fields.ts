import { userAttributesOf } from '../management/user-input.js';
import { Problems } from '../model/problems.js';
import type { StoredPool } from '../model/types.js';
import type { UserAttribute } from '../model/users.js';

// The classic hosted UI asks for a pool's required attributes with fields named
// `requiredAttributes[<name>]` (cognito-reference-users §6.3): on the sign-up page, and on the
// new-password page of a user who lacks one, as NEW_PASSWORD_REQUIRED's `requiredAttributes` says (§4.5).

const FIELD = /^requiredAttributes\[(.+)\]$/;

/** The field of an attribute. */
export const attributeField = (name: string): string => `requiredAttributes[${name}]`;

/** The attributes a posted form gives, in its order; empty fields left out. */
export function attributeAnswers(form: ReadonlyMap<string, string>): UserAttribute[] {
  const answers: UserAttribute[] = [];
  for (const [key, value] of form) {
    const name = FIELD.exec(key)?.[1];
    if (name !== undefined && value.trim() !== '' && !answers.some((a) => a.Name === name)) answers.push({ Name: name, Value: value.trim() });
  }
  return answers;
}

/** What is wrong with these attributes for the pool's schema, in the API's words, or undefined. */
export function attributesProblem(pool: StoredPool, attributes: readonly UserAttribute[]): string | undefined {
  const p = new Problems();
  userAttributesOf(p, pool, { UserAttributes: attributes }, 'UserAttributes', false);
  return p.list[0]?.message;
}

/** A label for an attribute's field: `given_name` is "Given name", `custom:team` is "team". */
export function attributeLabel(name: string): string {
  if (/^(custom|dev):/.test(name)) return name.replace(/^(custom|dev):/, '');
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
