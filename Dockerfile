# syntax=docker/dockerfile:1
# The CDS service with the built SMART panel: a compiled bundle run by `node` as PID 1, non-root,
# production dependencies only. `tests/production-smoke.int.test.ts` does what this file does
# without a container engine (build, `npm ci --omit=dev` in a fresh folder, this CMD, SIGTERM).

# ---- build: every dependency, then the panel (vite) and the service bundle (esbuild) -------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY stubs ./stubs
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- deps: production dependencies only (no tsx, no vite, no React: the panel is prebuilt) -------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY stubs ./stubs
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime: node, the bundle, the panel, node_modules; nothing else ---------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/var/lib/ehr-synopsis
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist/service ./dist/service
COPY --from=build /app/dist/panel ./dist/panel
RUN mkdir -p /var/lib/ehr-synopsis && chown node:node /var/lib/ehr-synopsis
USER node
EXPOSE 8080
# node itself is PID 1 and handles SIGTERM (see cds-service/server.ts): it stops accepting,
# answers the calls in flight, flushes the audit queue and closes storage within 20 s.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/service/server.js"]
