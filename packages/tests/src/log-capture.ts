import { createLogger, type Logger } from '@nexa/observability';
import { Writable } from 'node:stream';

export interface CapturedLogs {
  logger: Logger;
  /** Every JSON line written so far, parsed. */
  lines(): Array<Record<string, unknown>>;
}

/** A pino logger (debug level) whose lines are kept in memory for a test to read. */
export function captureLogs(level = 'debug'): CapturedLogs {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ level, destination });
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
