import type { Context } from 'koa';
import type { AppContext } from '../context.js';
import { CONSOLE_SCRIPT } from '../console/console-script.js';
import { CONSOLE_HEADERS } from '../console/layout.js';
import { overviewPage } from '../console/overview-view.js';
import { REQUESTS_SHOWN, requestsPage } from '../console/requests-view.js';
import { decoderPage } from '../console/decoder-view.js';
import { inspectToken } from '../console/inspect-token.js';
import { mintClientCredentials, mintSignIn } from '../console/mint-tokens.js';
import { mintPage } from '../console/mint-view.js';
import { poolKeyrings } from '../console/pool-keyrings.js';
import { sameOrigin } from '../console/same-origin.js';
import { writeJson } from '../middleware/error-handler.js';
import { readForm } from './token.js';

// The console at /_mock/console (README "Console"): pages over the registry and the request log,
// loaded on first use like the other /_mock routes.

export type ConsoleParts = Pick<AppContext, 'registry' | 'issuerMode' | 'triggers' | 'publicUrl' | 'requestLog' | 'clock'>;

export function consoleRoutes(app: ConsoleParts) {
  const html = (ctx: Context, body: string, status = 200): void => {
    ctx.set(CONSOLE_HEADERS);
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = body;
  };
  const baseUrl = (ctx: Context): string => app.publicUrl(ctx.req.headers);

  /** A console form's fields, or why there are none (the page shows it): another site's post, a broken body. */
  async function postedForm(ctx: Context): Promise<Map<string, string> | string> {
    if (!sameOrigin(ctx)) {
      ctx.status = 403;
      return 'This form was posted from another site: the console takes its own forms only.';
    }
    try {
      return await readForm(ctx);
    } catch (error) {
      ctx.status = 400;
      return `The form could not be read: ${(error as Error).message}`;
    }
  }

  return {
    overview(ctx: Context): void {
      html(ctx, overviewPage({ pools: app.registry.pools(), issuerMode: app.issuerMode, publicUrl: baseUrl(ctx) }));
    },

    requests(ctx: Context): void {
      html(ctx, requestsPage(app.requestLog.recent(REQUESTS_SHOWN)));
    },

    decoder(ctx: Context): void {
      html(ctx, decoderPage('', undefined));
    },

    /** Decodes and judges the posted token, at the mock's clock; the token is in this answer only. */
    async decode(ctx: Context): Promise<void> {
      const form = await postedForm(ctx);
      if (typeof form === 'string') return html(ctx, decoderPage('', undefined, form), ctx.status);
      const token = form.get('token') ?? '';
      const report = inspectToken(token, poolKeyrings(app.registry, app.issuerMode, baseUrl(ctx)), Math.floor(app.clock() / 1000));
      html(ctx, decoderPage(token, report));
    },

    mint(ctx: Context): void {
      html(ctx, mintPage(app.registry.pools()));
    },

    async mintClientCredentials(ctx: Context): Promise<void> {
      const form = await postedForm(ctx);
      if (typeof form === 'string') return html(ctx, mintPage(app.registry.pools(), { title: 'Client credentials', error: form }), ctx.status);
      const scopes = [...form].filter(([name]) => name.startsWith('scope.')).map(([, value]) => value);
      const result = await mintClientCredentials(app, form.get('client_id') ?? '', scopes, baseUrl(ctx));
      html(ctx, mintPage(app.registry.pools(), result), result.error === undefined ? 200 : 400);
    },

    async mintSignIn(ctx: Context): Promise<void> {
      const form = await postedForm(ctx);
      if (typeof form === 'string') return html(ctx, mintPage(app.registry.pools(), { title: 'Sign-in', error: form }), ctx.status);
      const username = form.get('username') ?? '';
      const result = await mintSignIn(app, form.get('client_id') ?? '', username, form.get('password') ?? '', baseUrl(ctx));
      html(ctx, mintPage(app.registry.pools(), result, username), result.error === undefined ? 200 : 400);
    },

    /** The request log as JSON, oldest first: what console.js polls, and a script's way to read it. */
    requestsJson(ctx: Context): void {
      const limit = Number(ctx.query.limit);
      const entries = app.requestLog.recent(Number.isInteger(limit) && limit > 0 ? limit : undefined);
      ctx.set(CONSOLE_HEADERS);
      writeJson(ctx, { Requests: entries }, 'application/json');
    },

    script(ctx: Context): void {
      ctx.set(CONSOLE_HEADERS);
      ctx.type = 'text/javascript; charset=utf-8';
      ctx.body = CONSOLE_SCRIPT;
    },
  };
}
