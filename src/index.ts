export { createApp } from './app.js';
export { startServer } from './server.js';
export type { ServerOptions, RunningServer } from './server.js';
export { OAuthError, AwsApiError } from './errors.js';
export { ConfigError } from './model/config-error.js';
