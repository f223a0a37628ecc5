import { correlationHeaders } from '@nexa/observability';
import { randomUUID } from 'node:crypto';
import {
  aiJobAccepted,
  aiProgressMessage,
  ClassifierRefusal,
  type AiClassificationResult,
  type AiClassifier,
  type AiProgressMessage,
  type AiSingleRequest,
  type ClassifierOutcome,
} from '@nexa/contracts';
import type { SharedChannelSubscriber } from '@nexa/queue';

export interface NexaHttpClassifierOptions {
  /** Base URL of an AI server speaking the Nexa AI protocol, e.g. http://127.0.0.1:8000. */
  serverUrl: string;
  token?: string | undefined;
  /** Bounds the whole exchange: the POST and the wait for `done`/`failed`. */
  timeoutMs: number;
  /** The worker process's one shared subscriber connection. */
  channels: SharedChannelSubscriber;
  /** A fresh channel name per job. */
  channelFor(id: string): string;
  /** Closes `channels` when the classifier is closed. */
  ownsChannels?: boolean;
}

const bodySnippet = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text) || '(empty body)';

/** The protocol's result → what Nexa stores. */
export function outcomeFromAiResult(result: AiClassificationResult): ClassifierOutcome {
  const candidates = result.nexa?.candidates ?? [];
  const ncm = result.ncm.replace(/\./g, '');
  return {
    ncm,
    description: result.description,
    manufacturer: result.fabricante ?? null,
    country: result.pais ?? null,
    confidence: result.confidence_score,
    alternatives: candidates
      .filter((candidate) => candidate.code !== ncm && /^\d{8}$/.test(candidate.code))
      .map((candidate) => ({ ncm: candidate.code, description: candidate.description, score: candidate.score })),
    justification: result.nexa?.justification ?? null,
    engine: result.nexa?.engine ?? 'nexa-ai-server',
  };
}

class ProtocolError extends Error {}

/**
 * Posts a job to an AI server and follows it on a Redis channel: the channel is subscribed BEFORE the
 * POST, so no message can be missed; every wait is bounded by `timeoutMs` and the worker's signal.
 */
export function createNexaHttpClassifier(options: NexaHttpClassifierOptions): AiClassifier {
  const endpoint = new URL('/process/single_partnumber', options.serverUrl).toString();

  return {
    name: 'nexa-http',
    async classify(part, { signal, onProgress }) {
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const abort = AbortSignal.any([signal, deadline]);
      const abortReason = () =>
        deadline.aborted ? new Error(`the AI server at ${options.serverUrl} did not finish within ${options.timeoutMs} ms`) : new Error('the classification was cancelled');

      const channel = options.channelFor(randomUUID());
      let jobId: string | null = null;
      const early: AiProgressMessage[] = [];
      let handled: Promise<void> = Promise.resolve();
      let resolveOutcome!: (outcome: ClassifierOutcome) => void;
      let rejectOutcome!: (error: Error) => void;
      const outcome = new Promise<ClassifierOutcome>((resolve, reject) => {
        resolveOutcome = resolve;
        rejectOutcome = reject;
      });
      outcome.catch(() => {});

      async function handle(message: AiProgressMessage) {
        if (message.job_id !== jobId) return;
        switch (message.status) {
          case 'processing':
            await onProgress(message.progress);
            return;
          case 'partial_result':
            return;
          case 'failed':
            rejectOutcome(message.retryable === false ? new ClassifierRefusal(message.error) : new Error(`the AI server failed: ${message.error}`));
            return;
          case 'done':
            if (!('partnumber' in message.result)) {
              rejectOutcome(new ProtocolError('the AI server sent a malformed message: a batch result for a single partnumber'));
              return;
            }
            resolveOutcome(outcomeFromAiResult(message.result));
        }
      }
      const enqueue = (message: AiProgressMessage) => {
        handled = handled.then(() => handle(message)).catch((error: unknown) => rejectOutcome(error as Error));
      };

      const release = await options.channels.listen(channel, (raw) => {
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          rejectOutcome(new ProtocolError(`the AI server sent a malformed message (not JSON): ${bodySnippet(raw)}`));
          return;
        }
        const parsed = aiProgressMessage.safeParse(json);
        if (!parsed.success) {
          const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`).join('; ');
          rejectOutcome(new ProtocolError(`the AI server sent a malformed message: ${reason}`));
          return;
        }
        if (jobId === null) early.push(parsed.data);
        else enqueue(parsed.data);
      });

      try {
        const request: AiSingleRequest = {
          progress_channel: channel,
          partnumber: part.partnumber,
          description: part.description,
          manufacturer: part.manufacturer,
          supplier: part.supplier,
        };
        let response: Response;
        try {
          response = await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...correlationHeaders(), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
            body: JSON.stringify(request),
            signal: abort,
          });
        } catch (error) {
          if (abort.aborted) throw abortReason();
          const cause = (error as Error & { cause?: Error }).cause;
          throw new Error(`the AI server at ${options.serverUrl} is unreachable: ${cause?.message ?? (error as Error).message}`);
        }
        const text = await response.text().catch(() => '');
        if (response.status !== 202 && !response.ok) throw new Error(`the AI server answered ${response.status}: ${bodySnippet(text)}`);
        let accepted;
        try {
          accepted = aiJobAccepted.parse(JSON.parse(text));
        } catch {
          throw new ProtocolError(`the AI server accepted the job without a job_id: ${bodySnippet(text)}`);
        }
        jobId = accepted.job_id;
        for (const message of early.splice(0)) enqueue(message);

        return await new Promise<ClassifierOutcome>((resolve, reject) => {
          if (abort.aborted) return reject(abortReason());
          const onAbort = () => reject(abortReason());
          abort.addEventListener('abort', onAbort, { once: true });
          outcome.then(resolve, reject).finally(() => abort.removeEventListener('abort', onAbort));
        });
      } finally {
        await release();
      }
    },
    async close() {
      if (options.ownsChannels) await options.channels.close();
    },
  };
}
