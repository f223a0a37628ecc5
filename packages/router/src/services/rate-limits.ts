import type { Actor, RateLimitDecision } from '@nexa/contracts';
import { TRPCError } from '@trpc/server';
import type { NexaContext } from '../context';

export type AuthenticatedContext = NexaContext & { actor: Actor };

/** API keys have budgets of their own, so one busy integration cannot starve its owner's interactive use. */
function subjectOf(actor: Actor): string {
  return actor.apiKeyId ? `apikey:${actor.apiKeyId}` : `user:${actor.userId}`;
}

function refuseUnlessAllowed(decision: RateLimitDecision, what: string) {
  if (!decision.allowed) {
    // The wait travels in `cause` too, for HTTP answers' Retry-After header.
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `too many ${what}; try again in ${decision.retryAfterSeconds} s`,
      cause: { retryAfterSeconds: decision.retryAfterSeconds },
    });
  }
}

/** The `LOGIN_ATTEMPTS_PER_EMAIL` budget an email's sign-ins count against, wherever they sign in. */
export function loginAttemptSubject(email: string): string {
  return `login:${email.trim().toLowerCase()}`;
}

/** One sign-in attempt, counted before the password is checked so parallel guesses cannot outrun the limit. */
export async function consumeLoginAttempt(ctx: NexaContext, email: string) {
  await consumeAuthAttempt(ctx);
  refuseUnlessAllowed(await ctx.loginRateLimiter.consume(loginAttemptSubject(email)), 'sign-in attempts for this account');
}

/** One sign-in or registration attempt from the caller's address. */
export async function consumeAuthAttempt(ctx: NexaContext) {
  if (ctx.clientAddress === null) return;
  refuseUnlessAllowed(await ctx.authAddressRateLimiter.consume(`auth-address:${ctx.clientAddress}`), 'sign-in attempts from this address');
}

/** One submission (a single part or a whole batch) against `SUBMIT_RATE_LIMIT_PER_MINUTE`. */
export async function consumeSubmission(ctx: AuthenticatedContext) {
  refuseUnlessAllowed(await ctx.submitRateLimiter.consume(`submit:${subjectOf(ctx.actor)}`), 'submissions');
}

/** A batch's distinct items against `BATCH_ITEM_RATE_LIMIT_PER_MINUTE`; a refused batch takes nothing from this budget. */
export async function consumeBatchItems(ctx: AuthenticatedContext, items: number) {
  refuseUnlessAllowed(await ctx.batchItemRateLimiter.consume(`batch-items:${subjectOf(ctx.actor)}`, items), 'batch items');
}
