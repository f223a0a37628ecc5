import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createNcmCatalog, openDatabase, type DatabaseHandle } from '@nexa/db';
import { firstEdition } from '@nexa/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importNcmTableIfEmpty } from '../src/ncm-table-at-start';

describe('the NCM table at start', () => {
  let database: DatabaseHandle;
  let dir: string;
  beforeEach(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    dir = await mkdtemp(path.join(tmpdir(), 'nexa-start-'));
  });
  afterEach(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is imported from the table file when the database has none, and only then', async () => {
    const tablePath = path.join(dir, 'ncm.json');
    await writeFile(tablePath, JSON.stringify(firstEdition));
    const catalog = createNcmCatalog(database.db);
    const lines: string[] = [];
    await importNcmTableIfEmpty(catalog, { tablePath, comexstatPath: null }, (line) => lines.push(line));
    expect(await catalog.count()).toBe(13);
    expect(lines).toEqual([`Imported the NCM table Vigente em 01/01/2025 (Resolução Camex nº 1/2025): 13 codes from ${tablePath}`]);
    await importNcmTableIfEmpty(catalog, { tablePath, comexstatPath: null }, (line) => lines.push(line));
    expect(lines).toHaveLength(1);
  });

  it('without a table file, Nexa goes on and says how to import one', async () => {
    const lines: string[] = [];
    await importNcmTableIfEmpty(createNcmCatalog(database.db), { tablePath: null, comexstatPath: null }, (line) => lines.push(line));
    expect(lines.join('\n')).toMatch(/No NCM table is loaded[\s\S]*\/trpc\/ncm\.import[\s\S]*NCM_TABLE_PATH/);
  });

  it('a broken table file is reported, not fatal', async () => {
    const tablePath = path.join(dir, 'broken.json');
    await writeFile(tablePath, '{');
    const lines: string[] = [];
    await importNcmTableIfEmpty(createNcmCatalog(database.db), { tablePath, comexstatPath: null }, (line) => lines.push(line));
    expect(lines.join('\n')).toContain(`Could not import the NCM table from ${tablePath}: the NCM table at ${tablePath} is not valid JSON`);
  });
});
