#!/usr/bin/env python3
"""mutate.py KIND SOURCE OUTDIR N SEED - write N mutants of one input.

KIND xml: SOURCE is an issue XML; each mutant applies 1 to 4 of: drop an
element, duplicate one, reorder an element's children, empty one (no
children, no text), OCR-like noise in texts and attribute values (marks
misread, letters swapped for look-alikes, digits, formula characters,
numbers made odd).
KIND kpl: SOURCE is a layout stream; each mutant applies 1 to 4 of: drop
a record, duplicate one, swap two neighbours, OCR-like noise in the text
of a line or cell, a number field made odd, one mark misread everywhere
(the first character of text lines, as OCR misreads a \u2611).  The first two and last
records stay, so the stream still starts and ends as one.

Mutants are OUTDIR/NAME.SEED-I.xml (or .kpl), deterministic for a SEED;
OUTDIR/NAME.SEED-I.how says what was done, for reproducing a failure.
"""
import os
import random
import sys
import xml.etree.ElementTree as ET

# What OCR makes of marks and letters, and what a hostile PDF may hold.
NOISE = ["☑", "☐", "□", "■", "▪", "●", "•", "※", "○", "v", "V", "0", "O", "l", "1",
         "I", "|", "-", "=", "+", "@", "'", "\"", "&", "<", ">", ",", ";", " ", "\t",
         "圖", "團", "口", "ㅁ", "가", "중", "國", "년", "월", "일", ".", "/", "(", ")",
         "http://", "https ://x", "2023.", "13.", "99999999999", "-1", "nan", "1e308"]
ODD_NUMBERS = ["0", "-1", "1", "2", "99999", "2147483648", "9223372036854775807", "",
               "x", "1.5", "-0", "1e9", "nan"]


def noisy(rng, s):
    """s with a few OCR-like substitutions, insertions or deletions."""
    chars = list(s)
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        i = rng.randint(0, len(chars)) if chars else 0
        if op < 0.4 and chars:
            chars[min(i, len(chars) - 1)] = rng.choice(NOISE)
        elif op < 0.7:
            chars.insert(i, rng.choice(NOISE))
        elif chars:
            del chars[min(i, len(chars) - 1)]
    return "".join(chars)


def mutate_xml(rng, root):
    how = []
    elems = [e for e in root.iter()][1:]
    parent = {c: p for p in root.iter() for c in p}
    for _ in range(rng.randint(1, 4)):
        if not elems:
            break
        e = rng.choice(elems)
        op = rng.choice(["drop", "dup", "reorder", "empty", "noise", "noise", "attr"])
        if e not in parent:
            continue
        p = parent[e]
        if op == "drop":
            p.remove(e)
        elif op == "dup":
            p.insert(list(p).index(e) + 1, ET.fromstring(ET.tostring(e)))
        elif op == "reorder":
            kids = list(e)
            rng.shuffle(kids)
            for k in list(e):
                e.remove(k)
            e.extend(kids)
        elif op == "empty":
            for k in list(e):
                e.remove(k)
            e.text = None
        elif op == "noise":
            e.text = noisy(rng, e.text or "")
        elif op == "attr" and e.attrib:
            k = rng.choice(sorted(e.attrib))
            e.set(k, rng.choice(ODD_NUMBERS) if rng.random() < 0.5 else noisy(rng, e.get(k)))
        how.append("%s %s" % (op, e.tag))
        elems = [x for x in root.iter()][1:]
        parent = {c: q for q in root.iter() for c in q}
    return how


TEXT_RECORDS = ("line", "cell", "ocrline")


def mutate_kpl(rng, lines):
    how = []
    for _ in range(rng.randint(1, 4)):
        if len(lines) < 5:
            break
        i = rng.randint(2, len(lines) - 2)
        op = rng.choice(["drop", "dup", "swap", "noise", "noise", "noise", "number", "marks"])
        f = lines[i].split("\t")
        if op == "marks":
            # OCR misreading one mark everywhere: the first character of
            # a text line, on every line that starts with it
            texts = [j for j, l in enumerate(lines) if l.split("\t")[0] in TEXT_RECORDS]
            if not texts:
                continue
            mark = (lines[rng.choice(texts)].split("\t")[-1] or "x")[0]
            into = rng.choice(NOISE).replace("\t", " ")
            for j in texts:
                g = lines[j].split("\t")
                if g[-1].startswith(mark):
                    g[-1] = (into + g[-1][1:]) or "x"
                    lines[j] = "\t".join(g)
            how.append("marks %r -> %r" % (mark, into))
            continue
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap" and i + 1 < len(lines) - 1:
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "noise" and f[0] in TEXT_RECORDS:
            f[-1] = noisy(rng, f[-1]).replace("\t", " ") or "x"
            lines[i] = "\t".join(f)
        elif op == "number" and len(f) > 2:
            k = rng.randint(1, len(f) - 1)
            if f[k].replace(".", "").isdigit():
                f[k] = rng.choice(ODD_NUMBERS) or "0"
                lines[i] = "\t".join(f)
        how.append("%s line %d (%s)" % (op, i + 1, f[0]))
    return how


def main():
    if len(sys.argv) != 6 or sys.argv[1] not in ("xml", "kpl"):
        sys.exit("usage: mutate.py xml|kpl SOURCE OUTDIR N SEED")
    kind, src, out, n, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    os.makedirs(out, exist_ok=True)
    name = os.path.basename(src).rsplit(".", 1)[0]
    data = open(src, encoding="utf-8").read()
    for i in range(n):
        rng = random.Random("%s/%s/%d" % (seed, name, i))
        base = os.path.join(out, "%s.%s-%d" % (name, seed, i))
        if kind == "xml":
            root = ET.fromstring(data)
            how = mutate_xml(rng, root)
            text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
        else:
            lines = data.rstrip("\n").split("\n")
            how = mutate_kpl(rng, lines)
            text = "\n".join(lines) + "\n"
        with open(base + "." + kind, "w", encoding="utf-8") as f:
            f.write(text)
        with open(base + ".how", "w", encoding="utf-8") as f:
            f.write("\n".join(how) + "\n")


if __name__ == "__main__":
    main()
