"""The English translation workflow: collect what is missing, hand it out in chunks, apply the answers.

    python scripts/i18n.py update              # makemessages for en (source language is Indonesian)
    python scripts/i18n.py todo --chunks 3     # var/i18n/todo-1.json ... : untranslated and fuzzy entries
    python scripts/i18n.py apply var/i18n/todo-*.json   # write the "en" answers back, clear fuzzy flags
    python scripts/i18n.py check               # exit 1 listing untranslated/fuzzy entries

A todo entry: {"msgid", "msgid_plural", "msgctxt", "where", "suggestion", "en", "en_plural"}; fill "en"
(and "en_plural" for plural messages), keep placeholders such as %(name)s, {name} and HTML tags unchanged.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def update() -> None:
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "--no-location",
                    "-i", "node_modules/*", "-i", ".venv/*", "-i", "var/*", "-i", "tests/*", "-i", "benchmarks/*"],
                   cwd=ROOT, check=True)


def missing(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and e.msgid and ("fuzzy" in e.flags or not e.translated())]


def todo(chunks: int, out: Path) -> None:
    po = polib.pofile(str(PO))
    entries = missing(po)
    out.mkdir(parents=True, exist_ok=True)
    size = max(1, -(-len(entries) // chunks))
    for n in range(chunks):
        part = entries[n * size:(n + 1) * size]
        if not part:
            break
        rows = [{"msgid": e.msgid, "msgid_plural": e.msgid_plural, "msgctxt": e.msgctxt,
                 "where": ", ".join(f"{f}:{line}" if line else f for f, line in e.occurrences[:2]),
                 "suggestion": e.msgstr if "fuzzy" in e.flags else "", "en": "", "en_plural": ""} for e in part]
        (out / f"todo-{n + 1}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    print(f"{len(entries)} entries to translate in {out}")


def apply(files: list[Path]) -> None:
    po = polib.pofile(str(PO))
    index = {(e.msgctxt, e.msgid): e for e in po}
    done = 0
    for file in files:
        for row in json.loads(file.read_text()):
            entry = index.get((row.get("msgctxt"), row["msgid"]))
            if entry is None or not row.get("en"):
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = {0: row["en"], 1: row.get("en_plural") or row["en"]}
            else:
                entry.msgstr = row["en"]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            done += 1
    po.save(str(PO))
    print(f"{done} entries applied; {len(missing(po))} still missing")


def check() -> int:
    entries = missing(polib.pofile(str(PO)))
    for e in entries[:50]:
        print(f"untranslated: {e.msgid[:100]!r}")
    return 1 if entries else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update")
    t = sub.add_parser("todo")
    t.add_argument("--chunks", type=int, default=1)
    t.add_argument("--out", type=Path, default=ROOT / "var" / "i18n")
    a = sub.add_parser("apply")
    a.add_argument("files", nargs="+", type=Path)
    sub.add_parser("check")
    args = parser.parse_args()
    if args.command == "update":
        update()
    elif args.command == "todo":
        todo(args.chunks, args.out)
    elif args.command == "apply":
        apply(args.files)
    else:
        return check()
    return 0


if __name__ == "__main__":
    sys.exit(main())
