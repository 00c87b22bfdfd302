#!/usr/bin/env python3
"""Check that an ALTO file (`issue-export --alto`) holds the issue's text.

    python3 tests/alto_text.py NAME.xml NAME.alto.xml [...pairs]

For each pair: every String has a CONTENT without white space, a box (when
it has one) inside its TextLine's, a CC (when it has one) of one digit
0-9 per character of its CONTENT; and every
element of the issue XML holding text of its own (paragraphs, items,
titles, cells' lines, notes, contents entries, colophon fields...) appears,
white space removed, in the ALTO text of the pages it lies on (page to
pages, inherited from the nearest ancestor that has them), the page's
Strings concatenated in document order (running headers and footers,
tagged furniture, left out).  The issue's text went through
structure (lines joined, marks stripped, roles found) while the ALTO
comes straight from the layout stream, so this checks that the ALTO lost,
reordered or garbled no word.  One check per file pair, one line per
missing text; last line "N passed, M failed".  Python standard library.
"""
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

ALTO = '{http://www.loc.gov/standards/alto/ns-v4#}'


def squash(s):
    return unicodedata.normalize('NFC', re.sub(r'\s+', '', s or ''))


def box(el):
    """(x0, y0, x1, y1) of an element with HPOS VPOS WIDTH HEIGHT, or None."""
    if el.get('HPOS') is None:
        return None
    x, y = int(el.get('HPOS')), int(el.get('VPOS'))
    return (x, y, x + int(el.get('WIDTH')), y + int(el.get('HEIGHT')))


def string_faults(n, line, s):
    """What is wrong with String s of TextLine line on page n: a box
    outside the line's (1 unit of rounding allowed), a CC that is not one
    digit per character."""
    out = []
    b, lb = box(s), box(line)
    if b is not None and lb is not None and not (
            b[0] >= lb[0] - 1 and b[1] >= lb[1] - 1 and b[2] <= lb[2] + 1 and b[3] <= lb[3] + 1):
        out.append('page %d: String %r box %r outside its line %r' % (n, s.get('CONTENT'), b, lb))
    cc = s.get('CC')
    if cc is not None and (not re.fullmatch(r'[0-9]( [0-9])*', cc) or
                           len(cc.split()) != len(s.get('CONTENT') or '')):
        out.append('page %d: String %r CC %r' % (n, s.get('CONTENT'), cc))
    return out


def alto_pages(path):
    """Page number -> its Strings' text concatenated; and faults."""
    pages, bad = {}, []
    for page in ET.parse(path).getroot().iter(ALTO + 'Page'):
        n = int(page.get('PHYSICAL_IMG_NR'))
        words = []
        for line in page.iter(ALTO + 'TextLine'):
            for s in line.iter(ALTO + 'String'):
                bad += string_faults(n, line, s)
        for block in page.iter(ALTO + 'TextBlock'):
            furniture = 'furniture' in (block.get('TAGREFS') or '').split()
            for s in block.iter(ALTO + 'String'):
                c = s.get('CONTENT')
                if not c or re.search(r'\s', c):
                    bad.append('page %d: String CONTENT %r' % (n, c))
                if not furniture:
                    words.append(c or '')
        pages[n] = squash(''.join(words))
    return pages, bad


def issue_texts(path):
    """(first page, last page, own text) of every issue element with text."""
    out = []

    def walk(el, page, last):
        if el.get('page'):
            page = int(el.get('page'))
            last = int(el.get('pages') or page)
        # as printed: a normalised text keeps the printed form in @printed
        own = el.get('printed') or (el.text or '') + ''.join(c.tail or '' for c in el)
        if el.tag not in ('issue', 'labels', 'language', 'label') and squash(own) and page:
            out.append((page, last, squash(own), el.tag))
        for c in el:
            walk(c, page, last)

    walk(ET.parse(path).getroot(), 0, 0)
    return out


def check(issue, alto):
    pages, bad = alto_pages(alto)
    missing = []
    for first, last, text, tag in issue_texts(issue):
        where = ''.join(pages.get(p, '') for p in range(first, last + 1))
        if text not in where:
            missing.append('<%s> on page %d: %s' % (tag, first, text[:60]))
    return bad + missing


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__.strip().split('\n\n')[1], file=sys.stderr)
        return 2
    passed = failed = 0
    for issue, alto in zip(argv[0::2], argv[1::2]):
        try:
            problems = check(issue, alto)
        except (OSError, ET.ParseError, ValueError) as e:
            problems = ['cannot read: %s' % e]
        if problems:
            failed += 1
            print('FAIL: %s: %d text(s) not in the ALTO' % (alto, len(problems)))
            for p in problems[:20]:
                print('    ' + p)
        else:
            passed += 1
            print('ok: %s holds the text of %s' % (alto, issue))
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
