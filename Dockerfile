# syntax=docker/dockerfile:1
# The CDS service (`npm run serve`) with the built SMART panel, as a non-root container.

# ---- build: all dependencies, then the panel bundle ----------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: production dependencies, service code, built panel --------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/var/lib/ehr-synopsis
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY cds-service ./cds-service
COPY --from=build /app/dist/panel ./dist/panel
RUN mkdir -p /var/lib/ehr-synopsis && chown node:node /var/lib/ehr-synopsis
USER node
EXPOSE 8080
CMD ["npm", "run", "serve"]
