import { clientSecretsOf } from '../model/client-secrets.js';
import { Problems, checkString } from '../model/problems.js';
import type { ManagementAction } from './action.js';
import { clientOf, poolOf } from './lookups.js';
import { throwFirst } from './throw-first.js';

/**
 * ListUserPoolClientSecrets (reference §6.3): the active secrets, oldest first, as
 * `{ClientSecretId, ClientSecretCreateDate}` — never the value ("the response never reveals the
 * actual secret value"). No pagination: "there are only 2 secrets at any given time and we return
 * both with every ListUserPoolClientSecrets call", so a NextToken is checked and ignored.
 */
export const listUserPoolClientSecrets: ManagementAction = (input, { registry }) => {
  const pool = poolOf(registry, input);
  const client = clientOf(registry, pool, input);
  const p = new Problems();
  checkString(p, input, 'NextToken', { min: 1, max: 131072 });
  throwFirst(p);
  return {
    ClientSecrets: clientSecretsOf(client).map(({ ClientSecretId, ClientSecretCreateDate }) => ({ ClientSecretId, ClientSecretCreateDate })),
  };
};
