import type { AiClassificationResult } from '@nexa/contracts';
import type { ClassifyInput, ReferenceEngine } from '@nexa/engine';

export class NoCandidateError extends Error {
  override name = 'NoCandidateError';
}

/** One partnumber through the reference engine, in the protocol's result shape. */
export function classifyWithEngine(engine: ReferenceEngine, part: ClassifyInput): AiClassificationResult {
  const result = engine.classify(part);
  const [best] = result.candidates;
  if (!best) throw new NoCandidateError(`no NCM code matches partnumber ${part.partnumber}${part.description ? '' : ' (add a description)'}`);
  return {
    partnumber: part.partnumber,
    ncm: best.code,
    description: part.description ?? best.description,
    exception: null,
    nve: null,
    fabricante: part.manufacturer ?? null,
    endereco: null,
    pais: null,
    confidence_score: result.confidence,
    nexa: {
      candidates: result.candidates,
      justification: result.justification,
      needsReview: result.needsReview,
      engine: result.engine,
      tableVersion: result.tableVersion,
    },
  };
}
