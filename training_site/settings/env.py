"""The one place that reads the process environment (12-factor configuration)."""

import os

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


def env_str(name: str, default: str | object = _MISSING) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default  # type: ignore[return-value]
    return value


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, *, default: int) -> int:
    value = env_str(name, default=str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"The environment variable {name} must be a whole number.") from None


def env_list(name: str, default: list[str] | object = _MISSING) -> list[str]:
    raw = env_str(name, default=None if default is not _MISSING else _MISSING)
    if raw is None:
        return list(default)  # type: ignore[arg-type]
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_file(name: str) -> str:
    """The path in `name`, which must be set and name a readable file (keys, certificates)."""
    path = env_str(name)
    if not os.path.isfile(path) or not os.access(path, os.R_OK):
        raise ImproperlyConfigured(f"The environment variable {name} names {path}, which is not a readable file.")
    return path
