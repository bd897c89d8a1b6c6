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
- A référent de programme (issue 17) holds no right on referrals, visits or people: it reads
  the referrals addressed to its programmes, with only the columns it needs to reach the
  person, through ``acsrv_referent_referrals()``, and answers through
  ``acsrv_answer_referral(…)`` (the status fields alone); its programmes are set by
  administration through ``acsrv_replace_referent_programmes(…)``.
- The audit trail: every entry stamped with the session's login and the server's time; every
  change of people, visits, accounts and settings recorded by a trigger, in the transaction of
  the change; old entries purged by ``acsrv_purge_audit()`` alone.
- ``acsrv_replace_name_tokens``: a visitor's name words replaced without DELETE on the table
  (a login that may DELETE may also LOCK the table and stall every desk);
  ``acsrv_forget_name_tokens``: the words of records the retention purge has anonymised;
  ``acsrv_replace_programme_contacts``: a programme's contacts, for administration (no login
  holds DELETE on any table, so none may LOCK one).
- The people a centre sees: ``visitor.acsrv_centres`` (a column of the server's, not of the
  application's model) lists the centres where a person was registered or came; triggers keep
  it, row-level security reads it. Someone seen only elsewhere is found through
  ``acsrv_find_elsewhere`` (the full name and the birth year; just enough to tell them apart,
  and traced) and brought to the centre by ``acsrv_welcome_visitor`` (traced).

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
# Columns the server adds to the application's tables (never granted for UPDATE).
SERVER_COLUMNS: dict[str, tuple[str, ...]] = {"visitor": ("acsrv_centres",)}
VISITOR_CENTRES_DDL = (
    "ALTER TABLE public.visitor ADD COLUMN IF NOT EXISTS acsrv_centres integer[] "
    "NOT NULL DEFAULT '{}'"
)
# The centres where each person came, from the visits (``server init`` / ``migrate``, and
# after a transfer): rows already right are not rewritten.
VISITOR_CENTRES_BACKFILL = """
    UPDATE public.visitor AS v SET acsrv_centres = seen.centres
      FROM (SELECT visitor_id, array_agg(DISTINCT centre_id ORDER BY centre_id) AS centres
              FROM public.visit WHERE visitor_id IS NOT NULL GROUP BY visitor_id) AS seen
     WHERE seen.visitor_id = v.id AND NOT (v.acsrv_centres @> seen.centres)
"""

# The security layer's version: raised by hand whenever FUNCTIONS, the grants or the policies
# change (a test pins the layer's digest to it). A desk compares it at sign-in with the
# server's ``acsrv_security_version()``, so a server not migrated since, or a desk older than
# the server, is refused in French instead of failing later on a missing function or right.
SECURITY_VERSION = 3
# Where a référent may take a referral's status (``reception.referrals.TRANSITIONS``, which a
# test compares with this copy): (from, to) pairs, and a status may be set again as it is.
ANSWER_TRANSITIONS = (
    ("proposee", "contact-pris"),
    ("proposee", "acceptee"),
    ("proposee", "refusee"),
    ("contact-pris", "acceptee"),
    ("contact-pris", "refusee"),
    ("contact-pris", "proposee"),
    ("acceptee", "terminee"),
    ("acceptee", "refusee"),
    ("acceptee", "contact-pris"),
    ("refusee", "contact-pris"),
    ("terminee", "acceptee"),
)
_TRANSITIONS_SQL = ", ".join(f"('{a}', '{b}')" for a, b in ANSWER_TRANSITIONS)
# What a référent reads of the referrals addressed to its programmes — nothing else of the
# person, the visit or anyone else (``reception.loop.REFERENT_COLUMNS``, the same names).
REFERENT_REFERRAL_COLUMNS = """
    id integer, reference text, programme_id text, programme_name text, centre_id integer,
    centre_name text, created_at timestamptz, first_name text, needs json, reasons json,
    contact_preference text, contact_phone text, contact_email text, availability text,
    message text, status text, refusal_reason text, refusal_note text,
    handled_at timestamptz, status_changed_at timestamptz"""

FUNCTIONS: dict[str, str] = {
    "acsrv_security_version()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_security_version() RETURNS integer
        LANGUAGE sql STABLE {_DEFINER} AS $$ SELECT {SECURITY_VERSION} $$""",
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
    "acsrv_referent_account()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_referent_account() RETURNS integer
        LANGUAGE sql STABLE {_DEFINER} AS $$
            -- The session's account when it is an active référent de programme, else NULL.
            SELECT a.id FROM public.staff_account a
             WHERE a.login = session_user AND a.active AND a.role = 'referent'
               AND pg_has_role(session_user, 'acsrv_referent', 'MEMBER')
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
            IF p_role IN ('accueil', 'coordination', 'administration', 'referent') THEN
                RETURN 'acsrv_' || p_role;
            END IF;
            RAISE EXCEPTION 'rôle inconnu : %', p_role USING ERRCODE = '22023';
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
                       OR pg_has_role(p_login, 'acsrv_administration', 'MEMBER')
                       OR pg_has_role(p_login, 'acsrv_referent', 'MEMBER')) THEN
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
    # -- the people a centre sees ------------------------------------------------------------
    "acsrv_sees_visitor(integer)": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_sees_visitor(p_visitor_id integer)
            RETURNS boolean
        LANGUAGE sql STABLE {_DEFINER} AS $$
            SELECT session_user = current_user
                OR (public.acsrv_account_active() AND public.acsrv_current_centre() IS NULL
                    AND public.acsrv_referent_account() IS NULL)
                OR EXISTS (SELECT 1 FROM public.visitor
                            WHERE id = p_visitor_id
                              AND public.acsrv_current_centre() = ANY(acsrv_centres))
        $$""",
    "acsrv_visitor_registered()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_visitor_registered() RETURNS trigger
        LANGUAGE plpgsql {_DEFINER} AS $$
        DECLARE
            v_centre integer := public.acsrv_current_centre();
        BEGIN
            -- A new record is its desk's centre's (whatever the insert said): the desk sees
            -- it at once, before its first visit is saved in the same transaction.
            IF session_user <> current_user THEN
                NEW.acsrv_centres := CASE WHEN v_centre IS NULL THEN '{{}}'::integer[]
                                          ELSE ARRAY[v_centre] END;
            END IF;
            RETURN NEW;
        END
        $$""",
    "acsrv_visit_centre()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_visit_centre() RETURNS trigger
        LANGUAGE plpgsql {_DEFINER} AS $$
        BEGIN
            IF NEW.visitor_id IS NOT NULL THEN
                UPDATE public.visitor SET acsrv_centres = acsrv_centres || NEW.centre_id
                 WHERE id = NEW.visitor_id AND NOT (NEW.centre_id = ANY(acsrv_centres));
            END IF;
            RETURN NULL;
        END
        $$""",
    "acsrv_find_elsewhere(text,integer)": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_find_elsewhere(
            p_search_name text, p_birth_year integer)
            RETURNS TABLE (visitor_id integer, first_name text, last_initial text,
                           birth_year integer, centres text, last_seen_at timestamptz)
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        DECLARE
            v_centre integer := public.acsrv_current_centre();
            v_found integer;
        BEGIN
            IF NOT public.acsrv_account_active() THEN
                RAISE EXCEPTION 'compte inactif' USING ERRCODE = '42501';
            END IF;
            IF p_search_name IS NULL OR length(p_search_name) < 5
               OR position(' ' IN p_search_name) = 0 THEN
                RAISE EXCEPTION 'prénom et nom attendus' USING ERRCODE = '22023';
            END IF;
            RETURN QUERY
                SELECT v.id, v.first_name::text, left(v.last_name, 1), v.birth_year,
                       (SELECT string_agg(c.name, ', ' ORDER BY c.name) FROM public.centre c
                         WHERE c.id = ANY(v.acsrv_centres)),
                       v.last_seen_at
                  FROM public.visitor v
                 WHERE v.search_name = p_search_name AND v.merged_into_id IS NULL
                   AND v.anonymised_at IS NULL
                   AND (p_birth_year IS NULL OR v.birth_year IS NULL
                        OR abs(v.birth_year - p_birth_year) <= 1)
                   AND NOT (coalesce(v_centre, -1) = ANY(v.acsrv_centres))
                 ORDER BY v.last_seen_at DESC NULLS LAST
                 LIMIT 10;
            GET DIAGNOSTICS v_found = ROW_COUNT;
            INSERT INTO public.audit_entry (occurred_at, actor, action, details)
                 VALUES (now(), session_user, 'recherche-ailleurs',
                         json_build_object('trouvees', v_found));
        END
        $$""",
    "acsrv_welcome_visitor(integer)": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_welcome_visitor(p_visitor_id integer)
            RETURNS void
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        DECLARE
            v_centre integer := public.acsrv_current_centre();
        BEGIN
            IF NOT public.acsrv_account_active() THEN
                RAISE EXCEPTION 'compte inactif' USING ERRCODE = '42501';
            END IF;
            IF NOT EXISTS (SELECT 1 FROM public.visitor WHERE id = p_visitor_id
                            AND merged_into_id IS NULL AND anonymised_at IS NULL) THEN
                RAISE EXCEPTION 'fiche inconnue' USING ERRCODE = 'P0002';
            END IF;
            IF v_centre IS NOT NULL THEN
                UPDATE public.visitor SET acsrv_centres = acsrv_centres || v_centre
                 WHERE id = p_visitor_id AND NOT (v_centre = ANY(acsrv_centres));
            END IF;
            INSERT INTO public.audit_entry (occurred_at, actor, action, record_type,
                                            record_id, details)
                 VALUES (now(), session_user, 'fiche-accueillie', 'personne',
                         p_visitor_id::text, '{{}}');
        END
        $$""",
    "acsrv_delete_visitor(integer)": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_delete_visitor(p_visitor_id integer)
            RETURNS void
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        BEGIN
            -- A record erased (the right to erasure) or merged into another: coordination
            -- and administration, through this function only (a login that may DELETE on
            -- the table may also LOCK it and stall every desk).
            IF NOT (session_user = current_user
                    OR public.acsrv_account_active()
                       AND (pg_has_role(session_user, 'acsrv_coordination', 'MEMBER')
                            OR pg_has_role(session_user, 'acsrv_administration', 'MEMBER')))
            THEN
                RAISE EXCEPTION 'réservé à la coordination et à l''administration'
                    USING ERRCODE = '42501';
            END IF;
            DELETE FROM public.visitor WHERE id = p_visitor_id;
        END
        $$""",
    # -- the visitor lookup's words ---------------------------------------------------------
    "acsrv_replace_name_tokens(integer,text[])": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_replace_name_tokens(
            p_visitor_id integer, p_tokens text[]) RETURNS void
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        BEGIN
            IF NOT public.acsrv_sees_visitor(p_visitor_id) THEN  -- another centre's person
                RAISE EXCEPTION 'fiche d''un autre centre' USING ERRCODE = '42501';
            END IF;
            DELETE FROM public.visitor_name_token WHERE visitor_id = p_visitor_id;
            INSERT INTO public.visitor_name_token (visitor_id, token)
                 SELECT DISTINCT p_visitor_id, left(t, 100) FROM unnest(p_tokens) AS t;
        END
        $$""",
    "acsrv_forget_name_tokens(integer[])": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_forget_name_tokens(p_visitor_ids integer[])
            RETURNS integer
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        DECLARE
            removed integer;
        BEGIN
            PERFORM public.acsrv_require_administrator();
            -- Only the words of records already anonymised (in this transaction): nobody
            -- else can be made to vanish from the desks' lookup.
            DELETE FROM public.visitor_name_token AS t USING public.visitor AS v
             WHERE v.id = t.visitor_id AND v.id = ANY (p_visitor_ids)
               AND v.anonymised_at IS NOT NULL;
            GET DIAGNOSTICS removed = ROW_COUNT;
            RETURN removed;
        END
        $$""",
    # -- the référents' referrals (issue 17) ---------------------------------------------------
    "acsrv_referent_referrals()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_referent_referrals()
            RETURNS TABLE ({REFERENT_REFERRAL_COLUMNS})
        LANGUAGE plpgsql STABLE {_DEFINER} AS $$
        #variable_conflict use_column
        DECLARE
            v_account integer := public.acsrv_referent_account();
        BEGIN
            -- The referrals addressed to the référent's programmes, with just what it needs
            -- to reach the person: their first name (never the rest of the record), what
            -- they agreed to give, the need, the date and centre, the desk's message.
            IF v_account IS NULL THEN
                RAISE EXCEPTION 'réservé aux référents de programme' USING ERRCODE = '42501';
            END IF;
            RETURN QUERY
                SELECT r.id, r.reference::text, r.programme_id::text, p.name::text,
                       r.centre_id, c.name::text, r.created_at, v.first_name::text,
                       -- Of the visit's needs, those the programme answers only (the same
                       -- thématique or its category): not the person's other needs.
                       (SELECT coalesce(json_agg(n.value), '[]'::json)
                          FROM json_array_elements_text(vi.needs::json) AS n(value)
                         WHERE EXISTS (
                               SELECT 1 FROM json_array_elements_text(p.thematiques::json)
                                             AS t(value)
                                WHERE t.value = n.value
                                   OR split_part(t.value, '--', 1) = n.value
                                   OR split_part(n.value, '--', 1) = t.value)),
                       r.reasons::json, r.contact_preference::text,
                       r.contact_phone::text, r.contact_email::text, r.availability::text,
                       r.message, r.status::text, r.refusal_reason::text, r.refusal_note,
                       r.handled_at, r.status_changed_at
                  FROM public.referral r
                  JOIN public.programme_referent pr
                    ON pr.programme_id = r.programme_id AND pr.account_id = v_account
                  JOIN public.programme p ON p.id = r.programme_id
                  JOIN public.centre c ON c.id = r.centre_id
                  JOIN public.visit vi ON vi.id = r.visit_id
                  LEFT JOIN public.visitor v ON v.id = vi.visitor_id;
        END
        $$""",
    "acsrv_answer_referral(integer,text,text,text)": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_answer_referral(
            p_referral_id integer, p_status text, p_reason text, p_note text) RETURNS void
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        DECLARE
            v_account integer := public.acsrv_referent_account();
            v_status text;
        BEGIN
            -- A référent's answer: the status fields of a referral addressed to one of its
            -- programmes, nothing else; the first answer dated (handled_at, handled_by).
            IF v_account IS NULL THEN
                RAISE EXCEPTION 'réservé aux référents de programme' USING ERRCODE = '42501';
            END IF;
            SELECT r.status INTO v_status FROM public.referral r
              JOIN public.programme_referent pr
                ON pr.programme_id = r.programme_id AND pr.account_id = v_account
             WHERE r.id = p_referral_id FOR UPDATE OF r;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'orientation d''un autre programme' USING ERRCODE = '42501';
            END IF;
            IF p_status IS DISTINCT FROM v_status AND NOT EXISTS (
                   SELECT 1 FROM (VALUES {_TRANSITIONS_SQL}) AS t(from_status, to_status)
                    WHERE t.from_status = v_status AND t.to_status = p_status) THEN
                RAISE EXCEPTION 'passage de % à % impossible', v_status, p_status
                    USING ERRCODE = '22023';
            END IF;
            IF p_status = 'refusee' AND p_reason IS NULL THEN
                RAISE EXCEPTION 'motif de refus attendu' USING ERRCODE = '22023';
            END IF;
            IF length(p_note) > 1000 THEN
                RAISE EXCEPTION 'commentaire trop long' USING ERRCODE = '22023';
            END IF;
            UPDATE public.referral
               SET status = p_status,
                   refusal_reason = CASE WHEN p_status = 'refusee' THEN p_reason END,
                   refusal_note = CASE WHEN p_status = 'refusee' THEN nullif(p_note, '')
                                       ELSE refusal_note END,
                   status_changed_at = now(), status_changed_by = session_user,
                   handled_by = CASE WHEN handled_at IS NULL AND p_status <> 'proposee'
                                     THEN session_user ELSE handled_by END,
                   handled_at = CASE WHEN handled_at IS NULL AND p_status <> 'proposee'
                                     THEN now() ELSE handled_at END
             WHERE id = p_referral_id;
        END
        $$""",
    "acsrv_replace_referent_programmes(integer,text[])": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_replace_referent_programmes(
            p_account_id integer, p_programme_ids text[]) RETURNS void
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        BEGIN
            PERFORM public.acsrv_require_administrator();
            PERFORM 1 FROM public.staff_account WHERE id = p_account_id FOR NO KEY UPDATE;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'compte inconnu' USING ERRCODE = 'P0002';
            END IF;
            IF cardinality(p_programme_ids) > 0 AND NOT EXISTS (
                   SELECT 1 FROM public.staff_account
                    WHERE id = p_account_id AND role = 'referent') THEN
                RAISE EXCEPTION 'seul un référent a des programmes' USING ERRCODE = '22023';
            END IF;
            DELETE FROM public.programme_referent WHERE account_id = p_account_id;
            INSERT INTO public.programme_referent (account_id, programme_id, created_at)
                 SELECT DISTINCT p_account_id, p, now() FROM unnest(p_programme_ids) AS p;
        END
        $$""",
    # -- the catalogue ----------------------------------------------------------------------
    "acsrv_replace_programme_contacts(text,text[])": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_replace_programme_contacts(
            p_programme_id text, p_contact_ids text[]) RETURNS void
        LANGUAGE plpgsql VOLATILE {_DEFINER} AS $$
        BEGIN
            PERFORM public.acsrv_require_administrator();
            -- The programme's row locked first: two administrators replacing the same
            -- contacts at once take turns (under READ COMMITTED the second would otherwise
            -- merge both lists, or hit the unique key). NO KEY: a desk inserting a referral
            -- to this programme (FOR KEY SHARE on it) does not wait.
            PERFORM 1 FROM public.programme WHERE id = p_programme_id FOR NO KEY UPDATE;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'programme inconnu : %', p_programme_id USING ERRCODE = 'P0002';
            END IF;
            DELETE FROM public.programme_contact WHERE programme_id = p_programme_id;
            INSERT INTO public.programme_contact (programme_id, contact_id, position)
                 SELECT p_programme_id, c.contact_id, c.position - 1
                   FROM unnest(p_contact_ids) WITH ORDINALITY AS c(contact_id, position);
        END
        $$""",
    "acsrv_referral_answered()": f"""
        CREATE OR REPLACE FUNCTION public.acsrv_referral_answered() RETURNS trigger
        LANGUAGE plpgsql {_DEFINER} AS $$
        BEGIN
            -- A referral's reference, its first answer and its last change of status are
            -- the server's to write: no session back-dates an answer or signs one in
            -- another person's name (the owner's own commands, a transfer, keep theirs).
            IF session_user <> current_user THEN
                NEW.reference := OLD.reference;
                IF NEW.status IS DISTINCT FROM OLD.status THEN
                    NEW.status_changed_at := now();
                    NEW.status_changed_by := session_user;
                ELSE
                    NEW.status_changed_at := OLD.status_changed_at;
                    NEW.status_changed_by := OLD.status_changed_by;
                END IF;
                IF OLD.handled_at IS NULL AND NEW.status IS DISTINCT FROM OLD.status
                   AND NEW.status <> 'proposee' THEN
                    NEW.handled_at := now();
                    NEW.handled_by := session_user;
                ELSE
                    NEW.handled_at := OLD.handled_at;
                    NEW.handled_by := OLD.handled_by;
                END IF;
            END IF;
            RETURN NEW;
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
            IF TG_OP = 'UPDATE' AND to_jsonb(NEW) - 'acsrv_centres'
                                  = to_jsonb(OLD) - 'acsrv_centres' THEN
                RETURN NULL;  -- only the centres that see the person: traced where changed
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
_EVERYONE = ("accueil", "coordination", "administration", "referent")
EXECUTE_GRANTS: dict[str, tuple[str, ...]] = {
    "acsrv_security_version()": _EVERYONE,
    "acsrv_signed_in()": _EVERYONE,
    "acsrv_current_centre()": _EVERYONE,
    "acsrv_account_active()": _EVERYONE,
    "acsrv_is_administrator()": _EVERYONE,
    "acsrv_account_set_password(integer,text)": _EVERYONE,
    # The référent's referrals: read and answered through these alone (no right on the
    # tables of referrals, visits or people).
    "acsrv_referent_account()": ("referent",),  # its own programmes' row-level security
    "acsrv_referent_referrals()": ("referent",),
    "acsrv_answer_referral(integer,text,text,text)": ("referent",),
    "acsrv_replace_name_tokens(integer,text[])": ("accueil", "coordination", "administration"),
    "acsrv_find_elsewhere(text,integer)": ("accueil", "coordination", "administration"),
    "acsrv_delete_visitor(integer)": ("coordination", "administration"),
    "acsrv_welcome_visitor(integer)": ("accueil", "coordination", "administration"),
    "acsrv_account_create(text,text,text,integer,text)": ("administration",),
    "acsrv_account_update(integer,text,text,integer,boolean)": ("administration",),
    "acsrv_purge_audit(integer)": ("administration",),
    "acsrv_forget_name_tokens(integer[])": ("administration",),
    "acsrv_replace_programme_contacts(text,text[])": ("administration",),
    "acsrv_replace_referent_programmes(integer,text[])": ("administration",),
}


VERSION_FUNCTION = "acsrv_security_version()"


def create_functions(connection: Connection, *, with_version: bool = True) -> None:
    """Every function; without the version's when the rest of the layer (grants, policies)
    is not applied in the same transaction: a desk must never see the new version with the
    old rights."""
    connection.exec_driver_sql(VISITOR_CENTRES_DDL)  # before the functions that read it
    for name, statement in FUNCTIONS.items():
        if with_version or name != VERSION_FUNCTION:
            connection.exec_driver_sql(statement.replace("%", "%%"))


def create_audit_triggers(connection: Connection) -> None:
    connection.exec_driver_sql(
        f"DROP TRIGGER IF EXISTS {AUDIT_STAMP_TRIGGER} ON public.audit_entry"
    )
    connection.exec_driver_sql(
        f"CREATE TRIGGER {AUDIT_STAMP_TRIGGER} BEFORE INSERT ON public.audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION public.acsrv_audit_stamp()"
    )
    for name, timing, event, table in (
        ("acsrv_visitor_registered", "BEFORE", "INSERT", "visitor"),
        ("acsrv_visit_centre", "AFTER", "INSERT OR UPDATE OF visitor_id, centre_id", "visit"),
        ("acsrv_referral_answered", "BEFORE", "UPDATE", "referral"),
    ):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON public.{table}")
        connection.exec_driver_sql(
            f"CREATE TRIGGER {name} {timing} {event} ON public.{table} "
            f"FOR EACH ROW EXECUTE FUNCTION public.{name}()"
        )
    connection.exec_driver_sql(VISITOR_CENTRES_BACKFILL)
    for table in AUDITED_TABLES:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {AUDIT_TRIGGER} ON public.{table}")
        changes = AUDITED_UPDATES.get(table, "UPDATE")
        connection.exec_driver_sql(
            f"CREATE TRIGGER {AUDIT_TRIGGER} AFTER INSERT OR {changes} OR DELETE "
            f"ON public.{table} FOR EACH ROW EXECUTE FUNCTION public.acsrv_audit_change()"
        )
