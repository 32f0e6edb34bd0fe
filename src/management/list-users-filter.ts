import { type StoredUser, attributeValue } from '../model/users.js';
import { filterParseError, invalidSearchAttribute } from './messages.js';

// ListUsers' `Filter` (cognito-reference-users §2.7): `name = "value"` (exact) or `name ^= "value"`
// (prefix), one attribute, `\` escaping inside the quotes; empty means every user.

export type UserFilter = (user: StoredUser) => boolean;

/**
 * The searchable attributes and how each compares: `username` and `status` are case-sensitive,
 * `cognito:user_status` is not, and the others follow "All searches are case-insensitive" (§9 Q7).
 */
const SEARCHABLE: Record<string, { valueOf: (user: StoredUser) => string | undefined; caseSensitive: boolean }> = {
  username: { valueOf: (user) => user.Username, caseSensitive: true },
  status: { valueOf: (user) => (user.Enabled ? 'Enabled' : 'Disabled'), caseSensitive: true },
  'cognito:user_status': { valueOf: (user) => user.UserStatus, caseSensitive: false },
  ...Object.fromEntries(['email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username', 'sub']
    .map((name) => [name, { valueOf: (user: StoredUser) => attributeValue(user, name), caseSensitive: name === 'sub' }])),
};

/** The filter a `Filter` string means; throws InvalidParameterException for one it cannot read. */
export function parseUserFilter(filter: string | undefined): UserFilter {
  if (filter === undefined || filter.trim() === '') return () => true;
  // A left-to-right scan, not a backtracking pattern: the input is the caller's.
  let i = 0;
  const skipSpace = () => { while (i < filter.length && filter[i] === ' ') i++; };
  skipSpace();
  const nameStart = i;
  while (i < filter.length && filter[i] !== ' ' && filter[i] !== '=' && filter[i] !== '^') i++;
  const name = filter.slice(nameStart, i);
  skipSpace();
  let prefix = false;
  if (filter[i] === '^') { prefix = true; i++; }
  if (name === '' || filter[i] !== '=') throw filterParseError();
  i++;
  skipSpace();
  if (filter[i] !== '"') throw filterParseError();
  i++;
  let value = '';
  for (;;) {
    if (i >= filter.length) throw filterParseError();
    const c = filter[i]!;
    if (c === '"') break;
    if (c === '\\') { i++; if (i >= filter.length) throw filterParseError(); value += filter[i]; }
    else value += c;
    i++;
  }
  i++;
  skipSpace();
  if (i !== filter.length) throw filterParseError();

  const searchable = Object.hasOwn(SEARCHABLE, name) ? SEARCHABLE[name] : undefined;
  if (!searchable) throw invalidSearchAttribute(name);
  const fold = (text: string) => (searchable.caseSensitive ? text : text.toLowerCase());
  const wanted = fold(value);
  return (user) => {
    const actual = searchable.valueOf(user);
    if (actual === undefined) return false;
    return prefix ? fold(actual).startsWith(wanted) : fold(actual) === wanted;
  };
}
