export * from './harness';
export * from './classifiers';
