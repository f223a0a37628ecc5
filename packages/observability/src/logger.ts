import pino, { type DestinationStream, type Logger } from 'pino';
import { currentCorrelationId } from './correlation';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  level?: string;
  /** Where the JSON lines go (stdout when absent); tests pass a stream to read them. */
  destination?: DestinationStream;
  /** Fixed fields of every line, e.g. `{ process: 'worker' }`. */
  base?: Record<string, unknown>;
}

/** Never logged, wherever they appear in a log object. */
const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.password', '*.token', '*.accessToken', '*.key', 'password', 'token', 'accessToken', 'key'];

/**
 * A failed statement's error (drizzle's) quotes every parameter of the statement in its message, its
 * stack and a `params` field: a password hash, an API key's hash. Logs keep the statement only.
 */
function withoutQueryParameters(error: unknown): unknown {
  if (!(error instanceof Error) || !('params' in error) || !('query' in error)) return error;
  const statementOnly = new Error(`Failed query: ${String(error.query)}`, { cause: error.cause });
  statementOnly.name = error.name;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  statementOnly.stack = [`${statementOnly.name}: ${statementOnly.message}`, ...frames].join('\n');
  return statementOnly;
}

/**
 * A pino logger whose every line carries the correlation id of the scope it was written in
 * (unless the line's logger already has one bound, as Fastify's request loggers do).
 */
export function createLogger({ level = 'info', destination, base = {} }: CreateLoggerOptions = {}): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid, ...base },
    // Credentials never reach a log line, whatever object they travel in.
    redact: {
      paths: REDACTED_PATHS,
      censor: '[redacted]',
    },
    serializers: { err: (error: Error) => pino.stdSerializers.err(withoutQueryParameters(error) as Error) },
    mixin(_object, _level, logger) {
      const correlationId = currentCorrelationId();
      if (!correlationId || 'correlationId' in logger.bindings()) return {};
      return { correlationId };
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
