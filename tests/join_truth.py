#!/usr/bin/env python3
"""Check the spaces of an issue's running text at line wraps against its source.

   python3 tests/join_truth.py [-v] [--floor FILE] SOURCE.txt STREAM.kpl ISSUE.xml [...]

SOURCE is a sample's source text (samples/src/NAME.txt), the text the PDF
was made from; STREAM the layout stream pdf2text made of that PDF, ISSUE
structure's issue XML of it.  Each text of the XML (its own text, without
its children's) is found in the source by its characters without white
space; where the two then differ in a space at a line wrap (the stream
has a line ending there and the next line beginning), the join put a space
inside a word ("inserted") or lost one between words ("lost").  Spaces
within a line are pdf2text's, not judged here; so are texts the source
does not hold (numbers moved into attributes, table cells).

One check per sample: it passes when its wrong joins are at most the
sample's "join_wrong_max" in the floor FILE (tests/score-floor.json; 0
when absent or without --floor), and prints "ok: NAME: N wrong joins" or
"FAIL: NAME: N wrong joins (N inserted, M lost), at most K"; -v lists
each.  Like the floors, a ceiling only goes down: where geometry cannot
tell a wrap inside a word from one at a space (docs/testing.md), joins
are guesses, and this keeps them from getting worse.  The last line is
"N passed, M failed".  Python stdlib only.
"""
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

WS = re.compile(r'\s+')
# the elements whose text is running text a wrap was joined in
TEXTS = {'p', 'item', 'lead', 'note', 'title', 'head', 'source', 'heading', 'entry'}


def nfc(s):
    return unicodedata.normalize('NFC', s)


def source_lines(path):
    """The source's lines, each with its white space collapsed."""
    out = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = nfc(line).strip()
            if line and not line.startswith('#'):
                out.append(WS.sub(' ', line))
    return out


def spaced(s):
    """s without spaces, and for each kept character whether a space precedes it."""
    chars, before, gap = [], [], False
    for c in s:
        if c == ' ':
            gap = True
            continue
        chars.append(c)
        before.append(gap)
        gap = False
    return ''.join(chars), before


def wraps(path):
    """The wraps of the stream: (end of a line, start of the next), the
    last and first WRAP_CHARS characters without white space."""
    out = set()
    prev = None
    with open(path, encoding='utf-8') as f:
        for rec in f:
            fields = rec.rstrip('\n').split('\t')
            if fields[0] != 'line':
                continue
            text = nfc(WS.sub('', fields[-1]))
            if prev:
                out.add((prev[-WRAP_CHARS:], text[:WRAP_CHARS]))
            prev = text
    return out


WRAP_CHARS = 3


def at_wrap(t, i, wrapset):
    return (t[max(0, i - WRAP_CHARS):i], t[i:i + WRAP_CHARS]) in wrapset


def differences(text, lines, wrapset):
    """[(kind, context)] where text's spaces at a wrap differ from the
    source line holding it; None when no line holds it."""
    t, tb = spaced(text)
    if len(t) < 2:
        return []
    for line in lines:
        s, sb = spaced(line)
        at = s.find(t)
        if at < 0:
            continue
        diffs = []
        for i in range(1, len(t)):
            if tb[i] != sb[at + i] and at_wrap(t, i, wrapset):
                kind = 'inserted' if tb[i] else 'lost'
                diffs.append((kind, t[max(0, i - 8):i] + '|' + t[i:i + 8]))
        return diffs
    return None


def check(src, kpl, xml):
    lines = source_lines(src)
    wrapset = wraps(kpl)
    root = ET.parse(xml).getroot()
    found = []
    for el in root.iter():
        if el.tag not in TEXTS or not el.text or not el.text.strip():
            continue
        d = differences(WS.sub(' ', nfc(el.text)).strip(), lines, wrapset)
        if d:
            found.extend(d)
    return found


def main(argv):
    import argparse
    import json
    ap = argparse.ArgumentParser()
    ap.add_argument('-v', action='store_true')
    ap.add_argument('--floor')
    ap.add_argument('files', nargs='+')
    a = ap.parse_args(argv)
    if len(a.files) % 3:
        ap.error('SOURCE.txt STREAM.kpl ISSUE.xml in threes')
    floor = {}
    if a.floor:
        with open(a.floor, encoding='utf-8') as f:
            floor = json.load(f)
    passed = failed = 0
    for src, kpl, xml in zip(a.files[::3], a.files[1::3], a.files[2::3]):
        name = re.sub(r'\.txt$', '', src.rsplit('/', 1)[-1])
        most = floor.get(name, {}).get('join_wrong_max', 0)
        d = check(src, kpl, xml)
        ins = sum(1 for k, _ in d if k == 'inserted')
        if len(d) <= most:
            passed += 1
            print('ok: %s: %d wrong joins' % (name, len(d)))
        else:
            failed += 1
            print('FAIL: %s: %d wrong joins (%d inserted, %d lost), at most %d'
                  % (name, len(d), ins, len(d) - ins, most))
        if a.v or len(d) > most:
            for k, c in d:
                print('  %s: %s' % (k, c))
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
