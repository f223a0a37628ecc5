import { apiKey, apiKeyCreateInput, apiKeyRevokeInput, createdApiKey } from '@nexa/contracts';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { createTRPCRouter, protectedProcedure } from '../trpc';

export const apiKeysRouter = createTRPCRouter({
  /** The answer is the only place the key ever appears; only its hash is stored. */
  create: protectedProcedure
    .input(apiKeyCreateInput)
    .output(createdApiKey)
    .mutation(({ ctx, input }) => ctx.accounts.createApiKey(ctx.actor.userId, input.name)),

  list: protectedProcedure.output(z.array(apiKey)).query(({ ctx }) => ctx.accounts.listApiKeys(ctx.actor.userId)),

  revoke: protectedProcedure
    .input(apiKeyRevokeInput)
    .output(z.object({ id: z.string(), revoked: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.accounts.revokeApiKey(ctx.actor.userId, input.id))) {
        throw new TRPCError({ code: 'NOT_FOUND', message: `API key ${input.id} not found (or already revoked)` });
      }
      return { id: input.id, revoked: true as const };
    }),
});
