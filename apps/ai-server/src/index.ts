export { buildAiServer, type AiServer, type AiServerOptions, type ProgressPublisher } from './build-ai-server';
export { startAiServer, type RunningAiServer, type StartAiServerOptions } from './start-ai-server';
export { classifyWithEngine, NoCandidateError } from './engine-result';
