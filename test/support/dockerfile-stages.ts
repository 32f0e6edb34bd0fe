import { cp, lstat, mkdir, readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CommandForm, Instruction, Stage } from './dockerfile.js';
import { dockerPattern, hasWildcard } from './dockerfile-glob.js';
import type { DockerIgnore } from './dockerfile-ignore.js';
import { hostCommand, runToEnd } from './dockerfile-run.js';

/** A stage as its instructions left it: files under `root`, and what the image records. */
export interface BuiltStage {
  name: string | undefined;
  index: number;
  base: string;
  /** The directory standing for the stage's `/`. */
  root: string;
  /** WORKDIR, as an image path. */
  workdir: string;
  /** ENV as declared (image paths). */
  env: Record<string, string>;
  user: string | undefined;
  cmd: CommandForm | undefined;
  healthcheck: Extract<Instruction, { kind: 'HEALTHCHECK' }> | undefined;
  volumes: string[];
  exposed: string[];
  /** Each RUN: as written, as run here, and how long it took. */
  runs: { command: CommandForm; ran: string[]; ms: number }[];
}

export interface BuildOptions {
  stages: Stage[];
  /** The build context (the directory `docker build` is given). */
  context: string;
  ignore: DockerIgnore;
  /** An empty directory; each stage's root is made in it. */
  into: string;
  /** Environment of every RUN besides the stage's ENV: what the base image provides (PATH, HOME). */
  baseEnv: NodeJS.ProcessEnv;
  runTimeoutMs: number;
}

/** An image path of the stage (relative ones against its WORKDIR) on this machine. */
export function hostPath(stage: Pick<BuiltStage, 'root' | 'workdir'>, imagePath: string): string {
  return join(stage.root, posix.resolve(stage.workdir, imagePath));
}

/** The stage's ENV for a process run here: values that are absolute paths point into its root. */
export function hostEnv(stage: Pick<BuiltStage, 'root' | 'env'>): Record<string, string> {
  return Object.fromEntries(Object.entries(stage.env).map(([name, value]) => [name, value.startsWith('/') ? join(stage.root, value) : value]));
}

/** Builds every stage in order, as `docker build` would, each in its own root under `into`. */
export async function buildStages(options: BuildOptions): Promise<BuiltStage[]> {
  const context = await contextEntries(options.context, options.ignore);
  const built: BuiltStage[] = [];
  for (const stage of options.stages) {
    const parent = built.find((b) => b.name !== undefined && b.name === stage.base);
    const root = join(options.into, `stage-${stage.index}${stage.name ? `-${stage.name}` : ''}`);
    if (parent) await cp(parent.root, root, { recursive: true, verbatimSymlinks: true });
    else await mkdir(root, { recursive: true });
    const current: BuiltStage = {
      name: stage.name, index: stage.index, base: stage.base, root,
      workdir: parent?.workdir ?? '/', env: { ...parent?.env }, user: parent?.user, cmd: parent?.cmd,
      healthcheck: parent?.healthcheck, volumes: [...parent?.volumes ?? []], exposed: [...parent?.exposed ?? []], runs: [],
    };
    const imageUser = stage.instructions.filter((i) => i.kind === 'USER').at(-1)?.user ?? current.user;
    for (const step of stage.instructions) {
      switch (step.kind) {
        case 'WORKDIR':
          current.workdir = posix.resolve(current.workdir, step.path);
          await mkdir(hostPath(current, '.'), { recursive: true });
          break;
        case 'ENV':
          for (const [name, value] of step.vars) current.env[name] = value;
          break;
        case 'COPY':
          await copy(step, current, built, options.context, context);
          break;
        case 'RUN': {
          const ran = hostCommand(step.command, root, imageUser);
          const started = performance.now();
          await runToEnd(ran, hostPath(current, '.'), { ...options.baseEnv, ...hostEnv(current) }, options.runTimeoutMs);
          current.runs.push({ command: step.command, ran, ms: Math.round(performance.now() - started) });
          break;
        }
        case 'USER': current.user = step.user; break;
        case 'CMD': current.cmd = step.command; break;
        case 'HEALTHCHECK': current.healthcheck = step; break;
        case 'VOLUME': current.volumes.push(...step.paths); break;
        case 'EXPOSE': current.exposed.push(...step.ports); break;
        default: break; // FROM (handled above), LABEL, STOPSIGNAL: no files
      }
    }
    built.push(current);
  }
  return built;
}

type EntryType = 'file' | 'dir' | 'symlink';

/** What `docker build` sends: every path of the context that `.dockerignore` leaves in. */
async function contextEntries(context: string, ignore: DockerIgnore): Promise<Map<string, EntryType>> {
  const entries = new Map<string, EntryType>();
  const walk = async (relative: string): Promise<void> => {
    for (const entry of await readdir(join(context, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      const type: EntryType = entry.isDirectory() ? 'dir' : entry.isSymbolicLink() ? 'symlink' : 'file';
      const excluded = ignore.excludes(path);
      if (!excluded) entries.set(path, type);
      // Below an excluded directory only a `!` line can bring something back.
      if (type === 'dir' && (!excluded || ignore.hasExceptions)) await walk(path);
    }
  };
  await walk('');
  return entries;
}

async function copy(
  step: Extract<Instruction, { kind: 'COPY' }>,
  stage: BuiltStage,
  built: BuiltStage[],
  contextDir: string,
  context: Map<string, EntryType>,
): Promise<void> {
  const fail = (why: string): never => {
    throw new Error(`Dockerfile line ${step.line}: COPY ${why}`);
  };
  // Each source as (host path, type); directories are copied by their contents.
  const sources: { host: string; name: string; type: EntryType; contextPath?: string }[] = [];
  if (step.from !== undefined) {
    const from = built.find((b) => b.name === step.from || String(b.index) === step.from) ?? fail(`--from=${step.from} names no earlier stage`);
    for (const source of step.sources) {
      if (hasWildcard(source)) fail(`--from with a wildcard (${source}) is not reproduced by the Dockerfile model`);
      const host = join(from.root, posix.resolve('/', source));
      const info = await lstat(host).catch(() => fail(`--from=${step.from} ${source}: not found in that stage`));
      sources.push({ host, name: posix.basename(source), type: info.isDirectory() ? 'dir' : info.isSymbolicLink() ? 'symlink' : 'file' });
    }
  } else {
    for (const source of step.sources) {
      const wanted = posix.normalize(source).replace(/^\/+|\/+$/g, '');
      const matched = hasWildcard(wanted)
        ? [...context.keys()].filter((path) => dockerPattern(wanted, 'copy').test(path))
        : context.has(wanted) ? [wanted] : [];
      if (matched.length === 0) fail(`${source}: not in the build context (missing, or left out by .dockerignore)`);
      for (const path of matched) sources.push({ host: join(contextDir, path), name: posix.basename(path), type: context.get(path)!, contextPath: path });
    }
  }
  const dest = posix.resolve(stage.workdir, step.dest);
  const destExists = await lstat(join(stage.root, dest)).then((info) => info.isDirectory(), () => false);
  const intoDirectory = step.dest.endsWith('/') || sources.length > 1 || destExists;
  for (const source of sources) {
    if (source.type !== 'dir') {
      const target = join(stage.root, intoDirectory ? posix.join(dest, source.name) : dest);
      await mkdir(join(target, '..'), { recursive: true });
      await cp(source.host, target, { verbatimSymlinks: true });
    } else if (source.contextPath === undefined) {
      await cp(source.host, join(stage.root, dest), { recursive: true, verbatimSymlinks: true });
    } else {
      // From the context, only what .dockerignore leaves in.
      const prefix = source.contextPath;
      await mkdir(join(stage.root, dest), { recursive: true });
      for (const [path, type] of context) {
        if (!path.startsWith(`${prefix}/`)) continue;
        const target = join(stage.root, dest, path.slice(prefix.length + 1));
        if (type === 'dir') await mkdir(target, { recursive: true });
        else {
          await mkdir(join(target, '..'), { recursive: true });
          await cp(join(contextDir, path), target, { verbatimSymlinks: true });
        }
      }
    }
  }
}
