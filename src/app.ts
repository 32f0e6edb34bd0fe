import Router from '@koa/router';
import Koa from 'koa';
import type { AppContext } from './context.js';
import { HttpError } from './errors.js';
import { type HostCheck, hostCheck } from './http/allowed-hosts.js';
import { awsEdge } from './middleware/aws-edge.js';
import { errorHandler, writeJson } from './middleware/error-handler.js';
import { requireAllowedHost } from './middleware/host-check.js';
import { oauthEdge } from './middleware/oauth-edge.js';
import { requestLogger } from './middleware/request-logger.js';
import { tokenEndpoint } from './routes/token.js';
import { wellKnownRoutes } from './routes/well-known.js';

export interface AppOptions {
  /** Serve the console at /_mock/console (README "Console"); default true. */
  console?: boolean;
}

/**
 * Builds the Koa app without listening (so tests and the CLI share one start path). `allowedHost`
 * decides which `Host` headers are answered; default: the built-in names only.
 */
export function createApp(context: AppContext, allowedHost: HostCheck = hostCheck([]), options: AppOptions = {}): Koa {
  const app = new Koa();
  const token = tokenEndpoint(context);
  const wellKnown = wellKnownRoutes(context);
  const oauthErrors = oauthEdge(context.log);
  app.use(requestLogger(context.requestLog, context.clock));
  app.use(errorHandler(context.log));
  app.use(requireAllowedHost(allowedHost));
  // The token endpoint is matched before the router: the hot path skips route matching.
  app.use((ctx, next) => (ctx.path === '/oauth2/token' ? oauthErrors(ctx, () => token(ctx)) : next()));
  // So are a pool's keys and discovery document, which every verifier fetches: as the router would
  // match them (GET and HEAD, the pool id URL-decoded), without trying each route in turn.
  app.use((ctx, next) => {
    const found = ctx.method === 'GET' || ctx.method === 'HEAD' ? WELL_KNOWN.exec(ctx.path) : null;
    if (found === null) return next();
    const poolId = decodedParameter(found[1]!);
    if (poolId === undefined) return next();
    (ctx as typeof ctx & { params: Record<string, string> }).params = { poolId };
    return found[2] === 'jwks.json' ? wellKnown.jwks(ctx) : wellKnown.openidConfiguration(ctx);
  });
  // The route table is built at the first request past the token endpoint: compiling its ~45 paths
  // is most of an app's construction, which a test's start and a cold start to the first token skip.
  let routes: Koa.Middleware | undefined;
  // The router's middleware adds `params` and `router` to the context it is given: as app.use would take it.
  app.use((ctx, next) => {
    routes ??= routeTable(context, wellKnown, oauthErrors, options).routes() as unknown as Koa.Middleware;
    return routes(ctx, next);
  });
  app.use((ctx) => {
    throw new HttpError(404, `No route for ${ctx.method} ${ctx.path}`);
  });
  // Koa's default handler would print stacks for errors that escape; errorHandler catches the rest.
  app.silent = true;
  return app;
}

/** Every route but the token endpoint's; the well-known ones too, for what the early match leaves (another case, a trailing slash). */
function routeTable(context: AppContext, wellKnown: ReturnType<typeof wellKnownRoutes>, oauthErrors: ReturnType<typeof oauthEdge>, options: AppOptions): Router {
  const router = new Router();
  router.get('/:poolId/.well-known/jwks.json', wellKnown.jwks);
  router.get('/:poolId/.well-known/openid-configuration', wellKnown.openidConfiguration);
  router.get('/health', (ctx) => writeJson(ctx, { status: 'ok' }, 'application/json'));
  // The management API, /_mock, revocation, userInfo and the managed login load on first use: the token path and cold start skip them.
  const management = once(async () => (await import('./routes/management.js')).managementEndpoint(context));
  const admin = once(async () => (await import('./routes/admin.js')).adminRoutes(context));
  const revoke = once(async () => (await import('./routes/revoke.js')).revokeEndpoint(context));
  const userInfo = once(async () => (await import('./routes/user-info.js')).userInfoEndpoint(context));
  const hosted = once(async () => (await import('./routes/hosted-login.js')).hostedLoginRoutes(context));
  const account = once(async () => (await import('./routes/hosted-account.js')).hostedAccountRoutes(context));
  // Each protocol's endpoints render their own errors, never another protocol's shape (middleware/*-edge.ts).
  const awsErrors = awsEdge(context.log);
  router.post('/', awsErrors, async (ctx) => (await management())(ctx));
  router.all('/oauth2/revoke', (ctx) => oauthErrors(ctx, async () => (await revoke())(ctx)));
  // Matched in any case: clients call `/oauth2/userinfo` too (cognito-reference-users §9 Q26).
  router.get('/oauth2/userInfo', async (ctx) => (await userInfo())(ctx));
  router.post('/oauth2/userInfo', async (ctx) => (await userInfo())(ctx));
  // A browser's preflight before it sends the Bearer header from an SPA's origin.
  router.options('/oauth2/userInfo', (ctx) => {
    ctx.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600' });
    ctx.status = 204;
  });
  // The managed login's pages (cognito-reference-users §6); errors of their forms' bodies answer as OAuth's.
  router.get('/oauth2/authorize', (ctx) => oauthErrors(ctx, async () => (await hosted()).authorize(ctx)));
  router.get('/login', (ctx) => oauthErrors(ctx, async () => (await hosted()).loginPage(ctx)));
  router.post('/login', (ctx) => oauthErrors(ctx, async () => (await hosted()).loginPost(ctx)));
  router.get('/logout', (ctx) => oauthErrors(ctx, async () => (await hosted()).logout(ctx)));
  router.get('/error', async (ctx) => (await hosted()).error(ctx));
  router.get('/signup', (ctx) => oauthErrors(ctx, async () => (await account()).signUpGet(ctx)));
  router.post('/signup', (ctx) => oauthErrors(ctx, async () => (await account()).signUpPost(ctx)));
  router.get('/confirm', (ctx) => oauthErrors(ctx, async () => (await account()).confirmGet(ctx)));
  router.post('/confirm', (ctx) => oauthErrors(ctx, async () => (await account()).confirmPost(ctx)));
  router.get('/forgotPassword', (ctx) => oauthErrors(ctx, async () => (await account()).forgotGet(ctx)));
  router.post('/forgotPassword', (ctx) => oauthErrors(ctx, async () => (await account()).forgotPost(ctx)));
  router.post('/confirmForgotPassword', (ctx) => oauthErrors(ctx, async () => (await account()).resetPost(ctx)));
  router.options('/', async (ctx, next) => ((await import('./routes/management.js')).managementPreflight(ctx) ? undefined : next()));
  router.post('/_mock/faults', awsErrors, async (ctx) => (await admin()).addFault(ctx));
  router.get('/_mock/faults', awsErrors, async (ctx) => (await admin()).listFaults(ctx));
  router.delete('/_mock/faults', awsErrors, async (ctx) => (await admin()).clearFaults(ctx));
  router.post('/_mock/pools/:poolId/rotate-keys', awsErrors, async (ctx) => (await admin()).rotateKeys(ctx));
  router.post('/_mock/pools/:poolId/retire-keys', awsErrors, async (ctx) => (await admin()).retireKeys(ctx));
  router.get('/_mock/pools/:poolId/users/:username/code', awsErrors, async (ctx) => (await admin()).latestCode(ctx));
  if (options.console !== false) consoleRouteTable(router, context);
  return router;
}

/** The console's pages (README "Console"), loaded on first use as the other /_mock routes; absent with --no-console (404). */
function consoleRouteTable(router: Router, context: AppContext): void {
  const pages = once(async () => (await import('./routes/console.js')).consoleRoutes(context));
  router.get('/_mock/console', async (ctx) => (await pages()).overview(ctx));
  router.get('/_mock/console/requests', async (ctx) => (await pages()).requests(ctx));
  router.get('/_mock/console/decoder', async (ctx) => (await pages()).decoder(ctx));
  router.post('/_mock/console/decoder', async (ctx) => (await pages()).decode(ctx));
  router.get('/_mock/console/mint', async (ctx) => (await pages()).mint(ctx));
  router.post('/_mock/console/mint/client-credentials', async (ctx) => (await pages()).mintClientCredentials(ctx));
  router.post('/_mock/console/mint/sign-in', async (ctx) => (await pages()).mintSignIn(ctx));
  router.get('/_mock/console/console.js', async (ctx) => (await pages()).script(ctx));
  router.get('/_mock/requests', async (ctx) => (await pages()).requestsJson(ctx));
}

/** `/<poolId>/.well-known/<document>`, as the router's `/:poolId/.well-known/…` routes match (the id has no slash). */
const WELL_KNOWN = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

/** A path segment URL-decoded as the router decodes its parameters; undefined when it is not valid percent-encoding (the router then answers). */
function decodedParameter(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Memoizes an async load: the first call starts it, every call gets the same promise. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
