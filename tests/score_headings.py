#!/usr/bin/env python3
"""Score the headings, tables and unplaced text of general reports.

   python3 tests/score_headings.py [-v] [--floor FILE] TRUTH.json ISSUE.xml [TRUTH.json ISSUE.xml ...]
   python3 tests/score_headings.py --self-test TRUTH.json ...

TRUTH is a report's truth written by reading its pages (tests/corpus/NAME.truth.json
for the corpus, samples/truth/NAME.json for a report sample): "headings", a
list of {page, level, n, text[, back]}, and "tables", a list of {page, rows,
cols} or null when not written.  ISSUE is structure's issue XML.  One row per
pair:

  h-rec    share of true headings found on their page with their level
  h-prec   share of headings found that are true and at their true level
  h-any    share of true headings found on their page, level ignored
  unplaced share of the document's text characters (white space and dot
           leaders of three or more dots excluded, as structure counts them)
           that lie in <unplaced>
  tables   share of true tables found on their page with their rows and cols,
           a table found that matches none counting as one more wrong
  cover    share of the truth's "cover" fields (title, org, date, docno)
           found whole in the <cover> element of that name
  toc      share of the truth's "contents" entries found as a contents
           <entry> at their level, with their page as its folio, whose
           `for` names the <section> of that heading
  join     share of the truth's "texts" (paragraphs and items as written,
           present in a sample's truth) found whole in one element of the
           XML, white space collapsed: a space put inside a word where a
           line wrapped, or one lost between words, fails its text

Headings found: every <section> (level from @level, text from its <head>);
in an issue without sections, each numbered or titled <part>, <article>
and <heading>, one level below the nearest such ancestor (an untitled,
unnumbered part is a container, not a level).  A found heading matches a true one on the same page
when, both without their numbering (Ⅰ, 1., 가., (1), ①, 붙임1, [별첨 1]...)
and white space, the found text starts with the true text (a label
"제품명 : 용접재료" matches the truth's "제품명").
--self-test writes each truth as the issue XML a perfect structure would
produce and checks it gets full marks.  The last line is "N passed, M
failed" (a pair whose file is missing fails).  Python stdlib only.
"""
import argparse
import json
import re
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

# A leading numbering token, with the brackets and dots around it.
NUMBERING = re.compile(
    r'^[\s<\[〈(]*'
    r'(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[IVX]{1,4}(?=[.\s])|[0-9]{1,2}(?=[.)\s])|[가-하](?=[.)])|'
    r'[①-⑳]|(?:붙임|별첨|서식|참고)\s*[0-9]*)'
    r'[\s.)>\]〉]*')


def key(s):
    """Text as compared: NFC, numbering removed, no white space."""
    s = unicodedata.normalize('NFC', s or '')
    s = re.sub(r'^[\s\ue000-\uf8ff]+', '', s)  # private-use box digits
    s = NUMBERING.sub('', s, count=1)
    return re.sub(r'\s+', '', s)


def text_of(el):
    return ''.join(el.itertext()) if el is not None else ''


def first_page(el):
    for e in el.iter():
        if e.get('page'):
            return int(e.get('page'))
    return 0


def found_headings(root):
    """[(page, level, text)] of the issue XML, in document order."""
    out = []
    secs = list(root.iter('section'))
    if secs:
        for s in secs:
            head = s.find('head')
            el = head if head is not None else s
            out.append((first_page(el), int(s.get('level', '0')), text_of(head)))
        return out
    walk_legacy(root, 0, out)
    return out


def walk_legacy(el, depth, out):
    """The KOSTEC model's headings: a part with a number or title, an
    article, a heading, each one level below the nearest such ancestor (a
    part with neither is a container, not a level)."""
    for c in el:
        if c.tag == 'part':
            titled = bool(c.get('title') or c.get('n'))
            if titled:
                out.append((first_page(c), depth + 1, c.get('title') or ''))
            walk_legacy(c, depth + titled, out)
        elif c.tag == 'article':
            out.append((first_page(c), depth + 1, text_of(c.find('title'))))
            walk_legacy(c, depth + 1, out)
        elif c.tag == 'heading':
            out.append((first_page(c), depth + 1, text_of(c)))
        elif c.tag not in ('unplaced', 'contents', 'colophon'):
            walk_legacy(c, depth, out)


LEADER = re.compile('[.\u00b7\u2024-\u2027\u30fb\uff0e]{3,}')


def unplaced_share(root):
    total = placed_out = 0
    for top in root:
        if top.tag in ('meta', 'layout', 'labels'):
            continue
        n = len(re.sub(r'\s+', '', LEADER.sub('', text_of(top))))
        total += n
        if top.tag == 'unplaced':
            placed_out += n
    return placed_out / total if total else 0.0


def pair_headings(truth, found):
    """(matched with level right, matched at any level, wrong list)."""
    used = [False] * len(found)
    right = anylevel = 0
    misses = []
    for h in truth:
        tk = key(h['text'])
        best = None
        for i, (page, level, text) in enumerate(found):
            if used[i] or page != h['page'] or not tk or not key(text).startswith(tk):
                continue
            if best is None or level == h['level']:
                best = i
                if level == h['level']:
                    break
        if best is None:
            misses.append('missing p%d L%d %s' % (h['page'], h['level'], h['text']))
            continue
        used[best] = True
        anylevel += 1
        if found[best][1] == h['level']:
            right += 1
        else:
            misses.append('level %d for %d: p%d %s' % (found[best][1], h['level'],
                                                       h['page'], h['text']))
    extra = ['extra p%d L%d %s' % f for i, f in enumerate(found) if not used[i]]
    return right, anylevel, misses + extra


def score_tables(truth, root):
    if truth is None:
        return None
    found = [(first_page(t), int(t.get('rows', '0')), int(t.get('cols', '0')))
             for t in root.iter('table')]
    right = 0
    for t in truth:
        k = (t['page'], t['rows'], t['cols'])
        if k in found:
            found.remove(k)
            right += 1
    extra = max(0, len(found) - (len(truth) - right))   # beyond the true tables missed
    return right / (len(truth) + extra) if truth or extra else None


def score_join(texts, root):
    if not texts:
        return None, []
    found = '\n'.join(re.sub(r'\s+', ' ', ''.join(el.itertext())).strip()
                      for el in root.iter() if el.text and el.text.strip())
    found = unicodedata.normalize('NFC', found)
    missing = [t for t in texts if re.sub(r'\s+', ' ', t) not in found]
    return 1 - len(missing) / len(texts), ['not joined: ' + t for t in missing]


COVER = {'title': 'title', 'org': 'org', 'date': 'date', 'docno': 'docno'}


def score_cover(cover, root):
    if not cover:
        return None, []
    found = root.find('cover')
    missing = []
    for k, el in COVER.items():
        if k not in cover:
            continue
        e = found.find(el) if found is not None else None
        if e is None or re.sub(r'\s+', ' ', text_of(e)).strip() != cover[k]:
            missing.append('cover %s: %s' % (k, cover[k]))
    n = sum(1 for k in COVER if k in cover)
    return (1 - len(missing) / n if n else None), missing


def score_toc(entries, root):
    if not entries:
        return None, []
    heads = {s.get('id'): key(text_of(s.find('head'))) for s in root.iter('section')}
    found = list(root.iter('entry'))
    missing = []
    for t in entries:
        tk = key(t['text'])
        ok = any(e.get('level') == str(t['level']) and e.get('folio') == str(t['page'])
                 and key(text_of(e)) == tk and heads.get(e.get('for'), '').startswith(tk)
                 for e in found)
        if not ok:
            missing.append('contents entry p%d L%d %s' % (t['page'], t['level'], t['text']))
    return 1 - len(missing) / len(entries), missing


def score(truth, root):
    th = truth['headings']
    found = found_headings(root)
    right, anylevel, notes = pair_headings(th, found)
    join, jnotes = score_join(truth.get('texts'), root)
    cover, cnotes = score_cover(truth.get('cover'), root)
    toc, tnotes = score_toc(truth.get('contents'), root)
    return {
        'h_rec': right / len(th) if th else None,
        'h_prec': right / len(found) if found else (1.0 if not th else 0.0),
        'h_any': anylevel / len(th) if th else None,
        'unplaced': unplaced_share(root),
        'tables': score_tables(truth.get('tables'), root),
        'join': join,
        'cover': cover,
        'toc': toc,
    }, notes + jnotes + cnotes + tnotes


def fmt(x):
    return '-' if x is None else '%.3f' % x


def truth_as_issue_xml(truth):
    """The issue XML a perfect structure would write for truth."""
    root = ET.Element('issue')
    if truth.get('cover'):
        cover = ET.SubElement(root, 'cover')
        for k, el in COVER.items():
            if k in truth['cover']:
                ET.SubElement(cover, el).text = truth['cover'][k]
    if truth.get('contents'):
        contents = ET.SubElement(root, 'contents')
        for t in truth['contents']:
            ET.SubElement(contents, 'entry', level=str(t['level']), folio=str(t['page'])).text = t['text']
    stack = [(0, root)]
    back = None
    for h in truth['headings']:
        if h.get('back') and back is None:
            back = ET.SubElement(root, 'back')
            stack = [(0, back)]
        while stack[-1][0] >= h['level']:
            stack.pop()
        s = ET.SubElement(stack[-1][1], 'section', level=str(h['level']), page=str(h['page']),
                          id='s%d' % (len(list(root.iter('section'))) + 1))
        for e in root.iter('entry'):
            if e.get('for') is None and key(e.text) == key(h['text']) and \
                    e.get('level') == str(h['level']):
                e.set('for', s.get('id'))
                break
        ET.SubElement(s, 'head', page=str(h['page'])).text = h['text']
        stack.append((h['level'], s))
    for t in truth.get('texts') or []:
        ET.SubElement(root, 'p').text = t
    for t in truth.get('tables') or []:
        ET.SubElement(root, 'table', page=str(t['page']), rows=str(t['rows']),
                      cols=str(t['cols']))
    return root


def below_floor(s, floor):
    """What of scores s is under its floor (or over unplaced_max)."""
    low = ['%s %s under its floor %s' % (k, fmt(s[k]), floor[k])
           for k in ('h_rec', 'h_prec', 'join')
           if k in floor and (s[k] is None or s[k] < floor[k] - 1e-9)]
    if 'unplaced_max' in floor and s['unplaced'] > floor['unplaced_max'] + 1e-9:
        low.append('unplaced %s over %s' % (fmt(s['unplaced']), floor['unplaced_max']))
    return low


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-v', '--verbose', action='store_true', help='list what was wrong')
    ap.add_argument('--self-test', action='store_true', help='score each truth against itself')
    ap.add_argument('--floor', metavar='FILE',
                    help='fail a score under its floor in FILE (NAME: h_rec, h_prec, join), '
                         'or an unplaced share over its unplaced_max')
    ap.add_argument('files', nargs='+')
    a = ap.parse_args()
    passed = failed = 0
    floors = json.load(open(a.floor, encoding='utf-8')) if a.floor else {}
    if a.self_test:
        for path in a.files:
            truth = json.load(open(path, encoding='utf-8'))
            with tempfile.TemporaryFile() as tmp:
                ET.ElementTree(truth_as_issue_xml(truth)).write(tmp, encoding='utf-8')
                tmp.seek(0)
                s, notes = score(truth, ET.parse(tmp).getroot())
            if (s['h_rec'] == 1 and s['h_prec'] == 1 and s['tables'] in (None, 1.0)
                    and s['join'] in (None, 1.0) and s['cover'] in (None, 1.0)
                    and s['toc'] in (None, 1.0)):
                passed += 1
            else:
                failed += 1
                print('FAIL: self-test %s: %s' % (path, '; '.join(notes[:5])))
        print('%d passed, %d failed' % (passed, failed))
        return 1 if failed else 0
    if len(a.files) % 2:
        ap.error('TRUTH and ISSUE come in pairs')
    print('%-28s %6s %6s %6s %8s %6s %6s %6s %6s' % ('file', 'h-rec', 'h-prec', 'h-any',
                                                     'unplaced', 'tables', 'join', 'cover',
                                                     'toc'))
    for tpath, xpath in zip(a.files[0::2], a.files[1::2]):
        try:
            truth = json.load(open(tpath, encoding='utf-8'))
            root = ET.parse(xpath).getroot()
        except (OSError, ValueError, ET.ParseError) as e:
            print('FAIL: %s: %s' % (xpath, e))
            failed += 1
            continue
        s, notes = score(truth, root)
        name = re.sub(r'(\.truth)?\.json$', '', tpath.rsplit('/', 1)[-1])
        print('%-28s %6s %6s %6s %8s %6s %6s %6s %6s' % (
            name, fmt(s['h_rec']), fmt(s['h_prec']), fmt(s['h_any']), fmt(s['unplaced']),
            fmt(s['tables']), fmt(s['join']), fmt(s['cover']), fmt(s['toc'])))
        if a.verbose:
            for n in notes:
                print('    ' + n)
        low = below_floor(s, floors.get(name, {}))
        if low:
            print('FAIL: %s: %s' % (name, '; '.join(low)))
            failed += 1
        else:
            passed += 1
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
