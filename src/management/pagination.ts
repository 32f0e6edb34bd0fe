import { invalidPaginationToken } from './messages.js';
import { Problems, checkInteger, checkString } from '../model/problems.js';
import { throwFirst } from './throw-first.js';

// MaxResults / NextToken of the List* actions (reference §6.3, §6.5). Items are listed in key order
// and the token names the last key returned, so a page boundary survives inserts and deletes.

export interface PageRequest {
  maxResults: number;
  after: string | undefined;
}

export interface PageRule {
  max: number;
  /** ListUserPools requires MaxResults; the others default to their maximum. */
  required: boolean;
  /**
   * The user and group lists name them `Limit` (0–60, 0 meaning the maximum [I]) and
   * `NextToken` or `PaginationToken` (ListUsers) (cognito-reference-users §2.7, §3.1).
   */
  members?: { limit: 'Limit'; token: 'NextToken' | 'PaginationToken' };
}

/** Checks MaxResults and NextToken (or the rule's members); throws the first problem. */
export function pageRequest(input: Record<string, unknown>, rule: PageRule): PageRequest {
  const p = new Problems();
  if (rule.required && (input.MaxResults === undefined || input.MaxResults === null)) {
    p.at('MaxResults').invalid("1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null");
  }
  const limitMember = rule.members?.limit ?? 'MaxResults';
  const maxResults = checkInteger(p, input, limitMember, rule.members ? 0 : 1, rule.max);
  const token = checkString(p, input, rule.members?.token ?? 'NextToken', { min: 1, max: 131072, pattern: /^[\S]+$/ });
  throwFirst(p);
  return { maxResults: maxResults || rule.max, after: token === undefined ? undefined : decodeToken(token) };
}

/** The page rule of the user and group lists: `Limit` 0–60 and the given token member. */
export const userListRule = (token: 'NextToken' | 'PaginationToken'): PageRule =>
  ({ max: 60, required: false, members: { limit: 'Limit', token } });

/** One page of `items` in key order, and the token for the next page when there is more. */
export function page<T>(items: Iterable<T>, keyOf: (item: T) => string, request: PageRequest): { items: T[]; nextToken?: string } {
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const start = request.after === undefined ? 0 : sorted.findIndex((item) => compare(keyOf(item), request.after!) > 0);
  const rest = start < 0 ? [] : sorted.slice(start);
  const pageItems = rest.slice(0, request.maxResults);
  if (rest.length <= request.maxResults) return { items: pageItems };
  return { items: pageItems, nextToken: encodeToken(keyOf(pageItems[pageItems.length - 1]!)) };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const encodeToken = (after: string): string => Buffer.from(JSON.stringify({ after })).toString('base64url');

function decodeToken(token: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const after = (decoded as { after?: unknown } | null)?.after;
    if (typeof after === 'string') return after;
  } catch {
    // falls through to the error below
  }
  throw invalidPaginationToken();
}
