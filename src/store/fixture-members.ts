import type { Problems } from '../model/problems.js';

// Checks every fixture object shares: known members only, the pool it is listed in, dates.

/** Dates given as epoch seconds (the wire) or ISO strings (the CLI's output) (reference §6.1). */
export function datesOf(p: Problems, obj: Record<string, unknown>, members: readonly string[]): Record<string, number> {
  const dates: Record<string, number> = {};
  for (const member of members) {
    const value = obj[member];
    if (value === undefined) continue;
    const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) / 1000 : Number.NaN;
    if (Number.isFinite(seconds)) dates[member] = seconds;
    else p.at(member).invalid(`${member} must be epoch seconds or an ISO date`);
  }
  return dates;
}

/** A `UserPoolId` member, where given, names the pool the object is listed in. */
export function samePool(p: Problems, obj: Record<string, unknown>, poolId: string | undefined): void {
  if (obj.UserPoolId !== undefined && obj.UserPoolId !== poolId) {
    p.at('UserPoolId').invalid(`UserPoolId ${JSON.stringify(obj.UserPoolId)} does not match the pool it is listed in (${poolId})`);
  }
}

/** Members a fixture object may have; any other is a mistake (a typo), named with its path. */
export function unknownMembers(p: Problems, obj: Record<string, unknown>, known: Set<string>): void {
  for (const name of Object.keys(obj)) {
    if (!known.has(name)) p.at(name).invalid(`unknown member "${name}"`);
  }
}

