import { clientSecretNotFound, lastClientSecret } from './messages.js';
import { clientSecretsOf, withClientSecrets } from '../model/client-secrets.js';
import { Problems, checkString } from '../model/problems.js';
import type { ManagementAction } from './action.js';
import { clientOf, poolOf } from './lookups.js';
import { throwFirst } from './throw-first.js';

/**
 * DeleteUserPoolClientSecret (reference §6.3): the secret stops working at once. "You cannot delete
 * the last remaining secret for an app client" (InvalidParameterException). When the original
 * secret goes, DescribeUserPoolClient's `ClientSecret` shows the remaining one [I]. Output `{}`.
 */
export const deleteUserPoolClientSecret: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const client = clientOf(registry, pool, input);
  const p = new Problems();
  const id = checkString(p, input, 'ClientSecretId', { required: true, min: 1, max: 128 });
  throwFirst(p);
  const secrets = clientSecretsOf(client);
  if (!secrets.some((secret) => secret.ClientSecretId === id)) throw clientSecretNotFound(id!, client.ClientId);
  if (secrets.length === 1) throw lastClientSecret();
  await registry.putClient(withClientSecrets(client, secrets.filter((secret) => secret.ClientSecretId !== id)));
  return {};
};
