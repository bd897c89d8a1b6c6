#!/usr/bin/env bash
# Sets up the federation's PostgreSQL server on a fresh Debian in one command, as docs/serveur.md
# describes by hand: PostgreSQL from Debian, TLS, a conf.d drop-in, pg_hba.conf, the owner role
# and the database, the nightly backup. Run again, it changes only what is not already right.
# Messages are in French: they are read by the federation's IT.
set -euo pipefail
umask 022

SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
usage() {
  cat <<'EOF'
Usage : server-setup.sh --host NOM --network CIDR [options]     (en root)

Prépare sur une Debian le serveur PostgreSQL de la fédération, en une commande : installe
PostgreSQL, le certificat TLS, la configuration (connexions chiffrées et mot de passe SCRAM
seulement, essais manqués ralentis), crée le rôle propriétaire et la base, et la sauvegarde de
chaque nuit. Relancé, il ne change que ce qui n'est pas déjà en place, et le dit.

  --host NOM           nom (ou adresse IP) par lequel les postes joignent le serveur ; à répéter
                       pour plusieurs noms : le premier est celui des adresses affichées
  --network CIDR       réseau des centres autorisé à se connecter, par exemple 10.0.0.0/8
                       (obligatoire : le script ne le devine pas ; demandé s'il manque)
  --cert FICHIER       certificat du serveur déjà signé (sinon une autorité de la fédération
  --key FICHIER        et un certificat sont créés dans le dossier de configuration)
  --ca FICHIER         certificat de l'autorité qui a signé --cert
  --owner NOM          rôle propriétaire (par défaut : acsrv_proprietaire)
  --database NOM       base (par défaut : acsrv)
  --new-password       redonne un mot de passe au rôle propriétaire même s'il en a déjà un
  --listen ADRESSES    listen_addresses de PostgreSQL (par défaut : '*')
  --cluster NOM        grappe Debian à utiliser, créée si besoin (par défaut : main)
  --port PORT          port de la grappe si le script la crée (par défaut : celui de Debian)
  --config-dir DOSSIER certificats et autorité (par défaut : /etc/acsrv)
  --backup-dir DOSSIER sauvegardes (par défaut : /var/backups/acsrv)
  --scheduler auto|systemd|cron   lanceur de la sauvegarde (par défaut : systemd s'il tourne)
  -h, --help           cette aide

Le mot de passe du rôle propriétaire est demandé deux fois, ou lu dans la variable
ACSRV_NOUVEAU_MOT_DE_PASSE ; il n'apparaît ni dans la liste des processus ni dans les journaux.
EOF
}

die() { printf 'Erreur : %s\n' "$*" >&2; exit 1; }
step() { printf '\n%s\n' "$*"; }
unchanged() { printf '  ✓ %s\n' "$*"; }
CHANGES=0
changed() { CHANGES=$((CHANGES + 1)); printf '  → %s\n' "$*"; }
warn() { printf '  ! %s\n' "$*"; }

HOSTS=() NETWORK="" CERT="" KEY="" CA="" OWNER=acsrv_proprietaire DATABASE=acsrv NEW_PASSWORD=0
LISTEN='*' CLUSTER=main PORT="" CONFIG_DIR=/etc/acsrv BACKUP_DIR=/var/backups/acsrv SCHEDULER=auto
parse_options() {
  while (($#)); do
    case "$1" in
      -h | --help) usage; exit 0 ;;
      --new-password) NEW_PASSWORD=1; shift; continue ;;
      --host | --network | --cert | --key | --ca | --owner | --database | --listen | --cluster | \
        --port | --config-dir | --backup-dir | --scheduler) ;;
      *) die "option inconnue : $1 (voir --help)" ;;
    esac
    (($# >= 2)) || die "l'option $1 attend une valeur (voir --help)"
    case "$1" in
      --host) HOSTS+=("$2") ;;
      --network) NETWORK=$2 ;;
      --cert) CERT=$(realpath -e -- "$2") || die "fichier introuvable : $2" ;;
      --key) KEY=$(realpath -e -- "$2") || die "fichier introuvable : $2" ;;
      --ca) CA=$(realpath -e -- "$2") || die "fichier introuvable : $2" ;;
      --owner) OWNER=$2 ;;
      --database) DATABASE=$2 ;;
      --listen) LISTEN=$2 ;;
      --cluster) CLUSTER=$2 ;;
      --port) PORT=$2 ;;
      --config-dir) CONFIG_DIR=$(realpath -m -- "$2") ;;
      --backup-dir) BACKUP_DIR=$(realpath -m -- "$2") ;;
      --scheduler) SCHEDULER=$2 ;;
    esac
    shift 2
  done
}

is_ip() { [[ $1 =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ || $1 == *:* ]]; }
check_options() {
  [[ $(id -u) -eq 0 ]] || die "lancez ce script en root (sudo $0 …)"
  ((${#HOSTS[@]})) || die "indiquez --host NOM, le nom par lequel les postes joignent le serveur"
  local host
  for host in "${HOSTS[@]}"; do
    is_ip "$host" || [[ $host =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]] \
      || die "nom de serveur invalide : $host"
  done
  if [[ -z $NETWORK && -t 0 ]]; then
    read -rp "Réseau des centres autorisé à se connecter (par exemple 10.0.0.0/8) : " NETWORK
  fi
  [[ -n $NETWORK ]] || die "indiquez --network CIDR, le réseau des centres : le script ne le devine pas"
  [[ $NETWORK =~ ^[0-9.]+/[0-9]{1,2}$ || $NETWORK =~ ^[0-9A-Fa-f:]+/[0-9]{1,3}$ ]] \
    || die "réseau invalide : $NETWORK (attendu : adresse/longueur, par exemple 10.0.0.0/8)"
  local name
  for name in "$OWNER" "$DATABASE" "$CLUSTER"; do
    [[ $name =~ ^[a-z_][a-z0-9_]{0,62}$ ]] \
      || die "nom invalide : $name (minuscules, chiffres et _ seulement)"
  done
  [[ -z $PORT || $PORT =~ ^[0-9]{2,5}$ ]] || die "port invalide : $PORT"
  [[ $LISTEN =~ ^[A-Za-z0-9.:*,\ -]+$ ]] || die "--listen invalide : $LISTEN"
  if [[ -n $CERT || -n $KEY ]]; then
    [[ -n $CERT && -n $KEY ]] || die "--cert et --key vont ensemble"
  fi
  [[ -z $CA || -n $CERT ]] || die "--ca ne sert qu'avec --cert et --key"
  case "$SCHEDULER" in auto | systemd | cron) ;; *) die "--scheduler : auto, systemd ou cron" ;; esac
}

WORK=""
cleanup() { [[ -z $WORK ]] || rm -rf "$WORK"; }
trap cleanup EXIT

# Installs SRC as DEST (mode, owner, group) unless DEST is already exactly that; returns 0 when
# it changed something, 1 when all was already right, so callers know whether to reload.
install_file() {
  local src=$1 dest=$2 mode=$3 owner=$4 label=$5
  if [[ -f $dest ]] && cmp -s "$src" "$dest" \
    && [[ $(stat -c '%a %U:%G' "$dest") == "${mode#0} $owner" ]]; then
    unchanged "$label : $dest (inchangé)"
    return 1
  fi
  install -D -m "$mode" -o "${owner%%:*}" -g "${owner##*:}" "$src" "$dest" \
    || die "impossible d'écrire $dest"
  changed "$label : $dest (écrit)"
}
# Same, with the content read from standard input.
write_file() { cat >"$WORK/new"; install_file "$WORK/new" "$@"; }

as_postgres() { (cd / && runuser -u postgres -- "$@"); }
# psql as the postgres superuser through the local socket of our cluster; SQL on stdin.
sql() { as_postgres psql --cluster "$VERSION/$CLUSTER" -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

have() {
  local program
  for program; do command -v "$program" >/dev/null || return 1; done
}
install_packages() {
  step "1. PostgreSQL"
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -n $bin && -f ${bin%/bin}/lib/auth_delay.so ]] && have pg_createcluster openssl perl; then
    unchanged "PostgreSQL $(basename "${bin%/bin}") est installé"
  else
    echo "  Installation des paquets Debian postgresql, postgresql-contrib, openssl…"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql postgresql-contrib openssl
    changed "paquets postgresql postgresql-contrib openssl installés"
  fi
}

VERSION="" CONF="" DATA=""
ensure_cluster() {
  local line
  line=$(pg_lsclusters -h | awk -v c="$CLUSTER" '$2 == c' | sort -V | tail -1)
  if [[ -z $line ]]; then
    VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
    pg_createcluster ${PORT:+--port "$PORT"} "$VERSION" "$CLUSTER" >"$WORK/createcluster.log" \
      || { cat "$WORK/createcluster.log" >&2; die "la grappe $VERSION/$CLUSTER n'a pas pu être créée"; }
    line=$(pg_lsclusters -h | awk -v c="$CLUSTER" -v v="$VERSION" '$1 == v && $2 == c')
    changed "grappe PostgreSQL $VERSION/$CLUSTER créée"
  else
    unchanged "grappe PostgreSQL $(awk '{print $1 "/" $2}' <<<"$line") présente"
  fi
  VERSION=$(awk '{print $1}' <<<"$line")
  local port
  port=$(awk '{print $3}' <<<"$line")
  [[ -z $PORT || $PORT == "$port" ]] \
    || die "la grappe $VERSION/$CLUSTER écoute déjà sur le port $port, pas $PORT"
  PORT=$port
  CONF=/etc/postgresql/$VERSION/$CLUSTER
  DATA=$(awk '{print $6}' <<<"$line")
}

# Does the certificate carry every --host name in its subjectAltName?
cert_covers_hosts() {
  local host
  for host in "${HOSTS[@]}"; do
    local check=-checkhost
    ! is_ip "$host" || check=-checkip
    [[ $(openssl x509 -noout "$check" "$host" -in "$1") == *"does match"* ]] || return 1
  done
}
key_matches_cert() {
  [[ $(openssl x509 -noout -pubkey -in "$1") == "$(openssl pkey -pubout -in "$2" 2>/dev/null)" ]]
}

TLS_CHANGED=0
# An authority made by an earlier run is replaced by the given one: its key, which no longer
# matches ca.crt, is put aside (renamed, not deleted) so that nothing signs with it by mistake.
retire_authority_key() {
  local cakey=$CONFIG_DIR/autorite.key
  [[ -f $cakey ]] && ! key_matches_cert "$CA" "$cakey" || return 0
  local aside
  aside=$cakey.remplacee-$(date +%Y-%m-%d-%H%M%S)
  mv "$cakey" "$aside"
  changed "clé de l'ancienne autorité mise de côté : $aside"
}
install_given_certificate() {
  key_matches_cert "$CERT" "$KEY" || die "la clé $KEY ne correspond pas au certificat $CERT"
  cert_covers_hosts "$CERT" || die "le certificat $CERT ne porte pas tous les noms ${HOSTS[*]}"
  if [[ -n $CA ]]; then
    openssl verify -CAfile "$CA" "$CERT" >/dev/null 2>&1 \
      || die "le certificat $CERT n'est pas signé par l'autorité $CA"
    retire_authority_key
    install_file "$CA" "$CONFIG_DIR/ca.crt" 0644 root:root "autorité" || true
  fi
  install_file "$CERT" "$CONFIG_DIR/serveur.crt" 0644 postgres:postgres "certificat" \
    && TLS_CHANGED=1
  install_file "$KEY" "$CONFIG_DIR/serveur.key" 0600 postgres:postgres "clé du serveur" \
    && TLS_CHANGED=1
  return 0
}

make_authority() {
  local ca=$CONFIG_DIR/ca.crt cakey=$CONFIG_DIR/autorite.key
  if [[ -f $ca ]]; then
    unchanged "autorité de la fédération : $ca (inchangée)"
    return
  fi
  (umask 077 && openssl req -x509 -newkey rsa:3072 -nodes -days 3650 \
    -subj "/CN=Autorite ACSRV $(hostname -s)" -keyout "$cakey" -out "$ca" 2>"$WORK/openssl.log") \
    || { cat "$WORK/openssl.log" >&2; die "l'autorité n'a pas pu être créée"; }
  chmod 644 "$ca"
  changed "autorité de la fédération créée : $ca (clé : $cakey, mode 600)"
}

# Why the server's certificate must be (re)issued, in French; nothing when it is right.
server_certificate_fault() {
  local ca=$1 crt=$2 key=$3
  if [[ ! -f $crt || ! -f $key ]]; then
    echo "il n'existe pas encore"
  elif ! openssl verify -CAfile "$ca" "$crt" >/dev/null 2>&1; then
    echo "il n'est pas signé par l'autorité $ca (ou il a expiré)"
  elif ! cert_covers_hosts "$crt"; then
    echo "il ne porte pas tous les noms ${HOSTS[*]}"
  elif ! openssl x509 -noout -checkend 2592000 -in "$crt" >/dev/null; then
    echo "il expire dans moins de 30 jours"
  elif ! key_matches_cert "$crt" "$key"; then
    echo "la clé $key ne lui correspond pas"
  fi
}

# The server's certificate is (re)issued when missing, not signed by our authority, not carrying
# every --host name, or expiring within 30 days; otherwise it is left alone.
make_server_certificate() {
  local ca=$CONFIG_DIR/ca.crt cakey=$CONFIG_DIR/autorite.key
  local crt=$CONFIG_DIR/serveur.crt key=$CONFIG_DIR/serveur.key reason
  reason=$(server_certificate_fault "$ca" "$crt" "$key")
  if [[ -z $reason ]]; then
    unchanged "certificat du serveur : $crt ($(openssl x509 -noout -enddate -in "$crt" | cut -d= -f2))"
    return
  fi
  echo "  Le certificat du serveur est à refaire : $reason."
  [[ -f $cakey ]] || die "pour refaire le certificat du serveur, remettez la clé de l'autorité dans $cakey"
  key_matches_cert "$ca" "$cakey" || die "la clé $cakey n'est pas celle de l'autorité $ca"
  local san="" host
  for host in "${HOSTS[@]}"; do
    if is_ip "$host"; then san+=",IP:$host"; else san+=",DNS:$host"; fi
  done
  printf '%s\n' "subjectAltName=${san#,}" "basicConstraints=CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" \
    >"$WORK/san.ext"
  (umask 077 && openssl req -newkey rsa:3072 -nodes -subj "/CN=${HOSTS[0]}" \
    -keyout "$WORK/serveur.key" -out "$WORK/serveur.csr" 2>"$WORK/openssl.log" \
    && openssl x509 -req -in "$WORK/serveur.csr" -CA "$ca" -CAkey "$cakey" \
      -CAserial "$WORK/ca.srl" -CAcreateserial -days 730 -extfile "$WORK/san.ext" \
      -out "$WORK/serveur.crt" 2>>"$WORK/openssl.log") \
    || { cat "$WORK/openssl.log" >&2; die "le certificat du serveur n'a pas pu être créé"; }
  install -m 0644 -o postgres -g postgres "$WORK/serveur.crt" "$crt"
  install -m 0600 -o postgres -g postgres "$WORK/serveur.key" "$key"
  TLS_CHANGED=1
  changed "certificat du serveur créé pour ${san#,} (deux ans) : $crt"
}

setup_tls() {
  step "2. Certificat TLS ($CONFIG_DIR)"
  install -d -m 0755 -o root -g root "$CONFIG_DIR"
  if [[ -n $CERT ]]; then
    install_given_certificate
  else
    make_authority
    make_server_certificate
  fi
}

# shared_preload_libraries is a single setting: keep what the server already loads, add auth_delay.
preload_libraries() {
  local current=""
  if [[ $(cluster_status) == online ]]; then
    current=$(sql <<<"SHOW shared_preload_libraries;")
  fi
  printf '%s\n' auth_delay ${current//,/ } | awk 'NF && !seen[$0]++' | paste -sd, - \
    | sed 's/,/, /g'
}

DROPIN_CHANGED=0
configure_postgresql() {
  step "3. Configuration de PostgreSQL ($CONF)"
  if grep -Eq "^[[:space:]]*include_dir[[:space:]]*=?[[:space:]]*'conf\.d'" "$CONF/postgresql.conf"; then
    unchanged "postgresql.conf lit le dossier conf.d"
  else
    printf "\n# Ajouté par server-setup.sh (acsrv-desktop) : la configuration de l'ACSRV.\ninclude_dir = 'conf.d'\n" \
      >>"$CONF/postgresql.conf"
    changed "include_dir = 'conf.d' ajouté à postgresql.conf"
  fi
  local libraries
  libraries=$(preload_libraries)
  write_file "$CONF/conf.d/50-acsrv.conf" 0644 postgres:postgres "réglages de l'ACSRV" <<EOF && DROPIN_CHANGED=1 || true
# Écrit par server-setup.sh (acsrv-desktop) : relancez le script plutôt que de modifier ce fichier.
listen_addresses = '$LISTEN'
ssl = on
ssl_cert_file = '$CONFIG_DIR/serveur.crt'
ssl_key_file = '$CONFIG_DIR/serveur.key'
ssl_min_protocol_version = 'TLSv1.2'
password_encryption = 'scram-sha-256'
# Chaque essai de mot de passe manqué attend une seconde : deviner un mot de passe devient lent.
shared_preload_libraries = '$libraries'
auth_delay.milliseconds = 1000
log_connections = on
EOF
  # ALTER SYSTEM writes postgresql.auto.conf, which is read last and would win over the drop-in.
  if grep -Eqs '^[[:space:]]*(listen_addresses|ssl|password_encryption|shared_preload_libraries|auth_delay)' \
    "$DATA/postgresql.auto.conf"; then
    warn "$DATA/postgresql.auto.conf (ALTER SYSTEM) remplace certains de ces réglages : vérifiez-le"
  fi
}

HBA_CHANGED=0
configure_hba() {
  step "4. Qui peut se connecter : pg_hba.conf"
  local hba=$CONF/pg_hba.conf networks=("$NETWORK" 127.0.0.1/32 ::1/128) net
  {
    echo "# Écrit par server-setup.sh (acsrv-desktop) ; l'ancien fichier est gardé à côté,"
    echo "# daté (pg_hba.conf.avant-acsrv-*). Seules les connexions chiffrées sont acceptées."
    printf '%-10s %-10s %-10s %-18s %s\n' '# TYPE' BASE ROLE ADRESSE METHODE \
      local all postgres '' peer
    for net in $(printf '%s\n' "${networks[@]}" | awk '!seen[$0]++'); do
      printf '%-10s %-10s %-10s %-18s %s\n' hostssl "$DATABASE" all "$net" scram-sha-256
    done
    printf '%-10s %-10s %-10s %-18s %s\n' hostnossl all all 0.0.0.0/0 reject \
      hostnossl all all ::/0 reject
  } >"$WORK/hba"
  if cmp -s "$WORK/hba" "$hba"; then
    unchanged "pg_hba.conf : $hba (inchangé)"
    return
  fi
  local backup
  backup=$hba.avant-acsrv-$(date +%Y-%m-%d-%H%M%S)
  [[ ! -f $hba ]] || cp -p "$hba" "$backup"
  install -m 0640 -o postgres -g postgres "$WORK/hba" "$hba"
  HBA_CHANGED=1
  changed "pg_hba.conf écrit : $hba (ancien fichier : $backup)"
}

cluster_status() { pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}'; }
apply_configuration() {
  step "5. Démarrage de PostgreSQL"
  local action=""
  if [[ $(cluster_status) != online ]]; then
    action=start
  elif ((DROPIN_CHANGED)); then
    action=restart  # shared_preload_libraries is read only at start-up
  elif ((HBA_CHANGED || TLS_CHANGED)); then
    action=reload
  fi
  if [[ -z $action ]]; then
    unchanged "PostgreSQL $VERSION/$CLUSTER tourne déjà avec cette configuration"
  else
    pg_ctlcluster "$VERSION" "$CLUSTER" "$action" || {
      tail -n 20 "/var/log/postgresql/postgresql-$VERSION-$CLUSTER.log" >&2 || true
      die "PostgreSQL $VERSION/$CLUSTER n'a pas accepté la commande $action (journal ci-dessus)"
    }
    changed "PostgreSQL $VERSION/$CLUSTER : $action"
  fi
  local ssl delay
  ssl=$(sql <<<"SHOW ssl;") delay=$(sql <<<"SHOW auth_delay.milliseconds;" 2>/dev/null || true)
  [[ $ssl == on ]] || die "PostgreSQL tourne sans TLS (ssl = $ssl) : voyez $CONF/conf.d/50-acsrv.conf"
  [[ $delay == 1s ]] || die "auth_delay n'est pas chargé (auth_delay.milliseconds = ${delay:-absent})"
  unchanged "TLS actif, essais manqués ralentis d'une seconde (auth_delay), port $PORT"
}

# The SCRAM-SHA-256 verifier PostgreSQL stores (RFC 5802, as libpq's PQencryptPasswordConn makes
# it), computed here so that the password itself never reaches the server, its logs or argv.
# The password comes on stdin; perl and Digest::SHA come with postgresql-common.
scram_verifier() {
  perl -MDigest::SHA=hmac_sha256,sha256 -MMIME::Base64 -e '
    local $/; my $password = <STDIN>;
    open(my $random, "<:raw", "/dev/urandom") or die; read($random, my $salt, 16) == 16 or die;
    my $iterations = 4096;
    my $u = hmac_sha256($salt . pack("N", 1), $password); my $salted = $u;
    for (2 .. $iterations) { $u = hmac_sha256($u, $password); $salted ^= $u; }
    my $stored = sha256(hmac_sha256("Client Key", $salted));
    my $server = hmac_sha256("Server Key", $salted);
    printf "SCRAM-SHA-256\$%d:%s\$%s:%s", $iterations,
      map { encode_base64($_, "") } $salt, $stored, $server;'
}

read_new_password() {
  local password=${ACSRV_NOUVEAU_MOT_DE_PASSE:-} again
  if [[ -z $password ]]; then
    { : </dev/tty; } 2>/dev/null || die "donnez le mot de passe du rôle $OWNER dans ACSRV_NOUVEAU_MOT_DE_PASSE"
    read -rsp "Mot de passe du rôle $OWNER : " password </dev/tty; echo >&2
    read -rsp "Le même, une seconde fois : " again </dev/tty; echo >&2
    [[ $password == "$again" ]] || die "les deux mots de passe diffèrent"
  fi
  ((${#password} >= 12)) || die "le mot de passe du rôle $OWNER doit avoir au moins 12 caractères"
  # Non-ASCII passwords are normalised by PostgreSQL (SASLprep) and typed differently from one
  # keyboard to another: the owner's password stays in plain ASCII.
  LC_ALL=C
  [[ $password =~ ^[\ -~]+$ ]] || die "le mot de passe : lettres sans accent, chiffres et signes seulement"
  printf '%s' "$password"
}

OWNER_PASSWORD=""  # kept only to offer server init at the end of this run
set_owner_password() {
  local verifier
  OWNER_PASSWORD=$(read_new_password) || exit 1
  verifier=$(printf '%s' "$OWNER_PASSWORD" | scram_verifier)
  [[ $verifier =~ ^SCRAM-SHA-256\$4096: ]] || die "l'empreinte du mot de passe n'a pas pu être calculée"
  # Only the verifier is sent, and the session logs nothing of the statement anyway.
  sql <<<"SET log_statement = 'none'; SET log_min_error_statement = 'panic';
ALTER ROLE \"$OWNER\" PASSWORD '$verifier';"
  changed "mot de passe du rôle $OWNER enregistré (empreinte SCRAM-SHA-256)"
}

ensure_owner() {
  step "6. Le rôle propriétaire et la base"
  local row
  row=$(sql <<<"SELECT rolsuper, rolcreaterole, rolcanlogin, rolpassword IS NOT NULL
                FROM pg_authid WHERE rolname = '$OWNER';")
  if [[ -z $row ]]; then
    sql <<<"CREATE ROLE \"$OWNER\" LOGIN CREATEROLE NOSUPERUSER;"
    changed "rôle $OWNER créé (LOGIN CREATEROLE, pas superutilisateur)"
    set_owner_password
    return
  fi
  if [[ $row == f\|t\|t\|* ]]; then
    unchanged "rôle $OWNER présent (LOGIN CREATEROLE, pas superutilisateur)"
  else
    sql <<<"ALTER ROLE \"$OWNER\" LOGIN CREATEROLE NOSUPERUSER;"
    changed "rôle $OWNER remis à LOGIN CREATEROLE, pas superutilisateur"
  fi
  if [[ $row == *\|t && $NEW_PASSWORD -eq 0 ]]; then
    unchanged "rôle $OWNER : mot de passe déjà donné, inchangé (--new-password pour le changer)"
  else
    set_owner_password
  fi
}

ensure_database() {
  local owner
  owner=$(sql <<<"SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$DATABASE';")
  if [[ -z $owner ]]; then
    # The application stores French text: the database is UTF-8 whatever the server's locale.
    local options=""
    [[ $(sql <<<"SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'template1';") == UTF8 ]] \
      || options="TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
    sql <<<"CREATE DATABASE \"$DATABASE\" OWNER \"$OWNER\" $options;"
    changed "base $DATABASE créée, propriété de $OWNER"
  elif [[ $owner == "$OWNER" ]]; then
    unchanged "base $DATABASE présente, propriété de $OWNER"
  else
    die "la base $DATABASE existe déjà et appartient à $owner, pas à $OWNER : vérifiez avant de continuer"
  fi
  # datacl NULL is the default, which lets PUBLIC connect and create temporary tables.
  if [[ $(sql <<<"SELECT datacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(datacl) WHERE grantee = 0)
                 FROM pg_database WHERE datname = '$DATABASE';") == t ]]; then
    sql <<<"REVOKE ALL ON DATABASE \"$DATABASE\" FROM PUBLIC;"
    changed "REVOKE ALL ON DATABASE $DATABASE FROM PUBLIC"
  else
    unchanged "PUBLIC n'a aucun droit sur la base $DATABASE"
  fi
}

BACKUP_NAME=""
backup_script() {
  cat <<EOF
#!/bin/sh
# Sauvegarde nocturne de la base $DATABASE (grappe $VERSION/$CLUSTER), écrite par server-setup.sh
# (acsrv-desktop) : relancez ce script plutôt que de modifier celui-ci à la main.
# Garde les 14 dernières sauvegardes quotidiennes et les 12 dernières mensuelles (mode 600).
set -eu
umask 077
dossier='$BACKUP_DIR'
base='$DATABASE'
grappe='$VERSION/$CLUSTER'
cd /
mkdir -p "\$dossier"
chmod 700 "\$dossier"
quotidien="\$dossier/\$base-quotidien-\$(date +%Y-%m-%d).dump"
mensuel="\$dossier/\$base-mensuel-\$(date +%Y-%m).dump"
trap 'rm -f "\$quotidien.partiel" "\$dossier/\$base-roles.sql.partiel"' EXIT
runuser -u postgres -- pg_dump --cluster "\$grappe" --format=custom "\$base" >"\$quotidien.partiel"
mv -f "\$quotidien.partiel" "\$quotidien"
[ -e "\$mensuel" ] || cp -p "\$quotidien" "\$mensuel"
# Les rôles appartiennent à la grappe, pas à la base : ils sont sauvegardés à part.
runuser -u postgres -- pg_dumpall --cluster "\$grappe" --roles-only >"\$dossier/\$base-roles.sql.partiel"
mv -f "\$dossier/\$base-roles.sql.partiel" "\$dossier/\$base-roles.sql"
ls -1 "\$dossier/\$base-quotidien-"*.dump | sort | head -n -14 | xargs -r rm -f --
ls -1 "\$dossier/\$base-mensuel-"*.dump | sort | head -n -12 | xargs -r rm -f --
echo "Sauvegarde écrite : \$quotidien (\$(du -h "\$quotidien" | cut -f1))"
EOF
}

schedule_systemd() {
  [[ -d /run/systemd/system ]] || die "systemd ne tourne pas sur ce serveur : prenez --scheduler cron"
  local unit=/etc/systemd/system/$BACKUP_NAME reload=0
  write_file "$unit.service" 0644 root:root "service de sauvegarde" <<EOF && reload=1 || true
[Unit]
Description=Sauvegarde de la base $DATABASE de l'ACSRV (pg_dump)
After=postgresql.service

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/$BACKUP_NAME
EOF
  write_file "$unit.timer" 0644 root:root "minuterie de sauvegarde" <<EOF && reload=1 || true
[Unit]
Description=Sauvegarde de la base $DATABASE de l'ACSRV chaque nuit

[Timer]
OnCalendar=*-*-* 02:30
Persistent=true

[Install]
WantedBy=timers.target
EOF
  ((reload == 0)) || systemctl daemon-reload
  if systemctl is-enabled --quiet "$BACKUP_NAME.timer" && systemctl is-active --quiet "$BACKUP_NAME.timer"; then
    unchanged "minuterie $BACKUP_NAME.timer active (chaque nuit à 2 h 30)"
  else
    systemctl enable --now "$BACKUP_NAME.timer"
    changed "minuterie $BACKUP_NAME.timer activée (chaque nuit à 2 h 30)"
  fi
}

schedule_cron() {
  write_file "/etc/cron.d/$BACKUP_NAME" 0644 root:root "tâche cron de sauvegarde (2 h 30)" <<EOF || true
# Sauvegarde de la base $DATABASE de l'ACSRV chaque nuit (écrit par server-setup.sh).
SHELL=/bin/sh
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
30 2 * * * root /usr/local/sbin/$BACKUP_NAME
EOF
  command -v cron >/dev/null \
    || warn "cron n'est pas installé : sans lui la sauvegarde ne part pas (apt-get install cron)"
}

setup_backup() {
  step "7. Sauvegarde de chaque nuit ($BACKUP_DIR)"
  BACKUP_NAME=acsrv-sauvegarde
  [[ $CLUSTER == main && $DATABASE == acsrv ]] || BACKUP_NAME=acsrv-sauvegarde-$CLUSTER-$DATABASE
  install -d -m 0700 -o root -g root "$BACKUP_DIR"
  backup_script | write_file "/usr/local/sbin/$BACKUP_NAME" 0700 root:root "script de sauvegarde" || true
  if [[ -f $SCRIPTS/server-restore-test.sh ]]; then
    install_file "$SCRIPTS/server-restore-test.sh" /usr/local/sbin/acsrv-essai-restauration 0755 \
      root:root "essai de restauration" || true
  else
    warn "$SCRIPTS/server-restore-test.sh manque : l'essai de restauration n'est pas installé"
  fi
  local scheduler=$SCHEDULER
  if [[ $scheduler == auto ]]; then
    if [[ -d /run/systemd/system ]]; then scheduler=systemd; else scheduler=cron; fi
  fi
  "schedule_$scheduler"
}

server_url() {
  local host=${HOSTS[0]} port=""
  [[ $host != *:* ]] || host="[$host]"
  [[ $PORT == 5432 ]] || port=":$PORT"
  printf 'postgresql+psycopg://%s@%s%s/%s?sslrootcert=%s' "$OWNER" "$host" "$port" "$DATABASE" "$1"
}

print_next_steps() {
  local ca=$CONFIG_DIR/ca.crt restore=""
  [[ -f $ca ]] || ca="CHEMIN/DE/L-AUTORITE.crt"
  [[ $CLUSTER == main && $DATABASE == acsrv && $BACKUP_DIR == /var/backups/acsrv ]] \
    || restore=" --cluster $CLUSTER --database $DATABASE --backup-dir $BACKUP_DIR"
  step "Terminé."
  if ((CHANGES == 0)); then
    echo "Rien n'a changé : le serveur était déjà configuré ainsi."
  else
    echo "$CHANGES modification(s) faite(s)."
  fi
  cat <<EOF

Le certificat de l'autorité que chaque poste doit recevoir : $ca
  (à copier par exemple dans /etc/acsrv/ca.crt ou C:\\ProgramData\\ACSRV\\ca.crt, puis à nommer dans
  l'adresse par sslrootcert=… ou dans la préférence « server/ca_file » de l'application).
EOF
  [[ -n $CERT || ! -f $CONFIG_DIR/autorite.key ]] || cat <<EOF
La clé de l'autorité, $CONFIG_DIR/autorite.key, signe les certificats : rangez-en une copie hors
du serveur (coffre) ; elle ne sert ici que pour refaire le certificat du serveur.
EOF
  cat <<EOF

Prochaine étape, depuis un poste où l'application est installée (ou sur ce serveur) : le mot de
passe du rôle $OWNER se donne par ~/.pgpass (mode 600) ou la variable PGPASSWORD, puis

  acsrv-desktop server init --db '$(server_url "$ca")' \\
    --admin-login prenom.nom --admin-name "Prénom Nom"

Sauvegarde à la main : /usr/local/sbin/$BACKUP_NAME
Essai de restauration (une fois par mois) : acsrv-essai-restauration$restore
EOF
}

offer_server_init() {
  command -v acsrv-desktop >/dev/null && [[ -t 0 && -f $CONFIG_DIR/ca.crt ]] || return 0
  [[ -n $OWNER_PASSWORD || -n ${PGPASSWORD:-} || -f ~/.pgpass ]] || return 0
  local answer login name
  read -rp $'\nacsrv-desktop est installé ici : lancer server init maintenant ? [o/N] ' answer
  [[ $answer == [oO]* ]] || return 0
  read -rp "Identifiant du premier administrateur (prenom.nom) : " login
  read -rp "Son nom (Prénom Nom) : " name
  # The owner's password for libpq; ACSRV_NOUVEAU_MOT_DE_PASSE, if given, was the owner's: the
  # administrator's own password is asked by server init.
  env -u ACSRV_NOUVEAU_MOT_DE_PASSE ${OWNER_PASSWORD:+PGPASSWORD="$OWNER_PASSWORD"} \
    acsrv-desktop server init --db "$(server_url "$CONFIG_DIR/ca.crt")" --admin-login "$login" \
    --admin-name "$name"
}

main() {
  parse_options "$@"
  check_options
  WORK=$(mktemp -d)
  install_packages
  ensure_cluster
  setup_tls
  configure_postgresql
  configure_hba
  apply_configuration
  ensure_owner
  ensure_database
  setup_backup
  print_next_steps
  offer_server_init
}

main "$@"
