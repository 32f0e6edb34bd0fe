import { Problems } from '../model/problems.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { existingAttribute, tooManyCustomAttributes } from './messages.js';
import { checkSchemaAttributes } from './pool-input.js';
import { describedSchema } from './standard-attributes.js';
import { throwFirst } from './throw-first.js';

/** Custom attributes a pool may have, in all (cognito-reference-users §2.2). */
const MAX_CUSTOM_ATTRIBUTES = 50;

/**
 * AddCustomAttributes (cognito-reference-users §2.2): custom attributes appended to the pool's
 * schema, named `custom:<Name>` from then on, never removed or changed. A name the schema already
 * has is InvalidParameterException. How Terraform adds a `schema` block to an existing pool.
 */
export const addCustomAttributes: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const p = new Problems();
  if (input.CustomAttributes === undefined || input.CustomAttributes === null) {
    p.at('CustomAttributes').invalid("1 validation error detected: Value null at 'customAttributes' failed to satisfy constraint: Member must not be null");
  }
  const added = checkSchemaAttributes(p, input, 'CustomAttributes', 25);
  if (added?.length === 0) p.at('CustomAttributes').invalid("1 validation error detected: Value '[]' at 'customAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1");
  throwFirst(p);
  const stored = Array.isArray(pool.UserPool.SchemaAttributes) ? (pool.UserPool.SchemaAttributes as Record<string, unknown>[]) : [];
  const taken = new Set(describedSchema(stored).map((attribute) => attribute.Name));
  const custom = describedSchema(stored).length - describedSchema([]).length;
  for (const attribute of added!) {
    const name = `custom:${String(attribute.Name).replace(/^custom:/, '')}`;
    if (taken.has(name)) throw existingAttribute(name);
    taken.add(name);
  }
  if (custom + added!.length > MAX_CUSTOM_ATTRIBUTES) throw tooManyCustomAttributes();
  await registry.updatePool(pool.UserPool.Id, { SchemaAttributes: [...stored, ...added!] });
  return {};
};
