"""Output files of commands (``--out``, ``--save-model``): checked before any work, written
whole or not at all.

The text goes to a temporary file in the target's folder, which is then renamed over the
target (atomic on POSIX): a failed write (a full disk) leaves neither a partial file nor
the temporary one, and an existing file stays as it was.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path

from factsift.errors import OutputError


def check_output_path(path: Path, option: str = "--out") -> None:
    """Fail at once when ``path`` cannot be written: its folder is missing, or it is one."""
    if path.is_dir():
        raise OutputError(
            f"{option} '{path}' is a folder. Give a file name in it, e.g. '{path / 'report.txt'}'."
        )
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(
            f"The folder '{folder}' of {option} '{path}' does not exist; nothing was written. "
            f"Create it (mkdir -p '{folder}') or give another path."
        )


def write_output(path: Path, text: str, option: str = "--out") -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file renamed into place."""
    check_output_path(path, option)
    mode = _mode_for(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(_failure(exc, path, option)) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())  # a full disk shows here, not after the rename
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(tmp)
        raise OutputError(_failure(exc, path, option)) from exc


def _mode_for(path: Path) -> int:
    """An existing file's permissions, else what a plain ``open()`` would give (mkstemp
    makes 0600 files)."""
    with suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _failure(exc: OSError, path: Path, option: str) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why, fix = "disk full", "Free space on that disk or give a path on another one"
    elif exc.errno == errno.EFBIG:
        why, fix = "file too large for this system's limit", "Give a path on another disk"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why, fix = "not allowed to write there", "Give a path in a folder you can write"
    else:
        why, fix = exc.strerror or str(exc), "Check the path or give another one"
    return f"Cannot write {option} '{path}': {why}; nothing was written. {fix}."
