export { defaultMigrationsFolder, openDatabase, pingDatabase, type DatabaseHandle, type NexaDatabase, type OpenDatabaseOptions } from './client';
export { createTaskStore, toClassification } from './task-store';
export { createUserStore } from './user-store';
export { createReviewStore, MANUAL_ENGINE } from './review-store';
export * as tables from './schema';
export { createNcmCatalog } from './ncm-catalog';
export { isDatabaseConnectivityError } from './connectivity';
