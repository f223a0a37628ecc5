import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/index';

describe('docs/operations.md', () => {
  it('describes every configuration variable', () => {
    const doc = readFileSync(new URL('../../../docs/operations.md', import.meta.url), 'utf8');
    const missing = Object.keys(configSchema.shape).filter((key) => !doc.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });
});
