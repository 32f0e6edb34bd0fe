import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** This run's build, laid out like the image's WORKDIR: package.json, node_modules, dist/, fixtures/ (test/support/build.ts). */
export const appDir = (): string => inject('appDir');

/** Longest a spawned CLI may take to print its URL or to exit. */
const CLI_TIMEOUT_MS = 15_000;

export interface CliOptions {
  /** Environment added to the clean base environment (see `baseEnv`). */
  env?: Record<string, string>;
  /** Working directory; default the app directory. */
  cwd?: string;
  /** The command line; default `node <app>/dist/cli.js <args>`. */
  command?: readonly string[];
}

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  /** The URL from the `listening on <url>` line. */
  url: string;
  child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<CliExit>;
}

const running = new Set<ChildProcess>();

/** The test runner's environment without any COGNITO_MOCK_* variable, and NODE_ENV=test. */
export function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' };
  for (const name of Object.keys(env)) if (name.startsWith('COGNITO_MOCK_')) delete env[name];
  return env;
}

function spawnCli(args: readonly string[], options: CliOptions): { child: ChildProcess; out: { stdout: string; stderr: string }; exit: Promise<CliExit> } {
  const [command, ...commandArgs] = options.command ?? [process.execPath, join(appDir(), 'dist', 'cli.js'), ...args];
  const child = spawn(command!, commandArgs, { cwd: options.cwd ?? appDir(), env: { ...baseEnv(), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (text: string) => { out.stdout += text; });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => { out.stderr += text; });
  const exit = new Promise<CliExit>((resolve) => {
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, ...out });
    });
  });
  return { child, out, exit };
}

/** Runs the CLI until it exits (for --help and start-up failures). */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliExit> {
  const { child, exit } = spawnCli(args, options);
  const timer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS);
  try {
    return await exit;
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the CLI and resolves once it prints `listening on <url>`; rejects with its output if it exits first. */
export async function startCli(args: readonly string[], options: CliOptions = {}): Promise<RunningCli> {
  const { child, out, exit } = spawnCli(args, options);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "listening on" line within ${CLI_TIMEOUT_MS} ms:\n${out.stdout}${out.stderr}`));
    }, CLI_TIMEOUT_MS);
    child.stdout!.on('data', () => {
      const match = /listening on (\S+)/.exec(out.stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exit.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited (code ${code}, signal ${signal}) before listening:\n${out.stdout}${out.stderr}`));
    });
  });
  return {
    url,
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    stop: (signal = 'SIGTERM') => {
      child.kill(signal);
      return exit;
    },
  };
}

/** Kills every CLI a test started and left running (each by its own handle), e.g. after a failed assertion. */
export async function stopAllClis(): Promise<void> {
  await Promise.all([...running].map((child) => new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.kill('SIGKILL');
  })));
}

/** Call in `beforeAll` of a test that spawns the build: fails it with the build's output if this run's build failed. */
export function requireBuild(): void {
  const error = inject('buildError');
  if (error !== null) throw new Error(error);
}

/**
 * The hooks of a file that spawns the built CLI: the build is required before its tests, and every
 * CLI still running is stopped after each test (`each`, the default) or only after all of them
 * (`all`, for a CLI that `beforeAll` starts and the tests share). Call it after `useTempDir`, so CLIs
 * stop before their directory is removed (vitest runs after-hooks in reverse order).
 */
export function useBuiltCli(scope: 'each' | 'all' = 'each'): void {
  beforeAll(requireBuild);
  if (scope === 'each') afterEach(stopAllClis);
  afterAll(stopAllClis);
}
