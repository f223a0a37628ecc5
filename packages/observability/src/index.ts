export {
  CORRELATION_REQUEST_HEADERS,
  CORRELATION_RESPONSE_HEADER,
  correlationHeaders,
  correlationIdFromHeaders,
  currentCorrelationId,
  newCorrelationId,
  withCorrelationId,
} from './correlation';
export { createLogger, type CreateLoggerOptions, type Logger } from './logger';
export { createMetrics, QUEUE_STATES, type NexaMetrics, type QueueDepthSource, type QueueState } from './metrics';
export { instrumentClassifier, instrumentEventFeed, instrumentEventLog, loggingEventLog } from './instrument';
