# One image for every Nexa process; the command chooses which (see docker-compose.yml).
FROM node:20-bookworm-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH NODE_ENV=production
RUN npm install -g pnpm@12.4.2
WORKDIR /app

FROM base AS deps
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
COPY apps/server/package.json apps/server/
COPY apps/worker/package.json apps/worker/
COPY apps/standalone/package.json apps/standalone/
COPY apps/ai-server/package.json apps/ai-server/
COPY apps/web/package.json apps/web/
COPY packages/ packages/
RUN pnpm install --frozen-lockfile --prod=false

FROM deps AS app
COPY . .
RUN pnpm install --frozen-lockfile --prod=false --offline
# The server serves the built web app at / (apps/web/dist).
RUN pnpm --filter @nexa/web build
USER node
ENV HOST=0.0.0.0 PORT=3000
EXPOSE 3000
# Default: the API server. The worker runs the same image with `pnpm --filter @nexa/worker start`.
CMD ["pnpm", "--filter", "@nexa/server", "start"]
