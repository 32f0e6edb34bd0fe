import { AwsApiError, invalidParameter } from '../errors.js';
import { clientSecretsOf, withClientSecrets } from '../model/client-secrets.js';
import { Problems, checkString } from '../model/problems.js';
import type { ManagementAction } from './action.js';
import { clientOf, poolOf } from './lookups.js';

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
  p.throwFirst();
  const secrets = clientSecretsOf(client);
  // Message wording for both cases [I].
  if (!secrets.some((secret) => secret.ClientSecretId === id)) {
    throw new AwsApiError('ResourceNotFoundException', `Client secret ${id} does not exist for user pool client ${client.ClientId}.`);
  }
  if (secrets.length === 1) throw invalidParameter('You cannot delete the last remaining client secret of an app client.');
  await registry.putClient(withClientSecrets(client, secrets.filter((secret) => secret.ClientSecretId !== id)));
  return {};
};
