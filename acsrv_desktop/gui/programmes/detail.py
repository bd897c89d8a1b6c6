"""The detail pane's HTML for one catalogue entry (escaped: catalogue text is user data)."""

from __future__ import annotations

from html import escape

from acsrv_desktop.core.catalogue.service import ContactView, EntryView, FederationView
from acsrv_desktop.core.catalogue.vocabularies import Vocabularies
from acsrv_desktop.core.text import tel_uri


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n") if p.strip())


def contact_html(contact: ContactView) -> str:
    parts = [f"<b>{escape(contact.name)}</b>"]
    if contact.role:
        parts.append(escape(contact.role))
    if contact.phone:
        parts.append(f'Tél. <a href="{tel_uri(contact.phone)}">{escape(contact.phone)}</a>')
    if contact.email:
        parts.append(f'<a href="mailto:{escape(contact.email)}">{escape(contact.email)}</a>')
    return "<br>".join(parts)


def entry_html(entry: EntryView, vocab: Vocabularies, federation: FederationView | None) -> str:
    html = [f"<h2>{escape(entry.name)}</h2>"]
    kind = escape(entry.kind_label)
    if entry.parent_id:
        kind += (
            f' de <a href="entry:{escape(entry.parent_id)}">{escape(entry.parent_name or "")}</a>'
        )
    if not entry.active:
        kind += " — <b>désactivé</b> (n’apparaît plus dans la recherche ni l’orientation)"
    html.append(f"<p><i>{kind}</i></p>")
    if entry.summary:
        html.append(f"<p><b>{escape(entry.summary)}</b></p>")
    html.append("<h3>Pour qui ?</h3>")
    lines = entry.eligibility_lines(vocab) or ["Ouvert à tous."]
    if entry.eligibility.get("note"):
        lines.append(entry.eligibility["note"])
    html.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>")
    html.append("<h3>Contact</h3>")
    if entry.contacts:
        html.append("<p>" + "</p><p>".join(contact_html(c) for c in entry.contacts) + "</p>")
    if federation:
        html.append(
            f"<p>{escape(federation.full_name)}<br>{escape(federation.postal_address)}"
            + (f"<br>Tél. {escape(federation.phone)}" if federation.phone else "")
            + "</p>"
        )
        if federation.funding and entry.kind in ("programme", "action", "module"):
            html.append(f"<p><i>L’ACSRV : {escape(federation.funding)}</i></p>")
    if entry.practical:
        html.append(f"<h3>En pratique</h3>{_paragraphs(entry.practical)}")
    html.append(f"<h3>Présentation</h3>{_paragraphs(entry.description)}")
    if entry.children:
        links = "".join(
            f'<li><a href="entry:{escape(child_id)}">{escape(name)}</a></li>'
            for child_id, name in entry.children
        )
        html.append(f"<h3>Comprend</h3><ul>{links}</ul>")
    if entry.thematiques:
        themes = ", ".join(escape(vocab.thematique_label(t)) for t in entry.thematiques)
        html.append(f"<p><b>Thématiques :</b> {themes}</p>")
    if entry.publics:
        publics = ", ".join(escape(vocab.publics.get(p, p)) for p in entry.publics)
        html.append(f"<p><b>Publics :</b> {publics}</p>")
    if entry.funding:
        html.append(f"<p><i>{escape(entry.funding)}</i></p>")
    return "".join(html)
