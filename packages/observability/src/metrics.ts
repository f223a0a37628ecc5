import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** BullMQ's job counts by state, read when `/metrics` is scraped. */
export type QueueDepthSource = () => Promise<Partial<Record<QueueState, number>>>;
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const LONG_SECONDS_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];

/**
 * Every Prometheus metric Nexa exposes, in one registry. A process hosting both the server and the
 * worker (the embedded default) shares one instance, so one `/metrics` shows both.
 */
export interface NexaMetrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  jobWaitSeconds: Histogram<'job'>;
  jobProcessingSeconds: Histogram<'job' | 'outcome'>;
  aiRequestSeconds: Histogram<'engine' | 'outcome'>;
  aiErrors: Counter<'engine'>;
  websocketConnections: Gauge;
  activeSubscriptions: Gauge;
  eventsDelivered: Counter;
  /** Where the queue depth gauges read from (the last one given wins). */
  watchQueue(source: QueueDepthSource): void;
  /** The text exposition format. */
  render(): Promise<string>;
  contentType: string;
}

export function createMetrics({ defaultMetrics = true }: { defaultMetrics?: boolean } = {}): NexaMetrics {
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'nexa_' });
  let queueSource: QueueDepthSource | null = null;

  new Gauge({
    name: 'nexa_queue_jobs',
    help: 'Jobs in the classification queue by state (read from BullMQ on scrape)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      if (!queueSource) return;
      this.reset();
      const counts = await queueSource().catch(() => null);
      if (!counts) return;
      for (const state of QUEUE_STATES) this.set({ state }, counts[state] ?? 0);
    },
  });

  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'nexa_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: SECONDS_BUCKETS,
      registers: [registry],
    }),
    jobWaitSeconds: new Histogram({
      name: 'nexa_job_wait_seconds',
      help: 'Time from queueing a job to a worker starting it (this attempt)',
      labelNames: ['job'],
      buckets: LONG_SECONDS_BUCKETS,
      registers: [registry],
    }),
    jobProcessingSeconds: new Histogram({
      name: 'nexa_job_processing_seconds',
      help: 'Time one job attempt took in the worker, by outcome',
      labelNames: ['job', 'outcome'],
      buckets: LONG_SECONDS_BUCKETS,
      registers: [registry],
    }),
    aiRequestSeconds: new Histogram({
      name: 'nexa_ai_request_duration_seconds',
      help: 'Latency of one AI classification call, by engine (provider) and outcome',
      labelNames: ['engine', 'outcome'],
      buckets: SECONDS_BUCKETS,
      registers: [registry],
    }),
    aiErrors: new Counter({
      name: 'nexa_ai_errors_total',
      help: 'AI classification calls that failed or timed out, by engine (provider)',
      labelNames: ['engine'],
      registers: [registry],
    }),
    websocketConnections: new Gauge({ name: 'nexa_websocket_connections', help: 'Open WebSocket connections', registers: [registry] }),
    activeSubscriptions: new Gauge({
      name: 'nexa_event_subscriptions',
      help: 'Live task event subscriptions (WebSocket, SSE and REST streams)',
      registers: [registry],
    }),
    eventsDelivered: new Counter({ name: 'nexa_events_delivered_total', help: 'Task events handed to subscribers (live or replayed)', registers: [registry] }),
    watchQueue(source) {
      queueSource = source;
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
