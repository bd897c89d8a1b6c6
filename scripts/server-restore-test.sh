#!/usr/bin/env bash
# The monthly restore test of docs/serveur.md: restores the newest nightly dump into a scratch
# database, counts the rows of every table next to the live database's, then drops the scratch
# database. A backup nobody has restored is only a hope. Installed by server-setup.sh as
# /usr/local/sbin/acsrv-essai-restauration.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage : server-restore-test.sh [--cluster NOM] [--database NOM] [--backup-dir DOSSIER] [--file SAUVEGARDE]   (en root)

Essai de restauration : restaure la dernière sauvegarde dans une base d'essai, compte les
lignes de chaque table à côté de celles de la base en service, puis efface la base d'essai.

  --cluster NOM         grappe Debian (par défaut : main)
  --database NOM        base sauvegardée (par défaut : acsrv)
  --backup-dir DOSSIER  dossier des sauvegardes (par défaut : /var/backups/acsrv)
  --file SAUVEGARDE     restaurer ce fichier plutôt que la dernière sauvegarde quotidienne
  -h, --help            cette aide
EOF
}
die() { printf 'Erreur : %s\n' "$*" >&2; exit 1; }

CLUSTER=main DATABASE=acsrv BACKUP_DIR=/var/backups/acsrv FILE=""
while (($#)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --cluster | --database | --backup-dir | --file)
      (($# >= 2)) || die "l'option $1 attend une valeur (voir --help)"
      case "$1" in
        --cluster) CLUSTER=$2 ;; --database) DATABASE=$2 ;;
        --backup-dir) BACKUP_DIR=$2 ;; --file) FILE=$2 ;;
      esac
      shift 2 ;;
    *) die "option inconnue : $1 (voir --help)" ;;
  esac
done
[[ $(id -u) -eq 0 ]] || die "lancez ce script en root (sudo $0 …)"
for name in "$CLUSTER" "$DATABASE"; do
  [[ $name =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "nom invalide : $name"
done

VERSION=$(pg_lsclusters -h | awk -v c="$CLUSTER" '$2 == c {print $1}' | sort -V | tail -1)
[[ -n $VERSION ]] || die "pas de grappe PostgreSQL nommée $CLUSTER (pg_lsclusters)"
if [[ -z $FILE ]]; then  # the names sort by date
  FILE=$(ls -1 "$BACKUP_DIR/$DATABASE-quotidien-"*.dump 2>/dev/null | sort | tail -1 || true)
  [[ -n $FILE ]] || die "aucune sauvegarde $DATABASE-quotidien-*.dump dans $BACKUP_DIR"
fi
[[ -s $FILE ]] || die "sauvegarde introuvable ou vide : $FILE"

as_postgres() { (cd / && runuser -u postgres -- "$@"); }
sql() { as_postgres psql --cluster "$VERSION/$CLUSTER" -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 "$@"; }
SCRATCH=${DATABASE}_essai_restauration
drop_scratch() { sql -d postgres <<<"SET client_min_messages = warning; DROP DATABASE IF EXISTS \"$SCRATCH\" WITH (FORCE);" || true; }

# Every base table of the database with its exact row count (as the superuser: no RLS applies).
count_rows() {
  sql -d "$1" <<'SQL'
SELECT format('%I.%I', table_schema, table_name),
       (xpath('/row/c/text()', query_to_xml(
          format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
FROM information_schema.tables
WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1;
SQL
}

owner=$(sql -d postgres <<<"SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$DATABASE';")
echo "Essai de restauration de $FILE ($(du -h "$FILE" | cut -f1)) dans la base $SCRATCH…"
drop_scratch
trap drop_scratch EXIT
sql -d postgres <<<"CREATE DATABASE \"$SCRATCH\" OWNER \"${owner:-postgres}\";"
# The dump is root's (mode 600): root reads it and hands it to pg_restore on stdin.
as_postgres pg_restore --cluster "$VERSION/$CLUSTER" --dbname="$SCRATCH" --exit-on-error \
  <"$FILE" || die "la restauration de $FILE a échoué (voir ci-dessus)"

declare -A live=()
if [[ -n $owner ]]; then
  while IFS=$'\t' read -r table count; do live[$table]=$count; done < <(count_rows "$DATABASE")
fi
tables=0 rows=0
printf '%-40s %12s %12s\n' "Table" "Restaurée" "En service"
while IFS=$'\t' read -r table count; do
  printf '%-40s %12s %12s\n' "$table" "$count" "${live[$table]:--}"
  tables=$((tables + 1)) rows=$((rows + count))
done < <(count_rows "$SCRATCH")
drop_scratch
trap - EXIT
echo "Restauration réussie : $tables tables, $rows lignes. La base d'essai $SCRATCH est effacée."
echo "(Les nombres « en service » ont pu bouger depuis la sauvegarde : c'est normal.)"
