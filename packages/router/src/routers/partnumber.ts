import { partnumberGetInput, partnumberHistory } from '@nexa/contracts';
import { createTRPCRouter, protectedProcedure, visibilityOf } from '../trpc';

export const partnumberRouter = createTRPCRouter({
  get: protectedProcedure
    .input(partnumberGetInput)
    .output(partnumberHistory)
    .query(({ ctx, input }) => ctx.reviews.partnumberHistory(input.partnumber, visibilityOf(ctx.actor))),
});
