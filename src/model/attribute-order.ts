// Cognito lists a user's attributes in the iteration order of a Java HashMap keyed by name, not
// sorted (cognito-reference-users §1.2: `sub, address, email_verified, name, phone_number_verified,
// email` in a real GetUser). Recomputed here from Java's String.hashCode so responses match byte
// for byte.

/** Java's `String.hashCode` over UTF-16 code units, as a signed 32-bit integer. */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/**
 * The table size of the HashMap for `count` entries: the smallest power of two, at least 16, not
 * below ⌊count/0.75⌋+1 (16 up to 11 entries, 32 from 12): the formula the later tokens show, which
 * the reference applies to attribute lists too (§9 Q2, Q29).
 */
export function hashMapCapacity(count: number): number {
  const needed = Math.floor(count / 0.75) + 1;
  let capacity = 16;
  while (capacity < needed) capacity *= 2;
  return capacity;
}

/** `items` in HashMap iteration order of `nameOf(item)`: by bucket, then in insertion order within one. */
export function hashMapOrder<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  const capacity = hashMapCapacity(items.length);
  const bucketOf = (name: string): number => {
    const h = javaStringHash(name);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return items
    .map((item, index) => ({ item, index, bucket: bucketOf(nameOf(item)) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map(({ item }) => item);
}
