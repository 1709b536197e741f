#!/usr/bin/env bash
# Runs a throwaway ClickHouse server in the foreground (SqlCompare --clickhouse starts it and stops it by its
# process id): its own config, data and logs under DIR, listening on 127.0.0.1 only, no systemd, no
# /var/lib/clickhouse. Installs Debian's clickhouse-server and clickhouse-client (18.16) first when missing
# (needs root).
# Usage: benchmarks/clickhouse/start-clickhouse.sh DIR HTTP_PORT TCP_PORT [THREADS]
set -euo pipefail
DIR=$1
HTTP_PORT=$2
TCP_PORT=$3
THREADS=${4:-$(nproc)}
if ! command -v clickhouse-server >/dev/null || ! command -v clickhouse-client >/dev/null; then
  echo "start-clickhouse: installing clickhouse-server and clickhouse-client" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q clickhouse-server clickhouse-client >&2
fi
DIR=$(mkdir -p "$DIR" && cd "$DIR" && pwd)
mkdir -p "$DIR/data" "$DIR/tmp" "$DIR/user_files" "$DIR/format_schemas" "$DIR/log"
cat > "$DIR/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <logger>
        <level>warning</level>
        <log>$DIR/log/clickhouse-server.log</log>
        <errorlog>$DIR/log/clickhouse-server.err.log</errorlog>
        <size>100M</size>
        <count>2</count>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <http_port>$HTTP_PORT</http_port>
    <tcp_port>$TCP_PORT</tcp_port>
    <max_connections>64</max_connections>
    <keep_alive_timeout>30</keep_alive_timeout>
    <max_concurrent_queries>16</max_concurrent_queries>
    <uncompressed_cache_size>1073741824</uncompressed_cache_size>
    <mark_cache_size>536870912</mark_cache_size>
    <path>$DIR/data/</path>
    <tmp_path>$DIR/tmp/</tmp_path>
    <user_files_path>$DIR/user_files/</user_files_path>
    <format_schema_path>$DIR/format_schemas/</format_schema_path>
    <users_config>$DIR/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mlock_executable>false</mlock_executable>
</yandex>
XML
cat > "$DIR/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <max_memory_usage>12000000000</max_memory_usage>
            <max_threads>$THREADS</max_threads>
            <use_uncompressed_cache>0</use_uncompressed_cache>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks><ip>127.0.0.1</ip></networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas>
        <default>
            <interval><duration>3600</duration><queries>0</queries><errors>0</errors>
                <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval>
        </default>
    </quotas>
</yandex>
XML
cd "$DIR"
exec clickhouse-server --config-file="$DIR/config.xml"
