import { createHash } from 'node:crypto';
import { readFile, readlink } from 'node:fs/promises';
import { hostname } from 'node:os';

/**
 * A process as a lock file records it: enough to tell, later and from another process, whether
 * it still runs. The Linux members say where its pid means something (the kernel boot and the pid
 * namespace: a pid from another container or an earlier boot names some other process here) and
 * when it started, which tells the holder from a later process that got the same pid once the
 * holder was gone (pids wrap around; a lock may be days old).
 */
export interface ProcessIdentity {
  pid: number;
  hostname: string;
  /** Linux: /proc/sys/kernel/random/boot_id, new at every boot. */
  bootId?: string;
  /**
   * The same installation across reboots (absent in most containers): a SHA-256 of /etc/machine-id,
   * which systemd asks programs not to expose as it is.
   */
  machineId?: string;
  /** Linux: the pid namespace (/proc/self/ns/pid), which containers do not share. */
  pidNamespace?: string;
  /** Linux: start time in clock ticks after boot, field 22 of /proc/<pid>/stat. */
  processStart?: string;
}

/** Whether the recorded process runs, is gone, or cannot be checked from here (another machine or container). */
export type Liveness = 'alive' | 'dead' | 'unknown';

let current: Promise<ProcessIdentity> | undefined;

/** This process, read once. */
export function currentProcess(): Promise<ProcessIdentity> {
  current ??= (async () => {
    const [bootId, machineId, pidNamespace, stat] = await Promise.all([
      readTrimmed('/proc/sys/kernel/random/boot_id'),
      readTrimmed('/etc/machine-id'),
      readlink('/proc/self/ns/pid').catch(() => undefined),
      procStat(process.pid),
    ]);
    const identity: ProcessIdentity = { pid: process.pid, hostname: hostname() };
    if (bootId !== undefined) identity.bootId = bootId;
    if (machineId !== undefined) identity.machineId = createHash('sha256').update(`cognito-mock store lock\n${machineId}`).digest('hex');
    if (pidNamespace !== undefined) identity.pidNamespace = pidNamespace;
    if (stat !== undefined) identity.processStart = stat.start;
    return identity;
  })();
  return current;
}

/** Whether `holder` still runs, judged from `self` (the current process). */
export async function liveness(holder: ProcessIdentity, self: ProcessIdentity): Promise<Liveness> {
  if (holder.hostname !== self.hostname || holder.pidNamespace !== self.pidNamespace) return 'unknown';
  if (holder.bootId !== self.bootId) {
    // The same installation booted again since: every process of the earlier boot is gone. Without
    // a machine id this could be another machine of the same name sharing the file: not checkable.
    return holder.machineId !== undefined && holder.machineId === self.machineId ? 'dead' : 'unknown';
  }
  if (!pidExists(holder.pid)) return 'dead';
  const stat = await procStat(holder.pid);
  // A zombie (killed, not yet reaped by its parent) holds nothing; another start time is pid reuse.
  if (stat?.state === 'Z' || stat?.state === 'X') return 'dead';
  if (holder.processStart !== undefined && stat !== undefined && stat.start !== holder.processStart) return 'dead';
  return 'alive';
}

/** Signal 0 checks existence without sending anything; EPERM means it exists under another user. */
function pidExists(pid: number): boolean {
  // 0 and negative pids address process groups: never ask about those.
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** State and start time from /proc/<pid>/stat; undefined where there is no procfs or it hides the pid. */
async function procStat(pid: number): Promise<{ state: string; start: string } | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  // Field 2 is the command name in parentheses and may itself hold spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [state, start] = [fields[0], fields[19]];
  return state !== undefined && start !== undefined ? { state, start } : undefined;
}

async function readTrimmed(path: string): Promise<string | undefined> {
  const text = (await readFile(path, 'utf8').catch(() => '')).trim();
  return text === '' ? undefined : text;
}

