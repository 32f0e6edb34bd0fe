/**
 * An object keyed by user input (pool ids, client ids, resource server identifiers), made without a
 * prototype: `constructor`, `toString` and `__proto__` are then ordinary keys, never Object.prototype's
 * members, and assigning `__proto__` stores a value instead of changing the prototype. It still
 * serializes as a plain JSON object, so the store format does not change.
 */
export type Dictionary<T> = Record<string, T>;

/** A new dictionary holding the own enumerable entries of `from` (a parsed JSON object, another dictionary). */
export function dictionary<T>(from?: Readonly<Record<string, T>>): Dictionary<T> {
  const map = Object.create(null) as Dictionary<T>;
  if (from) for (const key of Object.keys(from)) map[key] = from[key]!;
  return map;
}
