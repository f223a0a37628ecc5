import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../src/root';

describe('docs/api.md', () => {
  it('has a section for every procedure of the router, of the right kind, and none for a procedure that does not exist', async () => {
    const apiDoc = await readFile(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    const documented = new Map([...apiDoc.matchAll(/^### `([\w.]+)` \((query|mutation|subscription)[^)]*\)/gm)].map(([, path, kind]) => [path!, kind!]));
    const procedures = new Map(Object.entries(appRouter._def.procedures).map(([path, procedure]) => [path, (procedure as { _def: { type: string } })._def.type]));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(procedures));
  });
});
