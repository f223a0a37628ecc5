export { buildServer, TRPC_PATH, type BuildServerOptions, type NexaServer, type ReadinessCheck } from './build-server';
export { startServerRuntime, type ServerConfig, type ServerRuntime, type ServerRuntimeOptions } from './server-runtime';
export { serveWebApp, DEFAULT_WEB_DIST_DIR } from './web-app';
