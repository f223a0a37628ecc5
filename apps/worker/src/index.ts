export { startClassificationWorker, type ClassificationWorker, type ClassificationWorkerOptions } from './classification-worker';
export { createJobProcessor, AttemptTimeoutError, type JobProcessorDeps } from './process-classification-job';
export { createDeterministicClassifier } from './classifiers/deterministic';
export { createReferenceClassifier, engineOutcome } from './classifiers/reference';
export { createNexaHttpClassifier, outcomeFromAiResult, type NexaHttpClassifierOptions } from './classifiers/nexa-http';
export { createOpenAiClassifier, type OpenAiClassifierOptions } from './classifiers/openai';
export { createNcmReference, loadNcmReference, resolveNcmFiles, NcmTableMissingError, type NcmReference, type NcmReferenceFiles } from './classifiers/ncm-reference';
export { createClassifier, type ClassifierConfig, type CreateClassifierOptions } from './classifiers/create-classifier';
export { startWorkerRuntime, type WorkerConfig, type WorkerRuntime, type WorkerRuntimeOptions } from './worker-runtime';
