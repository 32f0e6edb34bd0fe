import { describe, expect, it } from 'vitest';
import { BUILT_IN_FIXTURES, DEFAULTS, parseConfig } from '../../src/config.js';
import { ConfigError } from '../../src/model/config-error.js';

// Flags and environment variables: flags win, every problem reported at once.

const problemsOf = (argv: string[], env: NodeJS.ProcessEnv = {}): readonly string[] => {
  try {
    parseConfig(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('parseConfig accepted the arguments');
};

describe('parseConfig', () => {
  it('defaults to loopback, port 9330, the built-in fixtures, a store file and the aws issuer', () => {
    expect(parseConfig([], {})).toEqual({
      host: '127.0.0.1', port: 9330, fixtures: BUILT_IN_FIXTURES, data: '.cognito-mock/db.json', issuer: { kind: 'aws' },
      publicUrl: undefined, publicUrlFromRequest: false, trustProxy: false, allowedHosts: [], allowProduction: false, help: false,
      logLevel: 'info', logFormat: 'text', console: true,
    });
  });

  it('has a default port that is not Node\'s inspector port', () => {
    expect(DEFAULTS.port).not.toBe(9229);
  });

  it('points the built-in fixtures at the package\'s fixtures/ directory', () => {
    expect(BUILT_IN_FIXTURES).toMatch(/\/fixtures\/$/);
  });

  it('reads flags as "--name value" and "--name=value"', () => {
    expect(parseConfig(['--port', '0', '--host=0.0.0.0', '--fixtures', 'a.json', '--data=b.json', '--issuer', 'local', '--public-url', 'https://x.test/'], {}))
      .toEqual({ host: '0.0.0.0', port: 0, fixtures: 'a.json', data: 'b.json', issuer: { kind: 'local' }, publicUrl: 'https://x.test',
        publicUrlFromRequest: false, trustProxy: false, allowedHosts: [], allowProduction: false, help: false, logLevel: 'info', logFormat: 'text', console: true });
  });

  it('reads every setting from its environment variable', () => {
    expect(parseConfig([], {
      COGNITO_MOCK_HOST: '::1', COGNITO_MOCK_PORT: '1234', COGNITO_MOCK_FIXTURES: 'f', COGNITO_MOCK_DATA: 'd.json',
      COGNITO_MOCK_ISSUER: 'https://issuer.test/base/', COGNITO_MOCK_PUBLIC_URL: 'http://p.test', COGNITO_MOCK_ALLOW_PRODUCTION: 'yes',
      COGNITO_MOCK_PUBLIC_URL_FROM_REQUEST: 'true', COGNITO_MOCK_TRUST_PROXY: '1', COGNITO_MOCK_ALLOWED_HOSTS: 'auth.example.test, .dev.test',
      COGNITO_MOCK_LOG_LEVEL: 'warn', COGNITO_MOCK_LOG_FORMAT: 'json', COGNITO_MOCK_NO_CONSOLE: 'true',
    })).toEqual({
      logLevel: 'warn', logFormat: 'json', console: false,
      host: '::1', port: 1234, fixtures: 'f', data: 'd.json', issuer: { kind: 'url', baseUrl: 'https://issuer.test/base' },
      publicUrl: 'http://p.test', publicUrlFromRequest: true, trustProxy: true, allowedHosts: ['auth.example.test', '.dev.test'], allowProduction: true, help: false,
    });
  });

  it('turns the console off with --no-console, and refuses a COGNITO_MOCK_NO_CONSOLE that is not a boolean', () => {
    expect(parseConfig(['--no-console'], {}).console).toBe(false);
    expect(parseConfig(['--no-console=false'], { COGNITO_MOCK_NO_CONSOLE: 'true' }).console).toBe(true);
    expect(problemsOf([], { COGNITO_MOCK_NO_CONSOLE: 'maybe' })).toEqual(['--no-console (COGNITO_MOCK_NO_CONSOLE) must be true or false, got "maybe"']);
  });

  it('refuses a log level or format it does not know, naming the ones it does', () => {
    expect(problemsOf(['--log-level', 'verbose', '--log-format=xml'])).toEqual([
      '--log-level (COGNITO_MOCK_LOG_LEVEL) must be one of silent, error, warn, info, got "verbose"',
      '--log-format (COGNITO_MOCK_LOG_FORMAT) must be one of text, json, got "xml"',
    ]);
  });

  it('lets a flag win over its environment variable', () => {
    const config = parseConfig(['--port', '0', '--issuer', 'aws'], { COGNITO_MOCK_PORT: 'abc', COGNITO_MOCK_ISSUER: 'local' });
    expect({ port: config.port, issuer: config.issuer }).toEqual({ port: 0, issuer: { kind: 'aws' } });
  });

  it('reads --triggers-dir and COGNITO_MOCK_TRIGGERS_DIR; without either the server uses the fixtures directory', () => {
    expect(parseConfig([], {}).triggersDir).toBeUndefined();
    expect(parseConfig([], { COGNITO_MOCK_TRIGGERS_DIR: 'env-triggers' }).triggersDir).toBe('env-triggers');
    expect(parseConfig(['--triggers-dir', 'flag-triggers'], { COGNITO_MOCK_TRIGGERS_DIR: 'env-triggers' }).triggersDir).toBe('flag-triggers');
    expect(problemsOf(['--triggers-dir'])).toEqual(['--triggers-dir needs a value <dir>']);
  });

  it('reads -h as --help', () => {
    expect(parseConfig(['-h'], {}).help).toBe(true);
  });

  it('refuses --trust-proxy without --public-url-from-request: it would change nothing', () => {
    expect(problemsOf(['--trust-proxy'])).toEqual(['--trust-proxy (COGNITO_MOCK_TRUST_PROXY) only applies with --public-url-from-request (COGNITO_MOCK_PUBLIC_URL_FROM_REQUEST)']);
    expect(parseConfig(['--trust-proxy', '--public-url-from-request'], {}).trustProxy).toBe(true);
  });

  it('ignores an empty environment variable', () => {
    expect(parseConfig([], { COGNITO_MOCK_PORT: '' }).port).toBe(9330);
  });

  it('keeps no store file with --in-memory or COGNITO_MOCK_IN_MEMORY=true, whatever --data says', () => {
    expect(parseConfig(['--in-memory', '--data', 'x.json'], {}).data).toBeUndefined();
    expect(parseConfig([], { COGNITO_MOCK_IN_MEMORY: 'true' }).data).toBeUndefined();
    expect(parseConfig(['--in-memory=false'], { COGNITO_MOCK_IN_MEMORY: 'true' }).data).toBe('.cognito-mock/db.json');
  });

  it.each([['1', true], ['true', true], ['YES', true], ['0', false], ['false', false], ['no', false]])(
    'reads the boolean %s as %s', (text, value) => {
      expect(parseConfig([], { COGNITO_MOCK_ALLOW_PRODUCTION: text }).allowProduction).toBe(value);
    });

  it('reports every problem at once, naming the flag and its variable', () => {
    expect(problemsOf(['--port', '65536', '--bogus', '--issuer=ftp://x', '--public-url', 'localhost:9330'], { COGNITO_MOCK_IN_MEMORY: 'sometimes' })).toEqual([
      'unknown argument "--bogus" (see --help)',
      '--port (COGNITO_MOCK_PORT) must be an integer 0-65535, got "65536"',
      '--issuer (COGNITO_MOCK_ISSUER) must be aws, local or an http(s) base URL, got "ftp://x"',
      '--public-url (COGNITO_MOCK_PUBLIC_URL) must be an http(s) URL, got "localhost:9330"',
      '--in-memory (COGNITO_MOCK_IN_MEMORY) must be true or false, got "sometimes"',
    ]);
  });

  it.each([['abc'], ['-1'], ['1.5'], ['123456'], ['']])('rejects the port "%s"', (port) => {
    expect(problemsOf([`--port=${port}`])).toEqual([`--port (COGNITO_MOCK_PORT) must be an integer 0-65535, got "${port}"`]);
  });

  it('rejects an empty host, which would listen on every interface', () => {
    expect(problemsOf(['--host='])).toEqual(['--host (COGNITO_MOCK_HOST) must be an address, e.g. 127.0.0.1 or 0.0.0.0, got ""']);
  });

  it('reports a flag without its value, and stray arguments', () => {
    expect(problemsOf(['--fixtures', '--in-memory', 'extra', '--data'])).toEqual([
      '--fixtures needs a value <file|dir>',
      'unknown argument "extra" (see --help)',
      '--data needs a value <file>',
    ]);
  });

  it('returns the help request even when other arguments are wrong', () => {
    expect(parseConfig(['--help', '--port', 'nope'], {}).help).toBe(true);
  });
});
