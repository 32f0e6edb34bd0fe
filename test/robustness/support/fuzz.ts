// Settings shared by the property-based tests. CI runs fixed seeds (reproducible, bounded); the
// long run (`npm run fuzz`) raises the number of runs and may pick another seed:
//   FUZZ_RUNS=20000 FUZZ_SEED=123 npx vitest run test/robustness/fuzz-*.test.ts

/** Runs of each property: the fixed default, or FUZZ_RUNS. */
export function fuzzRuns(defaultRuns: number): number {
  const given = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(given) && given > 0 ? given : defaultRuns;
}

/** The seed of a property: fixed per test unless FUZZ_SEED is set. */
export function fuzzSeed(fixed: number): number {
  const given = Number(process.env.FUZZ_SEED);
  return Number.isInteger(given) ? given : fixed;
}

/** Whether this is the long run (no per-test time limit then). */
export const longRun = (): boolean => process.env.FUZZ_RUNS !== undefined;

/** Requests sent by the fuzz tests of one file, by target, printed once at the end. */
export class RequestCounter {
  private readonly counts = new Map<string, number>();

  add(label: string, n = 1): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + n);
  }

  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  summary(file: string): string {
    return `${file}: ${this.total} requests (${[...this.counts].map(([label, n]) => `${label} ${n}`).join(', ')})`;
  }
}
