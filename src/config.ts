import { fileURLToPath } from 'node:url';
import { ConfigError } from './model/config-error.js';
import { type IssuerMode, parseIssuerMode } from './model/issuer.js';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './middleware/request-lines.js';

/** The shipped fixtures, next to the package (so `npx cognito-mock` works from any directory). */
export const BUILT_IN_FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export const DEFAULTS = {
  host: '127.0.0.1', // loopback unless asked: the mock has no real security
  port: 9330, // fixed and documented; not 9229, Node's inspector port
  fixtures: BUILT_IN_FIXTURES,
  data: '.cognito-mock/db.json',
  issuer: 'aws', // real Cognito's iss, so CognitoJwtVerifier accepts tokens unchanged
  logLevel: 'info', // a line per request: why a request failed is on stderr without asking
  logFormat: 'text',
} as const;

export interface CliConfig {
  host: string;
  port: number;
  fixtures: string;
  /** The store file; undefined with --in-memory. */
  data: string | undefined;
  issuer: IssuerMode;
  publicUrl: string | undefined;
  publicUrlFromRequest: boolean;
  trustProxy: boolean;
  /** `Host` names answered beyond the built-in ones (empty: only those). */
  allowedHosts: string[];
  allowProduction: boolean;
  /** Where trigger modules set through the API may lie; undefined: the fixtures directory. */
  triggersDir: string | undefined;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** Whether `/_mock/console` (and the request list it polls) is served. */
  console: boolean;
  help: boolean;
}

interface FlagSpec {
  env: string;
  boolean?: boolean;
  description: string;
  placeholder?: string;
  defaultText: string;
}

/** Every flag, its environment variable and its help line; the README's table matches this. */
export const FLAGS: Record<string, FlagSpec> = {
  host: { env: 'COGNITO_MOCK_HOST', placeholder: '<addr>', description: 'address to listen on', defaultText: DEFAULTS.host },
  port: { env: 'COGNITO_MOCK_PORT', placeholder: '<n>', description: 'port to listen on; 0 = any free port', defaultText: String(DEFAULTS.port) },
  fixtures: { env: 'COGNITO_MOCK_FIXTURES', placeholder: '<file|dir>', description: 'fixture file, or directory of *.json fixtures', defaultText: 'the built-in fixtures/' },
  data: { env: 'COGNITO_MOCK_DATA', placeholder: '<file>', description: 'lowdb JSON store (created with mode 0600)', defaultText: DEFAULTS.data },
  'in-memory': { env: 'COGNITO_MOCK_IN_MEMORY', boolean: true, description: 'keep no store file', defaultText: 'off' },
  issuer: { env: 'COGNITO_MOCK_ISSUER', placeholder: 'aws|local|<base-url>', description: 'the iss of tokens: real Cognito\'s, the public URL, or <base-url>/<poolId>', defaultText: DEFAULTS.issuer },
  'public-url': { env: 'COGNITO_MOCK_PUBLIC_URL', placeholder: '<url>', description: 'base URL advertised in discovery', defaultText: 'http://<host>:<port>' },
  'public-url-from-request': { env: 'COGNITO_MOCK_PUBLIC_URL_FROM_REQUEST', boolean: true, description: 'advertise each request\'s Host instead (port mapping, testcontainers)', defaultText: 'off' },
  'trust-proxy': { env: 'COGNITO_MOCK_TRUST_PROXY', boolean: true, description: 'with --public-url-from-request: honour X-Forwarded-Proto/-Host/-Port', defaultText: 'off' },
  'triggers-dir': { env: 'COGNITO_MOCK_TRIGGERS_DIR', placeholder: '<dir>', description: 'where trigger modules set through the API may lie (never node_modules)', defaultText: 'the fixtures directory' },
  'allowed-hosts': { env: 'COGNITO_MOCK_ALLOWED_HOSTS', placeholder: '<list>', description: 'more Host names to answer, comma-separated (.domain: its subdomains too; *: any)', defaultText: 'IPs, localhost, single-label, *.internal, the public URL\'s' },
  'log-level': { env: 'COGNITO_MOCK_LOG_LEVEL', placeholder: LOG_LEVELS.join('|'), description: 'request lines on stderr: every request, refusals and failures, failures, none', defaultText: DEFAULTS.logLevel },
  'log-format': { env: 'COGNITO_MOCK_LOG_FORMAT', placeholder: LOG_FORMATS.join('|'), description: 'request lines as text or as JSON lines', defaultText: DEFAULTS.logFormat },
  'no-console': { env: 'COGNITO_MOCK_NO_CONSOLE', boolean: true, description: 'serve no /_mock/console (its pages answer 404)', defaultText: 'off' },
  'allow-production': { env: 'COGNITO_MOCK_ALLOW_PRODUCTION', boolean: true, description: 'start even when NODE_ENV=production', defaultText: 'off' },
  help: { env: '', boolean: true, description: 'print this help (also -h)', defaultText: '' },
};

export function helpText(): string {
  const lines = ['Usage: cognito-mock [flags]', '', 'A local mock of Amazon Cognito for M2M (client credentials). For development and testing only.', ''];
  for (const [name, spec] of Object.entries(FLAGS)) {
    const flag = `--${name}${spec.placeholder ? ` ${spec.placeholder}` : ''}`;
    const env = spec.env ? ` [${spec.env}]` : '';
    const dflt = spec.defaultText ? ` (default: ${spec.defaultText})` : '';
    lines.push(`  ${flag.padEnd(34)}${spec.description}${env}${dflt}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Flags and environment variables (flags win), every problem reported at once:
 * `--port (COGNITO_MOCK_PORT) must be an integer 0-65535, got "abc"`.
 */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): CliConfig {
  const problems: string[] = [];
  const given = new Map<string, string>();
  for (const [name, spec] of Object.entries(FLAGS)) {
    const value = spec.env ? env[spec.env] : undefined;
    if (value !== undefined && value !== '') given.set(name, value);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') { given.set('help', 'true'); continue; }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const spec = match ? FLAGS[match[1]!] : undefined;
    if (!match || !spec) { problems.push(`unknown argument "${arg}" (see --help)`); continue; }
    const name = match[1]!;
    if (spec.boolean) {
      given.set(name, match[2] ?? 'true');
    } else if (match[2] !== undefined) {
      given.set(name, match[2]);
    } else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) {
      given.set(name, argv[++i]!);
    } else {
      problems.push(`--${name} needs a value ${spec.placeholder ?? ''}`.trim());
    }
  }
  const label = (name: string) => `--${name}${FLAGS[name]!.env ? ` (${FLAGS[name]!.env})` : ''}`;
  const flag = (name: string): boolean => {
    const value = given.get(name);
    if (value === undefined) return false;
    if (/^(1|true|yes)$/i.test(value)) return true;
    if (/^(0|false|no)$/i.test(value)) return false;
    problems.push(`${label(name)} must be true or false, got "${value}"`);
    return false;
  };

  const portText = given.get('port') ?? String(DEFAULTS.port);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) problems.push(`${label('port')} must be an integer 0-65535, got "${portText}"`);
  const host = given.get('host') ?? DEFAULTS.host;
  // An empty host would make Node listen on every interface: never by accident.
  if (host.trim() === '') problems.push(`${label('host')} must be an address, e.g. 127.0.0.1 or 0.0.0.0, got "${host}"`);
  const issuerText = given.get('issuer') ?? DEFAULTS.issuer;
  const issuer = parseIssuerMode(issuerText);
  if (!issuer) problems.push(`${label('issuer')} must be aws, local or an http(s) base URL, got "${issuerText}"`);
  const publicUrl = given.get('public-url')?.replace(/\/+$/, '');
  if (publicUrl !== undefined && !/^https?:\/\/[^/]/.test(publicUrl)) problems.push(`${label('public-url')} must be an http(s) URL, got "${publicUrl}"`);
  const logLevel = given.get('log-level') ?? DEFAULTS.logLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) problems.push(`${label('log-level')} must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const logFormat = given.get('log-format') ?? DEFAULTS.logFormat;
  if (!(LOG_FORMATS as readonly string[]).includes(logFormat)) problems.push(`${label('log-format')} must be one of ${LOG_FORMATS.join(', ')}, got "${logFormat}"`);
  const inMemory = flag('in-memory');
  const publicUrlFromRequest = flag('public-url-from-request');
  const trustProxy = flag('trust-proxy');
  if (trustProxy && !publicUrlFromRequest) problems.push(`${label('trust-proxy')} only applies with ${label('public-url-from-request')}`);
  const config: CliConfig = {
    host,
    port,
    fixtures: given.get('fixtures') ?? DEFAULTS.fixtures,
    data: inMemory ? undefined : given.get('data') ?? DEFAULTS.data,
    issuer: issuer ?? { kind: 'aws' },
    publicUrl,
    publicUrlFromRequest,
    trustProxy,
    allowedHosts: (given.get('allowed-hosts') ?? '').split(',').map((name) => name.trim()).filter((name) => name !== ''),
    allowProduction: flag('allow-production'),
    triggersDir: given.get('triggers-dir'),
    logLevel: logLevel as LogLevel,
    logFormat: logFormat as LogFormat,
    console: !flag('no-console'),
    help: flag('help'),
  };
  if (problems.length > 0 && !config.help) throw new ConfigError(problems);
  return config;
}
