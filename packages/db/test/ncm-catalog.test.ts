import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NcmImportError, type NcmCatalog } from '@nexa/contracts';
import { comexstatCsv, firstEdition, secondEdition } from '@nexa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNcmCatalog, type DatabaseHandle } from '../src/index';
import { databaseKinds } from './database-kinds';

describe.each(databaseKinds)('NCM catalog on %s', (_kind, open) => {
  let handle: DatabaseHandle;
  let dispose: () => Promise<void>;
  let dir: string;
  let catalog: NcmCatalog;
  let server: Server;
  let serverUrl: string;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    ({ handle, dispose } = await open());
    catalog = createNcmCatalog(handle.db);
    dir = await mkdtemp(path.join(tmpdir(), 'nexa-ncm-'));
    await writeFile(file('first.json'), JSON.stringify(firstEdition));
    await writeFile(file('second.json'), JSON.stringify(secondEdition));
    await writeFile(file('comexstat.csv'), comexstatCsv);
    await writeFile(file('broken.json'), '{"Nomenclaturas": [');
    server = createServer((request, response) => {
      if (request.url === '/ncm.json') response.end(JSON.stringify(secondEdition));
      else response.writeHead(404).end('no such file');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
    await dispose();
  });

  it('imports a table with its hierarchy, HTML stripped, and Comex Stat descriptions', async () => {
    const report = await catalog.import({ source: file('first.json'), comexstat: file('comexstat.csv') });
    expect(report).toEqual({ version: 'Vigente em 01/01/2025', act: 'Resolução Camex nº 1/2025', total: 13, added: 13, removed: 0, changed: 0 });
    expect(await catalog.count()).toBe(13);
    const entry = await catalog.get('85423320');
    expect(entry).toMatchObject({
      code: '85423320',
      dotted: '8542.33.20',
      description: 'Amplificadores operacionais',
      depth: 4,
      parent: '854233',
      path: 'Máquinas, aparelhos e materiais elétricos, e suas partes. > Circuitos integrados eletrônicos. > Circuitos integrados eletrônicos: > Amplificadores > Amplificadores operacionais',
      validFrom: '2022-04-01',
      validTo: null,
      standaloneDescription: 'Amplificadores operacionais (circuitos integrados)',
      removedAt: null,
    });
    expect(entry?.ancestors.map((a) => a.dotted)).toEqual(['85', '85.42', '8542.3', '8542.33']);
    expect(await catalog.get('99999999')).toBeNull();
  });

  it('re-importing the same table changes nothing', async () => {
    expect(await catalog.import({ source: file('first.json') })).toMatchObject({ added: 0, removed: 0, changed: 0, total: 13 });
    expect((await catalog.get('85423320'))?.standaloneDescription).toBe('Amplificadores operacionais (circuitos integrados)');
  });

  it('searches 8-digit codes in force by words (plurals and accents folded) and by code prefix', async () => {
    const hits = await catalog.search('amplificador operacional', 5);
    expect(hits[0]).toMatchObject({ code: '85423320', dotted: '8542.33.20', description: 'Amplificadores operacionais' });
    expect(hits[0]!.path).toContain('Circuitos integrados');
    const bearings = await catalog.search('rolamento de esferas', 10);
    expect(bearings.map((hit) => hit.code)).toEqual(expect.arrayContaining(['84821010', '84821090']));
    expect(bearings.every((hit) => hit.code.length === 8)).toBe(true);
    expect((await catalog.search('8482.10', 10)).map((hit) => hit.code)).toEqual(['84821010', '84821090']);
    expect(await catalog.search('zzzqqq', 10)).toEqual([]);
  });

  it('re-importing a newer edition from an http URL reports added, removed and changed codes; removed codes leave search', async () => {
    const report = await catalog.import({ source: `${serverUrl}/ncm.json` });
    expect(report).toEqual({ version: 'Vigente em 01/07/2025', act: 'Resolução Camex nº 1/2025', total: 13, added: 1, removed: 1, changed: 1 });
    expect((await catalog.get('84821010'))?.description).toBe('De carga radial, blindados');
    expect((await catalog.get('84822000'))?.removedAt).not.toBeNull();
    expect((await catalog.search('roletes cônicos', 10)).map((hit) => hit.code)).not.toContain('84822000');
    expect(await catalog.count()).toBe(13);
    // The old edition brings the removed code back and takes the new one out.
    expect(await catalog.import({ source: file('first.json') })).toMatchObject({ added: 1, removed: 1, changed: 1 });
    expect((await catalog.get('84822000'))?.removedAt).toBeNull();
  });

  it('refuses unreadable or invalid sources with a clear error and changes nothing', async () => {
    await expect(catalog.import({ source: file('missing.json') })).rejects.toThrow(NcmImportError);
    await expect(catalog.import({ source: file('missing.json') })).rejects.toThrow(/cannot read the NCM table .*ENOENT/);
    await expect(catalog.import({ source: file('broken.json') })).rejects.toThrow(/not valid JSON/);
    await writeFile(file('not-a-table.txt'), 'root:x:0:0:secret line');
    await expect(catalog.import({ source: file('not-a-table.txt') })).rejects.toThrow(/^the NCM table at .* is not valid JSON$/);
    await expect(catalog.import({ source: `${serverUrl}/gone.json` })).rejects.toThrow(/HTTP 404/);
    await writeFile(file('orphan.json'), JSON.stringify({ ...firstEdition, Nomenclaturas: [{ Codigo: '9999.99.99', Descricao: 'x' }] }));
    await expect(catalog.import({ source: file('orphan.json') })).rejects.toThrow(/invalid: .*no ancestor chapter/);
    expect(await catalog.count()).toBe(13);
  });
});

describe.each(databaseKinds)('NCM search ranking on %s', (_kind, open) => {
  const entry = (Codigo: string, Descricao: string) => ({ Codigo, Descricao, Data_Inicio: '01/04/2022', Data_Fim: '31/12/9999', Tipo_Ato_Ini: 'Res Camex', Numero_Ato_Ini: '272', Ano_Ato_Ini: '2021' });
  const table = {
    Data_Ultima_Atualizacao_NCM: 'Vigente em 01/01/2025',
    Ato: 'Resolução Camex nº 1/2025',
    Nomenclaturas: [
      entry('72', 'Ferro fundido, ferro e aço.'),
      entry('72.08', 'Produtos laminados planos de ferro ou aço não ligado.'),
      entry('7208.10.00', '- Em rolos, simplesmente laminados a quente, apresentando motivos em relevo'),
      entry('85', 'Máquinas, aparelhos e materiais elétricos, e suas partes.'),
      entry('85.36', 'Aparelhos para interrupção, seccionamento, proteção, derivação, ligação ou conexão de circuitos elétricos.'),
      entry('8536.4', '- Relés:'),
      entry('8536.41.00', '-- Para uma tensão não superior a 60 V'),
      entry('8536.49.00', '-- Outros'),
      entry('85.33', 'Resistências elétricas (incluindo os reostatos e os potenciômetros), exceto de aquecimento.'),
      entry('8533.10.00', '- Resistências fixas de carbono, aglomeradas ou de camada'),
    ],
  };

  it('ranks codes holding a whole word above codes where it is only the start of another ("relé" is not "relevo")', async () => {
    const { handle, dispose } = await open();
    const dir = await mkdtemp(path.join(tmpdir(), 'nexa-ncm-rank-'));
    try {
      await writeFile(path.join(dir, 'table.json'), JSON.stringify(table));
      const catalog = createNcmCatalog(handle.db);
      await catalog.import({ source: path.join(dir, 'table.json') });
      expect((await catalog.search('relé', 10)).map((hit) => hit.code)).toEqual(['85364100', '85364900', '72081000']);
      // A trade word the table does not use is searched as the table's wording for it too.
      expect((await catalog.search('resistor SMD', 10)).map((hit) => hit.code)[0]).toBe('85331000');
    } finally {
      await rm(dir, { recursive: true, force: true });
      await dispose();
    }
  });
});
