#!/usr/bin/env bash
# community-hub vs PostGraphile 5 (the peer in ../shared/bench-peer), side by side.
#
#   bench/run.sh              # = all: pg seed build peer loadgen bench report, then stop
#   bench/run.sh pg           # init (once) + start our private PostgreSQL (127.0.0.1:5434)
#   bench/run.sh seed         # load `seed-demo --scale district` into hub_bench (once)
#   bench/run.sh build        # cargo build --profile production (PROFILE=release: the quicker build)
#   bench/run.sh peer         # peer: its PostgreSQL, data, npm deps and PostGraphile (its run.sh)
#   bench/run.sh loadgen      # find oha (peer's /tmp/oha build, PATH) or cargo install it
#   bench/run.sh bench        # ROUNDS x shapes x CONCURRENCY x {ours, peer}
#   bench/run.sh report       # medians of results/raw -> results/summary.md + bench/README.md
#   bench/run.sh stop         # stop, by recorded PID, what this script started
#
# Settings (environment): DURATION=10 WARMUP=2 ROUNDS=3 CONCURRENCY="16 64"
# SHAPES="a_community_shallow b_community_nested c_elderly_by_street d_grid_dashboard"
# QUIET_WAIT=30 QUIET_CORES=0.3 HUB_PGPORT=5434 HUB_SCALE=district (or city: database hub_bench_city)
# HUB_STREETS= (seed-demo --streets: 10, 20 for 2x, 4x the district: database hub_bench_district_10_streets)
# KEEP_RUNNING=1 (do not stop at the end)
# RESULTS_DIR=bench/results HUB_PLAN_CACHE_MODE= (experiment: force_custom_plan)
# Exit status 1 when a response check or a gate of issue 10 fails (see bench/README.md).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PEER="${PEER_DIR:-$ROOT/../shared/bench-peer}"
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
HUB_PGDATA="${HUB_PGDATA:-/tmp/hub-bench-pgdata}"
HUB_PGPORT="${HUB_PGPORT:-5434}"
HUB_SCALE="${HUB_SCALE:-district}"   # seed-demo --scale: district (the shapes' ids) or city
HUB_STREETS="${HUB_STREETS:-}"        # seed-demo --streets: e.g. 10 or 20 for 2x, 4x the district
SEED_NAME="$HUB_SCALE${HUB_STREETS:+-$HUB_STREETS-streets}"
HUB_DB="${HUB_DB:-hub_bench$([ "$SEED_NAME" = district ] || echo "_$SEED_NAME" | tr - _)}"
HUB_DATABASE_URL="postgres://postgres@127.0.0.1:$HUB_PGPORT/$HUB_DB"
PEER_STATE="${PEER_STATE:-/tmp/peer-bench-state}"   # where the peer's run.sh keeps its PIDs
PEER_URL="http://127.0.0.1:${PEER_GQL_PORT:-5678}/graphql"
STATE="${STATE_DIR:-/tmp/hub-bench-state}"
RESULTS="${RESULTS_DIR:-$HERE/results}"
PROFILE="${PROFILE:-production}"       # cargo profile of the server: production (fat LTO) or release
BIN="$ROOT/target/$PROFILE/community-hub"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-2}"
ROUNDS="${ROUNDS:-3}"
CONCURRENCY="${CONCURRENCY:-16 64}"
SHAPES="${SHAPES:-a_community_shallow b_community_nested c_elderly_by_street d_grid_dashboard}"
OHA_ROOT="${OHA_ROOT:-/tmp/oha}"   # the peer's run.sh builds oha here too
# A fixed throw-away HS256 key: the benchmark server and issue-token must agree on it.
export JWT_SECRET="${JWT_SECRET:-bench-only-secret-0123456789abcdef0123456789abcdef}"
export BENCH_PASSWORD="${BENCH_PASSWORD:-bench-only-password-not-secret}"
PY="python3 $HERE/tools/bench.py"

mkdir -p "$STATE" "$RESULTS"
log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
pidfile_alive() { [ -f "$1" ] && alive "$(cat "$1")"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
hubpsql() { psql -X -h 127.0.0.1 -p "$HUB_PGPORT" -U postgres "$@"; }

# ---------------------------------------------------------------- our PostgreSQL
# Our own private cluster (same settings as the peer's), not the peer's: counting SQL
# statements needs pg_stat_statements in shared_preload_libraries, i.e. a restart with a
# setting the peer's cluster does not have; a separate postmaster also keeps the two
# servers' PostgreSQL CPU apart.
cmd_pg() {
  [ -x "$PGBIN/postgres" ] || die "no PostgreSQL binaries in $PGBIN"
  if [ ! -s "$HUB_PGDATA/PG_VERSION" ]; then
    log "initdb $HUB_PGDATA"
    mkdir -p "$HUB_PGDATA"; [ "$(id -u)" = 0 ] && chown postgres: "$HUB_PGDATA"; chmod 700 "$HUB_PGDATA"
    as_pg "$PGBIN/initdb" -D "$HUB_PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log"
    as_pg tee -a "$HUB_PGDATA/postgresql.conf" >/dev/null <<EOF

# ---- community-hub benchmark (bench/run.sh); resources as in the peer's cluster ----
listen_addresses = '127.0.0.1'
port = $HUB_PGPORT
unix_socket_directories = '$HUB_PGDATA'
max_connections = 300
shared_buffers = 1GB
effective_cache_size = 8GB
work_mem = 16MB
maintenance_work_mem = 512MB
fsync = off
synchronous_commit = off
full_page_writes = off
jit = off
max_wal_size = 4GB
checkpoint_timeout = 30min
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
pg_stat_statements.max = 1000
EOF
  fi
  if pidfile_alive "$STATE/postgres.pid"; then log "our postgres already running (pid $(cat "$STATE/postgres.pid"))"; return 0; fi
  if [ -f "$HUB_PGDATA/postmaster.pid" ] && alive "$(head -1 "$HUB_PGDATA/postmaster.pid")"; then
    die "a postgres not started by this script runs on $HUB_PGDATA"
  fi
  log "starting our postgres on 127.0.0.1:$HUB_PGPORT"
  touch "$STATE/postgres.log"; [ "$(id -u)" = 0 ] && chown postgres: "$STATE/postgres.log"
  as_pg "$PGBIN/pg_ctl" -D "$HUB_PGDATA" -l "$STATE/postgres.log" -w -t 60 start >/dev/null
  head -1 "$HUB_PGDATA/postmaster.pid" >"$STATE/postgres.pid"
  hubpsql -d postgres -qc "create extension if not exists pg_stat_statements" >/dev/null
}

cmd_build() {
  log "cargo build --profile $PROFILE"
  (cd "$ROOT" && cargo build --profile "$PROFILE" --quiet) || die "$PROFILE build failed"
}

# ---------------------------------------------------------------- data
cmd_seed() {
  [ -x "$BIN" ] || cmd_build
  if ! hubpsql -d postgres -Atc "select 1 from pg_database where datname = '$HUB_DB'" | grep -q 1; then
    hubpsql -d postgres -qc "create database $HUB_DB"
  fi
  local have
  have="$(hubpsql -d "$HUB_DB" -Atc "select value from bench_meta where key = 'scale'" 2>/dev/null || true)"
  if [ "$have" = "$SEED_NAME+activity" ]; then
    log "$HUB_DB already holds the $SEED_NAME data with its activity (bench_meta)"
  elif [ -n "$have" ]; then
    die "$HUB_DB holds '$have' data, not '$SEED_NAME+activity'; drop it: psql -p $HUB_PGPORT -U postgres -d postgres -c 'drop database $HUB_DB'"
  else
    local n
    n="$(hubpsql -d "$HUB_DB" -Atc "select count(*) from household" 2>/dev/null || echo 0)"
    [ "${n:-0}" = 0 ] || die "hub_bench holds data but no bench_meta marker; drop it: psql -p $HUB_PGPORT -c 'drop database $HUB_DB'"
    log "seed-demo --scale $HUB_SCALE ${HUB_STREETS:+--streets $HUB_STREETS }--activity into $HUB_DB"
    local t0=$SECONDS
    # A bulk load, not a request: the serving statement timeout (5 s) would cancel it.
    DATABASE_URL="$HUB_DATABASE_URL" DB_STATEMENT_TIMEOUT_MS=1800000 RUST_LOG=warn,community_hub=info "$BIN" seed-demo --scale "$HUB_SCALE" ${HUB_STREETS:+--streets "$HUB_STREETS"} --activity >"$STATE/seed.log" 2>&1 \
      || { tail -20 "$STATE/seed.log" >&2; die "seed-demo failed"; }
    hubpsql -d "$HUB_DB" -qc "vacuum analyze"
    hubpsql -d "$HUB_DB" -qc "create table bench_meta (key text primary key, value text);
      insert into bench_meta values ('scale', '$SEED_NAME+activity'), ('seed_seconds', '$((SECONDS - t0))'),
      ('loaded_at', now()::text)"
    log "seeded in $((SECONDS - t0)) s"
  fi
  if ! DATABASE_URL="$HUB_DATABASE_URL" hubpsql -d "$HUB_DB" -Atc "select 1 from app_user where username = 'bench'" 2>/dev/null | grep -q 1; then
    log "create-user bench (DISTRICT_ADMIN on district 1)"
    DATABASE_URL="$HUB_DATABASE_URL" RUST_LOG=warn "$BIN" create-user --username bench --password-env BENCH_PASSWORD \
      --display-name bench --grant DISTRICT_ADMIN:district:1 >"$STATE/create-user.log" 2>&1 \
      || grep -qi "exist\|conflict" "$STATE/create-user.log" || { cat "$STATE/create-user.log" >&2; die "create-user failed"; }
  fi
  hubpsql -d "$HUB_DB" -AtF= -c "select 'rows_' || relname, n_live_tup from pg_stat_user_tables
    where relname in ('district','street','community','grid','building','unit','household','resident',
      'request','request_event','service_order','activity_participation','points_entry','visit_household','mediation_case')
    order by relname" \
    >"$RESULTS/data.txt"
  hubpsql -d "$HUB_DB" -Atc "select 'db_size=' || pg_size_pretty(pg_database_size(current_database()))" >>"$RESULTS/data.txt"
}

# ---------------------------------------------------------------- our server
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cmd_server() {
  [ -x "$BIN" ] || cmd_build
  if pidfile_alive "$STATE/server.pid"; then return 0; fi
  local port; port="$(free_port)"
  log "starting community-hub ($PROFILE) on 127.0.0.1:$port"
  # The default query limits reject (b) (estimated cost > 250,000: a connection without
  # `first` counts as a full page of 100) and (d) (30 aliases > 15); a dashboard
  # deployment raises them, and so does the benchmark. One user sends every request,
  # far past a person's rate limits: they are off here (RATE_LIMITS=off).
  DATABASE_URL="$HUB_DATABASE_URL" LISTEN_ADDR="127.0.0.1:$port" RUST_LOG="${HUB_RUST_LOG:-info}" \
  MAX_QUERY_COMPLEXITY="${MAX_QUERY_COMPLEXITY:-1000000000}" MAX_ALIASES="${MAX_ALIASES:-40}" \
  RATE_LIMITS="${RATE_LIMITS:-off}" \
    nohup "$BIN" serve >"$STATE/server.log" 2>&1 &
  echo $! >"$STATE/server.pid"
  echo "http://127.0.0.1:$port/graphql" >"$STATE/server.url"
  local i
  for i in $(seq 1 120); do
    # /readyz: the server answers before its database is migrated and reachable.
    curl -fsS -m 2 "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    alive "$(cat "$STATE/server.pid")" || { tail -20 "$STATE/server.log" >&2; die "community-hub exited"; }
    sleep 0.5
  done
  die "community-hub did not answer within 60 s"
}

stop_server() {
  if pidfile_alive "$STATE/server.pid"; then
    local pid; pid="$(cat "$STATE/server.pid")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do alive "$pid" || break; sleep 0.25; done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$STATE/server.pid"
}

# Access tokens live 15 minutes: one per shape and round.
issue_token() {
  DATABASE_URL="$HUB_DATABASE_URL" ALLOW_DEV_TOKENS=1 RUST_LOG=error "$BIN" issue-token --user bench 2>"$STATE/token.err" \
    | grep -E '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$' | tail -1 >"$STATE/token"
  [ -s "$STATE/token" ] || { cat "$STATE/token.err" >&2; die "issue-token printed no token"; }
}

# ---------------------------------------------------------------- peer
cmd_peer() {
  [ -x "$PEER/run.sh" ] || die "peer harness not found at $PEER"
  # remember what was already running, so that `stop` leaves it alone
  pidfile_alive "$PEER_STATE/postgres.pid" || touch "$STATE/peer-pg.started-by-us"
  pidfile_alive "$PEER_STATE/postgraphile.pid" || touch "$STATE/peer-server.started-by-us"
  log "peer: ../shared/bench-peer/run.sh pg load deps server"
  "$PEER/run.sh" pg load deps server
}

# ---------------------------------------------------------------- load generator
find_oha() {
  local c
  for c in "${OHA:-}" "$OHA_ROOT/bin/oha" "$HERE/.oha/bin/oha" "$(command -v oha 2>/dev/null || true)"; do
    [ -n "$c" ] && [ -x "$c" ] && { echo "$c"; return 0; }
  done
  return 1
}
cmd_loadgen() {
  if ! find_oha >/dev/null; then
    log "building oha from crates.io into bench/.oha (a few minutes, once)"
    CARGO_TARGET_DIR="$STATE/oha-target" cargo install --locked --root "$HERE/.oha" oha >"$STATE/oha-install.log" 2>&1 \
      || { tail -20 "$STATE/oha-install.log" >&2; die "cargo install oha failed"; }
  fi
  log "load generator: $(find_oha) ($("$(find_oha)" --version | head -1))"
}

# ---------------------------------------------------------------- bench
measure() {  # measure SERVER SHAPE CONC ROUND
  local server="$1" shape="$2" c="$3" r="$4" out="$RESULTS/raw/$2.$1.c$3.r$4.json"
  if [ "$server" = ours ]; then
    $PY measure --server ours --shape "$shape" --conc "$c" --round "$r" --url "$(cat "$STATE/server.url")" \
      --body "$RESULTS/bodies/$shape.json" --token-file "$STATE/token" \
      --server-pid "$(cat "$STATE/server.pid")" --pg-pid "$(cat "$STATE/postgres.pid")" --pg-port "$HUB_PGPORT" \
      --db "$HUB_DB" --pgss --oha "$(find_oha)" --duration "$DURATION" --warmup "$WARMUP" \
      --quiet-wait "${QUIET_WAIT:-30}" --quiet-cores "${QUIET_CORES:-0.3}" --out "$out"
  else
    $PY measure --server peer --shape "$shape" --conc "$c" --round "$r" --url "$PEER_URL" \
      --body "$PEER/queries/$shape.json" \
      --server-pid "$(cat "$PEER_STATE/postgraphile.pid")" --pg-pid "$(cat "$PEER_STATE/postgres.pid")" \
      --pg-port "${PEER_PGPORT:-5433}" --db community_bench --oha "$(find_oha)" --duration "$DURATION" \
      --warmup "$WARMUP" --quiet-wait "${QUIET_WAIT:-30}" --quiet-cores "${QUIET_CORES:-0.3}" --out "$out"
  fi
}

has_peer() { [ -f "$PEER/queries/$1.json" ]; }

cmd_bench() {
  find_oha >/dev/null || die "no oha (run: bench/run.sh loadgen)"
  local shape needs_peer=0
  for shape in $SHAPES; do has_peer "$shape" && needs_peer=1; done
  [ "$needs_peer" = 0 ] || pidfile_alive "$PEER_STATE/postgraphile.pid" \
    || die "PostGraphile is not running (run: bench/run.sh peer)"
  pidfile_alive "$STATE/postgres.pid" || die "our postgres is not running (run: bench/run.sh pg seed)"
  mkdir -p "$RESULTS/raw" "$RESULTS/bodies"
  rm -f "$RESULTS"/raw/*.json
  # Experiment knob (not a default): HUB_PLAN_CACHE_MODE=force_custom_plan makes PostgreSQL
  # plan every execution of our prepared statements with its real parameters (see README).
  if [ -n "${HUB_PLAN_CACHE_MODE:-}" ]; then
    hubpsql -d postgres -qc "alter database $HUB_DB set plan_cache_mode = '$HUB_PLAN_CACHE_MODE'"
  else
    hubpsql -d postgres -qc "alter database $HUB_DB reset plan_cache_mode"
  fi
  $PY bodies "$HERE/queries" "$HERE/queries/variables.json" "$RESULTS/bodies"
  {
    echo "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "duration=$DURATION"; echo "warmup=$WARMUP"; echo "rounds=$ROUNDS"
    echo "machine=$(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr), $("$PGBIN/postgres" --version | sed 's/ (Debian.*//'), $("$(find_oha)" --version | head -1)"
    echo "plan_cache_mode=${HUB_PLAN_CACHE_MODE:-auto (default)}"
    echo "commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
    (cd "$ROOT" && [ -n "$(git status --porcelain -- src entity migration Cargo.toml 2>/dev/null)" ]) \
      && echo "dirty= (plus uncommitted changes in src/ at build time)"
  } >"$RESULTS/meta.txt"
  local r c first second
  for r in $(seq 1 "$ROUNDS"); do
    for shape in $SHAPES; do
      # a fresh server per shape and round: its VmHWM is then the peak of this shape alone
      stop_server; cmd_server; issue_token
      for c in $CONCURRENCY; do
        # alternate who goes first, so neither side always follows the other's load
        if [ $(( (r + c) % 2 )) = 0 ]; then first=ours second=peer; else first=peer second=ours; fi
        log "round $r/$ROUNDS $shape c=$c"
        # the dashboard shapes (e), (f) have no peer query: ours only
        has_peer "$shape" || first=ours second=
        measure "$first" "$shape" "$c" "$r" || log "measurement $first $shape c=$c crashed"
        [ -z "$second" ] || measure "$second" "$shape" "$c" "$r" || log "measurement $second $shape c=$c crashed"
      done
    done
  done
  stop_server
  echo "finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$RESULTS/meta.txt"
}

cmd_report() { $PY report "$RESULTS" "$HERE/README.md"; }

cmd_stop() {
  stop_server
  if pidfile_alive "$STATE/postgres.pid"; then
    log "stopping our postgres (pid $(cat "$STATE/postgres.pid"))"
    kill -INT "$(cat "$STATE/postgres.pid")" 2>/dev/null || true
    for _ in $(seq 1 60); do pidfile_alive "$STATE/postgres.pid" || break; sleep 0.5; done
  fi
  rm -f "$STATE/postgres.pid"
  if [ -f "$STATE/peer-server.started-by-us" ] && pidfile_alive "$PEER_STATE/postgraphile.pid"; then
    log "stopping PostGraphile (pid $(cat "$PEER_STATE/postgraphile.pid"))"
    kill -TERM "$(cat "$PEER_STATE/postgraphile.pid")" 2>/dev/null || true
    rm -f "$PEER_STATE/postgraphile.pid"
  fi
  rm -f "$STATE/peer-server.started-by-us"
  if [ -f "$STATE/peer-pg.started-by-us" ] && pidfile_alive "$PEER_STATE/postgres.pid"; then
    log "stopping the peer's postgres (pid $(cat "$PEER_STATE/postgres.pid"))"
    kill -INT "$(cat "$PEER_STATE/postgres.pid")" 2>/dev/null || true
    rm -f "$PEER_STATE/postgres.pid"
  fi
  rm -f "$STATE/peer-pg.started-by-us"
}

cmd_all() {
  [ "${KEEP_RUNNING:-0}" = 1 ] || trap cmd_stop EXIT
  cmd_build
  cmd_pg
  cmd_seed
  cmd_peer
  cmd_loadgen
  cmd_bench
  cmd_report
}

[ $# -gt 0 ] || set -- all
for step in "$@"; do
  case "$step" in
    pg) cmd_pg ;; build) cmd_build ;; seed) cmd_seed ;; peer) cmd_peer ;; loadgen) cmd_loadgen ;;
    server) cmd_server ;; bench) cmd_bench ;; report) cmd_report ;; stop) cmd_stop ;; all) cmd_all ;;
    *) sed -n '2,19p' "$0"; exit 2 ;;
  esac
done
