import { withCorrelationId, type Logger, type NexaMetrics } from '@nexa/observability';
import type { Job } from 'bullmq';

export type JobProcessor = (job: Job, token?: string, signal?: AbortSignal) => Promise<string>;

export interface JobInstrumentation {
  logger: Logger;
  metrics?: NexaMetrics | undefined;
}

/**
 * Runs each job in the correlation scope its payload carries (so the AI call, the events it appends
 * and the jobs it queues keep the id), logs its start and end, and records wait and processing times.
 */
export function instrumentJobs({ logger, metrics }: JobInstrumentation) {
  return (processor: JobProcessor): JobProcessor =>
    async (job, token, signal) => {
      const correlationId = typeof job.data?.correlationId === 'string' ? job.data.correlationId : undefined;
      const run = async () => {
        const log = logger.child({ jobId: job.id, job: job.name, taskId: job.data?.taskId, itemId: job.data?.itemId, attempt: job.attemptsMade + 1 });
        const started = Date.now();
        if (job.attemptsMade === 0 && job.processedOn) {
          metrics?.jobWaitSeconds.observe({ job: job.name }, Math.max(0, job.processedOn - job.timestamp - (job.opts.delay ?? 0)) / 1000);
        }
        log.info('job started');
        try {
          const result = await processor(job, token, signal);
          metrics?.jobProcessingSeconds.observe({ job: job.name, outcome: 'completed' }, (Date.now() - started) / 1000);
          log.info({ result, durationMs: Date.now() - started }, 'job completed');
          return result;
        } catch (error) {
          metrics?.jobProcessingSeconds.observe({ job: job.name, outcome: 'failed' }, (Date.now() - started) / 1000);
          log.warn({ err: error, durationMs: Date.now() - started }, 'job attempt failed');
          throw error;
        }
      };
      return correlationId ? withCorrelationId(correlationId, run) : run();
    };
}
