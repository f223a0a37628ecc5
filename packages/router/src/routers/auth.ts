import { loginInput, registerInput, session, user } from '@nexa/contracts';
import { TRPCError } from '@trpc/server';
import { consumeAuthAttempt, consumeLoginAttempt } from '../services/rate-limits';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

export const authRouter = createTRPCRouter({
  register: publicProcedure
    .input(registerInput)
    .output(session)
    .mutation(async ({ ctx, input }) => {
      await consumeAuthAttempt(ctx);
      const result = await ctx.accounts.register(input);
      if (result.ok) return result.session;
      if (result.reason === 'registration_disabled') throw new TRPCError({ code: 'FORBIDDEN', message: 'registration is disabled; ask an admin for an account' });
      throw new TRPCError({ code: 'CONFLICT', message: 'an account with this email already exists' });
    }),

  login: publicProcedure
    .input(loginInput)
    .output(session)
    .mutation(async ({ ctx, input }) => {
      await consumeLoginAttempt(ctx, input.email);
      const result = await ctx.accounts.login(input);
      if (!result) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'email or password is wrong' });
      return result;
    }),

  me: protectedProcedure.output(user).query(async ({ ctx }) => {
    const me = await ctx.accounts.getUser(ctx.actor.userId);
    if (!me) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'the account no longer exists' });
    return me;
  }),
});
