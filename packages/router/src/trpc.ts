import { ServiceUnavailableError, type Actor, type Visibility } from '@nexa/contracts';
import { currentCorrelationId, newCorrelationId, withCorrelationId } from '@nexa/observability';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, ZodRealError } from 'zod';
import type { NexaContext } from './context';
import { pathOfNulCharacter } from './services/refuse-nul-characters';

/** One readable line per invalid field, e.g. `partnumber: partnumber must have at least 3 characters`. */
function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
}

export const INTERNAL_ERROR_MESSAGE = 'internal error';

/**
 * What a caller reads of an error: each invalid field, or the error's own message, except for an
 * unexpected failure, whose message may quote a statement and its parameters (it goes to the log).
 */
export function messageForCaller(error: TRPCError): string {
  if (error.cause instanceof ZodError) return describeZodError(error.cause);
  return error.code === 'INTERNAL_SERVER_ERROR' ? INTERNAL_ERROR_MESSAGE : error.message;
}

const t = initTRPC.context<NexaContext>().create({
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: messageForCaller(error),
      data: {
        ...shape.data,
        stack: undefined,
        fieldErrors: zodError ? zodError.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) : null,
      },
    };
  },
});

/** Infrastructure that is down answers SERVICE_UNAVAILABLE (retry later), never a 500. */
export function toTRPCError(error: unknown): unknown {
  const cause = error instanceof TRPCError ? error.cause : error;
  if (cause instanceof ServiceUnavailableError) return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: cause.message, cause });
  return error;
}

const reportUnavailability = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error);
    if (mapped !== result.error) throw mapped;
  }
  return result;
});

/**
 * Every procedure call runs in a correlation scope: the HTTP request's (set by the host from
 * `x-correlation-id`/`x-request-id`), or a fresh one for a call without one (e.g. over WebSocket).
 */
const correlationScope = t.middleware(({ next }) => withCorrelationId(currentCorrelationId() ?? newCorrelationId(), () => next()));

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const refuseNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  const path = pathOfNulCharacter(await getRawInput());
  if (path) {
    // As a validation issue, so that callers read it like any invalid field (message and fieldErrors);
    // ZodRealError is the ZodError that is an Error, as parse throws: tRPC keeps only Errors as causes.
    const issue = { code: 'custom' as const, path, message: 'text must not contain the NUL character (U+0000)', input: undefined };
    throw new TRPCError({ code: 'BAD_REQUEST', cause: new ZodRealError([issue]) });
  }
  return next();
});

/** Health and the two ways in (login, register); everything else is protected. */
export const publicProcedure = t.procedure.use(correlationScope).use(reportUnavailability).use(refuseNulCharacters);

/** Verifies the credential on every call (also each subscription on a long-lived WebSocket), so revocation and expiry apply at once. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const actor = ctx.credential ? await ctx.accounts.authenticate(ctx.credential) : null;
  if (!actor) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: ctx.credential ? 'the access token or API key is invalid, expired or revoked' : 'authentication required: send an access token or API key',
    });
  }
  return next({ ctx: { actor } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'this needs an admin' });
  return next();
});

/** Admins see every record; everyone else only their own. */
export const visibilityOf = (actor: Actor): Visibility => (actor.role === 'admin' ? 'all' : { ownerId: actor.userId });
