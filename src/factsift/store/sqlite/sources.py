"""Sources (publishers) in the SQLite store: names, ratings, rebrands and aliases.

Lookups follow the links between domains: a former domain (``yournewswire.com``) resolves
to the current one (``thepeoplesvoice.tv``), and a source's ratings are gathered over its
whole family of domains.
"""

from __future__ import annotations

import difflib
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from factsift.names import normalise_name, squash, strip_group_suffix
from factsift.sources.model import (
    AuthorDocument,
    DomainLink,
    FamilyMember,
    RatingList,
    RatingRecord,
    SourceName,
    StoredRating,
)
from factsift.store.base import SourceMatch

FUZZY_THRESHOLD = 0.88  # difflib ratio; below this two names are not taken as one source
SQUASH_SCORE = 0.95  # same letters, different spacing: "NewsPunch" / "News Punch"
LABEL_SCORE = 0.9  # the squashed name equals the domain's label: "NewsPunch" / newspunch.com
MAX_CHAIN = 20  # rebrand chains longer than this are taken as a cycle in the data

_RATING_COLUMNS = (
    "l.name AS list_name, l.title AS list_title, l.date AS list_date, l.flags_only, "
    "r.domain, r.facet, r.rater, r.roots, r.raw_label, r.raw_score, r.value, r.date, "
    "r.record, r.url, r.note"
)


def _split(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split(",") if part)


def _rating(row: sqlite3.Row) -> StoredRating:
    return StoredRating(
        list_name=row["list_name"],
        list_title=row["list_title"],
        list_date=row["list_date"],
        flags_only=bool(row["flags_only"]),
        domain=row["domain"],
        facet=row["facet"],
        rater=row["rater"],
        roots=_split(row["roots"]),
        raw_label=row["raw_label"],
        raw_score=row["raw_score"],
        value=row["value"],
        date=row["date"],
        record=row["record"],
        url=row["url"],
        note=row["note"],
    )


def _link(row: sqlite3.Row) -> DomainLink:
    return DomainLink(
        domain=row["domain"],
        target=row["target"],
        kind=row["kind"],
        origin=row["origin"],
        evidence=row["evidence"],
        evidence_url=row["evidence_url"],
        date=row["date"],
    )


class SQLiteSourcesMixin:
    conn: sqlite3.Connection

    # -- lookups -------------------------------------------------------------------------
    def source_by_domain(self, domain: str) -> SourceMatch | None:
        """The source of a domain, after following rebrands and aliases to the current one."""
        wanted = domain.lower().strip()
        for candidate in (self.current_domain(wanted), wanted):
            row = self.conn.execute(
                "SELECT id, name, domain FROM sources WHERE domain = ?", (candidate,)
            ).fetchone()
            if row is not None:
                method = "exact" if candidate == wanted else "rebrand"
                return SourceMatch(row["id"], row["name"], row["domain"], 1.0, method)
        return None

    def current_domain(self, domain: str) -> str:
        """Follow rebrand and alias links forward: yournewswire.com -> thepeoplesvoice.tv."""
        seen = {domain}
        current = domain
        for _ in range(MAX_CHAIN):
            row = self.conn.execute(
                "SELECT target FROM domain_links WHERE domain = ? "
                "ORDER BY kind = 'rebrand' DESC, origin = 'curated' DESC, target LIMIT 1",
                (current,),
            ).fetchone()
            if row is None or row[0] in seen:
                break
            current = row[0]
            seen.add(current)
        return current

    def find_sources_by_name(self, name: str, limit: int = 5) -> list[SourceMatch]:
        """Exact normalised name, then the same letters without spaces, then fuzzy."""
        wanted = {normalise_name(name), strip_group_suffix(name)} - {""}
        if not wanted:
            return []
        exact = self._sources_where("n.name_norm", wanted, limit, 1.0, "exact")
        if exact:
            return exact
        squashed = {w.replace(" ", "") for w in wanted}
        same_letters = self._sources_where("n.name_squash", squashed, limit, SQUASH_SCORE, "squash")
        if same_letters:
            return same_letters
        by_label = self._sources_by_label(squashed, limit)
        if by_label:
            return by_label
        return self._fuzzy_sources(wanted, limit)

    def _sources_where(
        self, column: str, values: set[str], limit: int, score: float, method: str
    ) -> list[SourceMatch]:
        marks = ",".join("?" * len(values))
        # Sources with more names and ratings first: the better-known of two namesakes.
        rows = self.conn.execute(
            f"SELECT s.id, min(n.name) AS name, s.domain, "  # noqa: S608
            "(SELECT count(*) FROM ratings r WHERE r.domain = s.domain) AS rated "
            f"FROM source_names n JOIN sources s ON s.id = n.source_id WHERE {column} IN ({marks}) "
            "GROUP BY s.id ORDER BY rated DESC, s.id LIMIT ?",
            (*values, limit),
        ).fetchall()
        return [SourceMatch(r["id"], r["name"], r["domain"], score, method) for r in rows]

    def _sources_by_label(self, squashed: set[str], limit: int) -> list[SourceMatch]:
        # "NewsPunch" -> newspunch.*; "The People's Voice" -> thepeoplesvoice.* too.
        labels = squashed | {"the" + s for s in squashed}
        found: list[SourceMatch] = []
        for label in sorted(labels):
            rows = self.conn.execute(
                "SELECT id, name, domain FROM sources WHERE domain >= ? AND domain < ? "
                "ORDER BY id LIMIT ?",
                (label + ".", label + ".\uffff", limit),
            ).fetchall()
            found.extend(
                SourceMatch(r["id"], r["name"], r["domain"], LABEL_SCORE, "domain_label")
                for r in rows
            )
        return found[:limit]

    def _fuzzy_sources(self, wanted: set[str], limit: int) -> list[SourceMatch]:
        # Candidates share the first word; keeps the scan small on large stores.
        firsts = {w.split()[0] for w in wanted}
        found: dict[int, SourceMatch] = {}
        for first in firsts:
            rows = self.conn.execute(
                "SELECT s.id, n.name, n.name_norm, s.domain FROM source_names n "
                "JOIN sources s ON s.id = n.source_id WHERE n.name_norm >= ? AND n.name_norm < ?",
                (first, first + "\uffff"),
            ).fetchall()
            for row in rows:
                score = max(
                    difflib.SequenceMatcher(None, w, row["name_norm"]).ratio() for w in wanted
                )
                if score >= FUZZY_THRESHOLD:
                    best = found.get(row["id"])
                    if best is None or score > best.score:
                        found[row["id"]] = SourceMatch(
                            row["id"], row["name"], row["domain"], round(score, 3), "fuzzy"
                        )
        return sorted(found.values(), key=lambda m: -m.score)[:limit]

    def source_family(self, source_id: int) -> list[FamilyMember]:
        """The source's domain and every domain linked to it, with how each is related."""
        row = self.conn.execute("SELECT domain FROM sources WHERE id = ?", (source_id,)).fetchone()
        if row is None or row[0] is None:
            return []
        home: str = row[0]
        links = self._links_around(home)
        forward: dict[str, list[DomainLink]] = {}
        backward: dict[str, list[DomainLink]] = {}
        for link in links:
            forward.setdefault(link.domain, []).append(link)
            backward.setdefault(link.target, []).append(link)
        former = _reach(home, backward, lambda link: link.domain)
        later = _reach(home, forward, lambda link: link.target)
        members = [FamilyMember(home, "self")]
        for domain in sorted({link.domain for link in links} | {link.target for link in links}):
            if domain == home:
                continue
            touching = tuple(link for link in links if domain in (link.domain, link.target))
            if domain in former:
                relation = "former"
            elif domain in later:
                relation = "later"
            else:
                relation = "alias"
            members.append(FamilyMember(domain, relation, touching))
        return members

    def _links_around(self, home: str) -> list[DomainLink]:
        """Every link in the connected group of domains around ``home``."""
        seen = {home}
        queue = deque([home])
        links: dict[tuple[str, str, str], DomainLink] = {}
        while queue and len(seen) <= MAX_CHAIN * 5:
            domain = queue.popleft()
            rows = self.conn.execute(
                "SELECT * FROM domain_links WHERE domain = ? OR target = ?", (domain, domain)
            ).fetchall()
            for r in rows:
                link = _link(r)
                links[(link.domain, link.target, link.origin)] = link
                for other in (link.domain, link.target):
                    if other not in seen:
                        seen.add(other)
                        queue.append(other)
        return list(links.values())

    def ratings_for_domains(self, domains: Iterable[str]) -> list[StoredRating]:
        wanted = sorted({d.lower() for d in domains})
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        rows = self.conn.execute(
            f"SELECT {_RATING_COLUMNS} FROM ratings r JOIN rating_lists l ON l.id = r.list_id "  # noqa: S608
            f"WHERE r.domain IN ({marks}) ORDER BY l.name, r.domain, r.facet, r.rater",
            wanted,
        ).fetchall()
        return [_rating(r) for r in rows]

    def ratings_for_source(self, source_id: int) -> list[StoredRating]:
        """Ratings of the source's domain and of its former domains and aliases."""
        return self.ratings_for_domains(m.domain for m in self.source_family(source_id))

    def rating_lists(self) -> list[RatingList]:
        rows = self.conn.execute("SELECT * FROM rating_lists ORDER BY name").fetchall()
        return [
            RatingList(
                name=r["name"],
                title=r["title"],
                publisher=r["publisher"],
                date=r["date"],
                url=r["url"],
                scale=r["scale"],
                roots=_split(r["roots"]),
                lineage=r["lineage"],
                flags_only=bool(r["flags_only"]),
            )
            for r in rows
        ]

    def iter_ratings(self, list_name: str | None = None) -> Iterator[StoredRating]:
        where, args = ("WHERE l.name = ?", (list_name,)) if list_name else ("", ())
        cursor = self.conn.execute(
            f"SELECT {_RATING_COLUMNS} FROM ratings r "  # noqa: S608
            f"JOIN rating_lists l ON l.id = r.list_id {where}",
            args,
        )
        for row in cursor:
            yield _rating(row)

    def author_documents(self, name: str, limit: int = 50) -> list[AuthorDocument] | None:
        """Corpus articles credited to ``name``; None when the store holds no corpus."""
        has_table = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'corpus_documents'"
        ).fetchone()
        empty = (
            has_table and not self.conn.execute("SELECT 1 FROM corpus_documents LIMIT 1").fetchone()
        )
        if not has_table or empty:
            return None
        if not name.strip():
            return []
        rows = self.conn.execute(
            "SELECT title, publisher, url, date FROM corpus_documents "
            "WHERE author = ? COLLATE NOCASE ORDER BY date DESC LIMIT ?",
            (name.strip(), limit),
        ).fetchall()
        return [AuthorDocument(r["title"], r["publisher"], r["url"], r["date"]) for r in rows]

    # -- writes (call inside a transaction) ----------------------------------------------
    def add_source(self, domain: str | None, name: str, names: list[str], origin: str) -> int:
        """Insert or find a source and record its names; call inside a transaction."""
        if domain:
            self.conn.execute(
                "INSERT INTO sources(domain, name) VALUES (?, ?) ON CONFLICT(domain) DO NOTHING",
                (domain.lower(), name),
            )
            row = self.conn.execute(
                "SELECT id FROM sources WHERE domain = ?", (domain.lower(),)
            ).fetchone()
            source_id = int(row[0])
        else:
            cursor = self.conn.execute(
                "INSERT INTO sources(domain, name) VALUES (NULL, ?)", (name,)
            )
            source_id = int(cursor.lastrowid or 0)
        self.add_source_names(source_id, [SourceName(n, origin) for n in {name, *names}])
        return source_id

    def add_source_names(self, source_id: int, names: Iterable[SourceName]) -> int:
        added = 0
        for item in names:
            norm = normalise_name(item.name)
            if not norm:
                continue
            cursor = self.conn.execute(
                "INSERT OR IGNORE INTO source_names(source_id, name, name_norm, origin, "
                "name_squash) VALUES (?, ?, ?, ?, ?)",
                (source_id, item.name, norm, item.origin, squash(item.name)),
            )
            added += cursor.rowcount
        return added

    def set_source_name(self, source_id: int, name: str) -> None:
        """Replace a placeholder name (the domain) by a real one from a list."""
        self.conn.execute(
            "UPDATE sources SET name = ? WHERE id = ? AND name = domain", (name, source_id)
        )

    def upsert_rating_list(self, info: RatingList) -> int:
        self.conn.execute(
            "INSERT INTO rating_lists(name, title, publisher, date, url, scale, roots, lineage, "
            "flags_only) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
            "title = excluded.title, publisher = excluded.publisher, date = excluded.date, "
            "url = excluded.url, scale = excluded.scale, roots = excluded.roots, "
            "lineage = excluded.lineage, flags_only = excluded.flags_only",
            (
                info.name,
                info.title,
                info.publisher,
                info.date,
                info.url,
                info.scale,
                ",".join(info.roots),
                info.lineage,
                int(info.flags_only),
            ),
        )
        row = self.conn.execute(
            "SELECT id FROM rating_lists WHERE name = ?", (info.name,)
        ).fetchone()
        return int(row[0])

    def replace_ratings(self, list_id: int, records: Iterable[RatingRecord]) -> int:
        """Drop the list's previous ratings and insert these: re-importing changes nothing."""
        self.conn.execute("DELETE FROM ratings WHERE list_id = ?", (list_id,))
        count = 0
        for rec in records:
            cursor = self.conn.execute(
                "INSERT INTO ratings(list_id, domain, facet, rater, roots, raw_label, raw_score, "
                "value, date, record, url, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(list_id, domain, facet, rater) DO NOTHING",
                (
                    list_id,
                    rec.domain,
                    rec.facet,
                    rec.rater,
                    ",".join(rec.roots),
                    rec.raw_label,
                    rec.raw_score,
                    rec.value,
                    rec.date,
                    rec.record,
                    rec.url,
                    rec.note,
                ),
            )
            count += cursor.rowcount
        return count

    def add_domain_link(self, link: DomainLink) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO domain_links(domain, target, kind, date, origin, evidence, "
            "evidence_url) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                link.domain,
                link.target,
                link.kind,
                link.date,
                link.origin,
                link.evidence,
                link.evidence_url,
            ),
        )

    def domain_links(self) -> list[DomainLink]:
        rows = self.conn.execute("SELECT * FROM domain_links ORDER BY domain, target").fetchall()
        return [_link(r) for r in rows]


def _reach(
    start: str, edges: dict[str, list[DomainLink]], step: Callable[[DomainLink], str]
) -> set[str]:
    """Domains reachable from ``start`` along rebrand links in one direction."""
    seen: set[str] = set()
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for link in edges.get(node, []):
            if link.kind != "rebrand":
                continue
            other = step(link)
            if other not in seen and other != start:
                seen.add(other)
                queue.append(other)
    return seen
