# syntax=docker/dockerfile:1
#
# dermclaims: one image for every role. The default command runs the HTTP API; the same image runs
#   docker run IMAGE worker      a billing worker (scale these)
#   docker run IMAGE migrate     applies prisma/migrations to DATABASE_URL, then exits
#   docker run IMAGE sandbox     the sandbox clearinghouse as an X12-over-HTTP service (port 4010)
#
# Debian (glibc), not Alpine: Temporal's native core-bridge and @swc/core (which bundles the
# workflow code at worker start) ship glibc binaries only.
FROM node:20-bookworm-slim

# tini reaps zombies and forwards signals to the one node process (bin/dermclaims.js).
RUN apt-get update \
  && apt-get install -y --no-install-recommends ca-certificates tini \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, for layer caching. The root postinstall (`npm run db:generate`) needs the
# Prisma schema, prisma.config.ts and the generate script, so they come along.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.js ./scripts/prisma-generate.js
RUN npm ci --no-audit --no-fund && npm cache clean --force

# The image runs compiled JavaScript and the prebuilt workflow bundle (dist/, npm run build), so a
# worker starts in seconds; the build stamp matches the copied sources, so the launcher uses dist/.
COPY . .
RUN npm run db:generate \
  && npm run build \
  && mkdir -p /app/data \
  && chown node:node /app/data

# Set after `npm ci` (NODE_ENV=production would make npm skip devDependencies).
ENV NODE_ENV=production \
  API_HOST=0.0.0.0 \
  API_PORT=3000 \
  SANDBOX_HOST=0.0.0.0 \
  SANDBOX_PORT=4010 \
  DERMCLAIMS_DATA_DIR=/app/data

# The code stays root-owned and read-only to the process; only the data folder is writable.
USER node

EXPOSE 3000 4010

ENTRYPOINT ["/usr/bin/tini", "--", "node", "bin/dermclaims.js"]
CMD ["api"]
