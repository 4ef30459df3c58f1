"""Where each page and attachment is published: one address each, none the site's own.

MkDocs publishes content/<path> at a directory URL; two sources that land on one address
(or on one differing only in case, or on a path the site generates) would silently lose one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import N_, _
from ..model import Problem, Site

# Output paths the site generates itself, whatever content/ holds: a path ending in '/' is
# a whole folder.  (The home page index.html is generated only when content/index.md is
# absent.)  The plugin may import this to check its own pages against it.
RESERVED_PATHS: dict[str, str] = {
    "orgs/": N_("the organization pages, their feeds and print sheets"),
    "compliance/": N_("the compliance dashboard and annual reports"),
    "search/": N_("the search page"),
    "mn/": N_("the Mongolian pages (x.mn.md beside x.md gives a page its Mongolian version)"),
    "pagefind/": N_("the search index"),
    "assets/": N_("the theme's scripts, styles and images"),
    "data/items.json": N_("the open data of the items"),
    "data/catalogs.json": N_("the open data of the catalogs"),
    "feed.xml": N_("the Atom feed"),
    "sitemap.xml": N_("the sitemap"),
    "sitemap.xml.gz": N_("the compressed sitemap"),
    "robots.txt": "robots.txt",
    "404.html": N_("the not-found page"),
}
_RESERVED_FIRST = {path.split("/")[0] for path in RESERVED_PATHS}


def page_url(path: str) -> str:
    """Where MkDocs publishes content/<path>: a directory URL; index.md and README.md are their folder's."""
    folder, _, name = path[:-3].rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{path[:-3]}/"


def reserved_by(output: str) -> str | None:
    """The entry of RESERVED_PATHS that an output path (a page's index.html or a file) would overwrite."""
    folded = output.casefold()
    if folded.split("/")[0] not in _RESERVED_FIRST:
        return None
    for reserved in RESERVED_PATHS:
        if reserved.endswith("/"):
            if folded.startswith(reserved) or folded == reserved[:-1]:
                return reserved
        elif folded == reserved or folded.startswith(reserved + "/"):
            return reserved
    return None


def addresses_are_unique(site: Site) -> Iterator[Problem]:
    """Every page and attachment is published at an address of its own.

    MkDocs would otherwise keep one of two files silently (x.md and x/index.md are both
    x/; README.md is its folder's index.md) or the site's own pages would overwrite it, and
    two names differing only in case are one file on Windows and macOS checkouts and on
    case-insensitive web servers.
    """
    # Output path without case → who is published there: (output, subject, path, line, shown).
    first: dict[str, tuple[str, str, str, int, str]] = {}
    clashes: dict[str, list[tuple[str, str, str, int, str]]] = {}
    reserved: list[tuple[str, str, str, int, str]] = []
    sources = {d.path for d in site.documents}
    folders: set[str] = set()  # every folder a page needs, without case
    listed: set[str] = set()

    def publish(folded: str, owner: tuple[str, str, str, int, str]) -> None:
        if folded.partition("/")[0] in _RESERVED_FIRST:
            reserved.append(owner)
        if first.setdefault(folded, owner) is not owner:
            clashes.setdefault(folded, []).append(owner)

    for doc in site.documents:  # in the order of their paths (load_site): the first keeps an address
        url = page_url(doc.path)
        line = doc.where.start or 1
        output = url + "index.html"
        folded = output.casefold()
        publish(folded, (output, _("this page"), doc.where.path, line, url or "/"))
        folders.add(folded[:-11])  # the page's own folder; the ones above it are added below
        if doc.path.endswith("README.md") and doc.path.rpartition("/")[2] == "README.md":
            if not url and "index.md" not in sources:
                yield Problem(
                    doc.where.path,
                    line,
                    _(
                        "README.md is published by MkDocs as the home page, which the site generates itself when content/index.md is absent"
                    ),
                    _("rename it content/index.md"),
                )
            elif url and doc.path[:-9] + "index.md" not in sources:
                yield Problem(
                    doc.where.path,
                    line,
                    _(
                        "README.md is published by MkDocs as its folder's index page ({url}), but this site's links name it {url}README/"
                    ).format(url=url),
                    _("rename it content/{path}index.md").format(path=doc.path[:-9]),
                )
        if doc.attachments:
            for name, path in zip(doc.attachments, doc.attachment_paths(), strict=True):
                if path not in listed:
                    listed.add(path)
                    publish(
                        path.casefold(),
                        (
                            path,
                            _("attachment '{name}'").format(name=name),
                            doc.where.path,
                            doc.where.of("attachments"),
                            path,
                        ),
                    )
    for output, subject, path, line, shown in reserved:
        entry = reserved_by(output)
        if entry:
            yield Problem(
                path,
                line,
                _("{subject} is published at {shown}, an address the site generates for {what} ({entry})").format(
                    subject=subject, shown=shown, what=_(RESERVED_PATHS[entry]), entry=entry
                ),
                _("rename or move it: nothing under content/ may be published at {entry}").format(entry=entry),
            )
    for folded, owners in clashes.items():
        first_output, _output, first_path, _line, first_shown = first[folded]
        for output, subject, path, line, shown in owners:
            if output == first_output:
                readme = "README.md" in (path.rpartition("/")[2], first_path.rpartition("/")[2])
                why = (
                    _("MkDocs publishes README.md as its folder's index page, like index.md")
                    if readme
                    else _("MkDocs publishes {first_path} and {path} both at {shown}").format(
                        first_path=first_path, path=path, shown=shown
                    )
                    if output.endswith("index.html")
                    else _("two files of one name")
                )
                yield Problem(
                    path,
                    line,
                    _(
                        "{subject} is published at {shown}, the same address as {first_path} ({why}); only one of them would be built"
                    ).format(subject=subject, shown=shown, first_path=first_path, why=why),
                    _("rename or move one of the two"),
                )
            else:
                yield Problem(
                    path,
                    line,
                    _(
                        "{subject} is published at {shown}, which differs only in case from {first_shown} of {first_path}"
                    ).format(subject=subject, shown=shown, first_shown=first_shown, first_path=first_path),
                    _(
                        "on Windows and macOS checkouts and on case-insensitive web servers they are the same file: rename one of the two"
                    ),
                )
    for folder in list(folders):  # and the folders above them
        while "/" in folder:
            folder = folder.rpartition("/")[0]
            if folder in folders:
                break
            folders.add(folder)
    for path in listed:
        folded = path.casefold()
        if folded in folders:
            _output, subject, where, line, shown = first[folded]
            needs = next(d.where.path for d in site.documents if page_url(d.path).casefold().startswith(folded + "/"))
            yield Problem(
                where,
                line,
                _("{subject} is published as the file {shown}, where {needs} needs a folder of that name").format(
                    subject=subject, shown=shown, needs=needs
                ),
                _("rename one of the two"),
            )
