export * from './classification';
export * from './task';
export * from './batch';
export * from './events';
export * from './auth';
export * from './review';
export * from './ports';
