import { describe, it, expect } from 'vitest';
import { createReferenceEngine, isInForce, normalizePartnumber, parseNcmTable, type EngineResult } from '../src/index.js';
import { cloneSmallTable } from './fixtures/small-table.js';
import { isResidual } from '../src/residual.js';
import { exclusionsLast, withoutExclusionClauses } from '../src/engine.js';
import { RERANK_FEATURES, type RerankerModel } from '../src/reranker.js';

const table = parseNcmTable(cloneSmallTable());
const inForceCodes = new Set(table.entries.filter((e) => e.code.length === 8 && isInForce(e)).map((e) => e.code));

function codes(result: EngineResult): string[] {
  return result.candidates.map((candidate) => candidate.code);
}

describe('reference engine on a small table', () => {
  const engine = createReferenceEngine({ table });

  it('indexes only 8-digit codes in force', () => {
    expect(engine.size).toBe(inForceCodes.size);
    expect(engine.tableVersion).toBe('Vigente em 01/01/2025');
  });

  it('finds codes whose leaf says only "Outros" through the ancestor path', () => {
    const result = engine.classify({ partnumber: 'A1', description: 'rolamentos de roletes cônicos' });
    expect(codes(result)[0]?.slice(0, 6)).toBe('848220');
    expect(result.engine).toBe('nexa-reference');
    expect(result.source).toBe('retrieval');
    expect(result.justification).toContain('Rolamentos de roletes cônicos');
  });

  it('returns at most five candidates, best first, with a confidence in 0..1', () => {
    const result = engine.classify({ partnumber: 'A2', description: 'parafusos porcas arruelas de aço' });
    expect(result.candidates.length).toBeGreaterThan(0);
    expect(result.candidates.length).toBeLessThanOrEqual(5);
    const scores = result.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.needsReview).toBe(result.confidence < 0.6);
  });

  it('never returns a code that is not in force', () => {
    const result = engine.classify({ partnumber: 'A3', description: 'fios cabos condutores isolados códigos extintos de teste' });
    expect(codes(result)).toContain('85444900');
    expect(codes(result)).not.toContain('85449900');
    for (const code of codes(result)) expect(inForceCodes.has(code)).toBe(true);
  });

  it('uses trade aliases: "capacitor" (absent from the table) reaches condensadores', () => {
    expect(engine.classify({ partnumber: 'A4', description: 'capacitor' }).candidates[0]?.code.slice(0, 4)).toBe('8532');
    expect(engine.classify({ partnumber: 'A5', description: 'relay 12V' }).candidates[0]?.code.slice(0, 5)).toBe('85364');
    expect(engine.classify({ partnumber: 'A6', description: 'ball bearing' }).candidates[0]?.code.slice(0, 4)).toBe('8482');
  });

  it('uses spec hints from the description and the partnumber', () => {
    expect(engine.classify({ partnumber: 'B1', description: 'M8x30 zincado' }).candidates[0]?.code.slice(0, 4)).toBe('7318');
    expect(engine.classify({ partnumber: '6205-2RS', description: '' }).candidates[0]?.code.slice(0, 6)).toBe('848210');
    expect(engine.classify({ partnumber: 'B3', description: '470uF 25V' }).candidates[0]?.code.slice(0, 4)).toBe('8532');
  });

  it('returns an empty, needs-review result when nothing matches', () => {
    const result = engine.classify({ partnumber: 'ZZ-0', description: 'xyzzy' });
    expect(result.candidates).toEqual([]);
    expect(result.confidence).toBe(0);
    expect(result.needsReview).toBe(true);
  });
});

describe('memory of approved classifications', () => {
  it('answers an exact partnumber match (normalised) from memory with high confidence', () => {
    const engine = createReferenceEngine({ table });
    engine.remember({ partnumber: 'ABC-123.4', ncm: '8536.41.00', description: 'relé 12V' });
    const result = engine.classify({ partnumber: ' abc 1234 ', description: 'parafuso' });
    expect(result.source).toBe('memory');
    expect(result.candidates[0]?.code).toBe('85364100');
    expect(result.confidence).toBeGreaterThanOrEqual(0.9);
    expect(result.needsReview).toBe(false);
  });

  it('boosts the code of a near partnumber', () => {
    const description = 'relé';
    const withoutMemory = createReferenceEngine({ table }).classify({ partnumber: 'XYZ-100-B', description });
    expect(codes(withoutMemory)).not.toContain('85322200');

    const engine = createReferenceEngine({ table, memory: [{ partnumber: 'XYZ-100-A', ncm: '85322200' }] });
    const result = engine.classify({ partnumber: 'XYZ-100-B', description });
    expect(result.source).toBe('retrieval');
    expect(codes(result)).toContain('85322200');
  });

  it('forgets a withdrawn approval: its partnumber falls back to its previous approval still remembered, then to retrieval', () => {
    const engine = createReferenceEngine({ table });
    const answer = () => {
      const result = engine.classify({ partnumber: 'ABC-123.4', description: 'parafuso' });
      return [result.source, result.candidates[0]?.code];
    };
    engine.remember({ classificationId: 'first', partnumber: 'ABC-123.4', ncm: '85364100', description: 'relé 12V' });
    engine.remember({ classificationId: 'second', partnumber: 'ABC-123.4', ncm: '85322200' });
    engine.remember({ classificationId: 'third', partnumber: 'ABC-123.4', ncm: '85364100' });
    expect(answer()).toEqual(['memory', '85364100']);

    engine.forget({ classificationId: 'third', partnumber: 'abc 1234', ncm: '85364100' });
    expect(answer()).toEqual(['memory', '85322200']);
    // An approval never learned (or already forgotten) changes nothing.
    engine.forget({ classificationId: 'unknown', partnumber: 'ABC-123.4', ncm: '85322200' });
    engine.forget({ classificationId: 'third', partnumber: 'ABC-123.4', ncm: '85364100' });
    expect(answer()).toEqual(['memory', '85322200']);

    engine.forget({ classificationId: 'second', partnumber: 'ABC-123.4', ncm: '85322200' });
    expect(answer()).toEqual(['memory', '85364100']);
    engine.forget({ classificationId: 'first', partnumber: 'ABC-123.4', ncm: '85364100' });
    expect(answer()[0]).toBe('retrieval');

    // An approval learned without an id is withdrawn by its code.
    engine.remember({ partnumber: 'ABC-123.4', ncm: '8536.41.00' });
    engine.forget({ classificationId: 'legacy', partnumber: 'ABC-123.4', ncm: '85364100' });
    expect(answer()[0]).toBe('retrieval');
  });

  it('refuses to remember codes that are malformed or not in force', () => {
    const engine = createReferenceEngine({ table });
    expect(() => engine.remember({ partnumber: 'P1', ncm: '8544' })).toThrow(/8-digit/);
    expect(() => engine.remember({ partnumber: 'P2', ncm: '8544.99.00' })).toThrow(/not in force/);
  });

  it('normalises partnumbers', () => {
    expect(normalizePartnumber(' 6205-2rs.z ')).toBe('62052RSZ');
  });
});

describe('residual-code prior', () => {
  it('prefers the "Outros" leaf when the description names no distinguishing word of its siblings', () => {
    const description = 'rolamentos de roletes cônicos';
    const withPrior = createReferenceEngine({ table }).classify({ partnumber: 'R1', description });
    expect(codes(withPrior)[0]).toBe('84822090');
    expect(withPrior.candidates[0]!.score).toBeGreaterThan(withPrior.candidates[1]!.score);
    // Retrieval scores alone (the reranker would break the tie with its own features).
    const withoutPrior = createReferenceEngine({ table, tuning: { residualPenalty: 1 }, reranker: null }).classify({ partnumber: 'R1', description });
    expect(withoutPrior.candidates[0]!.score).toBe(withoutPrior.candidates[1]!.score);
  });

  it('keeps the named sibling when the description names its distinguishing words', () => {
    const result = createReferenceEngine({ table }).classify({ partnumber: 'R2', description: 'rolamentos de esferas de carga radial' });
    expect(codes(result)[0]).toBe('84821010');
  });

  it('recognises residual entries', () => {
    expect(isResidual('Outros')).toBe(true);
    expect(isResidual('Outras:')).toBe(true);
    expect(isResidual('Outros açúcares de cana')).toBe(true);
    expect(isResidual('De carga radial')).toBe(false);
  });
});

describe('exclusion clauses and unknown words', () => {
  it('demotes codes whose own text names a word of an "exceto" clause', () => {
    const description = 'condensadores fixos, exceto eletrolíticos';
    const result = createReferenceEngine({ table }).classify({ partnumber: 'E1', description });
    expect(codes(result)[0]).not.toBe('85322200');
    const plain = createReferenceEngine({ table, tuning: { exclusionPenalty: 1 } }).classify({ partnumber: 'E1', description });
    expect(codes(plain)[0]).toBe('85322200');
  });

  it('reads a compound the table never uses through its known head ("minirrolamentos" → rolamentos)', () => {
    const result = createReferenceEngine({ table }).classify({ partnumber: 'U1', description: 'minirrolamentos' });
    expect(codes(result)[0]?.slice(0, 4)).toBe('8482');
    const plain = createReferenceEngine({ table, tuning: { unknownWordWeight: 0 } }).classify({ partnumber: 'U1', description: 'minirrolamentos' });
    expect(plain.candidates).toEqual([]);
  });

  it('splits compounds only after a known word or a combining form, undoing the doubled r', () => {
    const engine = createReferenceEngine({ table });
    expect(codes(engine.classify({ partnumber: 'U2', description: 'microrrolamentos' }))[0]?.slice(0, 4)).toBe('8482');
    expect(engine.classify({ partnumber: 'U3', description: 'qwertrolamentos' }).candidates).toEqual([]);
  });
});

describe('top-5 diversity', () => {
  it('keeps at most three candidates of one heading when another heading also matches', () => {
    const description = 'rolamentos de esferas e condensadores';
    const diverse = codes(createReferenceEngine({ table }).classify({ partnumber: 'D1', description }));
    expect(diverse.filter((code) => code.startsWith('8482'))).toHaveLength(3);
    expect(diverse.filter((code) => code.startsWith('8532'))).toHaveLength(2);
    const plain = codes(createReferenceEngine({ table, tuning: { maxPerHeading: 5 } }).classify({ partnumber: 'D1', description }));
    expect(plain.filter((code) => code.startsWith('8482'))).toHaveLength(4);
  });

  it('still fills the top 5 from one heading when no other heading matches', () => {
    expect(codes(createReferenceEngine({ table }).classify({ partnumber: 'D2', description: 'rolamentos montados' }))).toHaveLength(4);
  });
});

describe('top 5 with the reranker', () => {
  // A reranker that reverses the retrieval order, so the two rankings disagree as much as they can.
  const reversing: RerankerModel = {
    features: [...RERANK_FEATURES],
    weights: RERANK_FEATURES.map((name) => (name === 'rankReciprocal' ? -20 : 0)),
    temperature: 1,
    poolSize: 50,
  };
  const description = 'parafusos porcas arruelas rolamentos de esferas aço';

  it('keeps a place for the best retrieval candidate that the reranker left out', () => {
    const retrievalFirst = codes(createReferenceEngine({ table, reranker: null }).classify({ partnumber: 'T1', description }))[0];
    const reranked = codes(createReferenceEngine({ table, reranker: reversing, tuning: { retrievalSlots: 0 } }).classify({ partnumber: 'T1', description }));
    const hedged = codes(createReferenceEngine({ table, reranker: reversing }).classify({ partnumber: 'T1', description }));
    expect(reranked).toHaveLength(5);
    expect(reranked).not.toContain(retrievalFirst);
    expect(hedged).toContain(retrievalFirst);
    for (const code of reranked.slice(0, 4)) expect(hedged).toContain(code);
  });
});

describe('withoutExclusionClauses', () => {
  it('drops the table\'s own "exceto ..." clauses, to the closing parenthesis or the next , ; :', () => {
    expect(withoutExclusionClauses('Instrumentos para navegação aérea (exceto bússolas)').trim()).toBe('Instrumentos para navegação aérea');
    expect(withoutExclusionClauses('Invertebrados aquáticos, exceto crustáceos e moluscos, vivos; defumados')).toBe('Invertebrados aquáticos, , vivos; defumados');
    expect(withoutExclusionClauses('Queijos fundidos, exceto ralados ou em pó')).toBe('Queijos fundidos, ');
    expect(withoutExclusionClauses('Parafusos de aço')).toBe('Parafusos de aço');
  });
});

describe('a table whose "Outros" subheading has expired while a code below it is in force', () => {
  it('builds, and reads that code', () => {
    const json = cloneSmallTable();
    const item = (Codigo: string, Descricao: string, Data_Fim = '31/12/9999') => ({ ...json.Nomenclaturas[0]!, Codigo, Descricao, Data_Fim });
    json.Nomenclaturas.push(item('85.47', 'Peças isolantes para máquinas elétricas.'), item('8547.9', '- Outros:', '31/12/2016'), item('8547.90.00', '-- Peças isolantes de outras matérias'));
    const engine = createReferenceEngine({ table: parseNcmTable(json) });
    expect(codes(engine.classify({ partnumber: 'INSUL-1', description: 'peças isolantes' }))).toContain('85479000');
  });
});

describe('exclusion clauses of the standalone descriptions', () => {
  it('does not let "Outros ..., exceto de carga radial" match "carga radial"', () => {
    const standaloneDescriptions = new Map([
      ['84821090', 'Outros rolamentos de esferas, exceto de carga radial'],
      ['84821010', 'Rolamentos de esferas de carga radial'],
    ]);
    const margin = (indexExclusionClauses: boolean): number => {
      const engine = createReferenceEngine({ table, standaloneDescriptions, reranker: null, tuning: { indexExclusionClauses } });
      const [first, second] = engine.classify({ partnumber: 'X1', description: 'rolamento de esferas de carga radial' }).candidates;
      expect(first?.code).toBe('84821010');
      expect(second?.code).toBe('84821090');
      return second!.score / first!.score;
    };
    expect(margin(false)).toBeLessThan(0.6);
    expect(margin(true)).toBeGreaterThan(0.8);
  });
});

describe('exclusionsLast', () => {
  it('moves parenthesised exclusion clauses of a description to its end', () => {
    expect(exclusionsLast('Objetos para mesa (exceto copos) ou de cozinha, exceto de vitrocerâmica')).toBe('Objetos para mesa ou de cozinha, exceto de vitrocerâmica; exceto copos');
    expect(exclusionsLast('Chocolates (excluídos os ovos de páscoa) em barras')).toBe('Chocolates em barras; excluídos os ovos de páscoa');
    expect(exclusionsLast('Copos (de vidro)')).toBe('Copos (de vidro)');
  });
});

