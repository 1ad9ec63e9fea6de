#!/bin/sh
# Runs once, when the postgresql volume is first initialised (/docker-entrypoint-initdb.d).
# Separate roles and databases for dermclaims and Temporal:
#   dermclaims          dermclaims' own data (visits, claims, ledger, audit log), role dermclaims
#   clearinghouse_sandbox  the sandbox clearinghouse service's state, role dermclaims
#   temporal, temporal_visibility  created by temporalio/auto-setup as role temporal (CREATEDB)
# Passwords come from the container environment (see docker-compose.yml: change them).
set -eu

: "${DERMCLAIMS_DB_PASSWORD:?set DERMCLAIMS_DB_PASSWORD}"
: "${TEMPORAL_DB_PASSWORD:?set TEMPORAL_DB_PASSWORD}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
  -v dermclaims_password="$DERMCLAIMS_DB_PASSWORD" \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE dermclaims LOGIN PASSWORD :'dermclaims_password';
CREATE DATABASE dermclaims OWNER dermclaims;
CREATE DATABASE clearinghouse_sandbox OWNER dermclaims;
REVOKE ALL ON DATABASE dermclaims FROM PUBLIC;
REVOKE ALL ON DATABASE clearinghouse_sandbox FROM PUBLIC;

-- auto-setup creates the temporal and temporal_visibility databases itself (and btree_gin, a
-- trusted extension, in the visibility database it owns).
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
SQL
