"""One call from sources to what a build may contain: load, validate, select, check.

The site plugin goes through `prepare`; `disclose build` loads and validates the site once
(`validated`) and hands it to the plugin, which then only selects and checks what the
audience sees — so a problem the CLI reports is exactly a problem that stops the build,
and the sources are read once.  A warning (`Problem.warning`) is in `problems` too, for
the plugin to log, but never stops a build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .audience import Audience, AudienceError, Publication, build_clock, publish
from .load import load_site
from .model import Problem, Site
from .parse_memory import ParseMemory
from .rules import Parts, validate, validate_publication
from .settings import DEFAULTS, Settings


@dataclass(frozen=True)
class Validated:
    """A loaded site with the problems `rules.validate` found in it on `clock`: a build's sources.

    Handed from the CLI to the plugin (plugins/disclosure.py `hand_over`), so one build
    reads and judges its sources once.  Never changed by a build.
    """

    site: Site
    clock: dt.date
    problems: tuple[Problem, ...]
    # Where it was read from, and the plugin's options it was read with (folders, grace):
    # a plugin builds from a hand-over only if it reads the same folders.
    root: Path
    settings: Settings

    @property
    def content_dir(self) -> str:
        return self.settings.content_dir

    @property
    def catalogs_dir(self) -> str:
        return self.settings.catalogs_dir

    def read_from(self, root: Path, content_dir: str, catalogs_dir: str) -> bool:
        return (self.root, self.content_dir, self.catalogs_dir) == (root.resolve(), content_dir, catalogs_dir)


def validated_site(
    root: Path,
    settings: Settings = DEFAULTS,
    clock: dt.date | None = None,
    every_build: bool = False,
    parts: Parts | None = None,
    **load: Any,  # noqa: ANN401 - load_site's options
) -> Validated:
    """The site under root, loaded from the configured folders and judged on `clock`.

    `every_build` (check): also what would stop only the builds of some audiences.
    `parts`: see rules.validate.
    """
    site = load_site(root, settings.content_dir, settings.catalogs_dir, **load)
    clock = clock or build_clock()
    parallel = bool(load.get("parallel"))  # the rules too run in two processes on a large site
    problems = tuple(validate(site, clock, warnings=True, every_build=every_build, parts=parts, parallel=parallel))
    return Validated(site, clock, problems, root.resolve(), settings)


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
    content_dir: str = DEFAULTS.content_dir,
    catalogs_dir: str = DEFAULTS.catalogs_dir,
    preview: bool = False,
    validated: Validated | None = None,
    memory: ParseMemory | None = None,
) -> Prepared:
    """What the audience's build may contain; `validated`: the sources, loaded and judged already.

    `memory`: what earlier loads parsed (a preview session keeps one between rebuilds).
    """
    if validated is None:
        # A preview (serve) reloads the site on every save; it may skip files not written since.
        site = load_site(root, content_dir, catalogs_dir, memory=memory, trust_unchanged=preview)
        clock = clock or build_clock()
        # Warnings are kept in `problems` (the plugin logs every one) but stop nothing.
        problems = validate(site, clock, warnings=True)
    else:
        site, clock, problems = validated.site, validated.clock, list(validated.problems)
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
