import type { NexaConfig } from '@nexa/config';
import type { AiClassifier } from '@nexa/contracts';
import type { Logger } from '@nexa/observability';
import type { ReferenceEngine } from '@nexa/engine';
import { connectRedis, createSharedChannelSubscriber, followApprovedMemory, redisNames } from '@nexa/queue';
import { createDeterministicClassifier } from './deterministic';
import { loadNcmReference, type NcmReference } from './ncm-reference';
import { createNexaHttpClassifier } from './nexa-http';
import { createOpenAiClassifier } from './openai';
import { createReferenceClassifier } from './reference';

export type ClassifierConfig = Pick<
  NexaConfig,
  'AI_PROVIDER' | 'AI_SERVER_URL' | 'AI_SERVER_TOKEN' | 'AI_TIMEOUT_MS' | 'AI_BASE_URL' | 'AI_API_KEY' | 'AI_MODEL' | 'NCM_TABLE_PATH' | 'NCM_COMEXSTAT_PATH' | 'NEXA_REDIS_PREFIX' | 'DETERMINISTIC_STEP_MS'
>;

export interface CreateClassifierOptions {
  redisUrl: string;
  /** An already loaded engine and table (e.g. shared with an in-process AI server); loaded from the NCM files otherwise. */
  reference?: NcmReference;
  /** Where an approved classification the engine cannot learn (a code no longer in force) is reported. */
  logger?: Logger;
}

/** The `AiClassifier` named by AI_PROVIDER. */
export async function createClassifier(config: ClassifierConfig, { redisUrl, reference, logger }: CreateClassifierOptions): Promise<AiClassifier> {
  const ncmReference = () => reference ?? loadNcmReference({ tablePath: config.NCM_TABLE_PATH, comexstatPath: config.NCM_COMEXSTAT_PATH });
  switch (config.AI_PROVIDER) {
    case 'deterministic':
      return createDeterministicClassifier({ stepDelayMs: config.DETERMINISTIC_STEP_MS });
    case 'reference': {
      const { engine } = ncmReference();
      return learningApprovedClassifications(createReferenceClassifier(engine), engine, config, redisUrl, logger);
    }
    case 'openai': {
      const loaded = ncmReference();
      const classifier = createOpenAiClassifier({
        baseUrl: config.AI_BASE_URL,
        apiKey: config.AI_API_KEY,
        model: config.AI_MODEL,
        reference: loaded,
        timeoutMs: config.AI_TIMEOUT_MS,
      });
      return learningApprovedClassifications(classifier, loaded.engine, config, redisUrl, logger);
    }
    case 'nexa-http': {
      if (!config.AI_SERVER_URL) throw new Error('AI_PROVIDER=nexa-http needs AI_SERVER_URL (the AI server, e.g. http://127.0.0.1:8000)');
      const names = redisNames(config.NEXA_REDIS_PREFIX);
      const subscriber = await connectRedis(redisUrl, 'subscriber', { name: config.NEXA_REDIS_PREFIX });
      return createNexaHttpClassifier({
        serverUrl: config.AI_SERVER_URL,
        token: config.AI_SERVER_TOKEN,
        timeoutMs: config.AI_TIMEOUT_MS,
        channels: createSharedChannelSubscriber(subscriber),
        channelFor: names.aiProgressChannel,
        ownsChannels: true,
      });
    }
  }
}

/** The in-process engine learns every approved classification, and forgets withdrawn ones (the approved-memory stream), while the classifier runs. */
async function learningApprovedClassifications(
  classifier: AiClassifier,
  engine: ReferenceEngine,
  config: ClassifierConfig,
  redisUrl: string,
  logger: Logger | undefined,
): Promise<AiClassifier> {
  const memory = await followApprovedMemory(redisUrl, redisNames(config.NEXA_REDIS_PREFIX), engine, {
    name: config.NEXA_REDIS_PREFIX,
    onRejected: (entry, error) => logger?.warn({ partnumber: entry.partnumber, ncm: entry.ncm, err: error }, 'approved classification not learned'),
  });
  await memory.caughtUp;
  return {
    name: classifier.name,
    classify: (part, options) => classifier.classify(part, options),
    async close() {
      await memory.close();
      await classifier.close?.();
    },
  };
}
