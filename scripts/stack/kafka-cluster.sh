# Sourced by stack.sh: a local Kafka cluster of three KRaft nodes (`stack.sh cluster ...`), each a
# broker and a controller (a quorum of three), from the same Maven jars as the single broker.
# Node N listens for clients on STACK_KAFKA_CLUSTER_PORT + 10 * (N - 1) (29192, 29202, 29212) and
# for the quorum on the next port; its data, log and pid are in .stack/kafka-cluster/node-N.
# Below Linux's ephemeral range (32768-60999): the nodes start together and connect to each
# other, and a port in that range may be taken as the local end of one of those connections.

KAFKA_CLUSTER_PORT=${STACK_KAFKA_CLUSTER_PORT:-29192}
KAFKA_CLUSTER_NODES=(1 2 3)

cluster_dir() { echo "$STACK_DIR/kafka-cluster/node-$1"; }
cluster_port() { echo $((KAFKA_CLUSTER_PORT + 10 * ($1 - 1))); }
cluster_controller_port() { echo $(($(cluster_port "$1") + 1)); }
cluster_name() { echo "kafka-cluster/node-$1"; }

cluster_brokers() {
  local node list=()
  for node in "${KAFKA_CLUSTER_NODES[@]}"; do list+=("127.0.0.1:$(cluster_port "$node")"); done
  (
    IFS=,
    echo "${list[*]}"
  )
}

cluster_voters() {
  local node list=()
  for node in "${KAFKA_CLUSTER_NODES[@]}"; do
    list+=("$node@127.0.0.1:$(cluster_controller_port "$node")")
  done
  (
    IFS=,
    echo "${list[*]}"
  )
}

cluster_java() {
  local dir
  dir=$(cluster_dir "$1")
  echo java -Xms128m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$dir/log4j.properties" -cp "$STACK_DIR/kafka/libs/*"
}

cluster_node_started() {
  local node=$1 from=$2
  # grep reads to the end: with -q, tail could die of SIGPIPE, a failure under pipefail.
  port_open "$(cluster_port "$node")" &&
    tail -n +"$from" "$(cluster_dir "$node")/server.log" 2>/dev/null | grep 'Kafka Server started' >/dev/null
}

# Starts node N (formatting its storage the first time) without waiting; echoes the log line
# to wait from.
cluster_launch() {
  local node=$1 dir java
  dir=$(cluster_dir "$node")
  if our_pid "$(cluster_name "$node")" >/dev/null; then
    log "kafka node $node already running on 127.0.0.1:$(cluster_port "$node")"
    echo 0
    return
  fi
  port_open "$(cluster_port "$node")" && die "port $(cluster_port "$node") is taken by a process this script did not start"
  mkdir -p "$dir/data"
  read -ra java <<<"$(cluster_java "$node")"
  sed -e "s|@NODE_ID@|$node|g" -e "s|@VOTERS@|$(cluster_voters)|g" \
    -e "s|@PORT@|$(cluster_port "$node")|g" -e "s|@CONTROLLER_PORT@|$(cluster_controller_port "$node")|g" \
    -e "s|@DATA_DIR@|$dir/data|g" "$ROOT/scripts/stack/kafka/cluster-server.properties.template" >"$dir/server.properties"
  sed -e "s|@LOG_FILE@|$dir/server.log|g" "$ROOT/scripts/stack/kafka/log4j.properties.template" >"$dir/log4j.properties"
  local cluster_id=$STACK_DIR/kafka-cluster/cluster-id
  [[ -f $cluster_id ]] || "${java[@]}" kafka.tools.StorageTool random-uuid >"$cluster_id"
  if [[ ! -f $dir/data/meta.properties ]]; then
    "${java[@]}" kafka.tools.StorageTool format -t "$(<"$cluster_id")" -c "$dir/server.properties" >/dev/null
  fi
  touch "$dir/server.log"
  local from=$(($(wc -l <"$dir/server.log") + 1))
  log "starting kafka node $node on 127.0.0.1:$(cluster_port "$node")"
  start_detached "$(cluster_name "$node")" "$dir/stdout.log" "${java[@]}" kafka.Kafka "$dir/server.properties"
  echo "$from"
}

# Nodes to act on: those given, or all three.
cluster_nodes_from_args() {
  local node
  if (($# == 0)); then set -- "${KAFKA_CLUSTER_NODES[@]}"; fi
  for node in "$@"; do
    [[ $node =~ ^[123]$ ]] || die "unknown kafka node '$node' (1, 2 or 3)"
    echo "$node"
  done
}

cluster_up() {
  local node started=$SECONDS
  local -A from=()
  install_kafka
  mkdir -p "$STACK_DIR/kafka-cluster"
  # All at once: a node does not finish starting before a quorum of controllers is there.
  for node in $(cluster_nodes_from_args "$@"); do from[$node]=$(cluster_launch "$node"); done
  for node in "${!from[@]}"; do
    [[ ${from[$node]} == 0 ]] && continue
    wait_for "kafka node $node" 180 cluster_node_started "$node" "${from[$node]}" ||
      die "kafka node $node did not start in 180 s; see $(cluster_dir "$node")/server.log"
  done
  log "kafka cluster up in $((SECONDS - started)) s: $(cluster_brokers)"
}

cluster_down() {
  local node pid
  for node in $(cluster_nodes_from_args "$@"); do
    if pid=$(our_pid "$(cluster_name "$node")"); then
      log "stopping kafka node $node"
      stop_pid "$(cluster_name "$node")" "$pid"
    fi
  done
}

cluster_kill() {
  local node pid
  for node in $(cluster_nodes_from_args "${1:?usage: stack.sh cluster kill NODE}"); do
    if pid=$(our_pid "$(cluster_name "$node")"); then
      kill -KILL "$pid"
      rm -f "$(pid_file "$(cluster_name "$node")")"
    fi
    log "kafka node $node killed"
  done
}

cluster_status() {
  local node failed=0 state
  for node in "${KAFKA_CLUSTER_NODES[@]}"; do
    if our_pid "$(cluster_name "$node")" >/dev/null; then
      if port_open "$(cluster_port "$node")"; then state="running on 127.0.0.1:$(cluster_port "$node")"; else state="starting"; fi
    else
      state="stopped"
      failed=1
    fi
    printf 'kafka node %s  %s\n' "$node" "$state"
  done
  return "$failed"
}

cluster_env() {
  echo "export KAFKA_BROKERS=$(cluster_brokers)"
  echo "export KAFKA_TOPIC_REPLICATION_FACTOR=3"
  echo "export KAFKA_TOPIC_MIN_INSYNC_REPLICAS=2"
}

cmd_cluster() {
  local action=${1:-status}
  shift || true
  case $action in
    up | start) cluster_up "$@" ;;
    down | stop) cluster_down "$@" ;;
    kill) cluster_kill "$@" ;;
    status) cluster_status ;;
    env) cluster_env ;;
    *) die "usage: stack.sh cluster up|down|kill|status|env [NODE...]" ;;
  esac
}
