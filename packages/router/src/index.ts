export { appRouter, type AppRouter, type RouterInputs, type RouterOutputs } from './root';
export { createContextFactory, type NexaContext, type NexaServices } from './context';
export { createCallerFactory } from './trpc';
export { streamTaskEvents } from './services/task-events';
