import { generateKeyPairSync } from 'node:crypto';
import { type SigningKey, loadSigningKey } from '../keys/signing-key.js';

let unknownKey: SigningKey | undefined;

/**
 * An RSA key no pool publishes, for `mintAccessToken({ signedWithUnknownKey: true })`. Generated on
 * first use and kept for the life of the process (one RSA generation, not one per test); no private
 * key ships with the package.
 */
export function unknownSigningKey(): SigningKey {
  if (!unknownKey) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    unknownKey = loadSigningKey({ privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
  }
  return unknownKey;
}
