// Child processes the bench starts (servers, reference loops), each pinned, each stopped by its
// own pid. Output is kept (last few KB) so a server that fails to start can say why.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { pinned } from './machine.mjs';

/**
 * Spawns `argv` on `cpus` (in `cwd`, default this one) and polls `ready()` (every `pollMs`) until it resolves true. Resolves
 * {child, pid, ms, output(), stop()}; `ms` is spawn → first ready answer, the cold-start figure.
 */
export async function startProcess({ argv, cpus, env = {}, cwd, ready, timeoutMs = 30_000, pollMs = 5, name = argv.join(' ') }) {
  const [command, args] = pinned(cpus, argv);
  const t0 = performance.now();
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => { output = (output + chunk).slice(-4_000); };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let exit;
  exited.then((e) => { exit = e; });

  while (performance.now() - t0 < timeoutMs) {
    if (await ready()) {
      const ms = performance.now() - t0;
      return { child, pid: child.pid, ms, output: () => output, stop: () => stopChild(child, exited) };
    }
    if (exit) throw new Error(`${name} exited (${exit.code ?? exit.signal}) before it was ready:\n${output}`);
    await sleep(pollMs);
  }
  await stopChild(child, exited);
  throw new Error(`${name} was not ready after ${timeoutMs} ms:\n${output}`);
}

/** Runs a pinned command to completion; resolves its stdout (rejects with its output on failure). */
export function runProcess(argv, { cpus, env = {} } = {}) {
  const [command, args] = pinned(cpus, argv);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => { stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c) => { stderr = (stderr + c).slice(-4_000); });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${argv.join(' ')} exited ${code}:\n${stderr}${stdout.slice(-2_000)}`))));
  });
}

/** The last JSON line a child printed. */
export const lastJson = (stdout) => JSON.parse(stdout.trim().split('\n').at(-1));

/** SIGTERM (the CLI then finishes pending store writes), SIGKILL after 10 s. Resolves the exit. */
async function stopChild(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const result = await exited;
  clearTimeout(timer);
  return result;
}

/** VmRSS and VmHWM of a process, in MB. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number((new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(status) ?? [])[1]);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}
