#!/usr/bin/env bash
# Makes a private CA and the certificates for mTLS between the Temporal cluster and its clients,
# one folder per party (each holds ca.pem, cert.pem, key.pem), as docker-compose.mtls.yml mounts
# them:
#
#   scripts/temporal-certs.sh [DIR]      (default deploy/temporal-certs, which git ignores)
#
#   DIR/server   the frontend and internode certificate (names: temporal, localhost, 127.0.0.1)
#   DIR/api DIR/worker DIR/ui DIR/admin   client certificates (CN = the party)
#
# For a trial or an internal cluster. A production cluster takes its certificates from the
# practice's PKI; keep DIR/ca/ca.key offline. Existing files are kept (delete DIR to re-issue).
set -euo pipefail
dir=${1:-"$(dirname "$0")/../deploy/temporal-certs"}
days=${TEMPORAL_CERT_DAYS:-365}
umask 077
mkdir -p "$dir/ca"
ca="$dir/ca"
if [ ! -f "$ca/ca.pem" ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days "$days" -subj "/CN=dermclaims Temporal CA" \
    -keyout "$ca/ca.key" -out "$ca/ca.pem" 2>/dev/null
fi

issue() {
  local name=$1 extensions=$2 out="$dir/$1"
  [ -f "$out/cert.pem" ] && return 0
  mkdir -p "$out"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$name" -keyout "$out/key.pem" -out "$out/cert.csr" 2>/dev/null
  printf '%s\n' "$extensions" > "$out/cert.ext"
  openssl x509 -req -in "$out/cert.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca.key" -CAcreateserial \
    -days "$days" -extfile "$out/cert.ext" -out "$out/cert.pem" 2>/dev/null
  cp "$ca/ca.pem" "$out/ca.pem"
  rm -f "$out/cert.csr" "$out/cert.ext"
  # The containers do not run as this user, so the files are readable by all; DIR itself is 0700,
  # and each container mounts only its own folder. (Or chown them to the container's uid, 0600.)
  chmod 0644 "$out"/*.pem
  chmod 0755 "$out"
}

# The server certificate is also presented to other cluster nodes, so it carries both usages.
issue server $'subjectAltName=DNS:temporal,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth'
for client in api worker ui admin; do
  issue "$client" 'extendedKeyUsage=clientAuth'
done
echo "certificates in $dir (CA key: $ca/ca.key — keep it out of every container)"
