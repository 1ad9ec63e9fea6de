#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL from the schema as committed
# at BASE (default HEAD) to the working prisma/schema.prisma. (`prisma migrate dev` and
# `migrate diff --from-url` need the native engine; diffing two datamodels works offline.)
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/new-migration.sh NAME [BASE]}
base=${2:-HEAD}
old=$(mktemp --suffix=.prisma)
trap 'rm -f "$old"' EXIT
git show "$base:prisma/schema.prisma" > "$old"
sql=$(PRISMA_QUERY_ENGINE_LIBRARY="$PWD/scripts/prisma-generate.js" npx prisma migrate diff \
  --from-schema-datamodel "$old" --to-schema-datamodel prisma/schema.prisma --script)
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
mkdir -p "$dir"
printf '%s\n' "$sql" > "$dir/migration.sql"
echo "wrote $dir/migration.sql"
