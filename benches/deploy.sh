#!/usr/bin/env bash
# Deploy timings on 127.0.0.1: for each kind of target (a folder, SFTP and
# WebDAV through rclone, FTP through vsftpd, S3 through moto), the first
# deploy and the deploy of one edited procedure, for the sample site and a
# generated 1,000-procedure site, with the files each deploy sent.
#
#   benches/deploy.sh              # needs rclone, ssh-keygen, moto_server;
#                                  # vsftpd and root for FTP (see .ci/run)
#
# CAMNANG_BIN and GEN_SITE name binaries to use instead of building them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -z ${CAMNANG_BIN:-} || -z ${GEN_SITE:-} ]]; then
  (cd "$ROOT" && cargo build --release --quiet --bin camnang --example gen_site)
fi
BIN=${CAMNANG_BIN:-$ROOT/target/release/camnang}
GEN=${GEN_SITE:-$ROOT/target/release/examples/gen_site}
WORK=$(mktemp -d)
chmod 755 "$WORK" # the FTP user must reach its folder
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
PASS=bench-Pass-1
export CAMNANG_DEPLOY_PASSWORD=$PASS
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

# sites: the sample, and 1,000 generated procedures
mkdir -p "$WORK/sample"
cp -r "$ROOT/site.yaml" "$ROOT/content" "$ROOT/qr-lock.yaml" "$WORK/sample/"
"$GEN" "$WORK/s1k" --procedures 1000 --seed 42 >/dev/null

# targets: sets URL (a folder made fresh for every site); not run in a
# subshell, so that the servers' process ids and exports stay here
URL=
target() { # kind site
  local kind=$1 dir=$WORK/host-$1-$2 port
  rm -rf "$dir"; mkdir -p "$dir"
  case $kind in
    folder) URL="file://$dir" ;;
    sftp | webdav)
      port=$(free_port)
      local extra=()
      if [[ $kind == sftp ]]; then
        ssh-keygen -q -t ed25519 -N "" -f "$dir.key"
        extra=(--key "$dir.key")
        echo "[127.0.0.1]:$port $(cat "$dir.key.pub")" >"$dir.known"
        export CAMNANG_KNOWN_HOSTS="$dir.known"
      fi
      rclone serve "$kind" "$dir" --addr "127.0.0.1:$port" --user xa --pass "$PASS" --config /dev/null "${extra[@]}" >/dev/null 2>&1 &
      PIDS+=($!); wait_port "$port"
      URL="$kind://xa@127.0.0.1:$port/" ;;
    ftp)
      port=$(free_port); mkdir -p /var/run/vsftpd/empty
      printf 'listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\nlisten_port=%s\nanonymous_enable=NO\nlocal_enable=YES\nwrite_enable=YES\nlocal_umask=022\npasv_enable=YES\npasv_address=127.0.0.1\npam_service_name=vsftpd\nseccomp_sandbox=NO\nbackground=NO\nsecure_chroot_dir=/var/run/vsftpd/empty\nuserlist_enable=NO\ncheck_shell=NO\n' "$port" >"$dir.conf"
      chown camnangftp "$dir"
      /usr/sbin/vsftpd "$dir.conf" >/dev/null 2>&1 &
      PIDS+=($!); wait_port "$port"
      URL="ftp://camnangftp@127.0.0.1:$port$dir" ;;
    s3)
      port=$(free_port)
      moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
      PIDS+=($!); wait_port "$port"
      python3 -c "import urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:$port/site', method='PUT'))"
      export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
      URL="s3://site/$2?endpoint=http://127.0.0.1:$port&region=HCM03" ;;
  esac
}

kinds=(folder sftp webdav s3)
if [[ $(id -u) == 0 ]] && [[ -x /usr/sbin/vsftpd ]] && id camnangftp >/dev/null 2>&1; then
  echo "camnangftp:$PASS" | chpasswd
  kinds+=(ftp)
else
  echo "note: FTP left out (needs root, vsftpd and the user camnangftp that the deploy tests make)" >&2
fi

timed() { # prints "seconds uploaded" of one deploy
  local out start end
  start=$(date +%s.%N)
  out=$("$BIN" deploy --lang en --root "$1" --to "$2" --yes 2>&1) || { echo "deploy failed: $out" >&2; return 1; }
  end=$(date +%s.%N)
  printf '%s %s\n' "$(python3 -c "print(f'{$end - $start:.2f}')")" "$(grep -oE 'uploaded [0-9]+' <<<"$out" | head -1 | grep -oE '[0-9]+' || echo 0)"
}

printf '| site | target | first deploy s | files sent | one edit s | files sent |\n|---|---|---:|---:|---:|---:|\n'
for site in sample s1k; do
  dir=$WORK/$site
  "$BIN" build --root "$dir" --quiet
  for kind in "${kinds[@]}"; do
    target "$kind" "$site"; url=$URL
    read -r t1 n1 < <(timed "$dir" "$url")
    f=$(find "$dir/content" -name '*.md' ! -name '_index*' ! -name '*.en.md' | sort | sed -n 1p)
    cp "$f" "$f.orig"
    printf '\nMột dòng thêm khi đo.\n' >>"$f"
    "$BIN" build --root "$dir" --quiet
    read -r t2 n2 < <(timed "$dir" "$url")
    mv "$f.orig" "$f"; "$BIN" build --root "$dir" --quiet
    printf '| %s | %s | %s | %s | %s | %s |\n' "$site" "$kind" "$t1" "$n1" "$t2" "$n2"
  done
done
