import { Problems, checkString } from '../model/problems.js';
import { IDENTIFIER_RULE, RESOURCE_SERVER_NAME_RULE, checkResourceServerScopes } from '../model/rules.js';
import type { ResourceServer } from '../model/types.js';
import { throwFirst } from './throw-first.js';

/**
 * The resource server a Create/UpdateResourceServer input describes (reference §6.3, §6.5):
 * identifier, name, and scopes (names without `/`, a description each, at most 100). Throws the
 * first problem.
 */
export function resourceServerInput(input: Record<string, unknown>, poolId: string): ResourceServer {
  const p = new Problems();
  const Identifier = checkString(p, input, 'Identifier', IDENTIFIER_RULE);
  const Name = checkString(p, input, 'Name', RESOURCE_SERVER_NAME_RULE);
  const Scopes = checkResourceServerScopes(p, input);
  // Reserved [I]: the store keys servers by identifier, and JavaScript tools that copy a store file
  // into plain objects would set a prototype instead of a key (the mock itself keys them safely).
  if (Identifier === '__proto__') p.at('Identifier').invalid('The identifier __proto__ is reserved by cognito-mock.');
  throwFirst(p);
  return { UserPoolId: poolId, Identifier: Identifier!, Name: Name!, ...(Scopes ? { Scopes } : {}) };
}
