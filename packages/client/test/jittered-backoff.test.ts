import { describe, expect, it } from 'vitest';
import { jitteredBackoff } from '../src/index';

describe('jitteredBackoff', () => {
  it('draws each wait at random below an exponentially growing ceiling, capped', () => {
    for (const attempt of [0, 1, 2, 3, 10, 50]) {
      const ceiling = Math.min(10_000, 250 * 2 ** attempt);
      const draws = Array.from({ length: 200 }, () => jitteredBackoff(attempt));
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThan(ceiling);
      // Full jitter: clients that lost the same server do not come back in lockstep.
      expect(new Set(draws).size).toBeGreaterThan(50);
    }
    expect(Math.max(...Array.from({ length: 200 }, () => jitteredBackoff(20, 500)))).toBeLessThan(500);
  });
});
