#!/usr/bin/env python3
"""Score the pipeline's outputs against the samples' ground truth.

   python3 tests/score.py [--out DIR] [--truth DIR] [--floor FILE]
                          [--update-floor] [-v] [NAME ...]
   python3 tests/score.py --self-test [--truth DIR]
   python3 tests/score.py --pages DIR [--out DIR] [--issues DIR] [--floor FILE] [NAME ...]

For every TRUTH/NAME.json (docs/truth.md) read OUT/NAME.xml (structure's
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
  img-acc  image tables: character accuracy of each table, 1 - CER of its
           cells' text (row by row, NFC, white space collapsed), averaged
  tables   share of true tables (vector and image) found with every cell right,
           a table found where the truth has none (beyond an article's true
           tables) counting as one more wrong
  csv      the same share as tests/csv_roundtrip.py finds it in OUT/NAME.tables.csv
  refs     recall of the references (title and url)
  meta     share of the metadata fields right

A score is "-" when the sample has nothing to measure.  Checks, printed as
the closing line "N passed, M failed": every score at or above its floor in
FILE (tests/score-floor.json), the TEI's scores equal to the XML's
(issue #5), and the CSV right about the same tables as the XML.
--update-floor raises the floors to today's scores (never lowers them).

--pages DIR scores page samples instead (samples/pages/NAME.json, made by
samples/build.py from a "kind: page" source) against OUT/NAME.kpl, the
stream of pdf2text: one row per page with the source found (text or ocr,
and why) and the character accuracy of its text, 1 - CER after NFC with
white space collapsed.  A truth with "issue": true holds pages of the
issue sample NAME (its scanned pages, written from its source and by
reading the page) and is scored against ISSUES/NAME.kpl (--issues).  Checks: the source is the truth's (a lying text
layer read by OCR, a good one kept), the accuracy at its floor.
-v lists what was wrong.  Python stdlib only.
"""
import argparse
import difflib
import json
import math
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

TEI = '{http://www.tei-c.org/ns/1.0}'
XML_ID = '{http://www.w3.org/XML/1998/namespace}id'
METRICS = ['article_f1', 'title', 'date', 'cells', 'img_sim', 'img_acc', 'tables', 'csv', 'refs',
           'meta']
HEADS = ['art-F1', 'title', 'date', 'cells', 'img-sim', 'img-acc', 'tables', 'csv', 'refs', 'meta']
# The metrics the issue XML and the TEI must agree on (csv comes from the CSV).
MODEL_METRICS = [m for m in METRICS if m != 'csv']
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


def iter_own(scope, tag, is_article=lambda el: el.tag == 'article'):
    """Descendants named tag in document order, not looking into articles."""
    for child in scope:
        if is_article(child):
            continue
        if child.tag == tag:
            yield child
        else:
            yield from iter_own(child, tag, is_article)


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
    m = new_model()
    root = ET.parse(path).getroot()
    if root.tag != TEI + 'TEI':
        raise ValueError('root is %s, not TEI' % root.tag)
    fd = root.find(TEI + 'teiHeader/' + TEI + 'fileDesc')
    if fd is not None:
        ts, ps = fd.find(TEI + 'titleStmt'), fd.find(TEI + 'publicationStmt')
        tei_meta(m['meta'], ts, ps)
    body = root.find(TEI + 'text/' + TEI + 'body')
    is_article = lambda el: el.tag == TEI + 'div' and el.get('type') == 'article'
    for part in (body if body is not None else []):
        if part.tag != TEI + 'div' or part.get('type') != 'part':
            continue
        pn = part.get('n')
        scopes = [(None, part)] + [(a.get('n'), a) for a in part if is_article(a)]
        for an, scope in scopes:
            if an is not None:
                heads = [h for h in scope.findall(TEI + 'head') if h.get('type') != 'category']
                lead = scope.find(TEI + "ab[@type='lead']")
                date = lead.find(TEI + 'date') if lead is not None else None
                m['articles'][(pn, an)] = {
                    'title': all_text(heads[0]) if heads else '',
                    'date': date.get('when') if date is not None else None}
            for el in tei_walk(scope, is_article):
                if el.tag == TEI + 'table' or (el.tag == TEI + 'figure'
                                               and el.get('type') == 'table'):
                    m['tables'].append({'part': pn, 'article': an,
                                        'image': el.get('rend') == 'image',
                                        'cells': tei_cells(el)})
                elif el.tag == TEI + 'bibl':
                    title, ptr = el.find(TEI + 'title'), el.find(TEI + 'ptr')
                    m['references'].append((pn, an,
                                            all_text(title) if title is not None else '',
                                            ptr.get('target') if ptr is not None else ''))
    return m


def tei_walk(scope, is_article):
    """Elements under scope in document order, not looking into articles or
    into tables (a cell may hold lists, never a table or a bibl)."""
    for child in scope:
        if is_article(child):
            continue
        yield child
        if child.tag != TEI + 'table':
            yield from tei_walk(child, is_article)


def tei_meta(meta, ts, ps):
    """The issue's metadata back from titleStmt and publicationStmt."""
    if ts is not None:
        for t in ts.findall(TEI + 'title'):
            if t.get('type') == 'main':
                meta['series'] = all_text(t)
        name = ts.find(TEI + 'respStmt/' + TEI + 'name')
        if name is not None:
            meta['editor'] = all_text(name)
    if ps is None:
        return
    el = ps.find(TEI + 'publisher')
    if el is not None and all_text(el):
        meta['publisher'] = all_text(el)
    el = ps.find(TEI + 'date')
    if el is not None and el.get('when'):
        meta['date'] = el.get('when')
    el = ps.find(TEI + 'ptr')
    if el is not None:
        meta['web'] = el.get('target')
    lines = [all_text(a) for a in ps.findall(TEI + 'pubPlace/' + TEI + 'address/' + TEI + 'addrLine')]
    if len(lines) == 2:
        meta['address'], meta['phone'] = lines
    elif len(lines) == 1:
        # one of the two: a phone number is digits and punctuation
        meta['phone' if re.fullmatch(r'[0-9()+\-/. ]+', lines[0]) else 'address'] = lines[0]


def tei_cells(table):
    """Cells of a TEI table keyed by (row, col), placing each positional
    cell in the first grid position no earlier span covers."""
    cells, covered = {}, set()
    for r, row in enumerate(table.findall(TEI + 'row')):
        c = 0
        for cell in row.findall(TEI + 'cell'):
            while (r, c) in covered:
                c += 1
            rs, cs = int(cell.get('rows') or 1), int(cell.get('cols') or 1)
            for i in range(rs):
                for j in range(cs):
                    covered.add((r + i, c + j))
            cells[(r, c)] = cell_entry(rs, cs, tei_cell_lines(cell))
            c += cs
    return cells


def tei_cell_lines(cell):
    """The printed lines of a cell: text split at lb, each list item one."""
    lines, cur = [], [cell.text or '']
    for child in cell:
        if child.tag == TEI + 'lb':
            lines.append(''.join(cur))
            cur = []
        elif child.tag == TEI + 'list':
            lines.append(''.join(cur))
            cur = []
            lines.extend(''.join(item.itertext()) for item in child.findall(TEI + 'item'))
        else:
            cur.append(''.join(child.itertext()))
        cur.append(child.tail or '')
    lines.append(''.join(cur))
    return lines


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


def extra_tables(truth, found, notes):
    """The tables found in an article beyond its number of true tables."""
    want = {}
    for tb in truth['tables']:
        key = (tb['part'], tb['article'])
        want[key] = want.get(key, 0) + 1
    extra = 0
    for tb in found['tables']:
        key = (tb['part'], tb['article'])
        if want.get(key, 0) > 0:
            want[key] -= 1
        else:
            extra += 1
            notes.append('table %s/%s not in the truth' % key)
    return extra


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
    accs = []
    exact = []
    for tb, fb in pair_tables(truth, found):
        where = 'table %s/%s' % (tb['part'], tb['article'])
        fcells = fb['cells'] if fb else {}
        exact.append(fcells == tb['cells'])
        if fb is None:
            notes.append('%s missing' % where)
        if tb['image']:
            want, got_all = [], []
            for pos, (_, _, lines) in sorted(tb['cells'].items()):
                got = ' '.join(fcells[pos][2]) if pos in fcells else ''
                sims.append(difflib.SequenceMatcher(None, got, ' '.join(lines),
                                                    autojunk=False).ratio())
                want.append(' '.join(lines))
                got_all.append(got)
                if got != ' '.join(lines):
                    notes.append('%s image cell %s: %r, want %r' % (where, pos, got, ' '.join(lines)))
            accs.append(char_accuracy('\n'.join(want), '\n'.join(got_all)))
            continue
        total += max(len(tb['cells']), len(fcells))
        for pos, cell in sorted(tb['cells'].items()):
            if fcells.get(pos) == cell:
                right += 1
            else:
                notes.append('%s cell %s: %r, want %r' % (where, pos, fcells.get(pos), cell))
    s['cells'] = ratio(right, total)
    s['img_sim'] = ratio(sum(sims), len(sims))
    s['img_acc'] = ratio(sum(accs), len(accs))
    s['extra'] = extra_tables(truth, found, notes)
    s['tables'] = ratio(sum(exact), len(exact) + s['extra'])
    s['exact'] = exact
    s['csv'] = None

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
        got = found['meta'].get(f)
        if f == 'series' and got is not None:
            # the title is written without the slashes and spaces that
            # letter-space it on the cover ("주/간/동/향": 주간동향)
            got, v = re.sub(r'[\s/·]', '', got), re.sub(r'[\s/·]', '', v)
        if got == v:
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


def csv_roundtrip(csv_path, truth_path, checks, name):
    """Run tests/csv_roundtrip.py (the export's own check of --csv=tables
    against the truth); return its verdict per true table, in order, or
    None when it is not there or could not read its input."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'csv_roundtrip.py')
    if not os.path.exists(script) or not os.path.exists(csv_path):
        return None
    r = subprocess.run([sys.executable, script, csv_path, truth_path],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, check=False)
    verdicts = [line.startswith('ok') for line in r.stdout.splitlines()
                if re.match(r'(ok|FAIL) +table ', line)]
    if r.returncode not in (0, 1):
        checks.fail('%s: csv_roundtrip.py exit %d: %s' % (name, r.returncode, r.stdout.strip()))
        return None
    return verdicts


def compare_tei(name, truth, s, tei_path, checks):
    """Issue #5: the TEI must give the same scores as the issue XML."""
    try:
        ts = score(truth, read_tei(tei_path), [])
    except (OSError, ET.ParseError, ValueError, KeyError, TypeError) as e:
        checks.fail('%s: cannot read %s: %s' % (name, tei_path, e))
        return
    diff = [m for m in MODEL_METRICS + ['exact'] if ts[m] != s[m]]
    if diff:
        checks.fail('%s: TEI scores differ from the issue XML\'s: %s' % (name, ', '.join(
            '%s %s vs %s' % (m, ts[m], s[m]) for m in diff)))
    else:
        checks.ok()


def compare_csv(name, s, verdicts, checks):
    """The CSV must get the same tables right as the issue XML."""
    if verdicts == s['exact']:
        checks.ok()
    else:
        checks.fail('%s: tables right in the CSV %s, in the issue XML %s' % (
            name, verdicts, s['exact']))


def check_floors(name, s, floors, checks):
    for m in METRICS:
        want = floors.get(name, {}).get(m)
        if want is None:
            continue
        if s[m] is not None and s[m] >= want:
            checks.ok()
        else:
            checks.fail('%s: %s %s below floor %.3f' % (name, m, fmt(s[m]).strip(), want))


def update_floors(path, floors, reached):
    """Raise each floor to the score reached, never lower one."""
    for name, s in reached.items():
        old = floors.setdefault(name, {})
        for m in METRICS:
            if s[m] is not None:
                old[m] = max(old.get(m, 0), floor_of(s[m]))
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(floors, f, indent=1, sort_keys=True)
        f.write('\n')
    print('score: floors written to %s' % path)


def truth_as_issue_xml(t):
    """The issue XML a perfect structure would write for truth t (the parts
    the scorer reads), for --self-test."""
    root = ET.Element('issue', version='1', source=t.get('file', ''), pages='1',
                      rules='kostec')
    meta = ET.SubElement(root, 'meta')
    for f in META_FIELDS:
        v = t.get('meta', {}).get(f)
        if v is None:
            continue
        el = ET.SubElement(meta, f)
        el.text = v
        if f == 'date':
            el.set('when', v)
    for p in t.get('parts', []):
        pe = ET.SubElement(root, 'part', n=p['n'], title=p.get('title', ''))
        for a in p.get('articles', []):
            ae = ET.SubElement(pe, 'article', n=a['n'])
            ET.SubElement(ae, 'title').text = a['title']
            lead = ET.SubElement(ae, 'lead')
            lead.text = a.get('lead') or ''
            if a.get('date'):
                lead.set('date', a['date'])
            for tb in t.get('tables', []):
                if (tb['part'], tb.get('article')) != (p['n'], a['n']):
                    continue
                te = ET.SubElement(ae, 'table', type=tb['type'], rows=str(tb['rows']),
                                   cols=str(tb['cols']))
                rows = {}
                for c in tb['cells']:
                    rows.setdefault(c['row'], []).append(c)
                for r in sorted(rows):
                    re_ = ET.SubElement(te, 'row')
                    for c in sorted(rows[r], key=lambda c: c['col']):
                        ce = ET.SubElement(re_, 'cell', row=str(c['row']), col=str(c['col']),
                                           rowspan=str(c['rowspan']), colspan=str(c['colspan']))
                        for line in c['lines']:
                            ET.SubElement(ce, 'line').text = line
            refs = [r for r in t.get('references', [])
                    if (r['part'], r.get('article')) == (p['n'], a['n'])]
            if refs:
                rs = ET.SubElement(ae, 'references')
                for r in refs:
                    re_ = ET.SubElement(rs, 'ref', url=r['url']) if r.get('url') \
                        else ET.SubElement(rs, 'ref')
                    ET.SubElement(re_, 'title').text = r['title']
    return ET.ElementTree(root)


def self_test(truth_dir, names, checks):
    """The scorer gives every truth, written as perfect issue XML, full
    marks: one check per sample."""
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        for name in names:
            path = os.path.join(truth_dir, name + '.json')
            with open(path, encoding='utf-8') as f:
                t = json.load(f)
            out = os.path.join(d, name + '.xml')
            truth_as_issue_xml(t).write(out, encoding='utf-8', xml_declaration=True)
            notes = []
            s = score(read_truth(path), read_issue_xml(out), notes)
            bad = [m for m in MODEL_METRICS if s[m] not in (None, 1.0)]
            if bad:
                checks.fail('self-test %s: %s below 1 on perfect input: %s' % (
                    name, ', '.join(bad), '; '.join(notes[:5])))
            else:
                checks.ok()


# ------------------------------------------------------------------ pages
def edit_distance(a, b):
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        diag, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            diag, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diag + (x != y))
    return row[len(b)]


def char_accuracy(truth, found):
    """1 - CER of found against truth (NFC, white space collapsed), >= 0."""
    t, f = norm(truth), norm(found)
    if not t:
        return 1.0 if not f else 0.0
    return max(0.0, 1.0 - edit_distance(t, f) / len(t))


def read_stream_pages(path):
    """{page: (source, reason, text)} of a pdf2text stream: the text of the
    page's lines in stream order, one per line (tables' cells after)."""
    pages = {}
    with open(path, encoding='utf-8') as f:
        for rec in f:
            fl = rec.rstrip('\n').split('\t')
            if fl[0] == 'page':
                pages[int(fl[1])] = [fl[5], fl[6], []]
            elif fl[0] in ('line', 'cell') and int(fl[1]) in pages:
                pages[int(fl[1])][2].append(fl[-1].replace('\\n', '\n'))
    return {n: (src, why, '\n'.join(lines)) for n, (src, why, lines) in pages.items()}


def score_pages(args, checks):
    names = args.names or sorted(f[:-5] for f in os.listdir(args.pages) if f.endswith('.json'))
    floors = {}
    if args.floor and os.path.exists(args.floor):
        with open(args.floor, encoding='utf-8') as f:
            floors = json.load(f)
    print('%-20s %4s  %-24s %-24s %8s' % ('page sample', 'page', 'source', 'want', 'char-acc'))
    for name in names:
        with open(os.path.join(args.pages, name + '.json'), encoding='utf-8') as f:
            truth = json.load(f)
        # a scanned page of an issue sample ("issue": true) is read from
        # the issue's own stream, in --issues
        stream = os.path.join(args.issues if truth.get('issue') else args.out, name + '.kpl')
        try:
            found = read_stream_pages(stream)
        except (OSError, ValueError, IndexError) as e:
            checks.fail('%s: cannot read its stream: %s' % (name, e))
            continue
        for page in truth['pages']:
            src, why, text = found.get(page['n'], ('-', '-', ''))
            acc = char_accuracy('\n'.join(page['lines']), text)
            print('%-20s %4d  %-24s %-24s %8.3f' % (name, page['n'], src + ' ' + why,
                                                  page['source'], acc))
            if src == page['source']:
                checks.ok()
            else:
                checks.fail('%s page %d: source %s (%s), want %s' % (name, page['n'], src, why,
                                                                   page['source']))
            floor = floors.get('pages/' + name, {}).get('char_acc_p%d' % page['n'])
            if floor is None or acc >= floor:
                checks.ok()
            else:
                checks.fail('%s page %d: character accuracy %.3f under its floor %.3f'
                            % (name, page['n'], acc, floor))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default='out', help='pipeline outputs (default out)')
    ap.add_argument('--truth', default='samples/truth', help='truth JSON directory')
    ap.add_argument('--floor', help='floors JSON; every score must reach its floor')
    ap.add_argument('--update-floor', action='store_true',
                    help='raise the floors in --floor to the scores reached')
    ap.add_argument('-v', '--verbose', action='store_true', help='list what was wrong')
    ap.add_argument('--self-test', action='store_true',
                    help='check the scorer: the truth as perfect XML gets full marks')
    ap.add_argument('--pages', help='score the page samples of this directory instead')
    ap.add_argument('--issues', default='out',
                    help='with --pages: the issue samples\' streams, for the pages of theirs'
                         ' with a page truth (default out)')
    ap.add_argument('names', nargs='*', help='samples to score (default: all)')
    args = ap.parse_args()

    if args.pages:
        checks = Checks()
        score_pages(args, checks)
        print('%d passed, %d failed' % (checks.passed, checks.failed))
        return 1 if checks.failed else 0

    names = args.names or sorted(f[:-5] for f in os.listdir(args.truth) if f.endswith('.json'))
    floors = {}
    if args.floor and os.path.exists(args.floor):
        with open(args.floor, encoding='utf-8') as f:
            floors = json.load(f)
    checks = Checks()
    if args.self_test:
        self_test(args.truth, names, checks)
        print('%d passed, %d failed' % (checks.passed, checks.failed))
        return 1 if checks.failed else 0
    width = max([len(n) for n in names] + [6])
    print('%-*s  %s' % (width, 'sample', '  '.join('%6s' % h for h in HEADS)))
    reached = {}
    for name in names:
        truth_path = os.path.join(args.truth, name + '.json')
        try:
            truth = read_truth(truth_path)
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
        verdicts = csv_roundtrip(os.path.join(args.out, name + '.tables.csv'), truth_path,
                                 checks, name)
        if verdicts is not None:
            s['csv'] = ratio(sum(verdicts), len(verdicts) + s['extra'])
        reached[name] = s
        print('%-*s  %s' % (width, name, '  '.join(' ' + fmt(s[m]) for m in METRICS)))
        if args.verbose:
            for n in notes:
                print('    ' + n)
        check_floors(name, s, floors, checks)
        tei_path = os.path.join(args.out, name + '.tei.xml')
        if os.path.exists(tei_path):
            compare_tei(name, truth, s, tei_path, checks)
        if verdicts is not None:
            compare_csv(name, s, verdicts, checks)

    if args.update_floor and args.floor:
        update_floors(args.floor, floors, reached)
    print('%d passed, %d failed' % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == '__main__':
    sys.exit(main())
