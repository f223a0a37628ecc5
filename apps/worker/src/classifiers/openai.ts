import { correlationHeaders } from '@nexa/observability';
import type { AiClassifier, ClassifierOutcome, PartInput } from '@nexa/contracts';
import { ENGINE_NAME, normalizeNcmCode, type EngineResult } from '@nexa/engine';
import { z } from 'zod';
import type { NcmReference } from './ncm-reference';
import { engineOutcome } from './reference';

export interface OpenAiClassifierOptions {
  /** An OpenAI-compatible API root, e.g. https://api.openai.com/v1 or http://127.0.0.1:8080/v1. */
  baseUrl: string;
  apiKey?: string | undefined;
  model: string;
  reference: NcmReference;
  /** Bounds the chat-completions call. */
  timeoutMs: number;
}

/** What the model must answer. */
const modelAnswer = z.object({
  code: z.string(),
  confidence: z.number().min(0).max(1),
  alternatives: z.array(z.string()).default([]),
  justification: z.string().min(1),
});

const chatCompletion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

const SYSTEM_PROMPT = [
  'You classify goods imported into Brazil under the Mercosur Common Nomenclature (NCM).',
  'You receive a part and candidate 8-digit NCM codes found in the official table, each with its full path from chapter to item.',
  'Pick the one code that fits the part best, preferably among the candidates; never invent a code.',
  'Answer with one JSON object and nothing else:',
  '{"code": "<8 digits>", "confidence": <0..1>, "alternatives": ["<8 digits>", ...], "justification": "<one or two sentences, in Portuguese>"}',
].join('\n');

function userPrompt(part: PartInput, result: EngineResult): string {
  const lines = [
    `Partnumber: ${part.partnumber}`,
    `Description: ${part.description ?? '(none)'}`,
    `Manufacturer: ${part.manufacturer ?? '(unknown)'}`,
    `Supplier: ${part.supplier ?? '(unknown)'}`,
    '',
    'Candidates (best first by the offline search):',
    ...result.candidates.map((candidate, index) => `${index + 1}. ${candidate.code} — ${candidate.path}`),
  ];
  return lines.join('\n');
}

/** Strips a Markdown code fence some models wrap JSON in. */
const unfence = (text: string) => text.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');

class InvalidReply extends Error {}

/**
 * An OpenAI-compatible chat-completions model re-ranks the reference engine's candidates. Its reply
 * must name a code that exists and is in force; otherwise the engine's own answer is used, marked as
 * a fallback. Transport failures (unreachable, non-2xx) fail the attempt so the worker retries.
 */
export function createOpenAiClassifier(options: OpenAiClassifierOptions): AiClassifier {
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const { reference } = options;

  function fromReply(part: PartInput, result: EngineResult, content: string | null): ClassifierOutcome {
    if (!content) throw new InvalidReply('the reply was empty');
    let json: unknown;
    try {
      json = JSON.parse(unfence(content));
    } catch {
      throw new InvalidReply('the reply was not JSON');
    }
    const parsed = modelAnswer.safeParse(json);
    if (!parsed.success) throw new InvalidReply(`the reply did not match {code, confidence, alternatives, justification}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const code = normalizeNcmCode(parsed.data.code);
    const entry = code ? reference.codeInForce(code) : null;
    if (!code || !entry) throw new InvalidReply(`the reply named ${JSON.stringify(parsed.data.code)}, which is not an NCM code in force`);
    const scoreOf = new Map(result.candidates.map((candidate) => [candidate.code, candidate.score]));
    const alternatives = parsed.data.alternatives
      .map((alternative) => normalizeNcmCode(alternative))
      .filter((alternative): alternative is string => alternative !== null && alternative !== code)
      .flatMap((alternative) => {
        const known = reference.codeInForce(alternative);
        return known ? [{ ncm: alternative, description: known.description, score: scoreOf.get(alternative) ?? 0 }] : [];
      });
    return {
      ncm: code,
      description: part.description ?? entry.description,
      manufacturer: part.manufacturer ?? null,
      country: null,
      confidence: parsed.data.confidence,
      alternatives,
      justification: parsed.data.justification,
      engine: `openai:${options.model}`,
    };
  }

  return {
    name: 'openai',
    async classify(part, { signal, onProgress }) {
      await onProgress({ current: 1, total: 3, message: 'Searching the NCM table' });
      const result = reference.engine.classify(part);
      if (result.candidates.length === 0) return engineOutcome(part, result);
      await onProgress({ current: 2, total: 3, message: `Asking ${options.model}` });

      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...correlationHeaders(), ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify({
            model: options.model,
            temperature: 0,
            response_format: { type: 'json_object' },
            messages: [
              { role: 'system', content: SYSTEM_PROMPT },
              { role: 'user', content: userPrompt(part, result) },
            ],
          }),
          signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]),
        });
      } catch (error) {
        const cause = (error as Error & { cause?: Error }).cause;
        throw new Error(`the AI API at ${options.baseUrl} is unreachable: ${cause?.message ?? (error as Error).message}`);
      }
      const text = await response.text();
      if (!response.ok) throw new Error(`the AI API answered ${response.status}: ${text.slice(0, 300) || '(empty body)'}`);

      let outcome: ClassifierOutcome;
      try {
        const completion = chatCompletion.safeParse(JSON.parse(text));
        if (!completion.success) throw new InvalidReply('the API answer had no choices[0].message.content');
        outcome = fromReply(part, result, completion.data.choices[0]!.message.content);
      } catch (error) {
        const reason = error instanceof InvalidReply ? error.message : 'the API answer was not JSON';
        outcome = engineOutcome(part, result, `${ENGINE_NAME} (fallback: ${reason})`);
      }
      await onProgress({ current: 3, total: 3, message: 'Choosing the NCM code' });
      return outcome;
    },
  };
}
