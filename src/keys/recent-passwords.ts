import { createHmac, randomBytes } from 'node:crypto';
import type { PasswordRecord } from '../model/users.js';

// Checking a password against its SRP verifier is a 3072-bit exponentiation (about a millisecond),
// three times what the sign-in's two signatures cost; test suites and load tests sign the same
// users in again and again. So the last checks that succeeded are remembered, in memory only, as an
// HMAC under a key made at start: neither a password nor an unkeyed hash of one is kept, a wrong
// password always takes the full check (guessing gains nothing), and a changed password has a new
// salt and verifier, so an entry of the old one can never match again.

/** Enough for every user a test run signs in; the oldest entry goes first. */
const MAX_ENTRIES = 10_000;

const processKey = randomBytes(32);
const recent = new Map<string, true>();

const entryOf = (record: PasswordRecord, poolId: string, username: string, password: string): string =>
  createHmac('sha256', processKey).update(JSON.stringify([poolId, username, record.Salt, record.Verifier, password])).digest('base64');

/** Whether this password was found right for this record recently (the entry moves to the newest). */
export function recentlyMatched(record: PasswordRecord, poolId: string, username: string, password: string): boolean {
  const entry = entryOf(record, poolId, username, password);
  if (!recent.delete(entry)) return false;
  recent.set(entry, true);
  return true;
}

/** Remembers a check that succeeded. */
export function rememberMatch(record: PasswordRecord, poolId: string, username: string, password: string): void {
  recent.set(entryOf(record, poolId, username, password), true);
  if (recent.size > MAX_ENTRIES) recent.delete(recent.keys().next().value!);
}
