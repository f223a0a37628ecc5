export * from './harness';
export * from './classifiers';
export * from './errors';
export * from './tcp-proxy';
export * from './processes';
export { captureLogs, type CapturedLogs } from './log-capture';
export * from './http-api';
export { createRouterCaller, type RouterCaller, type RouterServicesSetup } from './router-caller';
