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

  /** Sliding session: a caller signed in with a still-valid access token gets a fresh one for the same account. */
  refresh: protectedProcedure.output(session).mutation(async ({ ctx }) => {
    if (ctx.actor.via === 'apiKey') {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'an API key does not expire and cannot be refreshed; auth.refresh renews access tokens' });
    }
    const renewed = ctx.credential ? await ctx.accounts.renewSession(ctx.credential) : null;
    if (!renewed) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'the session is over: sign in again' });
    return renewed;
  }),

  me: protectedProcedure.output(user).query(async ({ ctx }) => {
    const me = await ctx.accounts.getUser(ctx.actor.userId);
    if (!me) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'the account no longer exists' });
    return me;
  }),
});
