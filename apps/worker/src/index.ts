export { startClassificationWorker, type ClassificationWorker, type ClassificationWorkerOptions } from './classification-worker';
export { createJobProcessor, AttemptTimeoutError, type JobProcessorDeps } from './process-classification-job';
export { createDeterministicClassifier } from './classifiers/deterministic';
export { startWorkerRuntime, type WorkerConfig, type WorkerRuntime, type WorkerRuntimeOptions } from './worker-runtime';
export { reconcileUnfinishedItems, startReconciler, type ReconcileDeps, type ReconcileReport } from './reconcile-unfinished-items';
