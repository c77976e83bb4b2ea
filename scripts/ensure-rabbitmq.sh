#!/usr/bin/env bash
# Makes sure a RabbitMQ broker answers on $AMQP_HOST:$AMQP_PORT (default 127.0.0.1:5672):
# reuse a running one, start an installed one, or install Debian's rabbitmq-server as root.
set -euo pipefail
host=${AMQP_HOST:-127.0.0.1}
port=${AMQP_PORT:-5672}

answers() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }
wait_for_broker() {
  for _ in $(seq 1 120); do
    answers && return 0
    sleep 1
  done
  echo "rabbitmq: the broker did not answer on $host:$port within 120 s" >&2
  return 1
}

answers && exit 0
if [ "$host" != 127.0.0.1 ] && [ "$host" != localhost ]; then
  echo "rabbitmq: nothing answers on $host:$port, and it is not local, so it cannot be started here" >&2
  exit 1
fi
if ! command -v rabbitmq-server >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "rabbitmq: not running and not installed. Install it (sudo apt-get install rabbitmq-server)" >&2
    echo "          or point AMQP_URL at a running broker." >&2
    exit 1
  fi
  echo "rabbitmq: installing Debian's rabbitmq-server"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
fi
if answers; then exit 0; fi  # the package's post-install may have started it
echo "rabbitmq: starting rabbitmq-server"
if [ "$(id -u)" = 0 ]; then
  rabbitmq-server -detached >/dev/null 2>&1 || service rabbitmq-server start >/dev/null 2>&1 || true
else
  echo "rabbitmq: installed but not running; start it (sudo service rabbitmq-server start)" >&2
  exit 1
fi
wait_for_broker
