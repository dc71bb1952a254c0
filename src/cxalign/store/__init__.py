"""The workshop store, in three parts:

- :mod:`cxalign.store.files` — file primitives: read, parse TOML into a model
  (strictly, errors naming file and field), format versions and migrations,
  atomic writes, hashes, names;
- :mod:`cxalign.store.locks` — kernel-released locks (participant, workshop);
- :mod:`cxalign.store.folder` — :class:`WorkshopFolder`: one workshop on disk,
  its participants, consensus, responses and all-or-nothing imports;

plus :mod:`cxalign.store.cache`, how response files are read fast.
Everything is re-exported here: ``from cxalign.store import WorkshopFolder, atomic_write``.
"""

from cxalign.home import HOME_ENV, workshops_home
from cxalign.store.files import (
    MAX_INPUT_BYTES,
    MIGRATIONS,
    atomic_write,
    check_format_version,
    dump_toml,
    file_hash,
    load_model,
    now,
    parse_model,
    parse_toml,
    read_bytes,
    read_text,
    read_toml,
    reserve_temp,
    save_model,
    slugify,
    unique_id,
    validate_model,
)
from cxalign.store.folder import (
    IMPORT_JOURNAL,
    QUESTIONNAIRE_FILE,
    RESPONSES_DIR,
    WORKSHOP_FILE,
    WORKSHOP_LOCK,
    ImportResult,
    Unreadable,
    WorkshopFolder,
    list_workshops,
    load_questionnaire,
)
from cxalign.store.locks import ParticipantLock, WorkshopLock, is_held

__all__ = [
    "HOME_ENV", "workshops_home",
    "MAX_INPUT_BYTES", "MIGRATIONS", "atomic_write", "check_format_version", "dump_toml", "file_hash",
    "load_model", "now", "parse_model", "parse_toml", "read_bytes", "read_text", "read_toml", "reserve_temp", "save_model",
    "slugify", "unique_id", "validate_model",
    "IMPORT_JOURNAL", "QUESTIONNAIRE_FILE", "RESPONSES_DIR", "WORKSHOP_FILE", "WORKSHOP_LOCK",
    "ImportResult", "Unreadable", "WorkshopFolder", "list_workshops", "load_questionnaire",
    "ParticipantLock", "WorkshopLock", "is_held",
]
