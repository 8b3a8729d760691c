"""The kiosk's sentences: one convention (each folder's `texts.py`, over the shared table in
app/ui/i18n.py), both languages for every sentence with the same placeholders, no key in two
tables, and every key a screen names is one its own `tr` can find."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from app.ui import i18n
from app.ui.learner import texts as learner_texts
from app.ui.roles import texts as roles_texts
from app.ui.staff import texts as staff_texts
from app.ui.tutor import texts as tutor_texts

UI = Path(i18n.__file__).parent
FOLDERS = {"learner": learner_texts, "roles": roles_texts, "staff": staff_texts, "tutor": tutor_texts}
TABLES = {"shared": i18n.TEXTS, **{name: module.TEXTS for name, module in FOLDERS.items()}}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_sentence_has_both_languages_with_the_same_placeholders(name):
    table = TABLES[name]
    assert table, name
    for key, languages in table.items():
        assert set(languages) == set(i18n.LANGS), key
        assert all(languages[lang].strip() for lang in i18n.LANGS), key
        assert placeholders(languages["zh"]) == placeholders(languages["en"]), key


def test_no_key_is_in_two_tables():
    seen: dict[str, str] = {}
    for name, table in TABLES.items():
        for key in table:
            assert key not in seen, f"{key} is in {seen.get(key)} and {name}"
            seen[key] = name


def test_a_folder_tr_finds_its_own_sentences_then_the_shared_ones():
    assert staff_texts.tr("staff_console_title", "zh") == "工作人员控制台"
    assert staff_texts.tr("back", "en") == "Back"  # shared
    with pytest.raises(KeyError):
        learner_texts.tr("staff_console_title", "en")  # another folder's sentence
    with pytest.raises(KeyError, match="defined twice"):
        i18n.translator({"back": {"zh": "返回", "en": "Back"}})


def own_table(module: ast.Module) -> dict[str, dict[str, str]]:
    """The table behind the `tr` a module imports: its folder's, or only the shared one."""
    for node in module.body:
        if isinstance(node, ast.ImportFrom) and any(alias.name == "tr" for alias in node.names):
            folder = node.module.split(".")[2] if node.module and node.module.endswith(".texts") else None
            return {**i18n.TEXTS, **(TABLES[folder] if folder else {})}
    return dict(i18n.TEXTS)


def test_every_sentence_key_a_screen_names_is_one_its_tr_finds():
    every_key = {key for table in TABLES.values() for key in table}
    wrong = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "texts.py" or path == Path(i18n.__file__):
            continue
        module = ast.parse(path.read_text(encoding="utf-8"))
        known = own_table(module)
        for node in ast.walk(module):
            named = isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in every_key
            if named and node.value not in known:
                wrong.append(f"{path.relative_to(UI)}:{node.lineno}: {node.value}")
    assert wrong == [], "a screen names another folder's sentence:\n" + "\n".join(wrong)
