/** True when Redis could not be reached (closed connection, offline queue disabled, retries exhausted). */
export function isRedisConnectivityError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)) return true;
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    /Stream isn't writeable|Connection is closed|enableOfflineQueue|Reached the max retries per request|connect ECONNREFUSED/i.test(error.message)
  );
}
