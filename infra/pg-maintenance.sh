#!/usr/bin/env bash
# FerretDB v1 on PostgreSQL: the two things its backend leaves undone, done for the database
# Handover owns (never for another database on the server). Started by up.sh beside the FerretDB it
# starts; `bash infra/pg-maintenance.sh URL --once` runs one round and exits.
#
# 1. Lookup indexes. FerretDB pushes an equality filter down as `_jsonb->'field' @> value`, which
#    the btree indexes it builds for the declared indexes cannot serve: every lookup, even by `_id`,
#    is a sequential scan of the collection's table (127 ms at 20,000 customers; seconds at a
#    million). A GIN index (jsonb_path_ops) on the same expression serves it. One is built, without
#    blocking writes (CONCURRENTLY), for `_id` and for the identifier fields of the declared indexes
#    (names ending in Id, Bi or Hash: one document or a few per value). Not for `caseId`, statuses
#    and the like: a value shared by most rows gains nothing from an index and costs every insert
#    (a GIN posting list per value).
#    FerretDB does not see them (its catalogue is its own metadata table), so nothing changes for
#    the MongoDB API; on MongoDB the declared indexes already serve these lookups.
# 2. Vacuum. On a server whose autovacuum is off (this machine's), every updated document leaves a
#    dead row version behind: after the phases of a case a customer table held 5 versions per live
#    row, and every scan reads them all. A table is vacuumed (and analysed, which the planner needs
#    to choose between an index and a scan) when its dead rows exceed a fifth of its live rows, as
#    autovacuum's own default threshold and cost-based throttling would. Nothing is vacuumed when the
#    server's autovacuum is on.
#
# URL: postgres://user@host:port/database. HANDOVER_PG_MAINTENANCE_S: seconds between rounds (60).
set -uo pipefail
url="${1:?usage: pg-maintenance.sh postgres://user@host:port/database [--once]}"
once="${2:-}"
interval="${HANDOVER_PG_MAINTENANCE_S:-60}"

say() { printf '[pg-maintenance %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

round() {
  local schemas
  schemas=$(psql "$url" -X -qAt -c "select table_schema from information_schema.tables where table_name = '_ferretdb_database_metadata'") || return 1
  local schema
  for schema in $schemas; do
    # Each collection's table and the fields of its declared indexes (key order is kept in the
    # document's schema part, `$s`), plus `_id`; one CREATE INDEX per missing lookup index.
    psql "$url" -X -qAt -v ON_ERROR_STOP=1 -v schema="$schema" <<'SQL'
SELECT format('CREATE INDEX CONCURRENTLY IF NOT EXISTS %I ON %I.%I USING gin ((_jsonb -> %L) jsonb_path_ops)',
              left(f.tbl, 40) || '_' || substr(md5(f.field), 1, 8) || '_lookup', :'schema', f.tbl, f.field)
FROM (
  SELECT DISTINCT m._jsonb ->> 'table' AS tbl, k.field
  FROM :"schema"._ferretdb_database_metadata m
  CROSS JOIN LATERAL (
    SELECT '_id' AS field
    UNION
    SELECT jsonb_array_elements_text(ix -> '$s' -> 'p' -> 'key' -> '$s' -> '$k')
    FROM jsonb_array_elements(m._jsonb -> '$s' -> 'p' -> 'indexes' -> 'i') AS ix
  ) k
  WHERE k.field = '_id' OR (k.field ~ '(Id|Bi|Hash)$' AND k.field <> 'caseId')
) f
WHERE NOT EXISTS (
  SELECT 1 FROM pg_indexes i
  WHERE i.schemaname = :'schema' AND i.indexname = left(f.tbl, 40) || '_' || substr(md5(f.field), 1, 8) || '_lookup'
)
AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = :'schema' AND t.table_name = f.tbl)
\gexec
SQL
    [ $? -eq 0 ] || say "could not build the lookup indexes of schema $schema"
    # An index left invalid by an interrupted build is dropped, to be built again next round.
    psql "$url" -X -qAt -v schema="$schema" <<'SQL' >/dev/null
SELECT format('DROP INDEX CONCURRENTLY IF EXISTS %I.%I', :'schema', c.relname)
FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = :'schema' AND NOT x.indisvalid AND c.relname LIKE '%\_lookup'
\gexec
SQL
  done
  [ "$(psql "$url" -X -qAt -c 'show autovacuum')" = on ] && return 0
  # Throttled as autovacuum throttles itself (cost delay 2 ms per 200 units), so a vacuum beside a
  # mailing takes longer instead of taking a core from it.
  psql "$url" -X -qAt <<'SQL' >/dev/null
SET vacuum_cost_delay = '2ms';
SET vacuum_cost_limit = 200;
SELECT format('VACUUM (ANALYZE) %I.%I', schemaname, relname)
FROM pg_stat_user_tables
WHERE n_dead_tup > 1000 + n_live_tup / 5
   OR (n_mod_since_analyze > 1000 + n_live_tup / 10)
ORDER BY n_dead_tup DESC
\gexec
SQL
}

if [ "$once" = --once ]; then round; exit $?; fi
say "every ${interval}s on ${url##*/}: lookup indexes for FerretDB's pushed-down filters; vacuum when the server's autovacuum is off"
trap 'exit 0' TERM INT
while :; do
  round || say "round failed (the next one retries)"
  sleep "$interval" & wait $!
done
