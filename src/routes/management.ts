import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import { noteRequest, shownInput } from '../http/request-note.js';
import { MANAGEMENT_ACTIONS } from '../management/index.js';
import { notFromBrowsers, unknownOperation } from '../management/messages.js';
import { PUBLIC_OPERATIONS } from '../management/public-operations.js';
import { operationOf, readJsonInput, regionFromAuthorization } from '../management/request.js';
import { writeJson } from '../middleware/error-handler.js';
import type { AppContext } from '../context.js';

// Real Cognito's answers carry `Access-Control-Allow-Origin: *` (cognito-reference §6.1), safe
// there because every administrative call is SigV4-signed. The mock accepts any signature, so a web
// page (a request with `Origin`) may call only the public operations a browser app signs users in
// with (management/public-operations.ts), and reads their answers; any other operation from a page
// is refused before its body is read. The preflight is granted to every page for that reason.

/**
 * POST / with `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`: the AWS JSON 1.1
 * management API (cognito-reference §6). Steps: target → action (unknown: 400
 * UnknownOperationException) → JSON body → action → `application/x-amz-json-1.1` answer. Any
 * signature is accepted; only its credential scope is read, for the region of new pool ids.
 */
export function managementEndpoint(app: Pick<AppContext, 'registry' | 'issuerMode' | 'triggers' | 'faults' | 'publicUrl' | 'log'>) {
  return async function management(ctx: Context): Promise<void> {
    ctx.set('x-amzn-RequestId', randomUUID());
    const target = ctx.get('x-amz-target');
    const operation = operationOf(target);
    const action = operation === undefined ? undefined : MANAGEMENT_ACTIONS.get(operation);
    if (!action) throw unknownOperation(target);
    noteRequest(ctx, { operation });
    if (ctx.get('origin') !== '') {
      if (!PUBLIC_OPERATIONS.has(operation!)) throw notFromBrowsers(operation!);
      ctx.set('Access-Control-Allow-Origin', '*');
      ctx.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    const input = await readJsonInput(ctx);
    const clientId = idOf(input.ClientId);
    noteRequest(ctx, { clientId, poolId: idOf(input.UserPoolId) ?? (clientId === undefined ? undefined : app.registry.client(clientId)?.pool.UserPool.Id) });
    // Injected faults (README "Fault injection"), e.g. throttling; none: one property read.
    if (app.faults.managementActive) await app.faults.applyManagement(operation!);
    const region = regionFromAuthorization(ctx.get('authorization'));
    const { registry, issuerMode, triggers } = app;
    const output = await action(input, { registry, issuerMode, triggers, region, publicUrl: app.publicUrl(ctx.req.headers), log: app.log });
    writeJson(ctx, output, 'application/x-amz-json-1.1');
  };
}

/** An id of the input for the request log: a string, shortened if huge. */
const idOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? shownInput(value) : undefined);

/** What the SDKs in a browser read of an answer: the request id and the error type. */
const EXPOSED_HEADERS = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date';

/** Request headers a browser SDK sends (amazon-cognito-identity-js, Amplify, the AWS SDK v3). */
const ALLOWED_HEADERS = new Set([
  'content-type', 'x-amz-target', 'x-amz-user-agent', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token', 'authorization',
  'amz-sdk-invocation-id', 'amz-sdk-request', 'cache-control',
]);

/**
 * OPTIONS /: the CORS preflight of a page's POST, granted for the headers browser SDKs send (the
 * operation is not known until the POST, which then refuses the administrative ones). Anything
 * else is not a preflight this grants: false, and the request is answered as any unknown route.
 */
export function managementPreflight(ctx: Context): boolean {
  const requested = ctx.get('access-control-request-headers').toLowerCase().split(',').map((h) => h.trim()).filter((h) => h !== '');
  if (ctx.get('origin') === '' || ctx.get('access-control-request-method') !== 'POST' || requested.some((h) => !ALLOWED_HEADERS.has(h))) return false;
  ctx.status = 204;
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.set('Access-Control-Allow-Methods', 'POST');
  ctx.set('Access-Control-Allow-Headers', requested.join(', '));
  ctx.set('Access-Control-Max-Age', '86400');
  return true;
}
