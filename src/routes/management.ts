import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import { MANAGEMENT_ACTIONS } from '../management/index.js';
import { unknownOperation } from '../management/messages.js';
import { operationOf, readJsonInput, regionFromAuthorization } from '../management/request.js';
import { writeJson } from '../middleware/error-handler.js';
import type { AppContext } from '../context.js';

// Real Cognito's answers carry `Access-Control-Allow-Origin: *` (cognito-reference §6.1), safe
// there because every call is SigV4-signed. The mock accepts any signature, so no web page may
// read its answers: no CORS header here, and no preflight is ever granted.

/**
 * POST / with `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`: the AWS JSON 1.1
 * management API (cognito-reference §6). Steps: target → action (unknown: 400
 * UnknownOperationException) → JSON body → action → `application/x-amz-json-1.1` answer. Any
 * signature is accepted; only its credential scope is read, for the region of new pool ids.
 */
export function managementEndpoint(app: Pick<AppContext, 'registry' | 'issuerMode' | 'triggers' | 'faults' | 'publicUrl'>) {
  return async function management(ctx: Context): Promise<void> {
    ctx.set('x-amzn-RequestId', randomUUID());
    const target = ctx.get('x-amz-target');
    const operation = operationOf(target);
    const action = operation === undefined ? undefined : MANAGEMENT_ACTIONS.get(operation);
    if (!action) throw unknownOperation(target);
    const input = await readJsonInput(ctx);
    // Injected faults (README "Fault injection"), e.g. throttling; none: one property read.
    if (app.faults.managementActive) await app.faults.applyManagement(operation!);
    const region = regionFromAuthorization(ctx.get('authorization'));
    const { registry, issuerMode, triggers } = app;
    const output = await action(input, { registry, issuerMode, triggers, region, publicUrl: app.publicUrl(ctx.req.headers) });
    writeJson(ctx, output, 'application/x-amz-json-1.1');
  };
}
