"""Chinese handwriting recognised offline: Zinnia with the Tegaki Simplified Chinese model.

Debian's `libzinnia0` installs the library (libzinnia.so.0), `tegaki-zinnia-simplified-chinese`
the model (/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model, LGPL-2.1+). Neither needs
a network, an account or a GPU, and a character comes back in a few milliseconds.

Why ctypes: there is no maintained Python binding to use. PyPI's "zinnia" packages are a
Django blog; Debian ships no python3-zinnia; Zinnia's own SWIG binding would need a compiler
and libzinnia-dev wherever the kiosk is installed. Zinnia's C interface (zinnia.h) is a
dozen plain functions over three opaque pointers, declared below in a few lines, so ctypes
against the library Debian installs is the smallest dependency that works.

Lifetime: a `Recognizer` owns one zinnia_recognizer_t, freed by `close()` (or when the object
is collected); each `candidates()` call makes one zinnia_character_t and gets one
zinnia_result_t, and frees both before it returns, so nothing grows per character written.
Thread safety: Zinnia does not promise that one recognizer may classify from two threads at
once, so a lock lets one call in at a time (ctypes releases the GIL while Zinnia works).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger("silversteps.handwriting")

LIBRARY = "libzinnia.so.0"
LIBRARY_PACKAGE = "libzinnia0"
MODEL = Path("/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model")
MODEL_PACKAGE = "tegaki-zinnia-simplified-chinese"

Point = tuple[float, float]
Stroke = Sequence[Point]


class ZinniaUnavailable(RuntimeError):
    """The library or the model cannot be used; the message says which and what to install."""


_P = ctypes.c_void_p
_SIZE = ctypes.c_size_t
# name: (result type, argument types), as zinnia.h declares them
_PROTOTYPES: dict[str, tuple[object, list[object]]] = {
    "zinnia_version": (ctypes.c_char_p, []),
    "zinnia_recognizer_new": (_P, []),
    "zinnia_recognizer_destroy": (None, [_P]),
    "zinnia_recognizer_open": (ctypes.c_int, [_P, ctypes.c_char_p]),
    "zinnia_recognizer_strerror": (ctypes.c_char_p, [_P]),
    "zinnia_recognizer_size": (_SIZE, [_P]),
    "zinnia_recognizer_classify": (_P, [_P, _P, _SIZE]),
    "zinnia_character_new": (_P, []),
    "zinnia_character_destroy": (None, [_P]),
    "zinnia_character_set_width": (None, [_P, _SIZE]),
    "zinnia_character_set_height": (None, [_P, _SIZE]),
    "zinnia_character_add": (ctypes.c_int, [_P, _SIZE, ctypes.c_int, ctypes.c_int]),
    "zinnia_result_value": (ctypes.c_char_p, [_P, _SIZE]),
    "zinnia_result_score": (ctypes.c_float, [_P, _SIZE]),
    "zinnia_result_size": (_SIZE, [_P]),
    "zinnia_result_destroy": (None, [_P]),
}


def load_library(library: str | os.PathLike[str] | None = None) -> ctypes.CDLL:
    """Zinnia's shared library with its functions declared; `library` is a file or a name the
    dynamic loader finds (by default Debian's libzinnia.so.0, then whatever ldconfig knows)."""
    names = [os.fspath(library)] if library is not None else [LIBRARY]
    if library is None:
        found = ctypes.util.find_library("zinnia")  # other systems' names; runs ldconfig, so only second
        if found and found not in names:
            names.append(found)
    problem = ""
    for name in names:
        try:
            lib = ctypes.CDLL(name)
        except OSError as error:
            problem = str(error)
            continue
        try:
            for function, (restype, argtypes) in _PROTOTYPES.items():
                prototype = getattr(lib, function)
                prototype.restype = restype
                prototype.argtypes = argtypes
        except AttributeError as error:
            raise ZinniaUnavailable(
                f"{name} is not the Zinnia library ({error}); install the Debian package {LIBRARY_PACKAGE}"
            ) from error
        return lib
    raise ZinniaUnavailable(
        f"the Zinnia library ({' or '.join(names)}) is not installed ({problem}); "
        f"install the Debian package {LIBRARY_PACKAGE}"
    )


def _destroy(lib: ctypes.CDLL, handle: int) -> None:
    lib.zinnia_recognizer_destroy(handle)


class Recognizer:
    """One opened model. `candidates` turns finger strokes into characters, best first."""

    def __init__(
        self, model: str | os.PathLike[str] = MODEL, library: str | os.PathLike[str] | ctypes.CDLL | None = None
    ) -> None:
        """Open `model` with Zinnia (`library`: a file, a name, or `load_library`'s answer);
        raises ZinniaUnavailable saying what is missing."""
        self.model = Path(model)
        if not self.model.is_file():
            raise ZinniaUnavailable(
                f"Zinnia's Simplified Chinese model is not at {self.model}; install the Debian package {MODEL_PACKAGE}"
            )
        lib = library if isinstance(library, ctypes.CDLL) else load_library(library)
        handle = lib.zinnia_recognizer_new()
        if not handle:
            raise ZinniaUnavailable("Zinnia could not make a recognizer (out of memory?)")
        if not lib.zinnia_recognizer_open(handle, os.fsencode(self.model)):
            reason = (lib.zinnia_recognizer_strerror(handle) or b"").decode("utf-8", "replace")
            lib.zinnia_recognizer_destroy(handle)
            raise ZinniaUnavailable(
                f"Zinnia could not open the model {self.model} ({reason}); reinstall the Debian package {MODEL_PACKAGE}"
            )
        self._lib = lib
        self._handle: int | None = handle
        self._lock = threading.Lock()
        self._free = weakref.finalize(self, _destroy, lib, handle)
        self.version = (lib.zinnia_version() or b"?").decode("ascii", "replace")
        self.size = int(lib.zinnia_recognizer_size(handle))  # how many characters the model knows

    def candidates(self, strokes: Sequence[Stroke], width: int, height: int, limit: int = 10) -> list[str]:
        """The `limit` characters most like `strokes` (each a list of (x, y) points in a box of
        `width` x `height`, in the order written), best first; [] when nothing is written."""
        drawn = [stroke for stroke in strokes if len(stroke)]
        if not drawn or limit <= 0:
            return []
        lib = self._lib
        with self._lock:
            if self._handle is None:
                raise ValueError("the recognizer is closed")
            character = lib.zinnia_character_new()
            if not character:
                raise MemoryError("zinnia_character_new")
            try:
                lib.zinnia_character_set_width(character, max(1, int(width)))
                lib.zinnia_character_set_height(character, max(1, int(height)))
                for index, stroke in enumerate(drawn):
                    for x, y in stroke:
                        lib.zinnia_character_add(character, index, round(x), round(y))
                result = lib.zinnia_recognizer_classify(self._handle, character, limit)
                if not result:
                    return []
                try:
                    return [
                        (lib.zinnia_result_value(result, i) or b"").decode("utf-8", "replace")
                        for i in range(lib.zinnia_result_size(result))
                    ]
                finally:
                    lib.zinnia_result_destroy(result)
            finally:
                lib.zinnia_character_destroy(character)

    def close(self) -> None:
        """Free the recognizer (and the model's memory); later calls to `candidates` fail."""
        with self._lock:
            self._handle = None
            self._free()

    @property
    def closed(self) -> bool:
        return self._handle is None

    def __enter__(self) -> Recognizer:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_recognizer(
    library: str | os.PathLike[str] | None = None, model: str | os.PathLike[str] | None = None
) -> Recognizer | None:
    """The recognizer for the handwriting pad, or None (and one log line saying exactly why
    and which Debian package to install) where the library or the model is missing: the kiosk
    then offers no pad, and names are typed as before."""
    model_path = Path(model) if model is not None else MODEL
    problems = []
    lib = None
    try:
        lib = load_library(library)
    except ZinniaUnavailable as error:
        problems.append(str(error))
    if not model_path.is_file():
        problems.append(
            f"Zinnia's Simplified Chinese model is not at {model_path}; install the Debian package {MODEL_PACKAGE}"
        )
    if not problems:
        try:
            recognizer = Recognizer(model_path, lib)
        except ZinniaUnavailable as error:
            problems.append(str(error))
        else:
            log.info("handwriting pad: Zinnia %s, %d characters in %s", recognizer.version, recognizer.size, model_path)
            return recognizer
    log.warning("no handwriting pad: %s", "; and ".join(problems))
    return None
