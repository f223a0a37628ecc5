# One image for every Nexa process; the command chooses which (see docker-compose.yml):
#   node apps/server/dist/main.js     API + web app (the server serves apps/web/dist at /)
#   node apps/worker/dist/main.js     classification worker
#   node apps/ai-server/dist/main.js  reference AI server
#   node apps/standalone/dist/main.js everything in one process (embedded defaults)

# 1. Build: every dependency, then the bundles (`pnpm build`: apps/*/dist/main.js with the workspace
#    packages inlined and the SQL migrations beside them, and the web app in apps/web/dist).
FROM node:20-bookworm-slim AS build
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH
RUN npm install -g pnpm@12.4.2
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build

# 2. Production dependencies only: the bundles import npm packages from apps/<app>/node_modules.
FROM node:20-bookworm-slim AS prod-deps
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH
RUN npm install -g pnpm@12.4.2
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile --prod

# 3. Runtime: node, the production node_modules and the bundles; no sources, no pnpm, not root.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=prod-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=prod-deps --chown=root:root /app/apps/server/node_modules ./apps/server/node_modules
COPY --from=prod-deps --chown=root:root /app/apps/worker/node_modules ./apps/worker/node_modules
COPY --from=prod-deps --chown=root:root /app/apps/ai-server/node_modules ./apps/ai-server/node_modules
COPY --from=prod-deps --chown=root:root /app/apps/standalone/node_modules ./apps/standalone/node_modules
COPY --from=build --chown=root:root /app/apps/server/dist ./apps/server/dist
COPY --from=build --chown=root:root /app/apps/worker/dist ./apps/worker/dist
COPY --from=build --chown=root:root /app/apps/ai-server/dist ./apps/ai-server/dist
COPY --from=build --chown=root:root /app/apps/standalone/dist ./apps/standalone/dist
COPY --from=build --chown=root:root /app/apps/web/dist ./apps/web/dist
# The files belong to root and are read-only for the process; it writes nothing but logs to stdout.
USER node
EXPOSE 3000
CMD ["node", "apps/server/dist/main.js"]
