import type { UserPoolClient } from '../model/types.js';

/** Attributes only a proof (a code) or an administrator may set: a user cannot mark itself verified. */
const VERIFIED = new Set(['email_verified', 'phone_number_verified']);

/**
 * Whether a user may write this attribute through this client (UpdateUserAttributes,
 * DeleteUserAttributes; cognito-reference-users §2.2): one its `WriteAttributes` lists, or any but
 * the `*_verified` ones when it lists none.
 */
export function writableBy(client: UserPoolClient | undefined, name: string): boolean {
  if (VERIFIED.has(name)) return false;
  const listed = client?.WriteAttributes;
  return listed === undefined || listed.length === 0 || listed.includes(name);
}
