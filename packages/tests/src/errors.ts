import { TRPCClientError } from '@trpc/client';

/** The typed tRPC error a call ends with; fails the test if it succeeds or fails otherwise. */
export async function errorOf(work: Promise<unknown>): Promise<TRPCClientError<any>> {
  try {
    await work;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<any>;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** The tRPC error code of a failed call (subscriptions over SSE may carry it only in the message). */
export async function codeOf(work: Promise<unknown>): Promise<string> {
  const error = await errorOf(work);
  return error.data?.code ?? error.message;
}
