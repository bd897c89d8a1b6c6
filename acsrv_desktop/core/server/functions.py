"""The owner's functions on the shared server: what a staff login may do only through them.

Each is ``SECURITY DEFINER`` (it runs with the owner's rights) with a fixed ``search_path``
(nobody can slip a function of their own in front of one it calls), checks who called it
(``session_user``: the person's own login, whatever role they ``SET ROLE`` to) and does one
thing. ``EXECUTE`` on them is granted group by group in ``privileges`` (PUBLIC has none).

- Accounts: a person's PostgreSQL login and its row in ``staff_account`` are created, changed
  and deactivated together (``NOLOGIN``), by administration only; a login's password is set
  as a SCRAM verifier computed on the workstation, never as the password itself.
- ``acsrv_signed_in()``: who the session's login is in the application (the sign-in).
- ``acsrv_current_centre()``: the centre row-level security keeps an accueil login to.
- The audit trail: every entry stamped with the session's login and the server's time; every
  change of people, visits, accounts and settings recorded by a trigger, in the transaction of
  the change; old entries purged by ``acsrv_purge_audit()`` alone.
- ``acsrv_replace_name_tokens``: a visitor's name words replaced without DELETE on the table
  (a login that may DELETE may also LOCK the table and stall every desk).

Applied by ``server init`` and ``server migrate`` (``CREATE OR REPLACE``: idempotent).
"""

from __future__ import annotations

from sqlalchemy import Connection

_DEFINER = "SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp"

# Tables whose every row change is written to the audit trail by a trigger (the catalogue's
# are not: administration edits it through the application, which traces its imports).
AUDITED_TABLES = ("visitor", "visit", "referral", "staff_account", "app_setting", "centre")
# An account's sign-in time changes at every sign-in (which the application traces itself):
# only what makes the account what it is is recorded.
AUDITED_UPDATES = {
    "staff_account": "UPDATE OF login, display_name, role, centre_id, active, password_changed_at"
}
AUDIT_TRIGGER = "acsrv_audit_change"
AUDIT_STAMP_TRIGGER = "acsrv_audit_stamp"

FUNCTIONS: dict[str, str] = {
    # -- who is signed in ------------------------------------------------------------------
    "acsrv_is_administrator()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_is_administrator() RETURNS boolean
        LANGUAGE sql STABLE {_DEFINER} AS $$
            SELECT session_user = current_user  -- the owner itself (IT's commands)
                OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
                OR (pg_has_role(session_user, 'acsrv_administration', 'MEMBER')
                    AND EXISTS (SELECT 1 FROM public.staff_account
                                WHERE login = session_user AND active
                                  AND role = 'administration'))
        $$""",
    "acsrv_account_active()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_account_active() RETURNS boolean
        LANGUAGE sql STABLE {_DEFINER} AS $$
            SELECT EXISTS (SELECT 1 FROM public.staff_account
                           WHERE login = session_user AND active)
        $$""",
    "acsrv_current_centre()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_current_centre() RETURNS integer
        LANGUAGE sql STABLE {_DEFINER} AS $$
            SELECT centre_id FROM public.staff_account WHERE login = session_user AND active
        $$""",
    "acsrv_signed_in()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_signed_in(
            OUT account_id integer, OUT login text, OUT display_name text, OUT role text,
            OUT centre_id integer)
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        BEGIN
            UPDATE public.staff_account AS a SET last_sign_in_at = now()
             WHERE a.login = session_user AND a.active
            RETURNING a.id, a.login, a.display_name, a.role, a.centre_id
                 INTO account_id, login, display_name, role, centre_id;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'aucun compte actif pour %', session_user
                    USING ERRCODE = '28000';
            END IF;
        END
        $$""",
    # -- accounts ---------------------------------------------------------------------------
    "acsrv_group_of(text)": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_group_of(p_role text) RETURNS text
        LANGUAGE plpgsql IMMUTABLE {_DEFINER} AS $$
        BEGIN
            RETURN CASE p_role
                WHEN 'accueil' THEN 'acsrv_accueil'
                WHEN 'coordination' THEN 'acsrv_coordination'
                WHEN 'administration' THEN 'acsrv_administration'
                ELSE NULL END;
        END
        $$""",
    "acsrv_require_administrator()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_require_administrator() RETURNS void
        LANGUAGE plpgsql STABLE {_DEFINER} AS $$
        BEGIN
            IF NOT public.acsrv_is_administrator() THEN
                RAISE EXCEPTION 'réservé à l''administration' USING ERRCODE = '42501';
            END IF;
        END
        $$""",
    "acsrv_check_verifier(text)": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_check_verifier(p_verifier text) RETURNS void
        LANGUAGE plpgsql IMMUTABLE {_DEFINER} AS $$
        BEGIN
            -- A SCRAM-SHA-256 verifier made on the workstation, never a password in clear.
            IF p_verifier IS NULL OR p_verifier !~
               '^SCRAM-SHA-256\\$[0-9]+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
                RAISE EXCEPTION 'vérificateur SCRAM-SHA-256 attendu' USING ERRCODE = '22023';
            END IF;
        END
        $$""",
    "acsrv_check_staff_login(text)": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_check_staff_login(p_login text) RETURNS boolean
        LANGUAGE plpgsql STABLE {_DEFINER} AS $$
        BEGIN
            -- Whether p_login is a staff login these functions may change: a login of one
            -- of the groups, nothing more (never the owner, a superuser, a role maker);
            -- false when it has no role (an account of before personal logins).
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
                RETURN false;
            END IF;
            IF p_login = current_user OR EXISTS (
                   SELECT 1 FROM pg_roles WHERE rolname = p_login
                      AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication
                           OR rolbypassrls))
               OR NOT (pg_has_role(p_login, 'acsrv_accueil', 'MEMBER')
                       OR pg_has_role(p_login, 'acsrv_coordination', 'MEMBER')
                       OR pg_has_role(p_login, 'acsrv_administration', 'MEMBER')) THEN
                RAISE EXCEPTION 'le rôle % n''est pas un compte du personnel', p_login
                    USING ERRCODE = '42501';
            END IF;
            RETURN true;
        END
        $$""",
    "acsrv_account_create(text,text,text,integer,text)": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_account_create(
            p_login text, p_display_name text, p_role text, p_centre_id integer,
            p_verifier text) RETURNS integer
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        DECLARE
            v_group text := public.acsrv_group_of(p_role);
            v_id integer;
        BEGIN
            PERFORM public.acsrv_require_administrator();
            PERFORM public.acsrv_check_verifier(p_verifier);
            IF p_login IS NULL OR p_login !~ '^[a-z0-9][a-z0-9._-]{{1,39}}$' THEN
                RAISE EXCEPTION 'identifiant invalide' USING ERRCODE = '22023';
            END IF;
            IF v_group IS NULL THEN
                RAISE EXCEPTION 'rôle inconnu : %', p_role USING ERRCODE = '22023';
            END IF;
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
                RAISE EXCEPTION 'le rôle % existe déjà', p_login USING ERRCODE = '42710';
            END IF;
            EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT '
                           'NOREPLICATION NOBYPASSRLS IN ROLE %I PASSWORD %L',
                           p_login, v_group, p_verifier);
            INSERT INTO public.staff_account (login, display_name, role, centre_id,
                    password_hash, active, failed_attempts, password_changed_at, created_at)
                 VALUES (p_login, p_display_name, p_role, p_centre_id, '!postgresql', true, 0,
                         now(), now())
              RETURNING id INTO v_id;
            RETURN v_id;
        END
        $$""",
    "acsrv_account_update(integer,text,text,integer,boolean)": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_account_update(
            p_account_id integer, p_display_name text, p_role text, p_centre_id integer,
            p_active boolean) RETURNS void
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        DECLARE
            v_account public.staff_account%ROWTYPE;
            v_group text := public.acsrv_group_of(p_role);
        BEGIN
            PERFORM public.acsrv_require_administrator();
            IF v_group IS NULL THEN
                RAISE EXCEPTION 'rôle inconnu : %', p_role USING ERRCODE = '22023';
            END IF;
            SELECT * INTO v_account FROM public.staff_account WHERE id = p_account_id
               FOR UPDATE;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'compte inconnu' USING ERRCODE = 'P0002';
            END IF;
            IF public.acsrv_check_staff_login(v_account.login) THEN
                IF v_account.role <> p_role THEN
                    EXECUTE format('REVOKE %I FROM %I',
                                   public.acsrv_group_of(v_account.role), v_account.login);
                    EXECUTE format('GRANT %I TO %I', v_group, v_account.login);
                END IF;
                EXECUTE format('ALTER ROLE %I %s', v_account.login,
                               CASE WHEN p_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
            END IF;
            UPDATE public.staff_account
               SET display_name = p_display_name, role = p_role, centre_id = p_centre_id,
                   active = p_active
             WHERE id = p_account_id;
        END
        $$""",
    "acsrv_account_set_password(integer,text)": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_account_set_password(
            p_account_id integer, p_verifier text) RETURNS void
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        DECLARE
            v_login text;
        BEGIN
            SELECT login INTO v_login FROM public.staff_account WHERE id = p_account_id;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'compte inconnu' USING ERRCODE = 'P0002';
            END IF;
            IF v_login <> session_user THEN  -- one's own, or administration
                PERFORM public.acsrv_require_administrator();
            END IF;
            PERFORM public.acsrv_check_verifier(p_verifier);
            IF NOT public.acsrv_check_staff_login(v_login) THEN
                RAISE EXCEPTION 'aucun rôle de connexion pour %', v_login
                    USING ERRCODE = 'P0002';
            END IF;
            EXECUTE format('ALTER ROLE %I PASSWORD %L', v_login, p_verifier);
            UPDATE public.staff_account
               SET password_changed_at = now(), failed_attempts = 0, blocked_until = NULL
             WHERE id = p_account_id;
        END
        $$""",
    # -- the visitor lookup's words ---------------------------------------------------------
    "acsrv_replace_name_tokens(integer,text[])": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_replace_name_tokens(
            p_visitor_id integer, p_tokens text[]) RETURNS void
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        BEGIN
            DELETE FROM public.visitor_name_token WHERE visitor_id = p_visitor_id;
            INSERT INTO public.visitor_name_token (visitor_id, token)
                 SELECT DISTINCT p_visitor_id, left(t, 100) FROM unnest(p_tokens) AS t;
        END
        $$""",
    # -- the audit trail --------------------------------------------------------------------
    "acsrv_audit_stamp()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_audit_stamp() RETURNS trigger
        LANGUAGE plpgsql {_DEFINER} AS $$
        BEGIN
            -- Whoever writes an entry, it names the session's login and the server's time
            -- (the owner's own commands, a transfer among them, keep theirs).
            IF session_user <> current_user THEN
                -- The server's own actions are written by its triggers (nested: depth 2),
                -- never by a session directly.
                IF pg_trigger_depth() = 1 AND (NEW.action LIKE 'base-%'
                                               OR NEW.action = 'base-transferee') THEN
                    RAISE EXCEPTION 'action réservée au serveur : %', NEW.action
                        USING ERRCODE = '42501';
                END IF;
                NEW.actor := session_user;
                NEW.occurred_at := now();
                NEW.account_id := (SELECT id FROM public.staff_account
                                    WHERE login = session_user);
            END IF;
            RETURN NEW;
        END
        $$""",
    "acsrv_audit_change()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_audit_change() RETURNS trigger
        LANGUAGE plpgsql {_DEFINER} AS $$
        DECLARE
            v_row jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
        BEGIN
            IF session_user = current_user THEN
                RETURN NULL;  -- the owner's commands trace themselves
            END IF;
            INSERT INTO public.audit_entry (occurred_at, account_id, actor, action,
                                            record_type, record_id, details)
                 VALUES (now(), NULL, session_user,
                         CASE TG_OP WHEN 'INSERT' THEN 'base-ajout'
                                    WHEN 'UPDATE' THEN 'base-modification'
                                    ELSE 'base-suppression' END,
                         TG_TABLE_NAME, coalesce(v_row->>'id', v_row->>'key'), '{{}}');
            RETURN NULL;
        END
        $$""",
    "acsrv_purge_audit(integer)": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_purge_audit(p_kept_days integer)
            RETURNS integer
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        DECLARE
            v_count integer;
        BEGIN
            PERFORM public.acsrv_require_administrator();
            IF p_kept_days IS NULL OR p_kept_days < 366 THEN  -- never younger than 12 months
                RAISE EXCEPTION 'durée de conservation trop courte' USING ERRCODE = '22023';
            END IF;
            DELETE FROM public.audit_entry
             WHERE occurred_at < now() - make_interval(days => p_kept_days);
            GET DIAGNOSTICS v_count = ROW_COUNT;
            RETURN v_count;
        END
        $$""",
}

# Who may call which (the helpers they call run as the owner and need no grant).
EXECUTE_GRANTS: dict[str, tuple[str, ...]] = {
    "acsrv_signed_in()": ("accueil", "coordination", "administration"),
    "acsrv_current_centre()": ("accueil", "coordination", "administration"),
    "acsrv_account_active()": ("accueil", "coordination", "administration"),
    "acsrv_is_administrator()": ("accueil", "coordination", "administration"),
    "acsrv_account_set_password(integer,text)": ("accueil", "coordination", "administration"),
    "acsrv_replace_name_tokens(integer,text[])": ("accueil", "coordination", "administration"),
    "acsrv_account_create(text,text,text,integer,text)": ("administration",),
    "acsrv_account_update(integer,text,text,integer,boolean)": ("administration",),
    "acsrv_purge_audit(integer)": ("administration",),
}


def create_functions(connection: Connection) -> None:
    for statement in FUNCTIONS.values():
        connection.exec_driver_sql(statement.replace("%", "%%"))


def create_audit_triggers(connection: Connection) -> None:
    connection.exec_driver_sql(
        f"DROP TRIGGER IF EXISTS {AUDIT_STAMP_TRIGGER} ON public.audit_entry"
    )
    connection.exec_driver_sql(
        f"CREATE TRIGGER {AUDIT_STAMP_TRIGGER} BEFORE INSERT ON public.audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION public.acsrv_audit_stamp()"
    )
    for table in AUDITED_TABLES:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {AUDIT_TRIGGER} ON public.{table}")
        changes = AUDITED_UPDATES.get(table, "UPDATE")
        connection.exec_driver_sql(
            f"CREATE TRIGGER {AUDIT_TRIGGER} AFTER INSERT OR {changes} OR DELETE "
            f"ON public.{table} FOR EACH ROW EXECUTE FUNCTION public.acsrv_audit_change()"
        )
