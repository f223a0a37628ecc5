export { appRouter, type AppRouter, type RouterInputs, type RouterOutputs } from './root';
export { createContextFactory, credentialFrom, type ContextSource, type NexaContext, type NexaServices } from './context';
export { adminProcedure, createCallerFactory, INTERNAL_ERROR_MESSAGE, messageForCaller, protectedProcedure, publicProcedure, visibilityOf } from './trpc';
export { streamTaskEvents } from './services/task-events';
export { loginAttemptSubject } from './services/rate-limits';
