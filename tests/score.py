#!/usr/bin/env python3
"""Score the pipeline's outputs against the samples' ground truth.

   python3 tests/score.py [--out DIR] [--truth DIR] [--floor FILE]
                          [--update-floor] [-v] [NAME ...]

For every DIR/truth/NAME.json (docs/truth.md) read OUT/NAME.xml (structure's
issue XML, docs/issue-xml.md) and OUT/NAME.tei.xml (issue-export --tei,
docs/tei-mapping.md), reduce each to the same model, and print one row per
sample:

  art-F1   F1 of the articles' (part, n) pairs
  title    share of true articles whose title is right (NFC, spaces collapsed)
  date     share of true articles whose lead date is right (null included)
  cells    vector tables: cells right (same row, col, spans and lines)
           over max(true cells, found cells)
  img-sim  image tables: character similarity (difflib ratio) of each true
           cell's text with the cell found at its row and col, averaged
  refs     recall of the references (title and url)
  meta     share of the metadata fields right

A score is "-" when the sample has nothing to measure.  Checks, printed as
the closing line "N passed, M failed": every score at or above its floor in
FILE (tests/score-floor.json), and the TEI's scores equal to the XML's
(issue #5).  --update-floor raises the floors to today's scores (never
lowers them).  -v lists what was wrong.  Python stdlib only.
"""
import argparse
import difflib
import json
import math
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

TEI = '{http://www.tei-c.org/ns/1.0}'
XML_ID = '{http://www.w3.org/XML/1998/namespace}id'
METRICS = ['article_f1', 'title', 'date', 'cells', 'img_sim', 'refs', 'meta']
HEADS = ['art-F1', 'title', 'date', 'cells', 'img-sim', 'refs', 'meta']
META_FIELDS = ['series', 'date', 'publisher', 'editor', 'address', 'phone', 'web']


def norm(s):
    """Text as compared: NFC, white space collapsed, ends trimmed."""
    if s is None:
        return ''
    return re.sub(r'\s+', ' ', unicodedata.normalize('NFC', s)).strip()


# ------------------------------------------------------------------ model
# Both readers return the same dict:
#   meta:       {field: text}  (date as YYYY-MM-DD)
#   articles:   {(part, n): {'title', 'date'}}
#   tables:     [{'part', 'article', 'image', 'cells': {(row, col): (rowspan,
#                colspan, (line, ...))}}] in document order
#   references: [(part, article, title, url)]

def new_model():
    return {'meta': {}, 'articles': {}, 'tables': [], 'references': []}


def own_text(el):
    """Text of el without the text of its child elements (notes, lists)."""
    parts = [el.text or '']
    for child in el:
        parts.append(child.tail or '')
    return norm(''.join(parts))


def all_text(el):
    return norm(''.join(el.itertext()))


def cell_entry(rowspan, colspan, lines):
    return (int(rowspan or 1), int(colspan or 1),
            tuple(l for l in (norm(x) for x in lines) if l))


def read_issue_xml(path):
    """Model of structure's issue XML (docs/issue-xml.md)."""
    m = new_model()
    root = ET.parse(path).getroot()
    meta = root.find('meta')
    if meta is not None:
        for f in META_FIELDS:
            el = meta.find(f)
            if el is not None:
                m['meta'][f] = el.get('when') if f == 'date' else all_text(el)
    for part in root.findall('part'):
        pn = part.get('n')
        scopes = [(None, part)] + [(a.get('n'), a) for a in part.findall('article')]
        for an, scope in scopes:
            if an is not None:
                title = scope.find('title')
                lead = scope.find('lead')
                m['articles'][(pn, an)] = {
                    'title': all_text(title) if title is not None else '',
                    'date': lead.get('date') if lead is not None else None}
            for table in iter_own(scope, 'table'):
                m['tables'].append(issue_table(table, pn, an))
            for ref in iter_own(scope, 'ref'):
                title = ref.find('title')
                m['references'].append((pn, an, all_text(title) if title is not None else '',
                                        ref.get('url') or ''))
    return m


def iter_own(scope, tag):
    """Descendants named tag, not looking into nested articles."""
    for child in scope:
        if child.tag == 'article':
            continue
        if child.tag == tag:
            yield child
        else:
            yield from iter_own(child, tag)


def issue_table(table, part, article):
    cells = {}
    for cell in table.iter('cell'):
        cells[(int(cell.get('row')), int(cell.get('col')))] = cell_entry(
            cell.get('rowspan'), cell.get('colspan'),
            [''.join(l.itertext()) for l in cell.findall('line')])
    return {'part': part, 'article': article, 'image': table.get('image') == '1',
            'cells': cells}


def read_tei(path):
    """Model of the TEI that issue-export writes (docs/tei-mapping.md)."""
    raise NotImplementedError('TEI reader waits for docs/tei-mapping.md')


# ------------------------------------------------------------------ truth

def read_truth(path):
    with open(path, encoding='utf-8') as f:
        t = json.load(f)
    m = new_model()
    for f in META_FIELDS:
        if t.get('meta', {}).get(f) is not None:
            m['meta'][f] = norm(t['meta'][f])
    for part in t.get('parts', []):
        for a in part.get('articles', []):
            m['articles'][(part['n'], a['n'])] = {'title': norm(a['title']),
                                                  'date': a.get('date')}
    for tb in t.get('tables', []):
        cells = {(c['row'], c['col']): cell_entry(c.get('rowspan'), c.get('colspan'),
                                                  c.get('lines', []))
                 for c in tb.get('cells', [])}
        m['tables'].append({'part': tb['part'], 'article': tb.get('article'),
                            'image': bool(tb.get('image')), 'cells': cells})
    for r in t.get('references', []):
        m['references'].append((r['part'], r.get('article'), norm(r['title']),
                                r.get('url') or ''))
    return m


# ------------------------------------------------------------------ scores

def ratio(num, den):
    return None if den == 0 else num / den


def pair_tables(truth, found):
    """Pair the k-th true table of an article with the k-th one found there."""
    by_key = {}
    for tb in found['tables']:
        by_key.setdefault((tb['part'], tb['article']), []).append(tb)
    seen = {}
    for tb in truth['tables']:
        key = (tb['part'], tb['article'])
        k = seen.get(key, 0)
        seen[key] = k + 1
        cands = by_key.get(key, [])
        yield tb, cands[k] if k < len(cands) else None


def score(truth, found, notes):
    """Scores of one sample; notes receives what was wrong, for -v."""
    s = {}
    tkeys, fkeys = set(truth['articles']), set(found['articles'])
    both = tkeys & fkeys
    s['article_f1'] = ratio(2 * len(both), len(tkeys) + len(fkeys))
    for k in sorted(tkeys - fkeys):
        notes.append('article %s/%s missing' % k)
    for k in sorted(fkeys - tkeys, key=str):
        notes.append('article %s/%s not in truth' % k)
    titles = dates = 0
    for k in sorted(both):
        t, f = truth['articles'][k], found['articles'][k]
        if t['title'] == f['title']:
            titles += 1
        else:
            notes.append('title %s/%s: %r, want %r' % (k + (f['title'], t['title'])))
        if t['date'] == f['date']:
            dates += 1
        else:
            notes.append('date %s/%s: %s, want %s' % (k + (f['date'], t['date'])))
    s['title'] = ratio(titles, len(tkeys))
    s['date'] = ratio(dates, len(tkeys))

    right = total = 0
    sims = []
    for tb, fb in pair_tables(truth, found):
        where = 'table %s/%s' % (tb['part'], tb['article'])
        fcells = fb['cells'] if fb else {}
        if fb is None:
            notes.append('%s missing' % where)
        if tb['image']:
            for pos, (_, _, lines) in sorted(tb['cells'].items()):
                got = ' '.join(fcells[pos][2]) if pos in fcells else ''
                sims.append(difflib.SequenceMatcher(None, got, ' '.join(lines),
                                                    autojunk=False).ratio())
            continue
        total += max(len(tb['cells']), len(fcells))
        for pos, cell in sorted(tb['cells'].items()):
            if fcells.get(pos) == cell:
                right += 1
            else:
                notes.append('%s cell %s: %r, want %r' % (where, pos, fcells.get(pos), cell))
    s['cells'] = ratio(right, total)
    s['img_sim'] = ratio(sum(sims), len(sims))

    fref = {}
    for r in found['references']:
        fref[(r[2], r[3])] = fref.get((r[2], r[3]), 0) + 1
    hits = 0
    for r in truth['references']:
        if fref.get((r[2], r[3]), 0) > 0:
            fref[(r[2], r[3])] -= 1
            hits += 1
        else:
            notes.append('reference missing: %s %s' % (r[2], r[3]))
    s['refs'] = ratio(hits, len(truth['references']))

    mright = 0
    for f, v in sorted(truth['meta'].items()):
        if found['meta'].get(f) == v:
            mright += 1
        else:
            notes.append('meta %s: %r, want %r' % (f, found['meta'].get(f), v))
    s['meta'] = ratio(mright, len(truth['meta']))
    return s


# ------------------------------------------------------------------ report

def fmt(x):
    return '    -' if x is None else '%5.3f' % x


def floor_of(x):
    """A floor just below x, so float noise never fails the next run."""
    return math.floor(x * 1000) / 1000


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def ok(self):
        self.passed += 1

    def fail(self, msg):
        self.failed += 1
        print('FAIL: ' + msg)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default='out', help='pipeline outputs (default out)')
    ap.add_argument('--truth', default='samples/truth', help='truth JSON directory')
    ap.add_argument('--floor', help='floors JSON; every score must reach its floor')
    ap.add_argument('--update-floor', action='store_true',
                    help='raise the floors in --floor to the scores reached')
    ap.add_argument('-v', '--verbose', action='store_true', help='list what was wrong')
    ap.add_argument('names', nargs='*', help='samples to score (default: all)')
    args = ap.parse_args()

    names = args.names or sorted(f[:-5] for f in os.listdir(args.truth) if f.endswith('.json'))
    floors = {}
    if args.floor and os.path.exists(args.floor):
        with open(args.floor, encoding='utf-8') as f:
            floors = json.load(f)
    checks = Checks()
    tei_mapping = os.path.exists(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                              '..', 'docs', 'tei-mapping.md'))
    width = max([len(n) for n in names] + [6])
    print('%-*s  %s' % (width, 'sample', '  '.join('%5s' % h[:7] for h in HEADS)))
    reached = {}
    for name in names:
        try:
            truth = read_truth(os.path.join(args.truth, name + '.json'))
        except (OSError, ValueError, KeyError) as e:
            print('%-*s  no truth: %s' % (width, name, e))
            checks.fail('%s: cannot read its truth: %s' % (name, e))
            continue
        xml_path = os.path.join(args.out, name + '.xml')
        try:
            found = read_issue_xml(xml_path)
        except (OSError, ET.ParseError) as e:
            print('%-*s  no issue XML: %s' % (width, name, e))
            checks.fail('%s: cannot read %s: %s' % (name, xml_path, e))
            continue
        notes = []
        s = score(truth, found, notes)
        reached[name] = s
        print('%-*s  %s' % (width, name, '  '.join(fmt(s[m]) for m in METRICS)))
        if args.verbose:
            for n in notes:
                print('    ' + n)

        for m in METRICS:
            want = floors.get(name, {}).get(m)
            if want is None:
                continue
            if s[m] is not None and s[m] >= want:
                checks.ok()
            else:
                checks.fail('%s: %s %s below floor %.3f' % (name, m, fmt(s[m]).strip(), want))

        tei_path = os.path.join(args.out, name + '.tei.xml')
        if not os.path.exists(tei_path):
            continue
        if not tei_mapping:
            print('skip: %s: TEI not scored (docs/tei-mapping.md not written yet)' % name)
            continue
        try:
            ts = score(truth, read_tei(tei_path), [])
        except (OSError, ET.ParseError, ValueError, KeyError, TypeError) as e:
            checks.fail('%s: cannot read %s: %s' % (name, tei_path, e))
            continue
        diff = [m for m in METRICS if ts[m] != s[m]]
        if diff:
            checks.fail('%s: TEI scores differ from the issue XML\'s: %s' % (name, ', '.join(
                '%s %s vs %s' % (m, fmt(ts[m]).strip(), fmt(s[m]).strip()) for m in diff)))
        else:
            checks.ok()

    if args.update_floor and args.floor:
        for name, s in reached.items():
            old = floors.setdefault(name, {})
            for m in METRICS:
                if s[m] is not None:
                    old[m] = max(old.get(m, 0), floor_of(s[m]))
        with open(args.floor, 'w', encoding='utf-8') as f:
            json.dump(floors, f, indent=1, sort_keys=True)
            f.write('\n')
        print('score: floors written to %s' % args.floor)
    print('%d passed, %d failed' % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == '__main__':
    sys.exit(main())
