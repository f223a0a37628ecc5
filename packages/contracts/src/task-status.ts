import { z } from 'zod';

export const taskStatus = z.enum(['queued', 'processing', 'done', 'failed', 'cancelled']);
export type TaskStatus = z.infer<typeof taskStatus>;
export const terminalTaskStatuses: readonly TaskStatus[] = ['done', 'failed', 'cancelled'];

export const taskId = z.string({ error: 'taskId must be a string' }).uuid('taskId must be a UUID');
