import { spawn } from 'node:child_process';
import type { CommandForm } from './dockerfile.js';

/**
 * A stage's RUN, rewritten to mean on this machine what it means in the image, then run for real.
 *
 * - The stage's `/` is a temp directory (`root`), so every absolute path word (`/data`,
 *   `--prefix=/opt/x`) is moved into it. Only `/dev/…` (`2>/dev/null`) keeps its meaning. Tools are
 *   found on PATH: this machine's node and npm stand in for the base image's.
 * - There is one local account for all the image's users: the one running the tests, which also
 *   runs the stage's CMD. So `chown <imageUser>:<imageUser>` becomes `chown <uid>:<gid>` — the
 *   directory is still really created and given to the user that will write to it. Other names are
 *   left as written (and fail if this machine lacks them, which is a fault of the model, not hidden).
 */
export function hostCommand(command: CommandForm, root: string, imageUser: string | undefined): string[] {
  if (!/^[\w/.-]+$/.test(root)) throw new Error(`the stage root ${root} needs quoting in a shell command; use a plain temp directory`);
  const rooted = (word: string): string => word.replace(/(^|[\s'"=<>|;&(])(\/(?!dev\/)[^\s'"<>|;&()]*)/g, `$1${root}$2`);
  if (command.form === 'exec') return command.args.map((arg) => (arg.startsWith('/') && !arg.startsWith('/dev/') ? root + arg : arg));
  const owner = imageUser === undefined ? command.command : command.command.replace(
    /\bchown(\s+(?:-\S+\s+)*)([^\s:]+)(?::(\S+))?(?=\s)/g,
    (_, flags: string, user: string, group: string | undefined) => {
      const uid = user === imageUser ? String(process.getuid!()) : user;
      const gid = group === undefined ? '' : `:${group === imageUser ? String(process.getgid!()) : group}`;
      return `chown${flags}${uid}${gid}`;
    },
  );
  return ['/bin/sh', '-c', rooted(owner)];
}

/** Runs a command to its end; rejects with its output when it fails. */
export function runToEnd(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => { output += text; });
    child.stderr.setEncoding('utf8').on('data', (text: string) => { output += text; });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${argv.join(' ')} failed (exit ${code}, signal ${signal}) in ${cwd}:\n${output}`));
    });
  });
}
