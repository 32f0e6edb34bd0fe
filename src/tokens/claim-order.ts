/**
 * Cognito writes a user token's claims in the iteration order of a Java `HashMap` holding them
 * (cognito-reference-users §5.2, recomputed from every real token found): bucket by the spread
 * `String.hashCode`, buckets ascending, insertion order inside a bucket. Clients that compare
 * payloads byte for byte, or snapshot them, see the same text as from Cognito.
 */
export function inCognitoOrder(claims: Record<string, unknown>): Record<string, unknown> {
  const names = Object.keys(claims);
  const bucketOf = bucketer(names.length);
  const ordered = names
    .map((name, inserted) => ({ name, inserted, bucket: bucketOf(name) }))
    .sort((x, y) => x.bucket - y.bucket || x.inserted - y.inserted);
  const result: Record<string, unknown> = {};
  for (const { name } of ordered) result[name] = claims[name];
  return result;
}

/** Java's `String.hashCode`: h = 31·h + UTF-16 unit, wrapping at 32 bits. */
function javaHashCode(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/** `HashMap`'s table for n entries built by putAll: the smallest power of two ≥ ⌊n / 0.75⌋ + 1, at least 16 (§9 Q2). */
function bucketer(entries: number): (name: string) => number {
  let capacity = 16;
  while (capacity < Math.floor(entries / 0.75) + 1) capacity *= 2;
  return (name) => {
    const h = javaHashCode(name);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
}
