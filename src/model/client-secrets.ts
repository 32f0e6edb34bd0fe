import { isRecord } from './problems.js';
import type { StoredClientSecret, UserPoolClient } from './types.js';

// A client's active secrets (reference §1.3, §6.3: "Supports up to 2 active secrets per app
// client"). A client whose secrets were never rotated keeps only `ClientSecret`, exactly as before;
// the first Add/DeleteUserPoolClientSecret writes the full list into `ClientSecrets`, oldest first,
// and `ClientSecret` (what DescribeUserPoolClient shows) is always the oldest active secret [I].

export const MAX_CLIENT_SECRETS = 2;

/**
 * `<client-id>--<epoch-create-time>` (reference §2.4). The precision is not documented; milliseconds
 * here [I], moved on by one while another active secret holds the id (a fixed test clock).
 */
export function clientSecretId(clientId: string, createDateSeconds: number, taken: readonly StoredClientSecret[] = []): string {
  let ms = Math.round(createDateSeconds * 1000);
  while (taken.some((secret) => secret.ClientSecretId === `${clientId}--${ms}`)) ms++;
  return `${clientId}--${ms}`;
}

/** The client's active secrets, oldest first; one made up from `ClientSecret` and the creation date if never rotated. */
export function clientSecretsOf(client: UserPoolClient): StoredClientSecret[] {
  if (client.ClientSecrets) return client.ClientSecrets;
  if (client.ClientSecret === undefined) return [];
  return [{
    ClientSecretId: clientSecretId(client.ClientId, client.CreationDate),
    ClientSecretValue: client.ClientSecret,
    ClientSecretCreateDate: client.CreationDate,
  }];
}

/** The client with this list of secrets (at least one): `ClientSecret` becomes the oldest. */
export function withClientSecrets(client: UserPoolClient, secrets: StoredClientSecret[]): UserPoolClient {
  return { ...client, ClientSecret: secrets[0]!.ClientSecretValue, ClientSecrets: secrets };
}

/** Store shape check (store/collections.ts): a list of one or two secrets whose first is `ClientSecret`. */
export function clientSecretsProblems(at: string, client: Record<string, unknown>): string[] {
  const list = client.ClientSecrets;
  if (list === undefined) return [];
  const valid = Array.isArray(list) && list.length >= 1 && list.length <= MAX_CLIENT_SECRETS && list.every((secret) =>
    isRecord(secret) && typeof secret.ClientSecretId === 'string' && typeof secret.ClientSecretValue === 'string'
    && typeof secret.ClientSecretCreateDate === 'number');
  if (!valid) return [`${at} must be a list of 1 to ${MAX_CLIENT_SECRETS} {ClientSecretId, ClientSecretValue, ClientSecretCreateDate}`];
  if ((list[0] as StoredClientSecret).ClientSecretValue !== client.ClientSecret) return [`${at}[0].ClientSecretValue must equal ClientSecret`];
  return [];
}
