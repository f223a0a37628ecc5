import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { AiClassifier, ClassifierOutcome, PartInput } from '@nexa/contracts';

interface KnownCode {
  ncm: string;
  description: string;
  keywords: string[];
}

// A handful of real codes so that the stand-in's answers look like Nexa's real ones.
const CODES: KnownCode[] = [
  { ncm: '85423190', description: 'Circuitos integrados eletrônicos - processadores e controladores', keywords: ['chip', 'ic', 'microcontroller', 'processador', 'circuito'] },
  { ncm: '85322490', description: 'Condensadores fixos de dielétrico de cerâmica, de camadas múltiplas', keywords: ['capacitor', 'condensador', 'ceramic'] },
  { ncm: '85334090', description: 'Resistências elétricas variáveis', keywords: ['resistor', 'resistência', 'potenciometro'] },
  { ncm: '84821010', description: 'Rolamentos de esferas radiais', keywords: ['rolamento', 'bearing'] },
  { ncm: '73181500', description: 'Parafusos e pinos ou pernos, roscados, de ferro fundido, ferro ou aço', keywords: ['parafuso', 'screw', 'bolt'] },
  { ncm: '40169300', description: 'Juntas, gaxetas e semelhantes, de borracha vulcanizada não endurecida', keywords: ['o-ring', 'oring', 'junta', 'gasket'] },
  { ncm: '85364900', description: 'Relés para tensão não superior a 1.000 V', keywords: ['rele', 'relé', 'relay'] },
  { ncm: '85444200', description: 'Condutores elétricos munidos de peças de conexão', keywords: ['cabo', 'cable', 'wire'] },
];

/**
 * The in-process stand-in for an AI server: the same input always gives the same answer
 * (a keyword match, else a code picked by the partnumber's hash), reported in two progress steps.
 */
export function createDeterministicClassifier({ stepDelayMs = 0 }: { stepDelayMs?: number } = {}): AiClassifier {
  return {
    name: 'deterministic',
    async classify(part: PartInput, { onProgress, signal }): Promise<ClassifierOutcome> {
      await onProgress({ current: 1, total: 2, message: 'Analysing the partnumber' });
      if (stepDelayMs > 0) await delay(stepDelayMs, undefined, { signal });
      signal.throwIfAborted();
      const text = `${part.partnumber} ${part.description ?? ''}`.toLowerCase();
      const byKeyword = CODES.find((code) => code.keywords.some((keyword) => text.includes(keyword)));
      const hash = createHash('sha256').update(part.partnumber).digest();
      const chosen = byKeyword ?? CODES[hash[0]! % CODES.length]!;
      await onProgress({ current: 2, total: 2, message: 'Choosing the NCM code' });
      return {
        ncm: chosen.ncm,
        description: part.description ?? chosen.description,
        manufacturer: part.manufacturer ?? null,
        country: null,
        confidence: byKeyword ? 0.75 : 0.3,
        alternatives: CODES.filter((code) => code !== chosen)
          .slice(0, 2)
          .map((code) => ({ ncm: code.ncm, description: code.description, score: 0.1 })),
        justification: byKeyword ? `keyword match: ${chosen.keywords.find((k) => text.includes(k))}` : 'no keyword matched; deterministic fallback',
        engine: 'deterministic',
      };
    },
  };
}
