export { buildServer, TRPC_PATH, type BuildServerOptions, type NexaServer, type ReadinessCheck } from './build-server';
export { startServerServices, type ServerServices, type ServerServicesConfig } from './server-services';
export { startServerRuntime, type ServerConfig, type ServerRuntime, type ServerRuntimeOptions } from './server-runtime';
export { serveWebApp, DEFAULT_WEB_DIST_DIR } from './web-app';
