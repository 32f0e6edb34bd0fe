// The code a trigger module's worker thread runs, as text for `new Worker(source, { eval: true })`:
// a string survives tsc, the esbuild bundle of the CLI and vitest's transform unchanged, and needs
// no file beside dist/cli.js (the image carries only the bundle). Plain CommonJS, no imports of ours.
//
// Protocol (parent → worker): `{ id, event, deadline, awsRequestId, functionName }`.
// Worker → parent: `{ type: 'ready' }` once the module is imported, `{ type: 'load-failed', reason }`,
// then per call `{ type: 'answer', id, answer }`, `{ type: 'threw', id, message }` or
// `{ type: 'invalid', id, reason }` (an answer structured clone cannot copy). An uncaught throw, an
// unhandled rejection or `process.exit` ends the thread: the parent sees its `error` / `exit` event.
export const TRIGGER_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// In a worker, process.abort() would still end the whole server; make it end this thread only.
process.abort = () => process.exit(134);
const messageOf = (error) => error?.message ?? String(error);
const url = workerData.url;
import(url).then((module) => {
  // The default export, as the mock documents; "handler", Lambda's usual name, works too.
  const handler = typeof module.default === 'function' ? module.default : module.handler;
  if (typeof handler !== 'function') {
    parentPort.postMessage({ type: 'load-failed', reason: url + ' has no default export function (or "handler" export).' });
    return;
  }
  parentPort.on('message', (call) => invoke(handler, call));
  parentPort.postMessage({ type: 'ready' });
}, (error) => {
  parentPort.postMessage({ type: 'load-failed', reason: 'cannot load ' + url + ': ' + messageOf(error) });
});

function invoke(handler, { id, event, deadline, awsRequestId, functionName }) {
  const context = { awsRequestId, functionName, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
  // A handler that throws synchronously rejects here too.
  Promise.resolve().then(() => handler(event, context)).then((answer) => {
    try {
      parentPort.postMessage({ type: 'answer', id, answer });
    } catch (error) {
      parentPort.postMessage({ type: 'invalid', id, reason: 'the answer cannot be copied out of the function (' + messageOf(error) + ')' });
    }
  }, (error) => {
    parentPort.postMessage({ type: 'threw', id, message: messageOf(error) });
  });
}
`;
