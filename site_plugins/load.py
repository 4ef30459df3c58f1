"""Files → model: a whole site (`load_site`) or one Markdown file (`load_document`).

Loading never stops at the first problem: it collects them all (as `file:line`
Problems), and leaves values it could not read as None for `rules` to judge.  The
jobs are in their own modules; this one walks a site and puts them together:

* `yamlpos`        YAML with line positions (safe, no aliases, every key's line)
* `fields`         the field reader: types, lengths, control characters, dates
* `frontmatter`    where a Markdown file's front matter ends and its body begins
* `schemas`        the registry, an item's or page's front matter
* `catalog_schema` a catalog and a catalog template (catalogs/templates/)
* `guidance`       a catalog that `extends:` a template, expanded (each template once)
* `topics`         the topic vocabulary (主题分类, catalogs/topics.yml)
* `walk`           the files: listed and read without following links
* `translations`   a document's Mongolian version (`x.mn.md`)
* `parse_memory`   what was parsed before: an object the caller keeps, never a global
* `parallel_parse` a large site's Markdown parsed by two processes

The names other modules have imported from here are still importable from here.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from . import parallel_parse
from .catalog_schema import load_catalog, load_template
from .fields import ISO_DATE, ORG_ID, SLUG, Reader, parse_date
from .frontmatter import front_matter_bounds
from .guidance import TEMPLATES_FOLDER, CatalogSource, Expander, Template
from .i18n import _
from .model import Catalog, Document, Problem, Registry, Site
from .parse_memory import FileKey, ParseMemory, Stamp, document_key, stored_digest
from .schemas import load_registry, parse_document
from .topics import TOPICS_FILE, load_topics
from .translations import load_translation, split_translations
from .walk import catalog_files, not_a_plain_file, read_text, walk_content
from .yamlpos import LineMap, parse_yaml

__all__ = [
    "ISO_DATE",
    "ORG_ID",
    "SLUG",
    "LineMap",
    "ParseMemory",
    "Reader",
    "front_matter_bounds",
    "load_catalog",
    "load_document",
    "load_registry",
    "load_site",
    "parse_date",
    "parse_yaml",
    "read_text",
    "stored_digest",
    "walk_content",
]

_Loaded = TypeVar("_Loaded", bound=Registry | CatalogSource | Template | None)


def _remembered(
    load: Callable[[Path, str, list[Problem]], _Loaded],
    path: Path,
    rel: str,
    problems: list[Problem],
    memory: ParseMemory | None,
) -> _Loaded:
    """load(path, rel, problems) for a registry or catalog file, parsed once per text in `memory`."""
    if memory is None:
        return load(path, rel, problems)
    try:
        text = path.read_bytes()
    except OSError:
        return load(path, rel, problems)
    key = (load.__name__, rel)
    hit = memory.file(key, text)
    if hit is not None:
        problems.extend(hit[1])
        return cast(_Loaded, hit[0])
    before = len(problems)
    value = load(path, rel, problems)
    try:
        unchanged = path.read_bytes() == text  # not edited while it was being read
    except OSError:
        unchanged = False
    if unchanged:
        memory.keep_file(key, text, value, tuple(problems[before:]))
    return value


def _templates(
    catalogs_path: Path, catalogs_dir: str, problems: list[Problem], memory: ParseMemory | None
) -> dict[str, Template]:
    """The guidance templates under catalogs/templates/ (guidance.py), by id."""
    folder = catalogs_path / TEMPLATES_FOLDER
    shown = f"{catalogs_dir}/{TEMPLATES_FOLDER}"
    if folder.is_symlink():
        not_a_plain_file(problems, shown, link=True)
        return {}
    templates: dict[str, Template] = {}
    for path in catalog_files(folder, shown, problems):
        template = _remembered(load_template, path, f"{shown}/{path.name}", problems, memory)
        if template is not None:
            templates[template.id] = template
    return templates


def _registry_size(path: Path) -> int:
    """About how many organizations the registry lists (its '- id:' lines), without parsing it."""
    try:
        return path.read_bytes().count(b"\n- id:")
    except OSError:
        return 0


def load_document(
    path: str | os.PathLike[str],
    rel: str,
    problems: list[Problem],
    shown: str | None = None,
    *,
    trust_unchanged: bool = False,
    memory: ParseMemory | None = None,
) -> Document | None:
    """Read one Markdown file: YAML front matter between two `---` lines, then the body.

    `rel` is the path under content/ (it names the page and the default id); `shown` is
    the path problems are reported with (the path from the site root).  With `memory`, a
    file with the same front matter, blank lines and body as when it was parsed before is
    not parsed again; with `trust_unchanged` too, one whose stat is unchanged is not even
    read (ParseMemory.unchanged).
    """
    page_path, rel = rel, shown or rel
    key = document_key(rel)
    stamp: Stamp | None = None
    seen_key: FileKey | None = None
    read_at = 0.0
    if trust_unchanged and memory is not None:  # only previews need the file's stamp
        try:
            stat = os.stat(path)
            stamp, read_at = (stat.st_mtime_ns, stat.st_size, stat.st_ino), time.time()
        except OSError:
            pass
        seen_key = (os.path.abspath(path), rel)
        seen = memory.unchanged(seen_key, stamp)
        if seen is not None:
            problems.extend(seen[1])
            return seen[0]

    try:
        text = read_text(path)
    except UnicodeDecodeError:
        problems.append(Problem(rel, 0, _("file is not UTF-8 text"), _("save the file as UTF-8")))
        return None
    except OSError as error:  # gone, or replaced by a link, since the folder was listed
        problems.append(
            Problem(
                rel,
                0,
                _("cannot be read: {strerror}").format(strerror=error.strerror),
                _("check the file and run again"),
            )
        )
        return None
    bounds = front_matter_bounds(text, rel, problems)
    if bounds is None:
        return None
    start, end, after = bounds
    fm_text, rest = text[start:end], text[after:]
    body = rest.lstrip("\n")
    line_offset = text.count("\n", 0, start)
    body_line = text.count("\n", 0, after) + len(rest) - len(body) + 1
    if memory is None:
        return parse_document(page_path, rel, fm_text, body, line_offset, body_line, problems)
    # Same front matter, same blank lines, same body: the same file, parsed before.
    fingerprint = (page_path, text[:after], len(rest) - len(body))
    hit = memory.document(key, fingerprint, body)
    if hit is not None:
        problems.extend(hit[1])
        if seen_key is not None:
            memory.keep_unchanged(seen_key, stamp, read_at, hit[0], hit[1])
        return hit[0]
    before = len(problems)
    doc = parse_document(page_path, rel, fm_text, body, line_offset, body_line, problems)
    if doc is not None:
        found = tuple(problems[before:])
        memory.keep_document(key, fingerprint, doc, found)
        if seen_key is not None:
            memory.keep_unchanged(seen_key, stamp, read_at, doc, found)
    return doc


def load_site(
    root: Path,
    content_dir: str = "content",
    catalogs_dir: str = "catalogs",
    *,
    memory: ParseMemory | None = None,
    trust_unchanged: bool = False,
    parallel: bool = False,
) -> Site:
    """Read a whole site: registry, catalogs and content.  Never raises on bad input.

    `memory`: what earlier loads parsed, kept by the caller (a preview session, `check`'s
    parse cache); files unchanged since are not parsed again, and what this load parses
    is added to it.  None: every file is parsed.  `trust_unchanged` (previews only, with a
    memory): skip reading Markdown files whose stat shows they were not written since the
    memory last read them (ParseMemory.unchanged).  `parallel`: a large site's catalogs and
    Markdown are parsed by two processes (`check`; a build has its own parallelism).
    """
    problems: list[Problem] = []
    documents: list[Document] = []
    other: list[str] = []
    content_path = root / content_dir
    folder = str(content_path)
    markdown: list[str] = []
    if content_path.is_symlink():
        not_a_plain_file(problems, content_dir, link=True)
    else:
        for rel in walk_content(content_path, problems, content_dir):
            (markdown if rel.endswith(".md") else other).append(rel)
    markdown, mongolian = split_translations(markdown)  # x.mn.md: a Mongolian version (translations.py)

    def parse(rel: str, found: list[Problem]) -> Document | None:  # one file, in the second process
        return load_document(os.path.join(folder, rel), rel, found, f"{content_dir}/{rel}", memory=memory)

    catalogs_path = root / catalogs_dir
    catalog_paths = catalog_files(catalogs_path, catalogs_dir, problems)

    def parse_catalogs(found: list[Problem]) -> list[CatalogSource | None]:  # in the second process, or here
        return [_remembered(load_catalog, path, f"{catalogs_dir}/{path.name}", found, memory) for path in catalog_paths]

    registry_path, registry_rel = catalogs_path / "organizations.yml", f"{catalogs_dir}/organizations.yml"
    # Started first, so the second process parses the catalogs and its Markdown while this
    # one reads the registry and the rest.
    forked = (
        parallel_parse.parse_in_a_second_process(
            markdown, content_dir, parse, memory, parse_catalogs, len(catalog_paths), _registry_size(registry_path)
        )
        if parallel
        else None
    )
    if catalogs_path.is_symlink() or registry_path.is_symlink():
        not_a_plain_file(problems, catalogs_dir if catalogs_path.is_symlink() else registry_rel, link=True)
        registry = Registry({})
    else:
        registry = _remembered(load_registry, registry_path, registry_rel, problems, memory)
    templates = _templates(catalogs_path, catalogs_dir, problems, memory)
    topics_path, topics_rel = catalogs_path / TOPICS_FILE, f"{catalogs_dir}/{TOPICS_FILE}"
    if topics_path.is_symlink():
        not_a_plain_file(problems, topics_rel, link=True)
    # A few dozen lines: parsed every time, never through a link.
    topics = load_topics(topics_path, topics_rel, problems) if not topics_path.is_symlink() else {}
    if not content_path.is_dir() and not content_path.is_symlink():
        problems.append(Problem(content_dir, 0, _("the content folder is missing"), _("create content/ with items")))
    if forked is not None:
        markdown = markdown[: forked.count]
    for rel in markdown:
        doc = load_document(
            os.path.join(folder, rel),
            rel,
            problems,
            f"{content_dir}/{rel}",
            trust_unchanged=trust_unchanged,
            memory=memory,
        )
        if doc is not None:
            documents.append(doc)
    read = forked.catalogs(problems, memory) if forked is not None else parse_catalogs(problems)
    if forked is not None:
        forked.join(documents, problems, memory)
    sources: list[CatalogSource] = []
    for path, source in zip(catalog_paths, read, strict=True):
        if source is None:
            continue
        catalog = source.catalog
        if catalog.org != path.stem:
            problems.append(
                Problem(
                    f"{catalogs_dir}/{path.name}",
                    catalog.where.of("org"),
                    _("catalog file is named '{name}' but says org: {org}").format(name=path.name, org=catalog.org),
                    _("name the file catalogs/{org}.yml or fix 'org'").format(org=catalog.org),
                )
            )
            continue
        sources.append(source)
    expander = Expander(
        templates,
        (source.catalog.org for source in sources),
        registry,
        problems,
        catalogs_dir,
    )
    catalogs: dict[str, Catalog] = {source.catalog.org: expander.catalog(source) for source in sources}
    translations = [
        found
        for rel in mongolian
        if (found := load_translation(os.path.join(folder, rel), rel, f"{content_dir}/{rel}", problems)) is not None
    ]
    return Site(registry, catalogs, documents, other, problems, translations, topics=topics)
