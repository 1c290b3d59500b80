#!/usr/bin/python3
"""Python's `email` package as the reference for MailSync's Swift `Mail` module.

Standard library only (Debian's python3). Commands:

  generate OUTDIR [--count N] [--seed S]
      Writes N random messages (NNNN.eml) and what Python's parser reads from each (NNNN.json).
  dump FILE...
      Prints, per file, one JSON line of what Python's parser (policy.default) reads, with defects.

The JSON shape is the contract with Tests/MailTests/PythonReferenceTests.swift.
"""
import argparse
import base64
import binascii
import email
import email.header
import email.policy
import email.utils
import hashlib
import json
import os
import quopri
import random
import re
import sys
from datetime import datetime, timedelta, timezone

ADDRESS_HEADERS = ["from", "to", "cc", "bcc", "reply-to", "sender"]


# ---------------------------------------------------------------------------------------------
# Reading: what Python's email package extracts from a message.

def _text(value):
    return None if value is None else value.replace("\r\n", "\n").replace("\r", "\n")


def _ids(value):
    if value is None:
        return []
    found = re.findall(r"<([^<>]*)>", str(value))
    return ["".join(i.split()) for i in found if i.strip()]


def _content(part, defects):
    """`get_content()`, which raises for an unknown charset; then UTF-8 as the Swift parser reads it."""
    try:
        return _text(part.get_content())
    except LookupError:
        defects.append(f"{part.get_content_charset()}: LookupError")
        return _text((part.get_payload(decode=True) or b"").decode("utf-8", "replace"))


def _walk(part, path, leaves, defects):
    defects.extend(f"{path}: {type(d).__name__}" for d in part.defects)
    for name, value in part.items():
        for d in getattr(value, "defects", ()):
            defects.append(f"{path} {name}: {type(d).__name__}")
    if part.get_content_maintype() == "message":
        # Like the Swift parser, and a mail client: an enclosed message or report is one leaf.
        # Python keeps only its parsed form, so its bytes are not compared.
        leaves.append({"path": path, "type": part.get_content_type(), "filename": part.get_filename(),
                       "disposition": part.get_content_disposition(), "content_id": None, "size": None,
                       "sha256": None, "text": None})
        return
    if part.is_multipart() and part.get_content_maintype() == "multipart":
        for number, child in enumerate(part.iter_parts(), 1):
            _walk(child, f"{path}.{number}", leaves, defects)
        return
    payload = part.get_payload(decode=True) or b""
    cid = part.get("content-id")
    leaf = {
        "path": path,
        "type": part.get_content_type(),
        "filename": part.get_filename(),
        "disposition": part.get_content_disposition(),
        "content_id": _ids(cid)[0] if _ids(cid) else None,
        "size": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
        "text": _content(part, defects) if part.get_content_maintype() == "text" else None,
    }
    leaves.append(leaf)


def describe(raw):
    """What Python's email package reads from raw message bytes, as a JSON-ready dict."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    result = {"header_names": [k.lower() for k in msg.keys()]}
    unstructured = {}
    for name, value in msg.items():
        lname = name.lower()
        if (lname == "subject" or lname.startswith("x-")) and lname not in unstructured:
            unstructured[lname] = str(value)
    result["unstructured"] = unstructured
    for name in ADDRESS_HEADERS:
        values = msg.get_all(name) or []
        addresses = []
        for value in values:
            for address in getattr(value, "addresses", ()):
                addresses.append([address.display_name or None, address.addr_spec])
        result[name] = addresses
    date = msg.get("date")
    stamp = None
    if date is not None and getattr(date, "datetime", None) is not None:
        moment = date.datetime
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        stamp = int(moment.timestamp())
    result["date"] = stamp
    mid = _ids(msg.get("message-id"))
    result["message_id"] = mid[0] if mid else None
    result["in_reply_to"] = _ids(msg.get("in-reply-to"))
    result["references"] = _ids(msg.get("references"))
    plain = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    leaves, defects = [], []
    result["text"] = _content(plain, []) if plain is not None else None
    result["html"] = _content(html, []) if html is not None else None
    _walk(msg, "1", leaves, defects)
    result["leaves"] = leaves
    result["defects"] = defects
    return result


# ---------------------------------------------------------------------------------------------
# Writing: random messages with every feature the Swift parser must read like Python.

TEXTS = {
    "en": ["Hello team, the quarterly report is attached.", "Let's meet on Tuesday at 10:00.",
           "Price: 100 EUR = 2 x 50 EUR; 50% off!", "-- not a boundary, just dashes", "From the desk of the CEO",
           "A very long line " + "that keeps going and going " * 8 + "until it ends.", "Trailing spaces   "],
    "de": ["Grüße aus München, schöne Größe!", "Bitte prüfen Sie die Änderungen bis Freitag.", "Übermorgen: Straße gesperrt."],
    "pl": ["Zażółć gęślą jaźń.", "Łódź, ul. Świętokrzyska 5", "Proszę o szybką odpowiedź."],
    "cs": ["Příliš žluťoučký kůň úpěl ďábelské ódy.", "Děkuji za zprávu."],
    "ru": ["Съешь же ещё этих мягких французских булок.", "Привет, как дела?", "Счёт во вложении."],
    "fr": ["Où est la bibliothèque ? Ça coûte 20 €.", "Œuvre complète, élève."],
    "zh": ["你好，世界。附件是报告。", "请查收。"],
    "emoji": ["Launch 🚀 today ✅", "Thanks! 🙏"],
}
CHARSETS_FOR = {
    "en": ["us-ascii", "utf-8", "iso-8859-1", "windows-1252"],
    "de": ["utf-8", "iso-8859-1", "iso-8859-15", "windows-1252", "iso-8859-2", "windows-1250"],
    "pl": ["utf-8", "iso-8859-2", "windows-1250"],
    "cs": ["utf-8", "iso-8859-2", "windows-1250"],
    "ru": ["utf-8", "koi8-r"],
    "fr": ["utf-8", "iso-8859-15", "windows-1252"],
    "zh": ["utf-8"],
    "emoji": ["utf-8"],
}
NAMES = ["Anna Schmidt", "Jürgen Müller", "Zofia Łukasiewicz", "Дмитрий Иванов", "Ève Dubois", "李雷",
         "O'Brien, Pat", "Smith, John (Sales)", "José Ñúñez", "Čestmír Šťastný", "Dr. A. B. Cooper", "Łukasz"]
FILENAMES = ["report.pdf", "Übersicht 2026.docx", "zdjęcie_łąka.jpg", "счёт-фактура.pdf", "画像.png",
             "a very long file name that needs rfc 2231 continuations because it is long - " + "x" * 40 + ".zip",
             "Straße & Söhne – Angebot (final).pdf", "notes.txt", "data.csv", "invite.ics"]
TYPES = {".pdf": "application/pdf", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".jpg": "image/jpeg", ".png": "image/png", ".zip": "application/zip", ".txt": "text/plain",
         ".csv": "text/csv", ".ics": "text/calendar"}
DOMAINS = ["example.com", "Example.ORG", "mail.example.de", "sub.example.co.uk", "xn--mnchen-3ya.example"]


class Writer:
    def __init__(self, rng):
        self.rng = rng

    def choice(self, seq):
        return self.rng.choice(seq)

    def text(self, language, lines=None):
        count = lines or self.rng.randint(1, 6)
        return "\n".join(self.choice(TEXTS[language]) for _ in range(count))

    def charset_for(self, language):
        return self.choice(CHARSETS_FOR[language])

    def encoded_words(self, text, charset, encoding):
        """RFC 2047 words for `text`, each at most 75 chars, split on character boundaries."""
        words, chunk = [], ""
        for ch in text:
            trial = chunk + ch
            if len(self._word(trial, charset, encoding)) > 75:
                words.append(self._word(chunk, charset, encoding))
                chunk = ch
            else:
                chunk = trial
        if chunk:
            words.append(self._word(chunk, charset, encoding))
        return words

    @staticmethod
    def _word(text, charset, encoding):
        data = text.encode(charset)
        if encoding == "B":
            body = base64.b64encode(data).decode()
        else:
            body = "".join(
                "_" if b == 0x20 else chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122) else "=%02X" % b
                for b in data)
        return f"=?{charset}?{encoding}?{body}?="

    def header_text(self, text):
        """Unstructured header text: plain when ASCII, else encoded words in a fitting charset."""
        if all(ord(c) < 128 for c in text) and self.rng.random() < 0.8:
            return text
        language = next((lang for lang, items in TEXTS.items() if any(text in s or s in text for s in items)), "en")
        charsets = [c for c in CHARSETS_FOR.get(language, ["utf-8"]) if c != "us-ascii"] or ["utf-8"]
        charset = self.choice(charsets)
        try:
            text.encode(charset)
        except UnicodeEncodeError:
            charset = "utf-8"
        return " ".join(self.encoded_words(text, charset, self.choice("BQ")))

    def fold(self, name, value):
        """`Name: value` folded at spaces so lines stay short."""
        line, out = f"{name}: ", []
        for token in value.split(" "):
            if len(line) + len(token) + 1 > 76 and line.strip() and not line.endswith(": "):
                out.append(line.rstrip(" "))
                line = " "
            line += token + " "
        out.append(line.rstrip(" "))
        return "\r\n".join(out)

    def address(self):
        local = self.choice(["anna", "j.mueller", "sales+crm", "Info", "first.last", "o-brien", "x_y"])
        return f"{local}@{self.choice(DOMAINS)}"

    def mailbox(self):
        name = self.choice(NAMES + [None, None])
        address = self.address()
        style = self.rng.random()
        if name is None:
            return address if style < 0.8 else f"<{address}>"
        if all(ord(c) < 128 for c in name):
            if re.search(r"[,()'.]", name) or style < 0.3:
                escaped = name.replace("\\", "\\\\").replace('"', '\\"')
                return f'"{escaped}" <{address}>'
            return f"{name} <{address}>"
        if style < 0.15:
            word = self._word(name, "utf-8", "B")
            return f'"{word}" <{address}>'
        charset = "utf-8"
        for candidate in ["iso-8859-1", "iso-8859-2", "koi8-r", "windows-1250"]:
            if self.rng.random() < 0.3:
                try:
                    name.encode(candidate)
                    charset = candidate
                    break
                except UnicodeEncodeError:
                    pass
        return " ".join(self.encoded_words(name, charset, self.choice("BQ"))) + f" <{address}>"

    def address_list(self):
        roll = self.rng.random()
        boxes = [self.mailbox() for _ in range(self.rng.randint(1, 3))]
        if roll < 0.1:
            return "Project Team: " + ", ".join(boxes) + ";"
        if roll < 0.15:
            return "undisclosed-recipients:;"
        if roll < 0.25:
            return ", ".join(boxes) + f", {self.address()} (comment here)"
        return ", ".join(boxes)

    def date(self):
        moment = datetime(2001, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=self.rng.randint(0, 900_000_000))
        zone = timezone(timedelta(minutes=self.choice([0, 60, 120, -300, -420, 330, 545, -600])))
        local = moment.astimezone(zone)
        text = email.utils.format_datetime(local)
        roll = self.rng.random()
        if roll < 0.1:
            text = text.split(", ", 1)[1]
        elif roll < 0.15 and zone.utcoffset(None) == timedelta(0):
            text = text.replace("+0000", "GMT")
        elif roll < 0.2:
            text += " (comment)"
        return text

    def body_bytes(self, text, charset, cte, crlf):
        data = text.replace("\n", "\r\n" if crlf else "\n").encode(charset)
        nl = b"\r\n" if crlf else b"\n"
        if cte == "base64":
            encoded = base64.b64encode(data)
            width = self.choice([76, 64, 72])
            lines = [encoded[i:i + width] for i in range(0, len(encoded), width)]
            if self.rng.random() < 0.1 and lines:
                lines[-1] = lines[-1].rstrip(b"=")
            return nl.join(lines) + nl
        if cte == "quoted-printable":
            return quopri.encodestring(data.replace(b"\r\n", b"\n")).replace(b"\n", nl)
        return data

    def leaf(self, ctype, params, body, cte, crlf, extra=()):
        nl = "\r\n" if crlf else "\n"
        header = [f"Content-Type: {ctype}" + "".join(f"; {p}" for p in params)]
        if cte:
            header.append(f"Content-Transfer-Encoding: {cte}")
        header.extend(extra)
        return (nl.join(header) + nl + nl).encode() + body

    def text_part(self, subtype, crlf, language=None):
        language = language or self.choice(list(TEXTS))
        text = self.text(language)
        if subtype == "html":
            text = "<html><body><p>" + text.replace("\n", "</p>\n<p>") + "</p></body></html>"
        charset = self.charset_for(language)
        ascii_only = all(ord(c) < 128 for c in text)
        ctes = ["quoted-printable", "base64", "8bit", "binary"] + (["7bit", None] if ascii_only else [])
        if charset == "us-ascii" and not ascii_only:
            charset = "utf-8"
        cte = self.choice(ctes)
        quoted = self.rng.random() < 0.5
        param = f'charset="{charset}"' if quoted else f"charset={charset}"
        return self.leaf(f"text/{subtype}", [param], self.body_bytes(text, charset, cte, crlf), cte, crlf)

    def filename_params(self, name, key):
        """`filename`/`name` parameters: plain, quoted with RFC 2047, or RFC 2231 (with continuations)."""
        ascii_only = all(ord(c) < 128 for c in name)
        roll = self.rng.random()
        if ascii_only and len(name) < 60:
            return [f'{key}="{name}"']
        if roll < 0.25:
            return [f'{key}="' + " ".join(self.encoded_words(name, "utf-8", self.choice("BQ"))) + '"']
        encoded = "".join(chr(b) if b < 128 and (chr(b).isalnum() or chr(b) in "-._") else "%%%02X" % b for b in name.encode())
        if roll < 0.6 or len(encoded) < 40:
            return [f"{key}*=utf-8''{encoded}"]
        # Sections of about 30 characters, never cutting a %XX escape.
        params, rest, number = [], encoded, 0
        while rest:
            cut = min(30, len(rest))
            if "%" in rest[max(0, cut - 2):cut]:
                cut = rest.rindex("%", 0, cut)
            params.append(f"{key}*{number}*=" + ("utf-8''" if number == 0 else "") + rest[:cut])
            rest, number = rest[cut:], number + 1
        return params

    def attachment(self, crlf, inline_cid=None):
        name = self.choice(FILENAMES)
        ext = os.path.splitext(name)[1]
        ctype = TYPES.get(ext, "application/octet-stream")
        if ctype.startswith("text/"):
            language = self.choice(["en", "de", "ru"])
            charset = self.charset_for(language)
            if charset == "us-ascii":
                charset = "utf-8"
            text = self.text(language)
            cte = self.choice(["base64", "quoted-printable", "8bit"])
            body = self.body_bytes(text, charset, cte, crlf)
            params = [f"charset={charset}"]
        else:
            size = self.choice([0, 1, 2, 3, 57, 100, 1000, 5000, 40000])
            data = self.rng.randbytes(size)
            cte = "base64"
            body = self.body_bytes_raw(data, crlf)
            params = []
        params += self.filename_params(name, "name") if self.rng.random() < 0.5 else []
        disposition = "inline" if inline_cid else self.choice(["attachment", "attachment", "inline"])
        extra = ["Content-Disposition: " + "; ".join([disposition] + self.filename_params(name, "filename"))]
        if inline_cid:
            extra.append(f"Content-ID: <{inline_cid}>")
        return self.leaf(ctype, params, body, cte, crlf, extra)

    def body_bytes_raw(self, data, crlf):
        nl = b"\r\n" if crlf else b"\n"
        encoded = base64.b64encode(data)
        lines = [encoded[i:i + 76] for i in range(0, len(encoded), 76)]
        return nl.join(lines) + nl

    def boundary(self):
        core = "".join(self.choice("abcdefXYZ0123456789") for _ in range(12))
        return self.choice([f"----=_Part_{core}", f"b1_{core}", f"Apple-Mail={core}", f"_000_{core}_", f"{core}'()+_,-./:=?"])

    def multipart(self, subtype, children, crlf, params=()):
        nl = b"\r\n" if crlf else b"\n"
        boundary = self.boundary()
        needs_quotes = re.search(r"[()<>@,;:\\\"/\[\]?=' ]", boundary) is not None or self.rng.random() < 0.5
        bparam = f'boundary="{boundary}"' if needs_quotes else f"boundary={boundary}"
        header = f"Content-Type: multipart/{subtype}; " + "; ".join([bparam, *params])
        out = header.encode() + nl + nl
        if self.rng.random() < 0.3:
            out += b"This is a multi-part message in MIME format." + nl
        for child in children:
            out += b"--" + boundary.encode() + (b" " if self.rng.random() < 0.05 else b"") + nl + child + nl
        out += b"--" + boundary.encode() + b"--" + nl
        if self.rng.random() < 0.2:
            out += b"epilogue text" + nl
        return out

    def body(self, crlf, depth=0):
        roll = self.rng.random()
        if depth >= 3 or roll < 0.15:
            return self.text_part(self.choice(["plain", "plain", "html"]), crlf)
        if roll < 0.35:
            return self.multipart("alternative", [self.text_part("plain", crlf), self.text_part("html", crlf)], crlf)
        if roll < 0.5:
            cid = f"img{self.rng.randint(1, 10**6)}@example.com"
            related = self.multipart("related", [self.text_part("html", crlf), self.attachment(crlf, inline_cid=cid)],
                                     crlf, params=['type="text/html"'])
            return self.multipart("mixed", [self.multipart("alternative", [self.text_part("plain", crlf), related], crlf)]
                                  + [self.attachment(crlf) for _ in range(self.rng.randint(0, 2))], crlf)
        first = self.body(crlf, depth + 1)
        return self.multipart("mixed", [first] + [self.attachment(crlf) for _ in range(self.rng.randint(1, 3))], crlf)

    def message(self, number):
        crlf = self.rng.random() < 0.9
        nl = "\r\n" if crlf else "\n"
        language = self.choice(list(TEXTS))
        subject = self.rng.choice(["Re: ", "AW: ", "Fwd: ", ""]) + self.choice(TEXTS[language])[:70]
        lines = [self.fold("From", self.mailbox()), self.fold("To", self.address_list())]
        if self.rng.random() < 0.4:
            lines.append(self.fold("Cc", self.address_list()))
        if self.rng.random() < 0.15:
            lines.append(self.fold("Bcc", self.address_list()))
        if self.rng.random() < 0.2:
            lines.append(self.fold("Reply-To", self.mailbox()))
        lines.append(self.fold("Subject", self.header_text(subject)))
        lines.append(f"Date: {self.date()}")
        lines.append(f"Message-ID: <{number}.{self.rng.randint(1, 10**9)}@mail.{self.choice(DOMAINS).lower()}>")
        if self.rng.random() < 0.4:
            refs = [f"<ref{i}.{self.rng.randint(1, 10**6)}@example.com>" for i in range(self.rng.randint(1, 6))]
            lines.append(f"In-Reply-To: {refs[-1]}")
            lines.append(self.fold("References", " ".join(refs)))
        lines.append(f"X-Mailer: Generator {number}")
        if self.rng.random() < 0.3:
            lines.append(self.fold("X-Custom-Note", self.header_text(self.choice(TEXTS[self.choice(list(TEXTS))])[:60])))
        if self.rng.random() < 0.2:
            lines.append("X-Dup: one")
            lines.append("x-dup: two")
        lines.append("MIME-Version: 1.0")
        head = nl.join(line.replace("\r\n", nl) for line in lines) + nl
        return head.encode() + self.body(crlf)


def generate(outdir, count, seed):
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(seed)
    writer = Writer(rng)
    for number in range(count):
        raw = writer.message(number)
        base = os.path.join(outdir, f"{number:04d}")
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump(describe(raw), f, ensure_ascii=False, sort_keys=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate")
    gen.add_argument("outdir")
    gen.add_argument("--count", type=int, default=600)
    gen.add_argument("--seed", type=int, default=5322)
    dump = commands.add_parser("dump")
    dump.add_argument("files", nargs="+")
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.outdir, args.count, args.seed)
    else:
        for path in args.files:
            with open(path, "rb") as f:
                print(json.dumps(describe(f.read()), ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
