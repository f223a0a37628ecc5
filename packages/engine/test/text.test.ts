import { describe, it, expect } from 'vitest';
import { contentTerms, foldText, isStopWord, stemPortuguese, tokenize } from '../src/index.js';
import { isMeasurementToken, negatedTerm, stemAll } from '../src/text/normalize.js';
import { compileAliases, matchAliasPositions, rewritePhrases, TRADE_ALIASES, TRADE_PHRASES } from '../src/vocabulary.js';

describe('text normalisation', () => {
  it('lowercases and strips accents', () => {
    expect(foldText('Condensadores Elétricos, AÇÚCAR')).toBe('condensadores eletricos, acucar');
  });

  it('keeps tokens with digits', () => {
    expect(tokenize('Rolamento 6205-2RS, parafuso M8x30')).toEqual(['rolamento', '6205', '2rs', 'parafuso', 'm8x30']);
  });

  it('removes stop words', () => {
    expect(isStopWord('de')).toBe(true);
    expect(contentTerms('Fios de cobre para uso elétrico')).not.toContain('de');
  });
});

describe('stemPortuguese', () => {
  it('conflates singular and plural forms', () => {
    expect(stemPortuguese('condensadores')).toBe(stemPortuguese('condensador'));
    expect(stemPortuguese('parafusos')).toBe(stemPortuguese('parafuso'));
    expect(stemPortuguese('papeis')).toBe(stemPortuguese('papel'));
    expect(stemPortuguese('metais')).toBe(stemPortuguese('metal'));
    expect(stemPortuguese('transmissoes')).toBe(stemPortuguese('transmissao'));
    expect(stemPortuguese('luzes')).toBe(stemPortuguese('luz'));
  });

  it('conflates -el/-il singulars with their -eis/-is plurals, and -éu/-au words with theirs', () => {
    expect(stemPortuguese('perfis')).toBe(stemPortuguese('perfil'));
    expect(stemPortuguese('portateis')).toBe(stemPortuguese('portatil'));
    expect(stemPortuguese('texteis')).toBe(stemPortuguese('textil'));
    expect(stemPortuguese('aneis')).toBe(stemPortuguese('anel'));
    expect(stemPortuguese('moveis')).toBe(stemPortuguese('movel'));
    expect(stemPortuguese('pneus')).toBe(stemPortuguese('pneu'));
    expect(stemPortuguese('chapeus')).toBe(stemPortuguese('chapeu'));
    expect(stemPortuguese('azuis')).toBe(stemPortuguese('azul'));
    expect(stemPortuguese('onibus')).toBe('onibus');
  });

  it('conflates the -ães plural of short -ão words', () => {
    expect(stemPortuguese('paes')).toBe(stemPortuguese('pao'));
    expect(stemPortuguese('caes')).toBe(stemPortuguese('cao'));
    expect(stemPortuguese('maes')).toBe(stemPortuguese('mae'));
  });

  it('keeps an -ão word (other than -ção/-são) apart from the word it would shorten to', () => {
    expect(stemPortuguese('caminhoes')).toBe(stemPortuguese('caminhao'));
    expect(stemPortuguese('caminhao')).not.toBe(stemPortuguese('caminho'));
    expect(stemPortuguese('garrafoes')).not.toBe(stemPortuguese('garrafas'));
    expect(stemPortuguese('impressao')).toBe(stemPortuguese('impressos'));
    expect(stemPortuguese('meloes')).toBe(stemPortuguese('melao'));
    expect(stemPortuguese('melao')).not.toBe(stemPortuguese('mel'));
    expect(stemPortuguese('botoes')).not.toBe(stemPortuguese('botas'));
    expect(stemPortuguese('limoes')).not.toBe(stemPortuguese('limas'));
    expect(stemPortuguese('transmissoes')).toBe(stemPortuguese('transmissao'));
    expect(stemPortuguese('macacoes')).toBe(stemPortuguese('macacao'));
    expect(stemPortuguese('macacao')).not.toBe(stemPortuguese('macaco'));
  });

  it('conflates gender variants', () => {
    expect(stemPortuguese('eletricos')).toBe(stemPortuguese('eletrica'));
    expect(stemPortuguese('plasticas')).toBe(stemPortuguese('plastico'));
  });

  it('leaves short words and words with digits alone', () => {
    expect(stemPortuguese('aco')).toBe('aco');
    expect(stemPortuguese('6205zz')).toBe('6205zz');
  });
});

describe('measurement tokens', () => {
  it('tells a rating or size written as one token from a word or a number', () => {
    for (const token of tokenize('2A 250V 16MHz 100nF 10uH 2000mAh 10POS 54mm 1kVA')) expect(isMeasurementToken(token)).toBe(true);
    for (const token of ['6205', 'm8x30', '2rs', 'fusivel', 'a', 'v', '4x4']) expect(isMeasurementToken(token)).toBe(false);
  });
});

describe('negated words', () => {
  it('gives a word after "não"/"nem" a term of its own that the plain word does not match', () => {
    const terms = contentTerms('Argamassas e concretos, não refratários, nem armados');
    expect(terms).toContain(negatedTerm(stemPortuguese('refratarios')));
    expect(terms).toContain(negatedTerm(stemPortuguese('armados')));
    expect(terms).not.toContain(stemPortuguese('refratarios'));
    expect(contentTerms('cimentos refratários')).toContain(stemPortuguese('refratarios'));
    expect(contentTerms('não 25 kg')).toContain('25');
  });
});


describe('trade alias matching', () => {
  it('finds single- and multi-word triggers by their first word, in vocabulary order, with where they start', () => {
    const compiled = compileAliases([
      { triggers: ['chave de fenda'], expansion: 'chaves de fenda' },
      { triggers: ['capacitor', 'capacitores'], expansion: 'condensadores' },
      { triggers: ['chave'], expansion: 'chaves' },
    ]);
    const query = stemAll('capacitores e chave de fenda');
    expect(matchAliasPositions(query, compiled)).toEqual([
      { expansion: 'chaves de fenda', start: 2, end: 5 },
      { expansion: 'condensadores', start: 0, end: 1 },
      { expansion: 'chaves', start: 2, end: 3 },
    ]);
    expect(matchAliasPositions(stemAll('chave de boca'), compiled).map((m) => m.expansion)).toEqual(['chaves']);
  });
});

describe('trade phrase rewriting', () => {
  const phrases = compileAliases([
    { triggers: ['chave fim de curso', 'fim de curso'], expansion: 'interruptores' },
    { triggers: ['chave combinada'], expansion: 'chaves de porcas' },
    { triggers: ['cabeca cilindrica'], expansion: '' },
  ]);

  it('replaces a phrase by the nomenclature wording, the longest trigger at a position first', () => {
    expect(rewritePhrases(tokenize('Chave fim de curso com rolete'), phrases)).toEqual({ tokens: ['interruptores', 'com', 'rolete'], readAs: ['interruptores'] });
    expect(rewritePhrases(tokenize('sensor fim de curso'), phrases).tokens).toEqual(['sensor', 'interruptores']);
  });

  it('rewrites every occurrence, the longest trigger at a position winning whatever the vocabulary order', () => {
    const ordered = compileAliases([
      { triggers: ['chave'], expansion: 'chaves' },
      { triggers: ['chave gangorra', 'chave tactil'], expansion: 'interruptores' },
    ]);
    expect(rewritePhrases(tokenize('chave táctil e chave gangorra; chave'), ordered).tokens).toEqual(['interruptores', 'e', 'interruptores', 'chaves']);
  });

  it('rewrites every phrase of a description and drops one whose expansion is empty', () => {
    expect(rewritePhrases(tokenize('chave combinada e parafuso cabeça cilíndrica'), phrases)).toEqual({
      tokens: ['chaves', 'de', 'porcas', 'e', 'parafuso'],
      readAs: ['chaves de porcas'],
    });
  });

  it('leaves a description without phrases, and the words of a phrase apart, as they are', () => {
    expect(rewritePhrases(tokenize('chave de fenda; curso de 100 mm'), phrases)).toEqual({ tokens: ['chave', 'de', 'fenda', 'curso', 'de', '100', 'mm'], readAs: [] });
  });

  it('has no alias trigger that a trade phrase rewrites before the aliases are read', () => {
    const phraseTriggers = TRADE_PHRASES.flatMap(({ triggers }) => triggers.map((trigger) => ` ${stemAll(trigger).join(' ')} `));
    const shadowed = TRADE_ALIASES.flatMap(({ triggers }) => triggers).filter((trigger) => {
      const words = ` ${stemAll(trigger).join(' ')} `;
      return phraseTriggers.some((phrase) => words.includes(phrase));
    });
    expect(shadowed).toEqual([]);
  });
});
