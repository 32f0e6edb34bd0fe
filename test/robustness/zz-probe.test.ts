import { timingSafeEqual } from 'node:crypto';
import { beforeEach, it, vi } from 'vitest';
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
const compare = vi.mocked(timingSafeEqual);
beforeEach(() => {
  try { compare.mockClear(); } catch (e) { process.stdout.write(`RESULT ERR ${(e as Error).stack}\n`); }
});
it('probe', () => {
  process.stdout.write(`RESULT ok\n`);
});
