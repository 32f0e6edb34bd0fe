import { describe, expect, it } from 'vitest';
import { hostCheck, hostName, urlHostName } from '../../src/http/allowed-hosts.js';

// The Host rules against DNS rebinding (src/http/allowed-hosts.ts); the endpoints' answers are
// tested over HTTP in test/robustness/control-surfaces.test.ts.

describe('hostName', () => {
  it.each([
    ['localhost:9330', 'localhost'], ['Cognito', 'cognito'], ['EXAMPLE.test.:443', 'example.test'], ['[::1]:9330', '[::1]'],
    ['[FE80::1]', '[fe80::1]'], ['127.0.0.1', '127.0.0.1'], ['svc_name:1', 'svc_name'],
  ])('reads %s as %s', (host, name) => {
    expect(hostName(host)).toBe(name);
  });

  it.each(['', ':9330', 'a/b', 'a@b', 'a b', 'a:', 'a:x', 'a:123456', 'a:1:2', '[::1', '[a.b]', '::1', `${'a'.repeat(254)}`, 'é.test'])('refuses %j', (host) => {
    expect(hostName(host)).toBeUndefined();
  });
});

describe('hostCheck', () => {
  const builtIn = hostCheck([]);

  it.each(['127.0.0.1:9330', '10.0.0.5', '[::1]:1', 'localhost', 'api.localhost', 'cognito:9330', 'host.docker.internal', 'a.b.internal'])('allows %s with no configuration', (host) => {
    expect(builtIn(host)).toBe(true);
  });

  it('allows a request without Host (HTTP/1.0)', () => {
    expect(builtIn(undefined)).toBe(true);
  });

  it.each(['evil.example', 'localhost.evil.example', 'internal.evil.example', '127.0.0.1.nip.io', 'evil.example.:80'])('refuses %s with no configuration', (host) => {
    expect(builtIn(host)).toBe(false);
  });

  it('allows exact names, and a leading dot\'s domain with its subdomains', () => {
    const check = hostCheck([' Auth.Example.Test ', '.dev.test', '']);
    expect(['auth.example.test', 'AUTH.example.test:8443', 'dev.test', 'x.y.dev.test'].map(check)).toEqual([true, true, true, true]);
    expect(['x.auth.example.test', 'evildev.test', 'dev.test.evil'].map(check)).toEqual([false, false, false]);
  });

  it('allows anything with *', () => {
    expect(hostCheck(['*'])('evil.example')).toBe(true);
  });

  it('tells of a refused Host once while it is cached, and keeps the cache bounded', () => {
    const refused: string[] = [];
    const check = hostCheck([], (host) => refused.push(host));
    check('evil.example');
    check('evil.example');
    expect(refused).toEqual(['evil.example']);
    for (let i = 0; i < 1000; i++) check(`n${i}.evil.example`);
    // The cache started over on the way: the first host is heard again.
    check('evil.example');
    expect(refused.filter((host) => host === 'evil.example')).toHaveLength(2);
  });
});

describe('urlHostName', () => {
  it('reads the host of a public URL as the check spells it', () => {
    expect(urlHostName('https://Cognito.Example.Test:8443/x')).toBe('cognito.example.test');
    expect(urlHostName('http://[::1]:9330')).toBe('[::1]');
    expect(urlHostName('not a url')).toBeUndefined();
  });
});
