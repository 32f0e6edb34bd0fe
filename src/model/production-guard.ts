import { ConfigError } from './config-error.js';

/**
 * No start under NODE_ENV=production unless allowed (SECURITY.md "No production by accident"), for
 * the CLI and the testing API alike: a mock identity provider with no real security must not run
 * where production code does by accident. Any spelling (`Production`, ` production`): deployment
 * tools differ, the refusal must not. `howToAllow` names the caller's switch.
 *
 * @example
 * refuseProduction(process.env.NODE_ENV, config.allowProduction, 'Pass --allow-production');
 */
export function refuseProduction(nodeEnv: string | undefined, allowed: boolean, howToAllow: string): void {
  if (allowed || nodeEnv?.trim().toLowerCase() !== 'production') return;
  throw new ConfigError([`NODE_ENV is "${nodeEnv}": cognito-mock is a mock identity provider for development and testing, with no real security. ${howToAllow} to start anyway.`]);
}
