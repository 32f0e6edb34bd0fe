/**
 * Bad flags, fixtures or store at start-up: every problem at once, each led by its file or flag.
 * Shared by every layer that checks what the server starts with (config, store, fixtures, server).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}
