"""Sentence vectors for fact-checks and queries, with a cache keyed by text.

The same texts come back often (the public sets overlap, benchmarks rebuild stores), and
embedding is the slow step (~250 sentences/s on 2 cores), so vectors are cached by SHA-1
of the text in one SQLite file in the user cache folder (``$FACTSIFT_CACHE`` overrides it;
``FACTSIFT_CACHE=off`` disables the cache).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from factsift.embed import DIM

MODEL_NAME = "all-MiniLM-L6-v2-int8"
CACHE_ENV = "FACTSIFT_CACHE"

Vectors = npt.NDArray[np.float32]
Progress = Callable[[int], None]


def cache_path() -> Path | None:
    env = os.environ.get(CACHE_ENV)
    if env and env.lower() == "off":
        return None
    if env:
        return Path(env).expanduser() / "embeddings.sqlite3"
    import platformdirs

    return Path(platformdirs.user_cache_dir("factsift", appauthor=False)) / "embeddings.sqlite3"


def _digest(text: str) -> str:
    return hashlib.sha1(f"{MODEL_NAME}\x1f{text}".encode()).hexdigest()  # noqa: S324


def _open_cache() -> sqlite3.Connection | None:
    path = cache_path()
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=30.0)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS vectors (digest TEXT PRIMARY KEY, vec BLOB)")
    except (sqlite3.Error, OSError):
        return None  # the cache is an optimisation only
    return conn


def encode(texts: Sequence[str], progress: Progress | None = None, batch: int = 256) -> Vectors:
    """Unit vectors (float32) for ``texts``; ``progress(n)`` is told of each batch done."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    conn = _open_cache()
    digests = [_digest(t) for t in texts]
    todo: dict[str, list[int]] = {}
    for i, digest in enumerate(digests):
        todo.setdefault(digest, []).append(i)
    if conn is not None:
        keys = list(todo)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows = conn.execute(
                f"SELECT digest, vec FROM vectors WHERE digest IN ({','.join('?' * len(chunk))})",  # noqa: S608
                chunk,
            ).fetchall()
            for digest, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
                for i in todo.pop(digest):
                    out[i] = vec
        if progress is not None:
            progress(len(texts) - sum(len(v) for v in todo.values()))
    if todo:
        from factsift.embed import default_embedder

        embedder = default_embedder()
        pending = list(todo)
        for start in range(0, len(pending), batch):
            chunk = pending[start : start + batch]
            vectors = embedder.encode([texts[todo[d][0]] for d in chunk])
            for digest, vec in zip(chunk, vectors, strict=True):
                for i in todo[digest]:
                    out[i] = vec
            if conn is not None:
                conn = _cache_vectors(conn, chunk, vectors)
            if progress is not None:
                progress(sum(len(todo[d]) for d in chunk))
    if conn is not None:
        conn.close()
    return out


def _cache_vectors(
    conn: sqlite3.Connection, digests: Sequence[str], vectors: Vectors
) -> sqlite3.Connection | None:
    """Store vectors in the cache; on failure (a full disk) stop caching, not the caller:
    the cache is an optimisation only."""
    rows = ((d, v.astype(np.float16).tobytes()) for d, v in zip(digests, vectors, strict=True))
    try:
        with conn:
            conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
    except sqlite3.Error:
        conn.close()
        return None
    return conn


def from_blob(blob: bytes | None) -> Vectors | None:
    if blob is None:
        return None
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32)


def to_blob(vector: Vectors) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()
