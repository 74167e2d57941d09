"""The site's ``mkdocs.yml`` read as MkDocs reads it, for the ``katalog`` command.

MkDocs itself is not imported: the file is read as plain YAML (Python tags ignored), the file it
``INHERIT``s merged in the way MkDocs merges it, and the ``katalog`` block handed to
:func:`frivilligkatalogen.base.options.settings_from_options`, which checks it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from frivilligkatalogen.base.i18n import DEFAULT_LANGUAGE, t
from frivilligkatalogen.base.options import OptionsError, Settings, settings_from_options


def theme_language(config: dict) -> str:
    """``theme.language`` of a MkDocs configuration read as YAML (bokmål when it has none)."""
    theme = config.get("theme")
    value = theme.get("language") if isinstance(theme, dict) else None
    return value if isinstance(value, str) else DEFAULT_LANGUAGE


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running it: unknown tags (``!!python/name``) become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _merged(parent: dict, child: dict) -> dict:
    """``child`` over ``parent`` as MkDocs merges an ``INHERIT``ed file: mappings key by key,
    everything else (lists too) replaced."""
    merged = dict(parent)
    for key, value in child.items():
        below = merged.get(key)
        both_mappings = isinstance(below, dict) and isinstance(value, dict)
        merged[key] = _merged(below, value) if both_mappings else value
    return merged


def _read_config(path: Path, inherited: tuple[Path, ...] = ()) -> dict:
    """A MkDocs configuration file read as YAML, with the file it ``INHERIT``s merged in."""
    try:
        with open(path, encoding="utf-8") as handle:
            config = yaml.load(handle, Loader=_ConfigLoader) or {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise OptionsError(
            t("settings.config_unreadable", line=mark.line + 1 if mark else 1)
        ) from None
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        raise OptionsError(t("settings.config_unreadable", line=1)) from None
    if not isinstance(config, dict):
        raise OptionsError(t("settings.not_a_config"))
    parent = config.pop("INHERIT", None)
    if parent is None:
        return config
    parent_path = (path.parent / str(parent)).resolve()
    if parent_path in inherited or not parent_path.is_file():
        raise OptionsError(t("settings.not_a_config"))
    return _merged(_read_config(parent_path, (*inherited, path.resolve())), config)


def read_site_settings(root: Path) -> Settings:
    """The settings of the site at ``root`` from its ``mkdocs.yml`` (defaults where missing),
    read as MkDocs reads it: a file it ``INHERIT``s merged in, ``plugins`` as a list or a
    mapping."""
    config_path = root / "mkdocs.yml"
    if not config_path.exists():
        return Settings(root=root)
    config = _read_config(config_path)
    plugins = config.get("plugins") or []
    options: dict = {}
    if isinstance(plugins, dict):
        options = plugins.get("katalog") or {}
    for plugin in plugins if isinstance(plugins, list) else []:
        if isinstance(plugin, dict) and "katalog" in plugin:
            options = plugin["katalog"] or {}
    if not isinstance(options, dict):
        raise OptionsError(t("settings.not_a_config"))
    return settings_from_options(
        options,
        root,
        str(config.get("repo_url") or ""),
        str(config.get("site_url") or ""),
        theme_language(config),
    )
