import { clientHasNoSecret, clientSecretActive, tooManyClientSecrets } from './messages.js';
import { MAX_CLIENT_SECRETS, clientSecretId, clientSecretsOf, withClientSecrets } from '../model/client-secrets.js';
import { newClientSecret } from '../model/ids.js';
import { Problems, checkString } from '../model/problems.js';
import { CLIENT_SECRET_RULE } from '../model/rules.js';
import type { ManagementAction } from './action.js';
import { clientOf, poolOf } from './lookups.js';
import { throwFirst } from './throw-first.js';

/**
 * AddUserPoolClientSecret (reference §6.3): a second active secret for rotation, the caller's own
 * `ClientSecret` (24–64 `[\w+]+`) or a generated one. At most two (LimitExceededException). The
 * output names the secret; its value only when generated ("The ClientSecretValue is only returned
 * when Amazon Cognito generates the secret"). Both secrets work at once, at the token endpoint and
 * GetClientToken.
 */
export const addUserPoolClientSecret: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const client = clientOf(registry, pool, input);
  const p = new Problems();
  const custom = checkString(p, input, 'ClientSecret', CLIENT_SECRET_RULE);
  throwFirst(p);
  const secrets = clientSecretsOf(client);
  // "Creates a new client secret for an existing confidential user pool app client" [M]; wording [I].
  if (secrets.length === 0) throw clientHasNoSecret(client.ClientId);
  if (secrets.length >= MAX_CLIENT_SECRETS) throw tooManyClientSecrets(client.ClientId, MAX_CLIENT_SECRETS);
  if (custom !== undefined && secrets.some((secret) => secret.ClientSecretValue === custom)) throw clientSecretActive();
  const now = registry.now();
  const added = {
    ClientSecretId: clientSecretId(client.ClientId, now, secrets),
    ClientSecretValue: custom ?? newClientSecret(),
    ClientSecretCreateDate: now,
  };
  await registry.putClient(withClientSecrets(client, [...secrets, added]));
  const { ClientSecretValue, ...descriptor } = added;
  return { ClientSecretDescriptor: custom === undefined ? { ...descriptor, ClientSecretValue } : descriptor };
};
