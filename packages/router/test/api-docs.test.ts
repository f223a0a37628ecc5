import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { taskEvent } from '@nexa/contracts';
import { appRouter } from '../src/root';

const readApiDoc = () => readFile(new URL('../../../docs/api.md', import.meta.url), 'utf8');

describe('docs/api.md', () => {
  it('has a section for every procedure of the router, of the right kind, and none for a procedure that does not exist', async () => {
    const apiDoc = await readApiDoc();
    const documented = new Map([...apiDoc.matchAll(/^### `([\w.]+)` \((query|mutation|subscription)[^)]*\)/gm)].map(([, path, kind]) => [path!, kind!]));
    const procedures = new Map(Object.entries(appRouter._def.procedures).map(([path, procedure]) => [path, (procedure as unknown as { _def: { type: string } })._def.type]));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(procedures));
  });

  it('has a row for every event type, and none for a type that does not exist', async () => {
    const apiDoc = await readApiDoc();
    const section = apiDoc.slice(apiDoc.indexOf('## Events'), apiDoc.indexOf('## Types'));
    const documented = [...section.matchAll(/^\| `(\w+)` \|/gm)].map(([, type]) => type!);
    const eventTypes = taskEvent.options.map((option) => option.shape.type.value);
    expect(documented.sort()).toEqual([...eventTypes].sort());
  });
});
