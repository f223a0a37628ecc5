export * from './harness';
export * from './classifiers';
export * from './tcp-proxy';
export * from './processes';
