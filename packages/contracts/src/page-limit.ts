import { z } from 'zod';

/** How many rows one page may hold, with a message for each way a limit can be wrong. */
export const pageLimit = (max: number) =>
  z
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(max, `limit must be at most ${max}`);
