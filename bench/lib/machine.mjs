// CPU pinning and the machine description. The server runs on one core (BENCH_SERVER_CPUS, 0),
// everything that drives or measures it on another (BENCH_LOAD_CPUS, 1), so the load generator
// never steals the server's core and the figures describe one core's worth of server.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const tasksetWorks = spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' }).status === 0;

export const machine = {
  nproc: availableParallelism(),
  node: process.version,
  cpu: (/^model name\s*:\s*(.*)$/m.exec(safeRead('/proc/cpuinfo')) ?? [])[1] ?? 'unknown',
  taskset: tasksetWorks,
};

/** Pins this process (every thread; children inherit it) to the load cores. False when it cannot. */
export function pinSelf(cpus) {
  if (!canPin(cpus)) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' }).status === 0;
}

/** `[command, args]` running argv on the given cores, or unpinned when pinning is off or impossible. */
export function pinned(cpus, argv) {
  return canPin(cpus) ? ['taskset', ['-c', cpus, ...argv]] : [argv[0], argv.slice(1)];
}

export function canPin(cpus) {
  return tasksetWorks && cpus !== 'none' && machine.nproc >= 2;
}

function safeRead(file) {
  try { return readFileSync(file, 'utf8'); } catch { return ''; }
}
