"""Compile locale/*/LC_MESSAGES/django.po without GNU gettext (fallback when msgfmt is missing)."""

import ast
import struct
from pathlib import Path


def parse_po(text: str) -> dict[str, str]:
    messages, msgid, msgstr, section = {}, [], [], None
    for line in text.splitlines() + [""]:
        line = line.strip()
        if line.startswith("msgid "):
            if msgid and "".join(msgstr):
                messages["".join(msgid)] = "".join(msgstr)
            msgid, msgstr, section = [ast.literal_eval(line[6:])], [], "id"
        elif line.startswith("msgstr "):
            msgstr, section = [ast.literal_eval(line[7:])], "str"
        elif line.startswith('"'):
            (msgid if section == "id" else msgstr).append(ast.literal_eval(line))
        elif not line and section == "str":
            if "".join(msgstr):
                messages["".join(msgid)] = "".join(msgstr)
            msgid, msgstr, section = [], [], None
    return messages


def write_mo(messages: dict[str, str], path: Path) -> None:
    keys = sorted(messages)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(messages[k].encode() + b"\0" for k in keys)
    n = len(keys)
    header = 7 * 4
    offsets, pos = [], 0
    for k in keys:
        offsets.append((len(k.encode()), pos))
        pos += len(k.encode()) + 1
    soffsets, pos = [], 0
    for k in keys:
        soffsets.append((len(messages[k].encode()), pos))
        pos += len(messages[k].encode()) + 1
    ids_start = header + n * 16
    strs_start = ids_start + len(ids)
    out = struct.pack("Iiiiiii", 0x950412DE, 0, n, header, header + n * 8, 0, 0)
    out += b"".join(struct.pack("ii", length, ids_start + o) for length, o in offsets)
    out += b"".join(struct.pack("ii", length, strs_start + o) for length, o in soffsets)
    path.write_bytes(out + ids + strs)


for po in Path("locale").glob("*/LC_MESSAGES/django.po"):
    write_mo(parse_po(po.read_text(encoding="utf-8")), po.with_suffix(".mo"))
