/**
 * A Dockerfile read as BuildKit reads it, for the instructions this project's image uses. Anything
 * the model cannot reproduce faithfully (ADD, ARG, ENTRYPOINT, SHELL, ONBUILD, `$VAR` substitution,
 * unknown COPY flags) is refused with its line number, so a Dockerfile that outgrows the model
 * fails its test instead of being half-simulated.
 */

/** Exec form (`["node", "x.js"]`) or shell form (run by `/bin/sh -c`). */
export type CommandForm = { form: 'exec'; args: string[] } | { form: 'shell'; command: string };

export type Instruction = { line: number } & (
  | { kind: 'FROM'; image: string; name: string | undefined }
  | { kind: 'WORKDIR'; path: string }
  | { kind: 'COPY'; from: string | undefined; sources: string[]; dest: string }
  | { kind: 'RUN'; command: CommandForm }
  | { kind: 'ENV'; vars: [name: string, value: string][] }
  | { kind: 'CMD'; command: CommandForm }
  | { kind: 'USER'; user: string }
  | { kind: 'VOLUME'; paths: string[] }
  | { kind: 'EXPOSE'; ports: string[] }
  | { kind: 'HEALTHCHECK'; options: Record<string, string>; command: CommandForm | 'NONE' }
  | { kind: 'LABEL' | 'STOPSIGNAL'; text: string }
);

export interface Stage {
  /** The `AS` name, if any. */
  name: string | undefined;
  index: number;
  /** The FROM image. */
  base: string;
  /** Every instruction of the stage, its FROM first. */
  instructions: Instruction[];
}

const UNMODELLED = new Set(['ADD', 'ARG', 'ENTRYPOINT', 'SHELL', 'ONBUILD', 'MAINTAINER']);
const COPY_FLAGS = new Set(['from', 'chown', 'chmod']);
const COPY_FLAG = /^--([a-z-]+)(?:=(\S*))?\s*/;

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const { line, keyword, args } of logicalLines(text)) {
    const fail = (why: string): never => {
      throw new Error(`Dockerfile line ${line}: ${keyword} ${why}`);
    };
    if (UNMODELLED.has(keyword)) fail('is not reproduced by the Dockerfile model');
    if (keyword !== 'RUN' && keyword !== 'CMD' && keyword !== 'HEALTHCHECK' && args.includes('$')) fail('uses $ substitution, which the model does not reproduce');
    if (keyword === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? fail(`has an unexpected form: ${args}`);
      stages.push({ name: match[2], index: stages.length, base: match[1]!, instructions: [{ line, kind: 'FROM', image: match[1]!, name: match[2] }] });
      continue;
    }
    const stage = stages.at(-1) ?? fail('comes before the first FROM');
    stage.instructions.push(instruction(keyword, args, line, fail));
  }
  return stages;
}

function instruction(keyword: string, args: string, line: number, fail: (why: string) => never): Instruction {
  switch (keyword) {
    case 'WORKDIR':
      return { line, kind: 'WORKDIR', path: args };
    case 'RUN':
    case 'CMD':
      return { line, kind: keyword, command: commandForm(args) };
    case 'USER':
      return { line, kind: 'USER', user: args };
    case 'EXPOSE':
      return { line, kind: 'EXPOSE', ports: args.split(/\s+/) };
    case 'VOLUME':
      return { line, kind: 'VOLUME', paths: jsonArray(args) ?? args.split(/\s+/) };
    case 'LABEL':
    case 'STOPSIGNAL':
      return { line, kind: keyword, text: args };
    case 'ENV':
      return { line, kind: 'ENV', vars: envVars(args, fail) };
    case 'COPY': {
      const flags = new Map<string, string>();
      let rest = args;
      for (let flag = COPY_FLAG.exec(rest); flag; flag = COPY_FLAG.exec(rest)) {
        const [whole, name, value] = flag;
        if (!COPY_FLAGS.has(name!)) fail(`--${name} is not reproduced by the Dockerfile model`);
        flags.set(name!, value ?? fail(`--${name} needs a value`));
        rest = rest.slice(whole.length);
      }
      const paths = jsonArray(rest) ?? rest.split(/\s+/);
      if (paths.length < 2) fail('needs a source and a destination');
      return { line, kind: 'COPY', from: flags.get('from'), sources: paths.slice(0, -1), dest: paths.at(-1)! };
    }
    case 'HEALTHCHECK': {
      if (/^NONE$/i.test(args)) return { line, kind: 'HEALTHCHECK', options: {}, command: 'NONE' };
      const match = /^((?:--[a-z-]+=\S+\s+)*)CMD\s+(.*)$/is.exec(args) ?? fail('needs CMD or NONE');
      const options = Object.fromEntries([...match[1]!.matchAll(/--([a-z-]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
      return { line, kind: 'HEALTHCHECK', options, command: commandForm(match[2]!) };
    }
    default:
      return fail('is not a Dockerfile instruction');
  }
}

/**
 * Instructions with their continuation lines joined as BuildKit joins them: a trailing `\` (spaces
 * after it allowed) is removed and the next line appended as it is, leading spaces included; comment
 * lines and empty lines inside a continuation are dropped. Parser directives are comments here, but
 * a changed escape character is refused.
 */
function* logicalLines(text: string): Generator<{ line: number; keyword: string; args: string }> {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const directive = /^#\s*escape\s*=\s*(\S)/i.exec(lines[0] ?? '');
  if (directive && directive[1] !== '\\') throw new Error('Dockerfile: the escape directive is not reproduced by the Dockerfile model');
  const continued = /\\[ \t]*$/;
  for (let i = 0; i < lines.length; i += 1) {
    const start = lines[i]!.trimStart();
    if (start === '' || start.startsWith('#')) continue;
    const line = i + 1;
    let joined = start;
    while (continued.test(joined) && i + 1 < lines.length) {
      joined = joined.replace(continued, '');
      i += 1;
      const next = lines[i]!;
      if (next.trim() === '' || next.trimStart().startsWith('#')) {
        joined += '\\'; // still continued: look at the line after
        continue;
      }
      joined += next;
    }
    joined = joined.replace(continued, '');
    const match = /^(\S+)\s*(.*)$/s.exec(joined.trim())!;
    yield { line, keyword: match[1]!.toUpperCase(), args: match[2]!.trim() };
  }
}

/** JSON form when the text is a JSON array of strings (as Docker decides), else shell form. */
function commandForm(args: string): CommandForm {
  const exec = jsonArray(args);
  return exec ? { form: 'exec', args: exec } : { form: 'shell', command: args };
}

function jsonArray(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `ENV a=1 b="two words"` (quotes and `\` escapes as the shell has them) or the old `ENV name value`. */
function envVars(args: string, fail: (why: string) => never): [string, string][] {
  const words = shellWords(args);
  if (words.length > 0 && !words[0]!.includes('=')) {
    const [, name, value] = /^(\S+)\s+(.*)$/s.exec(args) ?? fail('needs a value');
    return [[name!, value!]];
  }
  return words.map((word) => {
    const eq = word.indexOf('=');
    if (eq <= 0) fail(`has a word without name=value: ${word}`);
    return [word.slice(0, eq), word.slice(eq + 1)];
  });
}

function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in ${text}`);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      word ??= '';
      for (i += 1; i < text.length && text[i] !== '"'; i += 1) {
        if (text[i] === '\\' && i + 1 < text.length) i += 1;
        word += text[i];
      }
      if (i >= text.length) throw new Error(`unterminated " in ${text}`);
    } else if (ch === '\\' && i + 1 < text.length) {
      i += 1;
      word = (word ?? '') + text[i];
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
