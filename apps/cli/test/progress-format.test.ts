import { describe, expect, it } from 'vitest';
import { formatNcm } from '@nexa/client';
import { estimateRemainingMs, formatDuration, progressBar } from '../src/output';

describe('progress formatting', () => {
  it('draws a bar with counts and percentage', () => {
    expect(progressBar(0, 4, 8)).toBe('[--------] 0/4 0%');
    expect(progressBar(1, 4, 8)).toBe('[##------] 1/4 25%');
    expect(progressBar(4, 4, 8)).toBe('[########] 4/4 100%');
  });

  it('extrapolates the time left from the rate so far, unknown before the first item', () => {
    expect(estimateRemainingMs(0, 10, 5_000)).toBeNull();
    expect(estimateRemainingMs(2, 10, 4_000)).toBe(16_000);
    expect(estimateRemainingMs(10, 10, 4_000)).toBe(0);
  });

  it('writes durations and NCM codes the way people read them', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(125_000)).toBe('2m05s');
    expect(formatDuration(3_780_000)).toBe('1h03m');
    expect(formatNcm('85423190')).toBe('8542.31.90');
    expect(formatNcm('8542')).toBe('8542');
  });
});
