import { type Problems, checkList, checkString } from '../model/problems.js';

// Enum members of the model (reference §6.3), worded as AWS's validator words them.

const camel = (member: string): string => member.charAt(0).toLowerCase() + member.slice(1);

const enumMessage = (value: string, member: string, values: readonly string[]): string =>
  `1 validation error detected: Value '${value}' at '${camel(member)}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`;

/** A string member that must be one of `values`. */
export function checkEnum(p: Problems, obj: Record<string, unknown>, member: string, values: readonly string[]): string | undefined {
  const value = checkString(p, obj, member, {});
  if (value !== undefined && !values.includes(value)) p.at(member).invalid(enumMessage(value, member, values));
  return value;
}

/** A list member whose items must each be one of `values`. */
export function checkEnumList(p: Problems, obj: Record<string, unknown>, member: string, values: readonly string[]): string[] | undefined {
  return checkList(p, obj, member, values.length, (item, at) => {
    if (typeof item !== 'string' || !values.includes(item)) return at.invalid(enumMessage(String(item), member, values));
    return item;
  });
}
