// Cold start: spawn → first token for the CLI (store with keys already generated), spawn → first
// response for a bare node:http server; interleaved, so both see the same machine weather.
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCli } from '../lib/cli-server.mjs';
import { freePort, request } from '../lib/http.mjs';
import { options } from '../lib/options.mjs';
import { startProcess } from '../lib/processes.mjs';

const BARE = fileURLToPath(new URL('../reference/bare-http.mjs', import.meta.url));

export async function coldStart(ctx) {
  const raw = { cli_ms: [], bare_ms: [] };
  for (let i = 0; i < options.coldStartRuns; i++) {
    const port = await freePort();
    const bare = await startProcess({
      argv: [process.execPath, BARE],
      env: { PORT: String(port) },
      cpus: options.serverCpus,
      ready: () => request(`http://127.0.0.1:${port}/`, { timeoutMs: 1_000 }).then((r) => r.status === 200, () => false),
      name: 'bare node:http',
    });
    raw.bare_ms.push(bare.ms);
    await bare.stop();
    await sleep(100);
    const cli = await startCli({ data: ctx.files.normalStore });
    raw.cli_ms.push(cli.ms);
    await cli.stop();
    ctx.log(`cold start ${i + 1}/${options.coldStartRuns}: bare ${bare.ms.toFixed(0)} ms, cli ${cli.ms.toFixed(0)} ms`);
    await sleep(100);
  }
  return raw;
}
