import { initTRPC } from '@trpc/server';
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

export const createTRPCRouter = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
