export * from './harness';
export * from './classifiers';
export * from './errors';
