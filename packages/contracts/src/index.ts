export * from './classification';
export * from './task';
export * from './batch';
export * from './events';
export * from './ports';
export * from './ncm';
export * from './ai-protocol';
