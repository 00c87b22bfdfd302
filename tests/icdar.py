#!/usr/bin/env python3
"""icdar.py - the ICDAR 2013 Table Competition's measure of our tables.

   python3 tests/icdar.py CORPUS OUT [NAME...]
   python3 tests/icdar.py --self-test

For every CORPUS/NAME-str.xml (the human truth: cells with start-row,
start-col, optional end-row/end-col and content) with its CORPUS/NAME-reg.xml
(table regions: page and bounding box, PDF coordinates, origin bottom left)
read OUT/NAME.tei.xml (issue-export --tei: tables with rows, cells with
@cols/@rows spans, and a facsimile zone giving each table's page and box,
origin top left) and print one line per document, then the mean:

  NAME  tables-true tables-found  precision recall F1

The measure (Goebel et al., ICDAR 2013) is the F1 of adjacency relations.
For every non-empty cell of a table, its nearest non-empty neighbour to the
right in each row it spans and below in each column it spans (empty cells
skipped over), as (text, text, direction) triples; text is compared after
collapsing white space (a TEI <lb/> is a space).  A pair of cells counts
once however many rows or columns they share.

Tables are matched by place: each of our tables goes to the truth table
whose region on the same page it overlaps most (area of the intersection
over the smaller box, at least 0.3); several of ours may go to one truth
table (a table we split), and their relations are pooled.  Relations of a
table matched to no truth table count against precision.  Per document:
precision = relations right / relations found, recall = relations right /
true relations, over all its tables; a document with no true relations and
none found scores 1.

--self-test checks the arithmetic on a small hand-made truth and prints
`N passed, M failed`.
"""
import collections
import os
import re
import sys
import xml.etree.ElementTree as ET

TEI = '{http://www.tei-c.org/ns/1.0}'
XML_ID = '{http://www.w3.org/XML/1998/namespace}id'
MIN_OVERLAP = 0.3


def norm(s):
    """A cell's text as the competition compared it: with all white space
    removed (the truth's text is the PDF's own, with its misplaced spaces)."""
    return re.sub(r'\s+', '', s or '')


class Table:
    """cells: (r0, c0, r1, c1, text) with inclusive ends; regions: (page,
    x0, y0, x1, y1) in PDF points, origin top left."""

    def __init__(self):
        self.cells = []
        self.regions = []


def relations(cells):
    """Counter of (text, text, 'h'|'v') over the non-empty cells."""
    at = {}
    for i, (r0, c0, r1, c1, text) in enumerate(cells):
        if not norm(text):
            continue
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                at[(r, c)] = i
    if not at:
        return collections.Counter()
    maxr = max(r for r, _ in at)
    maxc = max(c for _, c in at)
    pairs = set()
    for i, (r0, c0, r1, c1, text) in enumerate(cells):
        if not norm(text):
            continue
        for r in range(r0, r1 + 1):
            for c in range(c1 + 1, maxc + 1):
                j = at.get((r, c))
                if j is not None and j != i:
                    pairs.add((i, j, 'h'))
                    break
        for c in range(c0, c1 + 1):
            for r in range(r1 + 1, maxr + 1):
                j = at.get((r, c))
                if j is not None and j != i:
                    pairs.add((i, j, 'v'))
                    break
    return collections.Counter((norm(cells[i][4]), norm(cells[j][4]), d)
                               for i, j, d in pairs)


def read_truth(str_path, reg_path, heights):
    """The truth tables of one document; `heights` maps a page to its height
    (to turn PDF coordinates upside down), default 792."""
    tables = {}
    order = []
    for t in ET.parse(str_path).getroot().iter('table'):
        tb = Table()
        for reg in t.iter('region'):
            for c in reg.iter('cell'):
                r0, c0 = int(c.get('start-row')), int(c.get('start-col'))
                r1 = int(c.get('end-row', r0))
                c1 = int(c.get('end-col', c0))
                content = c.find('content')
                tb.cells.append((r0, c0, r1, c1,
                                 '' if content is None else ''.join(content.itertext())))
        tables[t.get('id')] = tb
        order.append(tb)
    if os.path.exists(reg_path):
        for t in ET.parse(reg_path).getroot().iter('table'):
            tb = tables.get(t.get('id'))
            if tb is None:
                continue
            for reg in t.iter('region'):
                bb = reg.find('bounding-box')
                if bb is None:
                    continue
                page = int(reg.get('page'))
                h = heights.get(page, 792.0)
                x1, y1 = float(bb.get('x1')), float(bb.get('y1'))
                x2, y2 = float(bb.get('x2')), float(bb.get('y2'))
                tb.regions.append((page, min(x1, x2), h - max(y1, y2),
                                   max(x1, x2), h - min(y1, y2)))
    return order


def read_ours(tei_path):
    """Our tables from the TEI and the page heights of its surfaces."""
    root = ET.parse(tei_path).getroot()
    zones, heights = {}, {}
    for surf in root.iter(TEI + 'surface'):
        page = int(surf.get('n'))
        if surf.get('lry'):
            heights[page] = float(surf.get('lry'))
        for z in surf.iter(TEI + 'zone'):
            zones['#' + z.get(XML_ID)] = (page, float(z.get('ulx')), float(z.get('uly')),
                                          float(z.get('lrx')), float(z.get('lry')))
    tables = []
    for t in root.iter(TEI + 'table'):
        tb = Table()
        if t.get('facs') in zones:
            tb.regions.append(zones[t.get('facs')])
        taken = set()
        for r, row in enumerate(t.findall(TEI + 'row')):
            c = 0
            for cell in row.findall(TEI + 'cell'):
                while (r, c) in taken:
                    c += 1
                rs, cs = int(cell.get('rows', 1)), int(cell.get('cols', 1))
                for i in range(r, r + rs):
                    for j in range(c, c + cs):
                        taken.add((i, j))
                tb.cells.append((r, c, r + rs - 1, c + cs - 1, cell_text(cell)))
                c += cs
        tables.append(tb)
    return tables, heights


def cell_text(el):
    """The text of a TEI cell as printed: <lb/> read as a space, an item's
    mark (<item n="•">) before its text."""
    parts = [el.get('n', '') + ' ' if el.tag == TEI + 'item' else '', el.text or '']
    for child in el:
        if child.tag == TEI + 'lb':
            parts.append(' ')
        else:
            parts.append(cell_text(child))
        parts.append(child.tail or '')
    return ''.join(parts)


def overlap(a, b):
    """Intersection of two regions over the smaller one, 0 on other pages."""
    if a[0] != b[0]:
        return 0.0
    w = min(a[3], b[3]) - max(a[1], b[1])
    h = min(a[4], b[4]) - max(a[2], b[2])
    if w <= 0 or h <= 0:
        return 0.0
    small = min((a[3] - a[1]) * (a[4] - a[2]), (b[3] - b[1]) * (b[4] - b[2]))
    return w * h / small if small > 0 else 0.0


def score(truth, ours):
    """(right, found, true) relation counts of one document."""
    pooled = [collections.Counter() for _ in truth]
    found = 0
    for tb in ours:
        rel = relations(tb.cells)
        found += sum(rel.values())
        best, best_ov = None, MIN_OVERLAP
        for k, tt in enumerate(truth):
            for ra in tb.regions:
                for rb in tt.regions:
                    ov = overlap(ra, rb)
                    if ov >= best_ov:
                        best, best_ov = k, ov
        if best is not None:
            pooled[best] += rel
    right = sum(sum((pooled[k] & relations(tt.cells)).values())
                for k, tt in enumerate(truth))
    true = sum(sum(relations(tt.cells).values()) for tt in truth)
    return right, found, true


def prf(right, found, true):
    if found == 0 and true == 0:
        return 1.0, 1.0, 1.0
    p = right / found if found else 0.0
    r = right / true if true else 0.0
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return p, r, f


def self_test():
    checks = []

    def check(what, got, want):
        ok = got == want if not isinstance(want, float) else abs(got - want) < 1e-9
        checks.append(ok)
        if not ok:
            print(f'FAIL {what}: got {got!r}, want {want!r}')

    # a 3x3 truth: a header spanning two columns, one empty cell
    #   | Year | Sales      |       (Sales spans cols 1-2)
    #   | 2020 | 10  | 20   |
    #   | 2021 |     | 40   |
    truth = Table()
    truth.cells = [(0, 0, 0, 0, 'Year'), (0, 1, 0, 2, 'Sales'),
                   (1, 0, 1, 0, '2020'), (1, 1, 1, 1, '10'), (1, 2, 1, 2, ' 20 '),
                   (2, 0, 2, 0, '2021'), (2, 1, 2, 1, ''), (2, 2, 2, 2, '40')]
    truth.regions = [(1, 100, 100, 300, 200)]
    want = collections.Counter({('Year', 'Sales', 'h'): 1, ('Year', '2020', 'v'): 1,
                                ('Sales', '10', 'v'): 1, ('Sales', '20', 'v'): 1,
                                ('2020', '10', 'h'): 1, ('10', '20', 'h'): 1,
                                ('2020', '2021', 'v'): 1, ('20', '40', 'v'): 1,
                                ('2021', '40', 'h'): 1})
    check('relations with a span and an empty cell', relations(truth.cells), want)
    check('perfect', score([truth], [truth]), (9, 9, 9))
    # ours: the span missed (Sales in col 1 only, col 2 header empty),
    # 2021's empty cell kept: Sales-20 is lost, nothing wrong added
    ours = Table()
    ours.cells = [(0, 0, 0, 0, 'Year'), (0, 1, 0, 1, 'Sales'), (0, 2, 0, 2, ''),
                  (1, 0, 1, 0, '2020'), (1, 1, 1, 1, '10'), (1, 2, 1, 2, '20'),
                  (2, 0, 2, 0, '2021'), (2, 1, 2, 1, ''), (2, 2, 2, 2, '40')]
    ours.regions = [(1, 110, 105, 290, 195)]
    check('missed span counts', score([truth], [ours]), (8, 8, 9))
    p, r, f = prf(8, 8, 9)
    check('precision', p, 1.0)
    check('recall', r, 8 / 9)
    check('F1', f, 2 * (8 / 9) / (1 + 8 / 9))
    # the same table on another page, or far away: nothing right
    far = Table()
    far.cells = ours.cells
    far.regions = [(2, 110, 105, 290, 195)]
    check('other page', score([truth], [far]), (0, 8, 9))
    # an invented table beside the right one costs precision only
    invented = Table()
    invented.cells = [(0, 0, 0, 0, 'a'), (0, 1, 0, 1, 'b')]
    invented.regions = [(1, 100, 500, 300, 600)]
    check('invented table', score([truth], [truth, invented]), (9, 10, 9))
    # a table split in two halves by rows: each half's relations pooled
    top, bottom = Table(), Table()
    top.cells = truth.cells[:5]
    top.regions = [(1, 100, 100, 300, 150)]
    bottom.cells = [(0, 0, 0, 0, '2021'), (0, 1, 0, 1, ''), (0, 2, 0, 2, '40')]
    bottom.regions = [(1, 100, 150, 300, 200)]
    check('split table', score([truth], [top, bottom]), (7, 7, 9))
    check('nothing either side', prf(0, 0, 0), (1.0, 1.0, 1.0))
    check('nothing found', prf(0, 0, 9), (0.0, 0.0, 0.0))
    check('white space', norm(' a \n b\t'), 'ab')
    cell = ET.fromstring(f'<cell xmlns="{TEI[1:-1]}"><list><item n="•">a b</item>'
                         '<item n="•">c<lb/>d</item></list></cell>')
    check('item marks', cell_text(cell), '• a b• c d')
    print(f'{sum(checks)} passed, {len(checks) - sum(checks)} failed')
    return 0 if all(checks) else 1


def main(argv):
    if argv[1:] == ['--self-test']:
        return self_test()
    if len(argv) < 3 or argv[1].startswith('-'):
        print(__doc__.split('\n\n')[0], file=sys.stderr)
        return 2
    corpus, out = argv[1], argv[2]
    names = argv[3:] or sorted(f[:-8] for f in os.listdir(corpus) if f.endswith('-str.xml'))
    fs = []
    print(f'{"document":<12} {"true":>4} {"ours":>4} {"prec":>6} {"recall":>6} {"F1":>6}')
    for name in names:
        tei = os.path.join(out, name + '.tei.xml')
        if os.path.exists(tei):
            ours, heights = read_ours(tei)
        else:
            ours, heights = [], {}
        truth = read_truth(os.path.join(corpus, name + '-str.xml'),
                           os.path.join(corpus, name + '-reg.xml'), heights)
        p, r, f = prf(*score(truth, ours))
        fs.append(f)
        note = '' if os.path.exists(tei) else '  (no TEI)'
        print(f'{name:<12} {len(truth):>4} {len(ours):>4} {p:6.3f} {r:6.3f} {f:6.3f}{note}')
    if fs:
        print(f'{"mean":<12} {"":>4} {"":>4} {"":>6} {"":>6} {sum(fs) / len(fs):6.3f}'
              f'  over {len(fs)} documents')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
