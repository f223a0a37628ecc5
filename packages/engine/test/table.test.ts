import { describe, it, expect } from 'vitest';
import {
  NcmTableError,
  isInForce,
  normalizeNcmCode,
  parseComexstatCsv,
  parseComexstatTranslations,
  parseHsCsv,
  parseNcmTable,
  stripHtml,
} from '../src/index.js';
import { cloneSmallTable } from './fixtures/small-table.js';

describe('parseNcmTable', () => {
  const table = parseNcmTable(cloneSmallTable());
  const byCode = new Map(table.entries.map((entry) => [entry.code, entry]));

  it('keeps the version and act', () => {
    expect(table.version).toBe('Vigente em 01/01/2025');
    expect(table.act).toBe('Resolução de teste nº 1/2025');
    expect(table.entries).toHaveLength(cloneSmallTable().Nomenclaturas.length);
  });

  it('turns dotted codes into digits and keeps the dotted form', () => {
    const entry = byCode.get('01051110');
    expect(entry?.dotted).toBe('0105.11.10');
    expect(byCode.get('0105')?.dotted).toBe('01.05');
  });

  it('strips HTML, leading dashes and extra whitespace from descriptions', () => {
    expect(byCode.get('010511')?.description).toBe('Aves da espécie Gallus domesticus');
    expect(byCode.get('0105')?.description).toBe('Aves da espécie Gallus domesticus, patos, gansos, vivos.');
    expect(byCode.get('01051')?.description).toBe('De peso não superior a 185 g:');
  });

  it('links each entry to its nearest ancestor and computes depth', () => {
    expect(byCode.get('01')?.parent).toBeNull();
    expect(byCode.get('01')?.depth).toBe(0);
    expect(byCode.get('0105')?.parent).toBe('01');
    expect(byCode.get('0105')?.depth).toBe(1);
    expect(byCode.get('01051110')?.parent).toBe('010511');
    expect(byCode.get('01051110')?.depth).toBe(4);
    // 7318.15.00 has no 6- or 7-digit ancestor in the table: its parent is the 5-digit group.
    expect(byCode.get('73181500')?.parent).toBe('73181');
    expect(byCode.get('73181500')?.depth).toBe(3);
  });

  it('builds the path from the chapter down to the entry', () => {
    const entry = byCode.get('85322200');
    expect(entry?.path).toEqual([
      'Máquinas, aparelhos e materiais elétricos, e suas partes.',
      'Condensadores elétricos, fixos, variáveis ou ajustáveis.',
      'Outros condensadores fixos:',
      'Eletrolíticos de alumínio',
    ]);
    expect(entry?.pathText).toBe(entry?.path.join(' > '));
  });

  it('converts dates to ISO and treats 31/12/9999 as open-ended', () => {
    const entry = byCode.get('85322200');
    expect(entry?.validFrom).toBe('2022-04-01');
    expect(entry?.validTo).toBeNull();
    const expired = byCode.get('85449900');
    expect(expired?.validTo).toBe('2016-12-31');
    expect(entry?.actType).toBe('Res Camex');
    expect(entry?.actNumber).toBe('272');
    expect(entry?.actYear).toBe('2021');
  });

  it('rejects malformed input with NcmTableError', () => {
    expect(() => parseNcmTable(null)).toThrow(NcmTableError);
    expect(() => parseNcmTable([])).toThrow(NcmTableError);
    expect(() => parseNcmTable({ Data_Ultima_Atualizacao_NCM: 'x' })).toThrow(/Nomenclaturas/);
    const badCode = cloneSmallTable();
    badCode.Nomenclaturas[1]!.Codigo = '01.0A';
    expect(() => parseNcmTable(badCode)).toThrow(NcmTableError);
    const missingDescription = cloneSmallTable() as { Nomenclaturas: Array<Record<string, unknown>> };
    delete missingDescription.Nomenclaturas[2]!['Descricao'];
    expect(() => parseNcmTable(missingDescription)).toThrow(/Descricao/);
    const badDate = cloneSmallTable();
    badDate.Nomenclaturas[3]!.Data_Inicio = '2022-04-01';
    expect(() => parseNcmTable(badDate)).toThrow(/dd\/mm\/yyyy/);
    const orphan = cloneSmallTable();
    orphan.Nomenclaturas.push({ ...orphan.Nomenclaturas[0]!, Codigo: '9999.99.99' });
    expect(() => parseNcmTable(orphan)).toThrow(/ancestor/);
    const duplicate = cloneSmallTable();
    duplicate.Nomenclaturas.push({ ...duplicate.Nomenclaturas[4]! });
    expect(() => parseNcmTable(duplicate)).toThrow(/duplicate/);
  });
});

describe('stripHtml', () => {
  it('removes tags, decodes entities and collapses whitespace', () => {
    expect(stripHtml('Traíra (<i>Hoplias malabaricus &amp; H.</i>)  ')).toBe('Traíra (Hoplias malabaricus & H.)');
    expect(stripHtml('CO<sub>2</sub>\n  líquido')).toBe('CO2 líquido');
  });
});

describe('normalizeNcmCode', () => {
  it('accepts dotted, plain and spaced codes', () => {
    expect(normalizeNcmCode('8542.31.90')).toBe('85423190');
    expect(normalizeNcmCode('85423190')).toBe('85423190');
    expect(normalizeNcmCode(' 8542 31 90 ')).toBe('85423190');
  });

  it('returns null for malformed codes', () => {
    expect(normalizeNcmCode('8542.31')).toBeNull();
    expect(normalizeNcmCode('854231901')).toBeNull();
    expect(normalizeNcmCode('8542.3I.90')).toBeNull();
    expect(normalizeNcmCode('')).toBeNull();
  });
});

describe('isInForce', () => {
  const entry = { validFrom: '2022-04-01', validTo: '2024-12-31' };
  it('checks the validity window on a date', () => {
    expect(isInForce(entry, '2023-06-01')).toBe(true);
    expect(isInForce(entry, '2022-03-31')).toBe(false);
    expect(isInForce(entry, '2025-01-01')).toBe(false);
    expect(isInForce({ validFrom: '2022-04-01', validTo: null }, new Date('2030-01-01'))).toBe(true);
  });
});

describe('parseComexstatCsv', () => {
  it('maps CO_NCM to NO_NCM_POR, handling quotes and BOM', () => {
    const csv = [
      '\uFEFF"CO_NCM";"CO_UNID";"NO_NCM_POR";"NO_NCM_ING"',
      '"85322200";"11";"Condensadores eletrolíticos de alumínio";"Aluminium electrolytic capacitors"',
      '"8482.10.10";"11";"Rolamentos de esferas, de carga radial; ""tipo A""";"Ball bearings"',
      '"123";"11";"código inválido";"invalid"',
      '',
    ].join('\r\n');
    const map = parseComexstatCsv(csv);
    expect(map.get('85322200')).toBe('Condensadores eletrolíticos de alumínio');
    expect(map.get('84821010')).toBe('Rolamentos de esferas, de carga radial; "tipo A"');
    expect(map.size).toBe(2);
  });

  it('rejects a file without the expected columns', () => {
    expect(() => parseComexstatCsv('"A";"B"\n"1";"2"')).toThrow(NcmTableError);
  });
});

describe('translated descriptions and HS text', () => {
  it('reads English and Spanish columns of the Comex Stat CSV', () => {
    const csv = '"CO_NCM";"NO_NCM_POR";"NO_NCM_ESP";"NO_NCM_ING"\n"84821010";"Rolamentos de esferas, de carga radial";"Rodamientos de bolas, de carga radial";"Ball bearings, radial"\n';
    const translations = parseComexstatTranslations(csv);
    expect(translations.get('84821010')).toBe('Ball bearings, radial . Rodamientos de bolas, de carga radial');
    expect(parseComexstatTranslations('"CO_NCM";"NO_NCM_POR"\n"84821010";"x"\n').size).toBe(0);
  });

  it('reads HS 2022 chapters, headings and subheadings with quoted commas', () => {
    const hs = parseHsCsv('section,hscode,description,parent,level\nXVI,8482,Ball or roller bearings,84,4\nXVI,848220,"Bearings; tapered roller bearings, including cone assemblies",8482,6\nI,TOTAL,x,,0\n');
    expect(hs.get('8482')).toBe('Ball or roller bearings');
    expect(hs.get('848220')).toBe('Bearings; tapered roller bearings, including cone assemblies');
    expect(hs.has('TOTAL')).toBe(false);
    expect(() => parseHsCsv('a,b\n1,2\n')).toThrow(NcmTableError);
  });
});

