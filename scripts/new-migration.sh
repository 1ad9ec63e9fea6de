#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the applied
# migrations and prisma/schema.prisma (`prisma migrate dev` needs a shadow database that the
# WebAssembly engine cannot introspect here). Needs DATABASE_URL for the shadow-free diff.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/new-migration.sh NAME}
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
mkdir -p "$dir"
export PRISMA_QUERY_ENGINE_LIBRARY="$PWD/scripts/prisma-generate.js"
npx prisma migrate diff --from-url "${DATABASE_URL:?set DATABASE_URL to a migrated database}" \
  --to-schema-datamodel prisma/schema.prisma --script > "$dir/migration.sql"
echo "wrote $dir/migration.sql"
