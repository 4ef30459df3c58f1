"""The site engine: the one module that knows which engine builds the sites, and how.

ProperDocs (the maintained continuation of MkDocs 1.x) when it is installed, MkDocs 1.6
otherwise.  Both read mkdocs.yml, run the same plugin events and load our plugin from an
entry point (`mkdocs.plugins` and `properdocs.plugins`, pyproject.toml).  ProperDocs names
its modules `properdocs.*` and answers `mkdocs.*` imports with them once
`properdocs.replacement` is imported (Material for MkDocs imports `mkdocs.*`), so this
module imports that first and then names everything by the MkDocs names: the same objects
on either engine.  Where MkDocs itself is already running (`mkdocs build`), it is the
engine, whatever else is installed.

Everything the rest of the product needs from the engine goes through here: the plugin
API, loading a configuration with the plugin's options set, building, serving, the
engine's logger (where its build errors are logged), and the few places where we change
the engine's own behaviour (`mark_modified`, `_system_file_watcher`, `serve`).  The
domain core never imports this module (tests/test_build.py).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Literal


def _engine_name() -> str:
    running = sys.modules.get("mkdocs")
    if running is not None and running is not sys.modules.get("properdocs"):
        return "mkdocs"  # `mkdocs build` loaded us: MkDocs is the engine
    try:
        import properdocs.replacement  # noqa: F401 - from now on mkdocs.* names properdocs.*
    except ImportError:
        return "mkdocs"
    return "properdocs"


NAME = _engine_name()

# The engine's own modules, by the names both engines answer to.
from mkdocs.commands import build as _build_module  # noqa: E402
from mkdocs.config import config_options  # noqa: E402, F401 - re-exported for the plugin
from mkdocs.config import load_config as _load_config  # noqa: E402
from mkdocs.config.base import Config, ValidationError  # noqa: E402, F401
from mkdocs.config.defaults import MkDocsConfig as EngineConfig  # noqa: E402
from mkdocs.exceptions import MkDocsException as EngineError  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402, F401
from mkdocs.plugins import BasePlugin, event_priority  # noqa: E402, F401
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions  # noqa: E402, F401
from mkdocs.structure.pages import Page  # noqa: E402, F401
from mkdocs.utils import CountHandler  # noqa: E402

from .i18n import _  # noqa: E402

__all__ = [
    "NAME",
    "VERSION",
    "PLUGIN",
    "BasePlugin",
    "Config",
    "EngineConfig",
    "EngineError",
    "File",
    "Files",
    "InclusionLevel",
    "Page",
    "PluginError",
    "ValidationError",
    "build",
    "config_options",
    "errors_logged",
    "event_priority",
    "load_config",
    "logger",
    "mark_modified",
    "plan",
    "serve",
    "strict_warnings",
]

VERSION: str = getattr(sys.modules[NAME], "__version__", "?")
PLUGIN = "disclosure"  # the plugin's name in mkdocs.yml and in both entry-point groups
PLAN = "plan"  # the command `plan` tells the plugins (on_startup)


def logger(name: str = "") -> logging.Logger:
    """The engine's logger (`properdocs` or `mkdocs`), or one of its children.

    Its build errors, plugin messages and strict-mode counter live there; ProperDocs
    logs to `properdocs`, so a reader of `mkdocs` would hear nothing from it.
    """
    return logging.getLogger(f"{NAME}.{name}" if name else NAME)


class _Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def errors_logged(quiet: bool = False) -> Iterator[list[str]]:
    """The error messages the engine logs while the block runs (it raises a bare "Aborted").

    `quiet`: nothing the engine logs is printed meanwhile.  Its records still reach its own
    handlers — among them strict mode's warning counter, which a raised level would starve.
    """
    engine_log = logger()
    handler = _Collected()
    propagate = engine_log.propagate
    if quiet:
        engine_log.propagate = False
    engine_log.addHandler(handler)
    try:
        yield handler.messages
    finally:
        engine_log.removeHandler(handler)
        engine_log.propagate = propagate


class WarningCount(logging.Handler):
    """How many warnings the engine (and the plugins under its logger) logged since `start`."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def start(self) -> WarningCount:
        logger().addHandler(self)
        return self

    def stop(self) -> None:
        logger().removeHandler(self)


def strict_warnings() -> bool:
    """Whether the engine's strict-mode counter saw a warning (it aborts only after on_post_build)."""
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logger().handlers)


def load_config(config_file: str, options: Mapping[str, object] | None = None, **settings: Any) -> EngineConfig:  # noqa: ANN401 - the engine's own settings
    """mkdocs.yml loaded, with the disclosure plugin's `options` set and validated on it.

    The options are validated by the plugin's own Config class, exactly as if they were
    written in mkdocs.yml; an invalid one stops here with the plugin's message.
    """
    config = _load_config(config_file=config_file, **settings)
    if options:
        if config.plugins.get(PLUGIN) is None:
            raise EngineError(
                _(
                    "{config_file}: the '{plugin}' plugin is not in plugins — add it (see the README); without it nothing is published"
                ).format(config_file=config_file, plugin=PLUGIN)
            )
        _set_options(config, options)
    return config


def _set_options(config: EngineConfig, options: Mapping[str, object]) -> None:
    """The plugin's options as mkdocs.yml gives them, with `options` over them, validated again."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return
    errors, _ = plugin.load_config({**plugin.config, **options}, config.config_file_path)
    if errors:
        raise EngineError("; ".join(f"{PLUGIN} {key}: {error}" for key, error in errors))


def build(
    config: EngineConfig,
    *,
    serve_url: str | None = None,
    dirty: bool = False,
    command: Literal["build", "serve"] = "build",
) -> None:
    """One build, as the engine's `build` command runs it: the plugins hear `on_startup` first.

    A plugin instance outlives a build in one process (the engine keeps plugins that have
    on_startup), so each build tells it again which command it is part of.  `command="serve"`,
    `serve_url` and `dirty`: as a preview's rebuilds run it (tests).
    """
    config.plugins.on_startup(command=command, dirty=dirty)
    build_log = logging.getLogger(_build_module.__name__)
    quiet = _DirtyWarning()
    if dirty and command == "build":
        # The engine warns that a dirty build may leave stale files and stale navigation; an
        # incremental build is written into a new, empty folder, and the pages it does not
        # render are those made of the same inputs (plugins/incremental.py).  In strict mode
        # the warning would stop the build.
        build_log.addFilter(quiet)
    try:
        _build_module.build(config, serve_url=serve_url, dirty=dirty)
    finally:
        build_log.removeFilter(quiet)


class _DirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def plan(config: EngineConfig) -> tuple[EngineConfig, Files]:
    """The files a build of `config` would write, as its plugins decide them; nothing is rendered or written.

    The first steps of the engine's build (mkdocs.commands.build.build): `on_config`, the
    files of docs_dir and the theme, `on_files`.  The plugins hear `on_startup` with the
    command "plan" first (the disclosure plugin then builds into no folder).
    """
    config.plugins.on_startup(command=PLAN, dirty=False)  # type: ignore[arg-type]
    config = config.plugins.on_config(config)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    return config, files


def mark_modified(file: File, modified: bool) -> None:
    """Whether a dirty build renders the file again, decided now, not by its time stamps."""
    file.is_modified = (lambda: True) if modified else (lambda: False)  # type: ignore[method-assign]


def serve(config_file: str, options: Mapping[str, object], dev_addr: str, watch: list[str]) -> None:
    """The engine's live preview with the plugin's `options` set on every rebuild's config.

    The engine loads mkdocs.yml again for each rebuild, so the options are applied where
    it loads it.  Dirty rebuilds: only pages an edit changed are rendered again
    (plugins/preview.py).
    """
    from mkdocs.commands import serve as serve_module

    _system_file_watcher(serve_module)
    engine_load: Callable[..., EngineConfig] = serve_module.load_config  # type: ignore[attr-defined]

    def load_with_options(**settings: Any) -> EngineConfig:  # noqa: ANN401 - the engine's own settings
        config = engine_load(**settings)
        _set_options(config, options)
        return config

    serve_module.load_config = load_with_options  # type: ignore[attr-defined, assignment]
    try:
        serve_module.serve(
            config_file=config_file,
            open_in_browser=False,
            dev_addr=dev_addr,
            livereload=True,
            watch=watch,
            build_type="dirty",
        )
    finally:
        serve_module.load_config = engine_load  # type: ignore[attr-defined]


def _system_file_watcher(serve_module: Any = None) -> None:  # noqa: ANN401 - the engine's serve module
    """Make the preview server learn of a saved file from the system (inotify), not by polling.

    MkDocs 1.6 always polls (`PollingObserver`, every 0.5 s): it lists and stats every
    file under content/ each time — at 5,000 items ~0.1 s of CPU twice a second, while
    the rebuild it waits for needs that core — and an edit is seen 0.35–0.45 s after it
    is saved (bench/RESULTS.md).  watchdog's default observer uses the system's
    notifications (inotify on Linux) and reports a save at once.  Where it cannot be made,
    the engine keeps polling.
    """
    import watchdog.observers

    if serve_module is None:
        from mkdocs.commands import serve as serve_module
    server_class = serve_module.LiveReloadServer
    if getattr(server_class, "system_watcher", False):
        return

    class SystemWatcherServer(server_class):  # type: ignore[misc, valid-type]
        system_watcher = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 - the engine's own signature
            super().__init__(*args, **kwargs)
            try:
                self.observer = watchdog.observers.Observer()
            except OSError:  # e.g. no inotify instances left: keep the engine's polling
                pass

    serve_module.LiveReloadServer = SystemWatcherServer
