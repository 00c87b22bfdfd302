#!/usr/bin/env python3
"""Check a `issue-export --csv=tables` file against a sample's truth.

    python3 tests/csv_roundtrip.py out.tables.csv samples/truth/NAME.json

Rebuilds every table's grid from the CSV records (row, col, rowspan,
colspan, text split on newlines) and compares it with the truth's table
(docs/truth.md): the same cells at the same positions, the same spans, the
same lines.  CSV tables are matched to truth tables by (part, article,
caption), else by their order within the article.  Prints one line per
truth table and a last line "N passed, M failed"; exits 1 when M > 0, 2 on
bad usage or unreadable input.  Python 3 standard library only.
"""
import csv
import json
import re
import sys
import unicodedata

HEADER = ['issue', 'part', 'article', 'table', 'caption', 'row', 'col', 'rowspan',
          'colspan', 'header', 'text', 'page', 'ocr']


def norm(s):
    """Text as the truth writes it: NFC, white space collapsed."""
    return unicodedata.normalize('NFC', re.sub(r'\s+', ' ', s or '').strip())


def read_csv(path):
    """Tables of the CSV in order: dicts with part, article, caption, cells."""
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != HEADER:
        raise ValueError('%s: header is not %s' % (path, ','.join(HEADER)))
    tables = {}
    for lineno, r in enumerate(rows[1:], 2):
        if len(r) != len(HEADER):
            raise ValueError('%s: record %d has %d fields' % (path, lineno, len(r)))
        rec = dict(zip(HEADER, r))
        key = (rec['issue'], rec['table'])
        t = tables.setdefault(key, {'part': rec['part'], 'article': rec['article'],
                                    'caption': rec['caption'], 'cells': []})
        t['cells'].append({
            'row': int(rec['row']), 'col': int(rec['col']),
            'rowspan': int(rec['rowspan']), 'colspan': int(rec['colspan']),
            'lines': [norm(x) for x in rec['text'].split('\n')] if rec['text'] else [],
        })
    return list(tables.values())


def grid(cells):
    """Map (row, col) -> cell, and the problems met placing the cells."""
    at, covered, problems = {}, {}, []
    for c in cells:
        pos = (c['row'], c['col'])
        if pos in at:
            problems.append('two cells at %s' % (pos,))
        at[pos] = c
        for r in range(c['row'], c['row'] + c['rowspan']):
            for k in range(c['col'], c['col'] + c['colspan']):
                if (r, k) in covered:
                    problems.append('cell at %s overlaps cell at %s' % (pos, covered[(r, k)]))
                covered[(r, k)] = pos
    return at, problems


def compare(truth, got):
    """Differences between a truth table and a CSV table (empty: equal)."""
    want, _ = grid([{'row': c['row'], 'col': c['col'], 'rowspan': c['rowspan'],
                     'colspan': c['colspan'], 'lines': [norm(x) for x in c['lines']]}
                    for c in truth['cells']])
    have, diffs = grid(got['cells'])
    for pos in sorted(set(want) | set(have)):
        w, h = want.get(pos), have.get(pos)
        if h is None:
            diffs.append('missing cell at %s %r' % (pos, w['lines']))
        elif w is None:
            diffs.append('extra cell at %s %r' % (pos, h['lines']))
        elif (w['rowspan'], w['colspan']) != (h['rowspan'], h['colspan']):
            diffs.append('cell at %s spans %dx%d, want %dx%d' % (
                pos, h['rowspan'], h['colspan'], w['rowspan'], w['colspan']))
        elif w['lines'] != h['lines']:
            diffs.append('cell at %s has %r, want %r' % (pos, h['lines'], w['lines']))
    return diffs


def match(truth_tables, csv_tables):
    """Pair each truth table with a CSV table (or None)."""
    free = list(range(len(csv_tables)))
    pairs = []
    for t in truth_tables:
        key = (t['part'], t['article'], norm(t['caption']))
        found = next((i for i in free if (csv_tables[i]['part'], csv_tables[i]['article'],
                                          norm(csv_tables[i]['caption'])) == key), None)
        if found is None:
            found = next((i for i in free if (csv_tables[i]['part'],
                                              csv_tables[i]['article']) == key[:2]), None)
        if found is not None:
            free.remove(found)
        pairs.append((t, csv_tables[found] if found is not None else None))
    return pairs


def main(argv):
    if len(argv) != 3:
        sys.stderr.write('usage: csv_roundtrip.py out.tables.csv truth.json\n')
        return 2
    try:
        tables = read_csv(argv[1])
        with open(argv[2], encoding='utf-8') as f:
            truth = json.load(f)
    except (OSError, ValueError) as e:
        sys.stderr.write('csv_roundtrip.py: %s\n' % e)
        return 2
    passed = failed = 0
    for n, (t, got) in enumerate(match(truth.get('tables', []), tables), 1):
        name = 'table %d %s/%s "%s"' % (n, t['part'], t['article'], t['caption'])
        diffs = ['no such table in the CSV'] if got is None else compare(t, got)
        if diffs:
            failed += 1
            print('FAIL %s: %d difference(s)' % (name, len(diffs)))
            for d in diffs[:5]:
                print('    ' + d)
        else:
            passed += 1
            print('ok   %s: %dx%d, %d cells' % (name, t['rows'], t['cols'], len(t['cells'])))
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
