// The standard attributes every user pool has, as DescribeUserPool lists them in SchemaAttributes
// for a pool created with no Schema (a real 2023 describe-user-pool output of an API-created pool;
// the same set as the developer guide's "Standard attributes"). Members in the model's order.

const string = (Name: string, MinLength = '0', MaxLength = '2048') => ({
  Name, AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: true, Required: false,
  StringAttributeConstraints: { MinLength, MaxLength },
});
const boolean = (Name: string) => ({ Name, AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false });

export const STANDARD_ATTRIBUTES: readonly Record<string, unknown>[] = [
  { ...string('sub', '1'), Mutable: false, Required: true },
  string('name'), string('given_name'), string('family_name'), string('middle_name'), string('nickname'),
  string('preferred_username'), string('profile'), string('picture'), string('website'), string('email'),
  boolean('email_verified'), string('gender'), string('birthdate', '10', '10'), string('zoneinfo'), string('locale'),
  string('phone_number'), boolean('phone_number_verified'), string('address'),
  {
    Name: 'updated_at', AttributeDataType: 'Number', DeveloperOnlyAttribute: false, Mutable: true, Required: false,
    NumberAttributeConstraints: { MinValue: '0' },
  },
];

const STANDARD_NAMES = new Set(STANDARD_ATTRIBUTES.map((attribute) => attribute.Name as string));

/**
 * A pool's SchemaAttributes as DescribeUserPool lists them: the standard attributes, each with the
 * pool's own settings for it laid over, then its custom attributes with the `custom:`
 * prefix Cognito gives them (names already prefixed `custom:` or `dev:`, as in a pasted
 * describe-user-pool output, stay as they are).
 */
export function describedSchema(stored: unknown): Record<string, unknown>[] {
  const given = Array.isArray(stored) ? (stored as Record<string, unknown>[]) : [];
  const byName = new Map(given.map((attribute) => [attribute.Name, attribute]));
  const standard = STANDARD_ATTRIBUTES.map((attribute) => ({ ...attribute, ...byName.get(attribute.Name) }));
  const custom = given
    .filter((attribute) => typeof attribute.Name !== 'string' || !STANDARD_NAMES.has(attribute.Name))
    .map((attribute) => (typeof attribute.Name === 'string' && !/^(custom|dev):/.test(attribute.Name)
      ? { ...attribute, Name: `custom:${attribute.Name}` } : attribute));
  return [...standard, ...custom];
}
