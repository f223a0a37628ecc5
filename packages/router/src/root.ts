import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { classificationRouter } from './routers/classification';
import { ncmRouter } from './routers/ncm';
import { taskRouter } from './routers/task';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  classification: classificationRouter,
  task: taskRouter,
  ncm: ncmRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
