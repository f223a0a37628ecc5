import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { classificationRouter } from './routers/classification';
import { taskRouter } from './routers/task';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  classification: classificationRouter,
  task: taskRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
