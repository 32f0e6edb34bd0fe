import { isRecord } from './problems.js';
import { type Fault, faultProblem } from './fault.js';

// Faults written as JSON, in the PascalCase of the rest of the fixtures and the AWS API: the
// `MockFaults` member of a fixture client and the body of `POST /_mock/faults`.

const MEMBERS: Record<string, string> = {
  On: 'on', ClientId: 'clientId', Operation: 'operation', Error: 'error', Message: 'message', Page: 'page', LatencyMs: 'latencyMs', Times: 'times',
};
const PASCAL = Object.fromEntries(Object.entries(MEMBERS).map(([pascal, camel]) => [camel, pascal]));
/** A fixture client's `MockFaults`: a token fault of that client (`On` and `ClientId` are implied). */
const FIXTURE_MEMBERS = new Set(['Error', 'LatencyMs', 'Times']);

export type FaultFromJson = { fault: Fault; problem?: undefined } | { fault?: undefined; problem: string };

/** `{"On": "token", "ClientId": …, "Error": …, "LatencyMs": …, "Times": …}` (or `"On": "management"`, `"Operation"`, `"Message"`; `"On": "hosted"`, `"Page"`). */
export function faultFromJson(json: unknown, operations: ReadonlySet<string>): FaultFromJson {
  return convert(json, new Set(Object.keys(MEMBERS)), {}, operations);
}

/** A fixture client's `MockFaults: {"Error", "LatencyMs", "Times"}`. */
export function fixtureFaultFromJson(json: unknown, clientId: string): FaultFromJson {
  return convert(json, FIXTURE_MEMBERS, { on: 'token', clientId }, new Set());
}

function convert(json: unknown, allowed: ReadonlySet<string>, implied: Record<string, unknown>, operations: ReadonlySet<string>): FaultFromJson {
  if (!isRecord(json)) return { problem: 'a fault must be a JSON object' };
  const fault: Record<string, unknown> = { ...implied };
  for (const [member, value] of Object.entries(json)) {
    if (!allowed.has(member)) return { problem: `unknown member "${member}" (allowed: ${[...allowed].join(', ')})` };
    fault[MEMBERS[member]!] = value;
  }
  const problem = faultProblem(fault as unknown as Fault, operations, (camel) => PASCAL[camel] ?? camel);
  return problem === undefined ? { fault: fault as unknown as Fault } : { problem };
}

/** A fault as JSON (what `GET /_mock/faults` lists), in the same PascalCase. */
export function faultToJson(fault: Fault): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [camel, value] of Object.entries(fault)) if (value !== undefined) json[PASCAL[camel] ?? camel] = value;
  return json;
}
