import { isRecord } from '../model/problems.js';
import type { StoredPool } from '../model/types.js';
import { type StoredUser, attributeValue, subOf } from '../model/users.js';
import type { Registry } from '../registry.js';
import { USERS } from '../store/collections.js';

/** `UsernameConfiguration.CaseSensitive: false` (the API's default is case-sensitive, §2.1). */
export const caseInsensitive = (pool: StoredPool): boolean =>
  isRecord(pool.UserPool.UsernameConfiguration) && pool.UserPool.UsernameConfiguration.CaseSensitive === false;

/** The pool's `UsernameAttributes` (`email`, `phone_number`): users sign in with these, their username is their sub. */
export const usernameAttributes = (pool: StoredPool): string[] => stringList(pool.UserPool.UsernameAttributes);

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The user a name in a request means (§2.1): the username itself (in any case when the pool is
 * case-insensitive; returned as created, §9 Q18), else its sub, else a sign-in attribute of
 * the pool: a `UsernameAttributes` value, or an alias (`AliasAttributes`; email and phone only
 * once verified).
 */
export function findUser(registry: Registry, pool: StoredPool, name: string): StoredUser | undefined {
  const poolId = pool.UserPool.Id;
  const direct = registry.item(USERS, poolId, name);
  if (direct) return direct;
  const folding = caseInsensitive(pool);
  const signIn = usernameAttributes(pool);
  const aliases = stringList(pool.UserPool.AliasAttributes);
  // The scan only where a name can mean something other than a key.
  if (!folding && signIn.length === 0 && aliases.length === 0 && !UUID.test(name)) return undefined;
  const fold = (text: string): string => (folding ? text.toLowerCase() : text);
  const wanted = fold(name);
  const matchesAttribute = (user: StoredUser, attribute: string, mustBeVerified: boolean): boolean => {
    const value = attributeValue(user, attribute);
    if (value === undefined) return false;
    const same = attribute === 'email' ? value.toLowerCase() === name.toLowerCase() : fold(value) === wanted;
    return same && (!mustBeVerified || attribute === 'preferred_username' || attributeValue(user, `${attribute}_verified`) === 'true');
  };
  const users = registry.items(USERS, poolId);
  return users.find((user) => folding && fold(user.Username) === wanted)
    ?? users.find((user) => subOf(user) === name)
    ?? users.find((user) => signIn.some((attribute) => matchesAttribute(user, attribute, false))
      || aliases.some((attribute) => matchesAttribute(user, attribute, true)));
}
