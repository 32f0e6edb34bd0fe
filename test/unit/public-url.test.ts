import { describe, expect, it } from 'vitest';
import { publicUrlOf } from '../../src/http/public-url.js';

const FALLBACK = 'http://127.0.0.1:9330';
const fromRequest = { fromRequest: true, trustProxy: false };
const behindProxy = { fromRequest: true, trustProxy: true };

describe('publicUrlOf', () => {
  it('is the fallback unless URLs are taken from requests', () => {
    expect(publicUrlOf({ host: 'localhost:49153' }, { fromRequest: false, trustProxy: true }, FALLBACK)).toBe(FALLBACK);
  });

  it('takes the Host a client sent, port and all', () => {
    expect(publicUrlOf({ host: 'localhost:49153' }, fromRequest, FALLBACK)).toBe('http://localhost:49153');
    expect(publicUrlOf({ host: 'cognito:9330' }, fromRequest, FALLBACK)).toBe('http://cognito:9330');
    expect(publicUrlOf({ host: '[::1]:9330' }, fromRequest, FALLBACK)).toBe('http://[::1]:9330');
    expect(publicUrlOf({ host: 'Cognito.Local' }, fromRequest, FALLBACK)).toBe('http://cognito.local');
  });

  it('falls back for a missing Host or one that would smuggle a path, user info or scheme into URLs', () => {
    for (const host of [undefined, '', 'evil.test/x', 'user@evil.test', 'evil.test:80:80', 'evil.test:port', 'a b', 'http://evil.test', '-x', '[::1']) {
      expect(publicUrlOf(host === undefined ? {} : { host }, fromRequest, FALLBACK), String(host)).toBe(FALLBACK);
    }
  });

  it('ignores X-Forwarded-* unless told to trust a proxy', () => {
    const headers = { host: 'cognito:9330', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'auth.example.test', 'x-forwarded-port': '8443' };
    expect(publicUrlOf(headers, fromRequest, FALLBACK)).toBe('http://cognito:9330');
    expect(publicUrlOf(headers, behindProxy, FALLBACK)).toBe('https://auth.example.test:8443');
  });

  it('reads the first hop of a proxy chain and leaves a scheme\'s default port out', () => {
    expect(publicUrlOf({ host: 'cognito:9330', 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'auth.example.test, proxy.internal', 'x-forwarded-port': '443' },
      behindProxy, FALLBACK)).toBe('https://auth.example.test');
    expect(publicUrlOf({ host: 'cognito:9330', 'x-forwarded-port': '80' }, behindProxy, FALLBACK)).toBe('http://cognito');
    expect(publicUrlOf({ host: 'cognito:9330', 'x-forwarded-port': '8080' }, behindProxy, FALLBACK)).toBe('http://cognito:8080');
  });

  it('keeps the Host when a proxy sends unusable forwarded values', () => {
    expect(publicUrlOf({ host: 'cognito:9330', 'x-forwarded-proto': 'gopher', 'x-forwarded-port': 'x' }, behindProxy, FALLBACK)).toBe('http://cognito:9330');
    expect(publicUrlOf({ host: 'cognito:9330', 'x-forwarded-host': 'evil.test/path' }, behindProxy, FALLBACK)).toBe(FALLBACK);
  });
});
