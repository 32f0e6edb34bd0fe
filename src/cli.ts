#!/usr/bin/env node
import { BUILT_IN_FIXTURES, helpText, parseConfig } from './config.js';
import { ConfigError } from './model/config-error.js';
import { refuseProduction } from './model/production-guard.js';
import { startServer } from './server.js';

/** The process entry: flags → server → one line naming the URL; SIGTERM/SIGINT close after pending writes. */
async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2), process.env);
  if (config.help) {
    process.stdout.write(helpText());
    return;
  }
  refuseProduction(process.env.NODE_ENV, config.allowProduction, 'Pass --allow-production');
  const server = await startServer({
    host: config.host,
    port: config.port,
    fixtures: config.fixtures,
    ...(config.data === undefined ? {} : { data: config.data }),
    issuer: config.issuer,
    ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }),
    publicUrlFromRequest: config.publicUrlFromRequest,
    trustProxy: config.trustProxy,
    ...(config.triggersDir === undefined ? {} : { triggersDir: config.triggersDir }),
    allowedHosts: config.allowedHosts,
    logLevel: config.logLevel,
    logFormat: config.logFormat,
    console: config.console,
  });
  const fixtures = config.fixtures === BUILT_IN_FIXTURES ? 'built-in fixtures' : config.fixtures;
  const pools = server.fixturePoolIds.length;
  process.stderr.write(`cognito-mock: a MOCK of Amazon Cognito for development and testing only, not an identity provider. Fixtures: ${fixtures} (${pools} ${pools === 1 ? 'pool' : 'pools'}); store: ${config.data ?? 'in memory'}.\n`);
  // A directory with no *.json files is not an error (pools can come from the API), but it is
  // rarely what was meant: a typo'd path or a volume not mounted.
  if (pools === 0) process.stderr.write(`cognito-mock: ${fixtures} defines no user pools (a directory is read for *.json files): starting with only the store's pools.\n`);
  if (!isLoopback(config.host)) {
    process.stderr.write(`cognito-mock: WARNING: listening on ${config.host}, reachable from other machines: anyone who can reach it can read client secrets and mint tokens.\n`);
  }
  process.stdout.write(`cognito-mock listening on ${server.url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.close({ drainMs: SIGNAL_DRAIN_MS }).then(() => {
      process.stderr.write(`cognito-mock: stopped on ${signal}: requests under way answered, store written.\n`);
      process.exit(0);
    }, (error: Error) => {
      process.stderr.write(`cognito-mock: error while stopping on ${signal}: ${error.message}\n`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * After SIGTERM/SIGINT the server keeps answering this long before it stops listening: requests a
 * client sent just before the signal (in the accept queue, or on a kept-alive connection that looked
 * idle) are answered instead of reset. Orchestrators wait seconds before SIGKILL; this is far less.
 */
const SIGNAL_DRAIN_MS = 200;

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
