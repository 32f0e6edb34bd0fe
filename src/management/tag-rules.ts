import { dictionary } from '../model/dictionary.js';
import { invalidParameter } from './messages.js';
import { type Problems, checkList, checkObject, checkStringValue } from '../model/problems.js';
import { MAX_TAGS_PER_POOL, TAG_KEY_RULE, TAG_VALUE_RULE } from '../model/rules.js';

// Cognito's tag restrictions (developer guide, "Tagging Amazon Cognito resources"): at most 50
// tags, keys 1–128 and values 0–256 characters of letters, digits, spaces and `_ . : / = + - @`,
// no `aws:` prefix. CreateUserPool/UpdateUserPool's UserPoolTags and TagResource share them, so a
// pool's tags are the same whichever call set them. Wording of the messages [I].

const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** A tag map member (`UserPoolTags`, `Tags`): string values, each key and value within the rules. */
export function checkTagMap(p: Problems, input: Record<string, unknown>, member: string): Record<string, string> | undefined {
  const tags = checkObject(p, input, member);
  if (!tags) return undefined;
  const at = p.at(member);
  const before = p.list.length;
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string') {
      at.at(key).add('SerializationException', `Unexpected value type for ${member}.${key}: expected a string.`);
      continue;
    }
    checkTagKey(at.at(key), member, key);
    checkStringValue(at.at(key), member, value, TAG_VALUE_RULE);
    if (!TAG_CHARACTERS.test(value)) at.at(key).invalid(`Tag value of ${key} may contain only letters, digits, spaces and _ . : / = + - @.`);
  }
  if (Object.keys(tags).length > MAX_TAGS_PER_POOL) at.invalid(tooManyTags(Object.keys(tags).length));
  return p.list.length === before ? (tags as Record<string, string>) : undefined;
}

/** UntagResource's `TagKeys`: a list of keys (the model sets no minimum length). */
export function checkTagKeys(p: Problems, input: Record<string, unknown>, member: string): string[] | undefined {
  return checkList(p, input, member, Number.MAX_SAFE_INTEGER, (item, at) => {
    if (typeof item !== 'string') {
      at.add('SerializationException', `Unexpected value type for ${member}: expected a list of strings.`);
      return undefined;
    }
    checkStringValue(at, member, item, TAG_KEY_RULE);
    return item;
  });
}

function checkTagKey(at: Problems, member: string, key: string): void {
  const before = at.list.length;
  checkStringValue(at, member, key, TAG_KEY_RULE);
  if (at.list.length > before) return;
  if (!TAG_CHARACTERS.test(key)) at.invalid(`Tag key ${key} may contain only letters, digits, spaces and _ . : / = + - @.`);
  else if (key.toLowerCase().startsWith('aws:')) at.invalid(`Tag key ${key} uses the prefix aws:, which is reserved for AWS use.`);
}

const tooManyTags = (count: number): string =>
  `A user pool can have at most ${MAX_TAGS_PER_POOL} tags; the request would give it ${count}.`;

/** The tags a pool has after adding some: at most 50, or InvalidParameterException. */
export function mergedTags(current: Record<string, string> | undefined, added: Record<string, string>): Record<string, string> {
  const merged = dictionary(current);
  for (const [key, value] of Object.entries(added)) merged[key] = value;
  const count = Object.keys(merged).length;
  if (count > MAX_TAGS_PER_POOL) throw invalidParameter(tooManyTags(count));
  return merged;
}

/** A required map or list member that is missing: the model's "Member must not be null". */
export function requiredMember(p: Problems, input: Record<string, unknown>, member: string): void {
  if (input[member] === undefined || input[member] === null) {
    p.at(member).invalid(`1 validation error detected: Value null at '${member.charAt(0).toLowerCase()}${member.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
}
