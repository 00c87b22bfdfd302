"""Build a sample of a general Korean government report (docs/samples.md, "Reports").

samples/build.py calls build(path) for a source whose header says
`kind: report`.  The PDF is printed by Chromium from HTML laid out as Hancom
lays out such reports: a cover (title, organisation, date, document number),
a contents page with dot leaders and page numbers, numbered headings
Ⅰ. → 1. → 가. → (1) → ① set in sizes and weights by level, the marks □ ○ - ·
with hanging indents, notes (※, *), captions ([표 N], < 그림 N >), justified
text wrapped between syllables (Korean lines break at any syllable, as
Hancom does by default), and attachments (붙임, 별첨, 참고) after the body.
The truth (samples/truth/NAME.json) comes from the source; the built PDF is
asked (pdftotext per page) only on which page a heading or table landed.
"""
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, 'truth')
WORK = os.path.join(HERE, 'build')
CHROMIUM = ['chromium', '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
            '--hide-scrollbars']
MARKS = {'□': 1, '○': 2, '-': 3, '·': 4}
FIRST_BODY_PAGE = 3   # cover, contents, then the body


def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise SystemExit('command failed: %s\n%s' % (' '.join(cmd), r.stderr.decode(errors='replace')))
    return r.stdout


def plain(s):
    return unicodedata.normalize('NFC', re.sub(r'\s+', ' ', s).strip())


def parse(path):
    """The source as {'opt', 'blocks'}; a block is a dict with 'k' its kind."""
    opt, blocks = {}, []
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines) and not lines[i].startswith('@'):
        l = lines[i].strip()
        if l and not l.startswith('#'):
            k, v = l.split(':', 1)
            opt[k.strip()] = v.strip()
        i += 1
    back = False
    table = None
    for raw in lines[i:]:
        l = raw.strip()
        if table is not None:
            if '|' in l:
                table['rows'].append([c.strip() for c in l.split('|')])
                continue
            blocks.append(table)   # a table ends at the first line without a '|'
            table = None
        if not l or l.startswith('#'):
            continue
        if l == '@body':
            continue
        if l == '@back':
            back = True
            continue
        m = re.match(r'^=([1-5]) (\S+) (.+)$', l)
        if m:
            blocks.append({'k': 'head', 'level': int(m.group(1)), 'n': m.group(2),
                           'text': m.group(3), 'back': back})
            continue
        m = re.match(r'^=A (\S+ ?[0-9]*) \| (.+)$', l)
        if m:
            blocks.append({'k': 'head', 'level': 1, 'n': m.group(1), 'text': m.group(2),
                           'back': True, 'attach': True})
            continue
        m = re.match(r'^@table (.+)$', l)
        if m:
            table = {'k': 'table', 'caption': m.group(1), 'rows': []}
            continue
        m = re.match(r'^@fig (.+)$', l)
        if m:
            blocks.append({'k': 'fig', 'caption': m.group(1)})
            continue
        m = re.match(r'^(※|\*) (.+)$', l)
        if m:
            blocks.append({'k': 'note', 'mark': m.group(1), 'text': m.group(2)})
            continue
        m = re.match(r'^(□|○|-|·) (.+)$', l)
        if m:
            blocks.append({'k': 'mark', 'mark': m.group(1), 'level': MARKS[m.group(1)],
                           'text': m.group(2)})
            continue
        blocks.append({'k': 'p', 'text': l})
    return {'opt': opt, 'blocks': blocks}


def head_label(b):
    if b.get('attach'):
        return '[%s]' % b['n']
    return b['n']


CSS = '''
@page { size: A4; margin: 22mm 22mm 20mm 22mm;
  @bottom-center { content: "- " counter(page) " -"; font-family: '%(font)s'; font-size: 10pt; } }
@page plain { @bottom-center { content: none } }
html { font-family: '%(font)s'; font-size: 12pt; line-height: 1.6; }
body { margin: 0; }
p { margin: 0 0 1.5mm; text-align: justify; white-space: break-spaces; }
.plain { page: plain; }
.pb { break-before: page; }
.cov h1 { font-family: '%(head)s'; font-size: 24pt; text-align: center; margin: 60mm 0 20mm;
          border-top: 2pt solid #000; border-bottom: 2pt solid #000; padding: 6mm 0; }
.cov p { text-align: center; font-size: 14pt; margin: 3mm 0; }
.cov .docno { text-align: right; font-size: 10pt; margin: 0 0 0; }
.cov .org { font-family: '%(head)s'; font-size: 16pt; font-weight: bold; margin-top: 70mm; }
.toch { font-family: '%(head)s'; font-size: 20pt; font-weight: bold; text-align: center; margin: 10mm 0 10mm; }
.toc { display: flex; white-space: nowrap; margin: 0 0 2mm; }
.toc .t { flex: none; }
.toc .l { flex: 1; overflow: hidden; padding: 0 1mm; }
.toc .n { flex: none; }
.toc2 { padding-left: 8mm; }
.h1 { font-family: '%(head)s'; font-size: 17pt; font-weight: bold; margin: 2mm 0 6mm;
      padding: 2mm 3mm; background: #dde4ee; break-after: avoid; }
.h2 { font-family: '%(head)s'; font-size: 15pt; font-weight: bold; margin: 5mm 0 3mm; break-after: avoid; }
.h3 { font-family: '%(head)s'; font-size: 13.5pt; font-weight: bold; margin: 4mm 0 2mm 3mm; break-after: avoid; }
.h4 { font-size: 12.5pt; font-weight: bold; margin: 3mm 0 2mm 6mm; break-after: avoid; }
.h5 { font-size: 12pt; font-weight: bold; margin: 2mm 0 1.5mm 9mm; break-after: avoid; }
.m { padding-left: 5mm; text-indent: -5mm; }
.note { font-size: 10.5pt; padding-left: 4mm; text-indent: -4mm; }
.cap { font-family: '%(head)s'; font-size: 11pt; font-weight: bold; text-align: center; margin: 3mm 0 1.5mm; break-after: avoid; }
table { border-collapse: collapse; width: 100%%; margin: 0 0 4mm; font-size: 10.5pt; }
th, td { border: 0.8pt solid #000; padding: 1.2mm 2mm; text-align: center; }
th { background: #e6e6e6; }
.fig { width: 90mm; height: 40mm; margin: 3mm auto 1mm; background: #c8d3e0; }
'''


def toc_line(b, page):
    cls = 'toc' if b['level'] == 1 else 'toc toc2'
    label = '%s %s' % (head_label(b), b['text'])
    return ('<p class="%s"><span class="t">%s</span><span class="l">%s</span><span class="n">%d</span></p>'
            % (cls, html.escape(label), '·' * 160, page))


def build_html(doc, pages):
    """HTML of the report; pages[i] is the page of the i-th heading (contents)."""
    o = doc['opt']
    out = []
    out.append('<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><style>%s</style></head><body>'
               % (CSS % {'font': o['font'], 'head': o.get('headfont', o['font'])}))
    out.append('<div class="cov plain"><p class="docno">%s</p><h1>%s</h1><p>%s</p><p class="org">%s</p></div>'
               % (html.escape(o['docno']), html.escape(o['title']), html.escape(o['date']),
                  html.escape(o['org'])))
    out.append('<div class="pb plain"><p class="toch">목 차</p>')
    heads = [b for b in doc['blocks'] if b['k'] == 'head']
    for b, p in zip(heads, pages):
        if b['level'] <= 2:
            out.append(toc_line(b, p))
    out.append('</div>')
    first = True
    for b in doc['blocks']:
        k = b['k']
        if k == 'head':
            pb = ' pb' if b['level'] == 1 and (first or b.get('back')) or b.get('attach') else ''
            first = False
            out.append('<p class="h%d%s">%s&#160;&#160;%s</p>' % (b['level'], pb, html.escape(head_label(b)),
                                                                  html.escape(b['text'])))
        elif k == 'mark':
            out.append('<p class="m" style="margin-left:%dmm">%s %s</p>' % (4 * (b['level'] - 1) + 2, b['mark'],
                                                                            html.escape(b['text'])))
        elif k == 'note':
            out.append('<p class="note" style="margin-left:6mm">%s %s</p>' % (b['mark'], html.escape(b['text'])))
        elif k == 'p':
            out.append('<p style="text-indent:3mm">%s</p>' % html.escape(b['text']))
        elif k == 'fig':
            out.append('<div class="fig"></div><p class="cap">%s</p>' % html.escape(b['caption']))
        elif k == 'table':
            out.append('<p class="cap">%s</p><table>' % html.escape(b['caption']))
            for r, row in enumerate(b['rows']):
                tag = 'th' if r == 0 else 'td'
                out.append('<tr>%s</tr>' % ''.join('<%s>%s</%s>' % (tag, html.escape(c), tag) for c in row))
            out.append('</table>')
    out.append('</body></html>')
    return '\n'.join(out)


def page_texts(pdf):
    n = int(re.search(r'Pages:\s+(\d+)', run(['pdfinfo', pdf]).decode()).group(1))
    return [re.sub(r'\s+', '', unicodedata.normalize('NFC', run(
        ['pdftotext', '-f', str(p), '-l', str(p), '-enc', 'UTF-8', pdf, '-']).decode('utf-8', 'replace')))
        for p in range(1, n + 1)]


def find_page(texts, s, start):
    k = re.sub(r'\s+', '', plain(s))
    for p in range(start, len(texts) + 1):
        if k in texts[p - 1]:
            return p
    raise SystemExit('page lookup failed for %r' % s)


def print_pdf(src, pdf):
    prof = tempfile.mkdtemp(prefix='cr-')
    try:
        run(CHROMIUM + ['--user-data-dir=' + prof, '--no-pdf-header-footer',
                        '--print-to-pdf=' + pdf, 'file://' + src])
    finally:
        shutil.rmtree(prof, ignore_errors=True)


def locate(doc, texts):
    """Pages of the headings and tables, in source order."""
    hp, tp = [], []
    p = FIRST_BODY_PAGE
    for b in doc['blocks']:
        if b['k'] == 'head':
            p = find_page(texts, head_label(b) + b['text'], p)
            hp.append(p)
        elif b['k'] == 'table':
            p = find_page(texts, b['caption'], p)
            tp.append(p)
    return hp, tp


def build(path):
    doc = parse(path)
    name = os.path.splitext(os.path.basename(path))[0]
    wd = os.path.join(WORK, name)
    shutil.rmtree(wd, ignore_errors=True)
    os.makedirs(wd)
    src = os.path.join(wd, name + '.html')
    built = os.path.join(wd, name + '.pdf')
    nheads = sum(1 for b in doc['blocks'] if b['k'] == 'head')
    # Print twice: the first run tells the contents page where headings land.
    pages = [0] * nheads
    for _ in range(3):
        open(src, 'w', encoding='utf-8').write(build_html(doc, pages))
        print_pdf(src, built)
        hp, tp = locate(doc, page_texts(built))
        if hp == pages:
            break
        pages = hp
    else:
        raise SystemExit('%s: the contents page numbers do not settle' % name)
    shutil.copy(built, os.path.join(HERE, name + '.pdf'))
    o = doc['opt']
    heads = [b for b in doc['blocks'] if b['k'] == 'head']
    tables = [b for b in doc['blocks'] if b['k'] == 'table']
    truth = {
        'file': name + '.pdf',
        'kind': 'report',
        'producer': 'chromium',
        'font': o['font'],
        'cover': {'title': o['title'], 'org': o['org'], 'date': o['date'], 'docno': o['docno']},
        'headings': [dict({'page': p, 'level': b['level'], 'n': b['n'], 'text': plain(b['text'])},
                          **({'back': True} if b['back'] else {}))
                     for b, p in zip(heads, hp)],
        'contents': [{'level': b['level'], 'n': b['n'], 'text': plain(b['text']), 'page': p}
                     for b, p in zip(heads, hp) if b['level'] <= 2],
        'tables': [{'page': p, 'caption': plain(t['caption']), 'rows': len(t['rows']),
                    'cols': len(t['rows'][0])} for t, p in zip(tables, tp)],
        'texts': [plain(b['text']) for b in doc['blocks'] if b['k'] in ('mark', 'note', 'p')],
    }
    os.makedirs(TRUTH, exist_ok=True)
    with open(os.path.join(TRUTH, name + '.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write('\n')
