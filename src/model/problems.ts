/**
 * One broken rule. `type` and `message` are what Cognito's API answers (reference §6.2);
 * `explain`, when set, is a plainer sentence for fixture files.
 */
export interface Problem {
  path: string;
  type: string;
  message: string;
  explain?: string;
}

/**
 * Collects broken rules under a JSON path. Fixtures report every problem at once; the
 * management API throws the first, as Cognito answers one error per request.
 */
export class Problems {
  readonly list: Problem[];
  private readonly prefix: string;

  constructor(prefix = '', list: Problem[] = []) {
    this.prefix = prefix;
    this.list = list;
  }

  /** The same list, with paths below `member` (`Scopes`, `[2]`). */
  at(member: string | number): Problems {
    const step = typeof member === 'number' ? `[${member}]` : this.prefix ? `.${member}` : member;
    return new Problems(this.prefix + step, this.list);
  }

  /** Records a problem; returns undefined, so a check can `return p.add(…)` in place of a value. */
  add(type: string, message: string, explain?: string): undefined {
    this.list.push({ path: this.prefix, type, message, ...(explain === undefined ? {} : { explain }) });
    return undefined;
  }

  invalid(message: string, explain?: string): undefined {
    return this.add('InvalidParameterException', message, explain);
  }

  get ok(): boolean {
    return this.list.length === 0;
  }

  /** The first problem: the management API answers that one (management/throw-first.ts). */
  get first(): Problem | undefined {
    return this.list[0];
  }
}

const camel = (member: string): string => member.charAt(0).toLowerCase() + member.slice(1);

/** AWS's wording for a model constraint: `1 validation error detected: Value 'x' at 'clientName' failed to …`. */
function constraint(p: Problems, member: string, value: unknown, rule: string): void {
  const shown = value === null || value === undefined ? 'null' : `'${String(value)}'`;
  p.invalid(`1 validation error detected: Value ${shown} at '${camel(member)}' failed to satisfy constraint: ${rule}`,
    `${rule.replace(/^Member /, '')}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`);
}

/** JSON of the wrong type: the API's answer is a SerializationException, as AWS's deserializer gives. */
function wrongType(p: Problems, member: string, expected: string, value: unknown): undefined {
  return p.add('SerializationException', `Unexpected value type for ${member}: expected ${expected}.`,
    `must be ${expected} (got ${JSON.stringify(value)})`);
}

export interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
}

/** Checks `obj[member]` against a model string rule; returns the string when it is one. */
export function checkString(p: Problems, obj: Record<string, unknown>, member: string, rule: StringRule): string | undefined {
  return checkStringValue(p.at(member), member, obj[member], rule);
}

/** Checks one value (already at its own path) against a model string rule. */
export function checkStringValue(at: Problems, member: string, value: unknown, rule: StringRule): string | undefined {
  if (value === undefined || value === null) {
    if (rule.required) constraint(at, member, undefined, 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'string') return wrongType(at, member, 'a string', value);
  if (rule.min !== undefined && value.length < rule.min) {
    constraint(at, member, value, `Member must have length greater than or equal to ${rule.min}`);
  } else if (rule.max !== undefined && value.length > rule.max) {
    constraint(at, member, value, `Member must have length less than or equal to ${rule.max}`);
  } else if (rule.pattern && !rule.pattern.test(value)) {
    constraint(at, member, value, `Member must satisfy regular expression pattern: ${rule.pattern.source.slice(1, -1)}`);
  }
  return value;
}

export function checkBoolean(p: Problems, obj: Record<string, unknown>, member: string): boolean | undefined {
  const value = obj[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') return wrongType(p.at(member), member, 'a boolean', value);
  return value;
}

export function checkInteger(p: Problems, obj: Record<string, unknown>, member: string, min: number, max: number): number | undefined {
  const value = obj[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType(p.at(member), member, 'an integer', value);
  if (value < min) constraint(p.at(member), member, value, `Member must have value greater than or equal to ${min}`);
  else if (value > max) constraint(p.at(member), member, value, `Member must have value less than or equal to ${max}`);
  return value;
}

/** Checks a list member; each element goes to `each` with its own path. Returns the array when it is one. */
export function checkList<T>(p: Problems, obj: Record<string, unknown>, member: string, max: number,
  each: (item: unknown, at: Problems) => T | undefined): T[] | undefined {
  const value = obj[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return wrongType(p.at(member), member, 'a list', value);
  if (value.length > max) constraint(p.at(member), member, `[${value.length} items]`, `Member must have length less than or equal to ${max}`);
  const out: T[] = [];
  value.forEach((item, i) => {
    const checked = each(item, p.at(member).at(i));
    if (checked !== undefined) out.push(checked);
  });
  return out;
}

/** A list element that must be a string matching a rule. */
export function stringItem(member: string, rule: StringRule) {
  return (item: unknown, at: Problems): string | undefined =>
    checkStringValue(at, member, item, rule);
}

export function checkObject(p: Problems, obj: Record<string, unknown>, member: string): Record<string, unknown> | undefined {
  const value = obj[member];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return wrongType(p.at(member), member, 'an object', value);
  return value;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
