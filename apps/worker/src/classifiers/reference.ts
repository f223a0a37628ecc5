import { ClassifierRefusal, type AiClassifier, type ClassifierOutcome, type PartInput } from '@nexa/contracts';
import type { EngineResult, ReferenceEngine } from '@nexa/engine';

/** The engine's answer as Nexa stores it; `engine` may name a fallback. */
export function engineOutcome(part: PartInput, result: EngineResult, engine: string = result.engine): ClassifierOutcome {
  const [best, ...others] = result.candidates;
  if (!best) throw new ClassifierRefusal(`no NCM code matches partnumber ${part.partnumber}${part.description ? '' : ' (add a description)'}`);
  return {
    ncm: best.code,
    description: part.description ?? best.description,
    manufacturer: part.manufacturer ?? null,
    country: null,
    confidence: result.confidence,
    alternatives: others.map((candidate) => ({ ncm: candidate.code, description: candidate.description, score: candidate.score })),
    justification: result.justification,
    engine,
  };
}

/** The reference engine in the worker's process: no network hop. */
export function createReferenceClassifier(engine: ReferenceEngine): AiClassifier {
  return {
    name: 'reference',
    async classify(part, { onProgress, signal }) {
      await onProgress({ current: 1, total: 2, message: 'Searching the NCM table' });
      signal.throwIfAborted();
      const outcome = engineOutcome(part, engine.classify(part));
      await onProgress({ current: 2, total: 2, message: 'Choosing the NCM code' });
      return outcome;
    },
  };
}
