import type { Context } from 'koa';
import { faultFromJson, faultToJson } from '../model/fault-json.js';
import { retireAccessKeys, rotateAccessKey } from '../domain/key-rotation.js';
import { importFixtureKey } from '../keys/signing-key.js';
import { MANAGEMENT_OPERATIONS } from '../management/operation-names.js';
import { invalidFault, noPendingCode } from '../management/messages.js';
import { pendingCode } from '../management/pending-code.js';
import { usernameOf } from '../management/user-lookups.js';
import { readJsonInput } from '../management/request.js';
import { writeJson } from '../middleware/error-handler.js';
import type { AppContext } from '../context.js';

// The mock's own admin endpoints under /_mock (README "Key rotation", "Fault injection"), for a
// mock running as a CLI or container, where the testing API is out of reach. JSON in and out,
// PascalCase members like the rest of the API; errors as the management API words them
// (`{"__type", "message"}`, 400). Unauthenticated, like the whole mock: never expose it.
// Every POST takes `application/json` only, so a web page cannot send one without a CORS
// preflight (never granted); DELETE needs a preflight anyway; GET only reads, and a page's
// cross-site GET gets an answer it cannot read.


const JSON_TYPE = 'application/json';

export function adminRoutes(app: Pick<AppContext, 'registry' | 'faults'>) {
  /** POST /_mock/faults: adds a fault; answers every fault in force. */
  async function addFault(ctx: Context): Promise<void> {
    const parsed = faultFromJson(await readJsonInput(ctx, JSON_TYPE), MANAGEMENT_OPERATIONS);
    if (parsed.problem !== undefined) throw invalidFault(parsed.problem);
    app.faults.add(parsed.fault);
    listFaults(ctx);
  }

  /** GET /_mock/faults: `{"Faults": [...]}`, `Times` counting what is left. */
  function listFaults(ctx: Context): void {
    writeJson(ctx, { Faults: app.faults.list().map(faultToJson) }, JSON_TYPE);
  }

  /** DELETE /_mock/faults: clears every fault. */
  function clearFaults(ctx: Context): void {
    app.faults.clear();
    writeJson(ctx, { Faults: [] }, JSON_TYPE);
  }

  /** POST /_mock/pools/:poolId/rotate-keys, body `{}` or `{"SigningKey": "<PEM or private JWK>"}`. */
  async function rotateKeys(ctx: Context): Promise<void> {
    const input = await readJsonInput(ctx, JSON_TYPE);
    // A bad key is an `invalid_key` problem, answered `SigningKey <reason>.` by the AWS edge.
    const key = input.SigningKey === undefined ? undefined : importFixtureKey(input.SigningKey);
    const poolId = poolParam(ctx);
    const rotation = await rotateAccessKey(app.registry, poolId, key);
    writeJson(ctx, { UserPoolId: poolId, SigningKid: rotation.signingKid, PublishedKids: rotation.publishedKids }, JSON_TYPE);
  }

  /** POST /_mock/pools/:poolId/retire-keys: rotated-out keys leave the JWKS. */
  async function retireKeys(ctx: Context): Promise<void> {
    await readJsonInput(ctx, JSON_TYPE);
    const poolId = poolParam(ctx);
    const retirement = await retireAccessKeys(app.registry, poolId);
    writeJson(ctx, { UserPoolId: poolId, RetiredKids: retirement.retiredKids, PublishedKids: retirement.publishedKids }, JSON_TYPE);
  }

  /**
   * GET /_mock/pools/:poolId/users/:username/code: the user's pending confirmation or reset code
   * (README "Confirmation and reset codes"), `ExpiresAt` in epoch seconds like the API's dates.
   */
  function latestCode(ctx: Context): void {
    // The name by the API's own rule (1–128 characters, no whitespace), so a hostile path gets the API's words.
    const username = usernameOf({ Username: (ctx as Context & { params: Record<string, string> }).params.username ?? '' });
    const poolId = poolParam(ctx);
    const code = pendingCode(app.registry, poolId, username);
    if (!code) throw noPendingCode(username, poolId);
    writeJson(ctx, {
      AttributeName: code.Delivery.AttributeName, Code: code.Code, DeliveryMedium: code.Delivery.DeliveryMedium,
      Destination: code.Delivery.Destination, ExpiresAt: code.ExpiresAt / 1000, Kind: code.Kind, Username: code.Username,
    }, JSON_TYPE);
  }

  return { addFault, listFaults, clearFaults, rotateKeys, retireKeys, latestCode };
}

const poolParam = (ctx: Context): string => (ctx as Context & { params: Record<string, string> }).params.poolId ?? '';
