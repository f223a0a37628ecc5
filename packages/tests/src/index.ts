export * from './harness';
export * from './classifiers';
export * from './errors';
export * from './tcp-proxy';
export * from './processes';
export * from './http-api';
export { captureLogs, type CapturedLogs } from './log-capture';
