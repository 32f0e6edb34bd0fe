// amazon-cognito-identity-js's SRP client does its three 3072-bit exponentiations per sign-in in
// its own JavaScript big-number library, about 200 ms of the load process's core each sign-in:
// the load generator, not the server, would bound the SRP rate. The bench keeps the library's
// whole client (AuthenticationHelper, the hashing, the challenge answer) and swaps only
// `BigInteger.prototype.modPow` for OpenSSL's exponentiation over the same prime, after checking
// that it returns exactly what the library's own one returns.
import { createDiffieHellman, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const bytesOf = (value) => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex');
};
const toBigInt = (jsbn) => {
  const hex = jsbn.toString(16);
  return hex.startsWith('-') ? -BigInt(`0x${hex.slice(1)}`) : BigInt(`0x${hex}`);
};

/**
 * Makes the library's `modPow` run in OpenSSL for its prime N (other moduli keep the library's
 * own code). Throws, leaving the library as it was, when the two disagree on a sample.
 */
export function useOpenSslForSrpClient() {
  const { default: BigInteger } = require('amazon-cognito-identity-js/lib/BigInteger.js');
  const { default: AuthenticationHelper } = require('amazon-cognito-identity-js/lib/AuthenticationHelper.js');
  const helper = new AuthenticationHelper('Bench0000');
  const N = toBigInt(helper.N);
  const own = BigInteger.prototype.modPow;
  // Diffie-Hellman over N computes peer^private mod N: the same exponentiation, by OpenSSL.
  const group = createDiffieHellman(bytesOf(N), bytesOf(2n));
  const fast = function modPow(exponent, modulus, callback) {
    const base = ((toBigInt(this) % N) + N) % N;
    const e = toBigInt(exponent) % (N - 1n);
    // OpenSSL refuses the bases 0, 1 and N − 1 and a zero exponent; the library's code takes them.
    if (toBigInt(modulus) !== N || base <= 1n || base === N - 1n || e <= 0n) return own.call(this, exponent, modulus, callback);
    group.setPrivateKey(bytesOf(e));
    const result = new BigInteger(group.computeSecret(bytesOf(base)).toString('hex'), 16);
    if (callback) callback(null, result);
    return result;
  };
  const random = () => new BigInteger(randomBytes(128).toString('hex'), 16);
  const samples = [[helper.g, random()], [random().subtract(helper.N), random()], [random(), new BigInteger(randomBytes(32).toString('hex'), 16)]];
  for (const [base, exponent] of samples) {
    const expected = own.call(base, exponent, helper.N, () => {}).toString(16);
    const actual = fast.call(base, exponent, helper.N, () => {}).toString(16);
    if (actual !== expected) throw new Error(`OpenSSL's modPow disagrees with amazon-cognito-identity-js's: ${actual.slice(0, 16)}… vs ${expected.slice(0, 16)}…`);
  }
  BigInteger.prototype.modPow = fast;
  return () => { BigInteger.prototype.modPow = own; };
}
