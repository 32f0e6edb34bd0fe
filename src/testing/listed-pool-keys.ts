import { generateSigningKey, importFixtureKey, invalidKeyReason } from '../keys/signing-key.js';
import type { StoredPoolKeys, StoredSigningKey } from '../model/types.js';

/**
 * The keys of new pools from `keysForNewPools`: each key a pool needs is the next listed one, and a
 * fresh RSA key once the list is used up. The list is checked before the mock starts, so a bad key
 * fails `startCognitoMock` instead of the CreateUserPool call that would have taken it.
 */
export function listedPoolKeys(listed: readonly (string | object)[]): () => Promise<StoredPoolKeys> {
  const keys = listed.map((value, i) => {
    try {
      return importFixtureKey(value);
    } catch (error) {
      const reason = invalidKeyReason(error);
      if (reason === undefined) throw error;
      throw new TypeError(`cognito-mock: keysForNewPools[${i}] ${reason}`);
    }
  });
  let next = 0;
  const take = (): Promise<StoredSigningKey> | StoredSigningKey => (next < keys.length ? { ...keys[next++]! } : generateSigningKey());
  return async () => {
    const [access, id] = await Promise.all([take(), take()]);
    return { access, id };
  };
}
