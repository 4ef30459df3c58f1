"""The disclosure plugin's settings: every default written once, read from mkdocs.yml.

The plugin's options (plugins/disclosure.py) take their defaults from `DEFAULTS`, and
the commands that do not run the site engine — `check`, `report`, `new`, `diff` — read
the same options from mkdocs.yml here, so they judge the folders and the grace the build
uses.  This reader needs no engine: mkdocs.yml is read with PyYAML's safe loader, its
`!ENV` tags resolved as the engine resolves them, and any other tag (Material's
`!!python/name:` for emoji, say) read as no value, never executed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from .i18n import _
from .index_numbers import DEFAULT_PATTERN, IndexPattern, PatternError
from .vocab import DEFAULT_GRACE_DAYS


@dataclass(frozen=True)
class Settings:
    """The options of mkdocs.yml's `disclosure` plugin that the core needs."""

    content_dir: str = "content"
    catalogs_dir: str = "catalogs"
    # Days after a period's due date before an entry counts as overdue (Art. 14 catalogs).
    overdue_grace_days: int = DEFAULT_GRACE_DAYS
    # How `disclose new` numbers an item (索引号): {code}/{year}-{serial:5} by default (index_numbers.py).
    index_pattern: str = DEFAULT_PATTERN


DEFAULTS = Settings()


class _Reader(yaml.SafeLoader):
    """Safe loading of an engine configuration: `!ENV` resolved, every other tag a None."""


def _env(loader: _Reader, node: yaml.Node) -> Any:  # noqa: ANN401 - a YAML value
    # `!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the default.
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        names = [loader.construct_object(n) for n in node.value]
        variables, default = (names[:-1], names[-1]) if len(names) > 1 else (names, None)
        for name in variables:
            if isinstance(name, str) and name in os.environ:
                return yaml.safe_load(os.environ[name])
        return default
    return None


def _no_value(loader: _Reader, suffix: str, node: yaml.Node) -> None:
    return None


_Reader.add_constructor("!ENV", _env)
_Reader.add_multi_constructor("", _no_value)
_Reader.add_multi_constructor("tag:yaml.org,2002:python/", _no_value)


class SettingsError(ValueError):
    """mkdocs.yml cannot be read, or one of the plugin's options has the wrong type."""


def source_root(root: Path, config_file: str = "mkdocs.yml") -> Path:
    """The folder the sources are read from: the one holding the configuration, as the engine's
    plugin reads them (`--root A -f B/mkdocs.yml` builds B's content)."""
    return (root / config_file).resolve().parent


def read(root: Path, config_file: str = "mkdocs.yml") -> Settings:
    """The disclosure plugin's settings in `root/config_file`, the defaults where it says none.

    A configuration that `INHERIT`s another is read over it, the plugin's options of the
    inheriting file winning key by key.  A missing mkdocs.yml means the defaults (a site
    being set up); an unreadable one, or an option of the wrong type, is a SettingsError
    naming the file and the option.  A build checks that the folders it was handed are the
    ones its plugin reads (plugins/disclosure.py), so a reading that differs from the
    engine's stops the build rather than mixing two folders.
    """
    options = _options_of(root / config_file, config_file, set())
    found: dict[str, Any] = {}
    for option in fields(Settings):
        value = options.get(option.name)
        if value is None:
            continue
        wanted = type(getattr(DEFAULTS, option.name))
        if type(value) is not wanted:
            kind = (
                _("a whole number")
                if wanted is int
                else _("a pattern")
                if option.name == "index_pattern"
                else _("a folder name")
            )
            raise SettingsError(
                _("{config_file}: disclosure {name} is {value!r} — give {kind} (default {default!r})").format(
                    config_file=config_file,
                    name=option.name,
                    value=value,
                    kind=kind,
                    default=getattr(DEFAULTS, option.name),
                )
            )
        if option.name == "index_pattern":
            try:
                IndexPattern.parse(value)
            except PatternError as error:
                raise SettingsError(
                    _("{config_file}: disclosure index_pattern: {error}").format(config_file=config_file, error=error)
                ) from None
        found[option.name] = value
    return replace(DEFAULTS, **found)


def _options_of(path: Path, shown: str, seen: set[Path]) -> dict[str, Any]:
    """The plugin's options in the configuration at `path`, over those of what it INHERITs."""
    if path.resolve() in seen:
        raise SettingsError(_("{shown}: INHERIT comes back to itself — remove the loop").format(shown=shown))
    seen.add(path.resolve())
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if not seen - {path.resolve()}:
            return {}  # no mkdocs.yml yet: the defaults
        raise SettingsError(
            _("{shown}: INHERIT names a file that does not exist — correct the path").format(shown=shown)
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(
            _("{shown}: cannot be read ({error}) — save it as UTF-8 text").format(shown=shown, error=error)
        ) from None
    try:
        config = yaml.load(text, Loader=_Reader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise SettingsError(
            _("{shown}{line}: is not valid YAML — check its indentation and quoting").format(shown=shown, line=line)
        ) from None
    options = _plugin_options(config)
    parent = config.get("INHERIT") if isinstance(config, dict) else None
    if isinstance(parent, str):
        inherited = path.parent / parent
        return {**_options_of(inherited, str(inherited), seen), **options}
    return options


def _plugin_options(config: object) -> dict[str, Any]:
    """The options given to the `disclosure` plugin in mkdocs.yml's `plugins` (a list or a mapping)."""
    plugins = config.get("plugins") if isinstance(config, dict) else None
    entries: list[Any] = []
    if isinstance(plugins, dict):
        entries = [{name: value} for name, value in plugins.items()]
    elif isinstance(plugins, list):
        entries = plugins
    for entry in entries:
        if isinstance(entry, dict) and "disclosure" in entry:
            options = entry["disclosure"]
            return options if isinstance(options, dict) else {}
    return {}
