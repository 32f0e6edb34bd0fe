export { startServer, createApp } from './server.js';
export type { ServerOptions, RunningServer } from './server.js';
export { ConfigError, OAuthError, AwsApiError } from './errors.js';
