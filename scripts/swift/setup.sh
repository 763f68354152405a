#!/usr/bin/env bash
# One-node OpenStack Swift with s3api on loopback, for the integration tests (run as root).
# Recipe and its traps: ../shared/TOOLCHAIN.md, "A real S3 server on loopback". Idempotent:
# installs only what is missing, rewrites its own (marked) configs, builds rings once.
# Start the servers with `node scripts/swift/start.mjs`.
set -euo pipefail

MARK='# written by lifeboat scripts/swift/setup.sh'
pkgs=(swift swift-proxy swift-object swift-container swift-account python3-swift memcached)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  # Packages must not start their services: start.mjs starts them bound to loopback, as swift.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT  # ours: gone again even if apt-get fails
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
fi

# Plain directory as the only device; Swift needs user xattrs (ext4 has them).
mkdir -p /srv/node/d1 /var/cache/swift /var/run/swift /var/log/swift
chown -R swift:swift /srv/node /var/cache/swift /var/run/swift /var/log/swift
mkdir -p /etc/swift

# write FILE: stdin becomes FILE. The packages ship full configs of their own (swift.conf with
# "changeme" salts, servers on 0.0.0.0): the first run replaces them, keeping each as FILE.dist.
write() {
  if [ -e "$1" ] && ! head -n1 "$1" | grep -qxF "$MARK"; then mv "$1" "$1.dist"; fi
  { echo "$MARK"; cat; } >"$1.tmp" && mv "$1.tmp" "$1"
}

# The shipped swift.conf has "changeme" hash salts; ours are made once and then kept,
# because changing them later would make every stored object unreachable.
if [ -e /etc/swift/swift.conf ] && head -n1 /etc/swift/swift.conf | grep -qxF "$MARK"; then :; else
  write /etc/swift/swift.conf <<EOF
[swift-hash]
swift_hash_path_prefix = $(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
swift_hash_path_suffix = $(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

[storage-policy:0]
name = Policy-0
default = yes
EOF
fi

# Common to every server: loopback only, a directory not a mount, one process (workers = 0),
# and syslog to the datagram socket that start.mjs reads (Swift logs nowhere else).
common() { # $1 port, $2 log name
  cat <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $1
workers = 0
user = swift
devices = /srv/node
mount_check = false
log_name = $2
log_address = /var/run/swift/log.sock
log_facility = LOG_LOCAL0
EOF
}

# The three storage servers differ in port and kind only (and one line of the object server's).
storage_server() { # $1 port, $2 account|container|object, $3 an extra line for the app section
  write "/etc/swift/$2-server.conf" <<EOF
$(common "$1" "$2-server")

[pipeline:main]
pipeline = healthcheck recon $2-server

[app:$2-server]
use = egg:swift#$2${3:+
$3}

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:recon]
use = egg:swift#recon
recon_cache_path = /var/cache/swift
EOF
}

storage_server 6202 account
storage_server 6201 container
# replication_concurrency = 0: the object server's replication lock wants a writable /dev/shm.
storage_server 6200 object 'replication_concurrency = 0'

# Pipeline order matters: s3api after cache and before tempauth; slo after s3api, or
# multipart uploads are silently off.
write /etc/swift/proxy-server.conf <<EOF
$(common 8080 proxy-server)

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl ratelimit s3api tempauth copy container-quotas account-quotas slo dlo versioned_writes symlink proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:s3api]
use = egg:swift#s3api
location = us-east-1
s3_acl = false

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:11211

[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:tempurl]
use = egg:swift#tempurl
[filter:ratelimit]
use = egg:swift#ratelimit
[filter:copy]
use = egg:swift#copy
[filter:container-quotas]
use = egg:swift#container_quotas
[filter:account-quotas]
use = egg:swift#account_quotas
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
[filter:symlink]
use = egg:swift#symlink
EOF

# Rings: one replica on one device, built once (rebuilding would move every partition).
cd /etc/swift
for ring in account:6202 container:6201 object:6200; do
  name=${ring%%:*} port=${ring##*:}
  [ -e "$name.ring.gz" ] && continue
  swift-ring-builder "$name.builder" create 8 1 1
  swift-ring-builder "$name.builder" add --region 1 --zone 1 --ip 127.0.0.1 --port "$port" --device d1 --weight 100
  swift-ring-builder "$name.builder" rebalance || [ $? -eq 1 ]  # exit 1 is only a warning
done
chown -R swift:swift /etc/swift
echo "setup.sh: Swift configured; start it with: node scripts/swift/start.mjs"
