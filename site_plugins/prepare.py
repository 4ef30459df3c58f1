"""One call from sources to what a build may contain: load, validate, select, check.

The MkDocs plugin and the CLI both go through `prepare`, so a problem the CLI reports is
exactly a problem that stops the build.  A warning (`Problem.warning`) is in `problems`
too, for the plugin to log, but never stops a build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .audience import Audience, AudienceError, Publication, build_clock, publish
from .load import load_site
from .model import Problem, Site
from .rules import validate, validate_publication


@dataclass
class Prepared:
    site: Site
    audience: Audience | None
    publication: Publication | None
    problems: list[Problem]


def prepare(
    root: Path,
    audience: str | None,
    clock: dt.date | None = None,
    content_dir: str = "content",
    catalogs_dir: str = "catalogs",
    preview: bool = False,
) -> Prepared:
    # A preview (serve) reloads the site on every save; it may skip files not written since.
    site = load_site(root, content_dir, catalogs_dir, trust_unchanged=preview)
    clock = clock or build_clock()
    # Warnings are kept in `problems` (the plugin logs every one) but stop nothing.
    problems = validate(site, clock, warnings=True)
    try:
        chosen = Audience.parse(audience, site.registry)
    except AudienceError as error:
        problems.append(Problem("mkdocs.yml", 0, str(error).split(" — ")[0], str(error).split(" — ")[-1]))
        return Prepared(site, None, None, problems)
    errors = [p for p in problems if not p.warning]
    if errors and preview:
        # A preview shows what is sound and lists the rest; files with problems stay out.
        broken = {p.path for p in errors}
        site.documents = [d for d in site.documents if d.where.path not in broken]
    if errors and not preview:
        return Prepared(site, chosen, None, problems)
    pub = publish(site, chosen, clock, preview_drafts=preview)
    problems += validate_publication(pub, site)
    if not preview and any(not p.warning for p in problems):
        return Prepared(site, chosen, None, problems)
    return Prepared(site, chosen, pub, problems)
