import { ServiceUnavailableError } from '@nexa/contracts';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { NexaContext } from './context';

/** One readable line per invalid field, e.g. `partnumber: partnumber must have at least 3 characters`. */
function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
}

const t = initTRPC.context<NexaContext>().create({
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zodError ? describeZodError(zodError) : shape.message,
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

export const createTRPCRouter = t.router;
export const publicProcedure = t.procedure.use(reportUnavailability);
export const createCallerFactory = t.createCallerFactory;
