import { describe, expect, it } from 'vitest';
import { compareRanges, intersectRanges, quantityRanges } from '../src/quantities.js';

describe('quantity ranges', () => {
  it('reads comparators, Portuguese thousands separators and units', () => {
    expect(quantityRanges('com capacidade inferior ou igual a 30.000 frigorias/hora')).toEqual([
      { dimension: 'cooling', low: -Infinity, high: 30000, lowInclusive: false, highInclusive: true },
    ]);
    expect(quantityRanges('de conteúdo superior a 2 litros e inferior ou igual a 5 litros')).toEqual([
      { dimension: 'volume', low: 2, high: 5, lowInclusive: false, highInclusive: true },
    ]);
    expect(quantityRanges('garrafa 600ml')).toEqual([{ dimension: 'volume', low: 0.6, high: 0.6, lowInclusive: true, highInclusive: true }]);
  });

  it('lends the next unit to a bare bound and keeps width and length apart', () => {
    expect(quantityRanges('de peso superior a 2,5 t, mas não superior a 5 t')[0]).toMatchObject({ dimension: 'mass', low: 2_500_000, high: 5_000_000 });
    const dimensions = quantityRanges('de largura não superior a 35 mm e comprimento superior a 30 m').map((range) => range.dimension);
    expect(dimensions).toEqual(['length:largura', 'length:comprimento']);
  });

  it('ignores numbers without a unit, compound units and space-split digits', () => {
    expect(quantityRanges('Parafuso M8x30, código 3206.11.19')).toEqual([]);
    expect(quantityRanges('papel de peso 80 g/m2')).toEqual([]);
    expect(quantityRanges('espessura 0 75 mm')).toEqual([]);
    expect(quantityRanges('abacate 5kg')[0]?.dimension).toBe('mass');
  });

  it('reads a number with its unit whatever number follows it, and direct or alternating volts', () => {
    expect(quantityRanges('Relé 12V 10A')).toEqual([{ dimension: 'voltage', low: 12, high: 12, lowInclusive: true, highInclusive: true }]);
    expect(quantityRanges('Relay 24VDC')[0]).toMatchObject({ dimension: 'voltage', low: 24, high: 24 });
    expect(quantityRanges('Motor 220 Vca')[0]).toMatchObject({ dimension: 'voltage', low: 220, high: 220 });
  });

  it('tells a fitting quantity from a contradicted threshold', () => {
    const code = intersectRanges([quantityRanges('em recipientes de capacidade não superior a 2 l'), quantityRanges('superior a 1 l')]);
    expect(compareRanges(quantityRanges('garrafa de 1,5 litro'), code)).toEqual({ fits: true, conflicts: false });
    expect(compareRanges(quantityRanges('galão de 5 litros'), code)).toEqual({ fits: false, conflicts: true });
    expect(compareRanges(quantityRanges('saco de 5 kg'), code)).toEqual({ fits: false, conflicts: false });
  });
});
