import type { Context } from 'koa';
import type { AppContext } from '../context.js';
import { CONSOLE_SCRIPT } from '../console/console-script.js';
import { CONSOLE_HEADERS } from '../console/layout.js';
import { overviewPage } from '../console/overview-view.js';
import { REQUESTS_SHOWN, requestsPage } from '../console/requests-view.js';
import { writeJson } from '../middleware/error-handler.js';

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

  return {
    overview(ctx: Context): void {
      html(ctx, overviewPage({ pools: app.registry.pools(), issuerMode: app.issuerMode, publicUrl: baseUrl(ctx) }));
    },

    requests(ctx: Context): void {
      html(ctx, requestsPage(app.requestLog.recent(REQUESTS_SHOWN)));
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
