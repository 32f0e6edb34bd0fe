#!/usr/bin/env node
import { BUILT_IN_FIXTURES, helpText, parseConfig } from './config.js';
import { ConfigError } from './errors.js';
import { startServer } from './server.js';

/** The process entry: flags → server → one line naming the URL; SIGTERM/SIGINT close after pending writes. */
async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2), process.env);
  if (config.help) {
    process.stdout.write(helpText());
    return;
  }
  // Any spelling (`Production`, ` production`): deployment tools differ, the refusal must not.
  if (process.env.NODE_ENV?.trim().toLowerCase() === 'production' && !config.allowProduction) {
    throw new ConfigError([`NODE_ENV is "${process.env.NODE_ENV}": cognito-mock is a mock identity provider for development and testing, with no real security. Pass --allow-production to start anyway.`]);
  }
  const server = await startServer({
    host: config.host,
    port: config.port,
    fixtures: config.fixtures,
    ...(config.data === undefined ? {} : { data: config.data }),
    issuer: config.issuer,
    ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }),
  });
  const fixtures = config.fixtures === BUILT_IN_FIXTURES ? 'built-in fixtures' : config.fixtures;
  process.stderr.write(`cognito-mock: a MOCK of Amazon Cognito for development and testing only, not an identity provider. Fixtures: ${fixtures}; store: ${config.data ?? 'in memory'}.\n`);
  if (!isLoopback(config.host)) {
    process.stderr.write(`cognito-mock: WARNING: listening on ${config.host}, reachable from other machines: anyone who can reach it can read client secrets and mint tokens.\n`);
  }
  process.stdout.write(`cognito-mock listening on ${server.url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.close().then(() => process.exit(0), (error: Error) => {
      process.stderr.write(`cognito-mock: error while stopping on ${signal}: ${error.message}\n`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine reaches. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`cognito-mock: cannot start:\n${error.problems.map((p) => `  ${p}`).join('\n')}\n`);
  } else {
    process.stderr.write(`cognito-mock: cannot start: ${(error as Error)?.message ?? String(error)}\n`);
  }
  process.exit(1);
});
