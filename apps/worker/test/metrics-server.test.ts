import { createMetrics } from '@nexa/observability';
import { describe, expect, it } from 'vitest';
import { serveWorkerMetrics } from '../src/metrics-server';

describe('a worker process’s own /metrics (WORKER_METRICS_PORT)', () => {
  it('serves the worker’s registry, only to the bearer METRICS_TOKEN when set, and nothing else', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.jobProcessingSeconds.observe({ job: 'classify', outcome: 'completed' }, 0.2);
    metrics.watchQueue(async () => ({ waiting: 4, active: 1, delayed: 0, failed: 2 }));
    const token = 'worker-scrape-token-123';
    const server = await serveWorkerMetrics(metrics, { host: '127.0.0.1', port: 0, token });
    try {
      expect((await fetch(server.url)).status).toBe(401);
      const scraped = await fetch(server.url, { headers: { authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      const text = await scraped.text();
      expect(text).toContain('nexa_job_processing_seconds_count{job="classify",outcome="completed"} 1');
      expect(text).toContain('nexa_queue_jobs{state="waiting"} 4');
      expect(text).toContain('nexa_queue_jobs{state="failed"} 2');
      expect((await fetch(server.url.replace('/metrics', '/other'), { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
