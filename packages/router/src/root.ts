import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { apiKeysRouter } from './routers/api-keys';
import { authRouter } from './routers/auth';
import { classificationRouter } from './routers/classification';
import { ncmRouter } from './routers/ncm';
import { partnumberRouter } from './routers/partnumber';
import { taskRouter } from './routers/task';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  apiKeys: apiKeysRouter,
  classification: classificationRouter,
  task: taskRouter,
  ncm: ncmRouter,
  partnumber: partnumberRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
