#!/usr/bin/env python3
"""Build the kostec-pipe sample corpus.

   python3 samples/build.py [NAME ...]

For every samples/src/NAME.txt (format: docs/samples.md) this writes
samples/NAME.pdf and samples/truth/NAME.json, then rebuilds samples/bad/.
The truth is computed from the parsed source only; the built PDF is asked
(pdftotext per page) only *where* a known string landed, to fill the
physical page numbers of tables.  Python stdlib + soffice, chromium,
qpdf, pdftoppm, pdftotext, convert.
"""
import base64, glob, html, json, os, re, shutil, subprocess, sys, tempfile, unicodedata

import report

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, 'src')
TRUTH = os.path.join(HERE, 'truth')
BAD = os.path.join(HERE, 'bad')
WORK = os.path.join(HERE, 'build')          # scratch, not committed

SERIES_DEFAULT = '중국 과학기술 정책 주/간/동/향'
ROMAN = {'I': 'Ⅰ', 'II': 'Ⅱ', 'III': 'Ⅲ', 'IV': 'Ⅳ', 'V': 'Ⅴ'}
DISCLAIMER = ('본 보고서는 한중과학기술협력센터가 중국 과학기술계의 주요 이슈를 발굴하여 '
              '정리·작성한 자료입니다. 관련 자료 인용 시 출처를 밝혀주시기 바랍니다.')
CHROMIUM = ['chromium', '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
            '--hide-scrollbars']


def run(cmd, **kw):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    if r.returncode != 0:
        sys.stderr.write('command failed: %s\n%s\n' % (' '.join(cmd), r.stderr.decode(errors='replace')))
        raise SystemExit(1)
    return r.stdout


# ---------------------------------------------------------------- inline text
INLINE = re.compile(r'\*\*(.+?)\*\*|\^\{(.*?)\}|_\{(.*?)\}')


def plain(s):
    """Printed text of a source string: markup removed, white space collapsed, NFC."""
    s = INLINE.sub(lambda m: m.group(1) or m.group(2) or m.group(3) or '', s)
    return unicodedata.normalize('NFC', re.sub(r'\s+', ' ', s).strip())


def spans(s):
    """Split into (kind, text) with kind '', 'b', 'sup', 'sub'."""
    out, pos = [], 0
    for m in INLINE.finditer(s):
        if m.start() > pos:
            out.append(('', s[pos:m.start()]))
        if m.group(1) is not None:
            out.append(('b', m.group(1)))
        elif m.group(2) is not None:
            out.append(('sup', m.group(2)))
        else:
            out.append(('sub', m.group(3)))
        pos = m.end()
    if pos < len(s):
        out.append(('', s[pos:]))
    return out


# ---------------------------------------------------------------- parser
DATE_TAIL = re.compile(r'\s*\((\d{1,2})\.(\d{1,2})\)\s*$')


def iso_date(year, issue_month, m, d):
    m, d = int(m), int(d)
    y = year - 1 if m > issue_month else year
    return '%04d-%02d-%02d' % (y, m, d)


def parse_cell(text):
    rs = cs = 1
    m = re.match(r'\{(?:r(\d+))?(?:c(\d+))?\}\s*', text)
    if m:
        rs = int(m.group(1) or 1)
        cs = int(m.group(2) or 1)
        text = text[m.end():]
    lines = [l.strip() for l in text.split('¶')]
    lines = [l for l in lines if l]
    return {'rowspan': rs, 'colspan': cs, 'src': lines}


def parse(path):
    name = os.path.splitext(os.path.basename(path))[0]
    doc = {'name': name, 'opt': {}, 'contents': [], 'summary': [], 'blocks': [],
           'parts': [], 'colophon': [], 'scan': None, 'scanopt': None}
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    # header: key: value until the first @ line
    while i < len(lines) and not lines[i].startswith('@'):
        l = lines[i].strip()
        if l and not l.startswith('#'):
            k, v = l.split(':', 1)
            doc['opt'][k.strip()] = v.strip()
        i += 1
    o = doc['opt']
    if o.get('artbox') == 'yes' and o['producer'] != 'chromium':
        raise SystemExit('%s: artbox is printed by chromium only' % path)
    year, month = int(o['date'][:4]), int(o['date'][5:7])
    mode = None
    part = art = tbl = None
    refs_pending = None
    want_scan = False
    B = doc['blocks']

    def add(b):
        nonlocal want_scan
        if want_scan and b['k'] in ('article', 'p', 'lead', 'part'):
            doc['scan'] = plain(b.get('title') or b.get('text'))
            want_scan = False
        B.append(b)

    while i < len(lines):
        raw = lines[i]
        i += 1
        if raw.strip().startswith('#') or not raw.strip():
            if mode == 'refs':
                mode = None
            continue
        if tbl is not None:
            s = raw.strip()
            if s == '@end':
                tbl = None
                continue
            hdr = s.startswith('!')
            cells = [parse_cell(c.strip()) for c in s[1:].split('|')]
            tbl['rows'].append({'header': hdr, 'cells': cells})
            continue
        if raw.startswith('@'):
            d, _, rest = raw[1:].partition(' ')
            rest = rest.strip()
            mode = None
            if d == 'contents':
                mode = 'contents'
            elif d == 'cpart':
                n, t = rest.split(' ', 1)
                doc['contents'].append({'n': n, 'title': t, 'categories': []})
            elif d == 'cat':
                doc['contents'][-1]['categories'].append({'name': rest, 'entries': []})
                mode = 'contents'
            elif d == 'summary':
                mode = 'summary'
            elif d == 'part':
                w = rest.split()
                part = {'n': w[0], 'title': ' '.join(x for x in w[1:] if x != 'flow'),
                        'flow': 'flow' in w[1:], 'articles': []}
                doc['parts'].append(part)
                add({'k': 'part', 'n': part['n'], 'title': part['title']})
                art = None
            elif d == 'article':
                f = [x.strip() for x in rest.split('|')]
                art = {'n': f[0], 'category': None if f[1] == '-' else f[1], 'title': plain(f[2]),
                       'lead': None, 'date': None}
                part['articles'].append(art)
                brk = not part['flow'] and len(part['articles']) > 1
                add({'k': 'article', 'n': f[0], 'title': f[2], 'break': brk})
            elif d == 'fig':
                caps = [c.strip() for c in rest.split('|')] if rest else ['-']
                add({'k': 'fig', 'caps': caps})
            elif d == 'box':
                add({'k': 'box', 'text': rest})
            elif d == 'src':
                add({'k': 'p', 'level': 0, 'text': '* 출처: ' + rest, 'note': True})
            elif d == 'table':
                head, _, cap = rest.partition('|')
                w = head.split()
                tbl = {'k': 'table', 'type': w[0], 'caption': cap.strip(), 'rows': [],
                       'image': 'image' in w, 'repeat': 'repeat' in w, 'widths': None,
                       'rules': 'all', 'split': 'split' in w, 'left': 'left' in w,
                       'part': part['n'], 'article': art['n'] if art else None}
                for x in w:
                    if x.startswith('w='):
                        tbl['widths'] = [float(v) for v in x[2:].split(',')]
                    elif x.startswith('rules='):
                        tbl['rules'] = x[6:]
                        if tbl['rules'] not in ('all', 'h', 'none'):
                            raise SystemExit('%s:%d: rules= is all, h or none' % (path, i))
                if (tbl['rules'] != 'all' or tbl['split'] or tbl['left']) and o['producer'] != 'chromium':
                    raise SystemExit('%s:%d: rules=, split and left are printed by chromium only' % (path, i))
                add(tbl)
            elif d == 'refs':
                mode = 'refs'
                add({'k': 'refs', 'items': []})
            elif d == 'from':
                # @from 매체 MM.DD | URL
                a, _, url = rest.partition('|')
                medium, md = a.strip().rsplit(' ', 1)
                mm, dd = md.split('.')
                add({'k': 'from', 'medium': medium, 'md': md, 'url': url.strip()})
                doc.setdefault('refs', []).append({'part': part['n'], 'article': art['n'], 'title': None,
                                                   'url': url.strip(), 'medium': medium,
                                                   'date': iso_date(year, month, mm, dd)})
            elif d == 'break':
                add({'k': 'break'})
            elif d == 'scan':
                want_scan = True
                doc['scanopt'] = scan_options(rest)
            elif d == 'colophon':
                mode = 'colophon'
            else:
                raise SystemExit('%s:%d: unknown directive @%s' % (path, i, d))
            continue
        s = raw.strip()
        if mode == 'contents':
            doc['contents'][-1]['categories'][-1]['entries'].append(plain(s.lstrip('- ')))
        elif mode == 'summary':
            doc['summary'].append(s[2:] if s.startswith('- ') else s)
        elif mode == 'colophon':
            k, _, v = s.partition('|')
            doc['colophon'].append((k.strip(), [x.strip() for x in v.split('¶')]))
        elif mode == 'refs':
            items = B[-1]['items']
            if s.startswith('☑'):
                items.append([s[1:].strip(), None])
            else:
                items[-1][1] = s
                doc.setdefault('refs', []).append({'part': part['n'], 'article': art['n'],
                                                   'title': plain(items[-1][0]), 'url': s,
                                                   'medium': None, 'date': None})
        elif s.startswith('■'):
            t = s[1:].strip()
            m = DATE_TAIL.search(t)
            art['lead'] = plain(DATE_TAIL.sub('', t))
            art['date'] = iso_date(year, month, m.group(1), m.group(2)) if m else None
            add({'k': 'lead', 'text': t})
        else:
            ind = len(raw) - len(raw.lstrip(' '))
            add({'k': 'p', 'level': ind // 2, 'text': s, 'note': s[:1] in '*※'})
    return doc


# ---------------------------------------------------------------- tables
def grid(tbl):
    """Place cells on the grid; returns (rows, cols, cells)."""
    occ = {}
    cells = []
    ncols = 0
    for r, row in enumerate(tbl['rows']):
        c = 0
        for cell in row['cells']:
            while (r, c) in occ:
                c += 1
            cell['row'], cell['col'] = r, c
            for dr in range(cell['rowspan']):
                for dc in range(cell['colspan']):
                    occ[(r + dr, c + dc)] = cell
            cells.append(cell)
            c += cell['colspan']
            ncols = max(ncols, c)
    nrows = len(tbl['rows'])
    return nrows, ncols, cells


def cell_truth(cell, header):
    lines = [plain(l) for l in cell['src']]
    lines = [l[2:] if l.startswith('• ') else l for l in lines]
    return {'row': cell['row'], 'col': cell['col'], 'rowspan': cell['rowspan'],
            'colspan': cell['colspan'], 'header': header, 'lines': lines}


# ---------------------------------------------------------------- pictures
def placeholder_png(path, seed, w=560, h=340):
    """A grey picture with a few shapes, no text (stands for a photo)."""
    if os.path.exists(path):
        return
    r = seed * 37
    a, b = 90 + r % 60, 200 + r % 40
    cmd = ['convert', '-size', '%dx%d' % (w, h), 'gradient:#%02x%02x%02x-#%02x%02x%02x' % (a, a, a, b, b, b),
           '-fill', '#5a5a5a', '-draw', 'circle %d,%d %d,%d' % (120 + r % 200, 120, 160 + r % 200, 170),
           '-fill', '#9a9a9a', '-draw', 'rectangle %d,%d %d,%d' % (260 + r % 90, 150, 480, 300),
           '-fill', '#3c3c3c', '-draw', 'polygon 40,%d 180,%d 320,%d' % (h - 20, 170 + r % 60, h - 20),
           '-stroke', '#202020', '-strokewidth', '3', '-fill', 'none', '-draw', 'rectangle 4,4 %d,%d' % (w - 5, h - 5),
           '-strip', '-define', 'png:exclude-chunks=date,time', path]
    run(cmd)


def png_size(path):
    with open(path, 'rb') as f:
        d = f.read(24)
    return int.from_bytes(d[16:20], 'big'), int.from_bytes(d[20:24], 'big')


# ---------------------------------------------------------------- HTML table (Chromium issues and image tables)
def html_inline(s):
    out = []
    for k, t in spans(s):
        t = html.escape(t)
        out.append({'': t, 'b': '<b>%s</b>' % t, 'sup': '<sup>%s</sup>' % t, 'sub': '<sub>%s</sub>' % t}[k])
    return ''.join(out)


def html_table(tbl):
    nrows, ncols, _ = grid(tbl)
    widths = tbl['widths'] or default_widths(tbl['type'], ncols)
    nhead = sum(1 for r in tbl['rows'] if r['header'])
    cls = 't' + {'all': '', 'h': ' rh', 'none': ' r0'}[tbl.get('rules', 'all')]
    cls += ' split' if tbl.get('split') else ''
    cls += ' left' if tbl.get('left') else ''
    o = ['<table class="%s"><colgroup>' % cls]
    o += ['<col style="width:%.1f%%">' % w for w in widths]
    o.append('</colgroup>')
    in_head = False
    if tbl['repeat'] and tbl['rows'][0]['header']:
        o.append('<thead>')
        in_head = True
    for row in tbl['rows']:
        if in_head and not row['header']:
            o.append('</thead><tbody>')
            in_head = False
        o.append('<tr>')
        for cell in row['cells']:
            tag = 'th' if row['header'] else 'td'
            attrs = ''
            if cell['rowspan'] > 1:
                attrs += ' rowspan="%d"' % cell['rowspan']
            if cell['colspan'] > 1:
                attrs += ' colspan="%d"' % cell['colspan']
            bullets = all(l.startswith('• ') for l in cell['src']) and cell['src']
            cls = ['bl'] if bullets else []
            if row['header'] and cell['row'] + cell['rowspan'] == nhead:
                cls.append('hl')     # the header's last line: ruled below in a rules=h table
            cls = ' class="%s"' % ' '.join(cls) if cls else ''
            inner = ''.join('<div>%s</div>' % html_inline(l) for l in cell['src'])
            o.append('<%s%s%s>%s</%s>' % (tag, attrs, cls, inner, tag))
        o.append('</tr>')
    o.append('</thead></table>' if in_head else '</table>')
    return '\n'.join(o)


def default_widths(typ, n):
    if typ == 'gubun' and n == 2:
        return [28, 72]
    if typ == 'gubun3' and n == 3:
        return [9, 19, 72]
    return [100.0 / n] * n


TABLE_CSS = '''
table.t { border-collapse: collapse; width: 100%%; font-size: 9.5pt; line-height: 1.4; }
table.t th, table.t td { border: 0.75pt solid #000; padding: 3pt 5pt; vertical-align: middle; text-align: center; }
table.t th { background: #d9d9d9; font-weight: bold; }
table.t td.bl { text-align: left; }
table.t td.bl div { padding-left: 0.9em; text-indent: -0.9em; }
table.t.rh th, table.t.rh td, table.t.r0 th, table.t.r0 td { border: none; background: none; }
table.t.rh { border-top: 1.5pt solid #000; border-bottom: 1.5pt solid #000; }
table.t.rh th.hl { border-bottom: 0.75pt solid #000; }
table.t.split tr { break-inside: auto; }
table.t.left td { text-align: left; vertical-align: top; }
body { font-family: '%s'; }
'''


def table_png(tbl, font, path):
    """Render a table to PNG at ~170 dpi (Chromium screenshot), trimmed."""
    tmp = tempfile.mkdtemp(prefix='kt-')
    h = os.path.join(tmp, 't.html')
    with open(h, 'w', encoding='utf-8') as f:
        f.write('<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}'
                'body{padding:6px;width:600px}' + TABLE_CSS % font + '</style></head><body>'
                + html_table(tbl) + '</body></html>')
    raw = os.path.join(tmp, 'raw.png')
    run(CHROMIUM + ['--user-data-dir=' + os.path.join(tmp, 'u'), '--force-device-scale-factor=1.771',
                    '--window-size=620,900', '--screenshot=' + raw, 'file://' + h])
    run(['convert', raw, '-trim', '+repage', '-bordercolor', 'white', '-border', '6', '-strip',
         '-define', 'png:exclude-chunks=date,time', path])
    shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------- common layout helpers
def part_label(doc, n):
    st = doc['opt'].get('numerals', 'latin')
    num = ROMAN[n] if st == 'roman' else n
    if doc['opt'].get('partdot') == 'yes':
        num += '.'
    return num


def colophon_value_lines(v):
    return v


# ---------------------------------------------------------------- FODT (LibreOffice)
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"')


def tp(font, size, bold=False, color=None, extra=''):
    s = ('style:font-name="%s" style:font-name-asian="%s" style:font-name-complex="%s" '
         'fo:font-size="%s" style:font-size-asian="%s" style:font-size-complex="%s"' % (font, font, font, size, size, size))
    if bold:
        s += ' fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"'
    if color:
        s += ' fo:color="%s"' % color
    return '<style:text-properties %s %s/>' % (s, extra)


def pstyle_xml(name, parent, para, text, auto=False):
    return ('<style:style style:name="%s" style:family="paragraph"%s>'
            '<style:paragraph-properties %s/>%s</style:style>' %
            (name, (' style:parent-style-name="%s"' % parent) if parent else '', para, text))


class Fodt:
    def __init__(self, doc, imgdir):
        self.doc, self.imgdir = doc, imgdir
        self.auto = []
        self.body = []
        self.ntab = 0
        self.nimg = 0
        self.pending_master = None
        self.pending_break = False

    def esc(self, s):
        return html.escape(s, quote=False)

    def inline(self, s):
        out = []
        for k, t in spans(s):
            t = self.esc(t)
            out.append(t if not k else '<text:span text:style-name="T%s">%s</text:span>' % (k, t))
        return ''.join(out)

    def para(self, style, content):
        """Emit a paragraph, taking a pending page break / master page switch."""
        if self.pending_master or self.pending_break:
            n = 'PB%d' % len(self.auto)
            if self.pending_master:
                self.auto.append('<style:style style:name="%s" style:family="paragraph" style:parent-style-name="%s" '
                                 'style:master-page-name="%s"/>' % (n, style, self.pending_master))
            else:
                self.auto.append('<style:style style:name="%s" style:family="paragraph" style:parent-style-name="%s">'
                                 '<style:paragraph-properties fo:break-before="page"/></style:style>' % (n, style))
            style = n
            self.pending_master = None
            self.pending_break = False
        self.body.append('<text:p text:style-name="%s">%s</text:p>' % (style, content))

    def image(self, path, wcm, hcm, style='Fig'):
        self.nimg += 1
        data = base64.b64encode(open(path, 'rb').read()).decode()
        return ('<draw:frame draw:style-name="fr1" draw:name="img%d" text:anchor-type="as-char" svg:width="%.2fcm" '
                'svg:height="%.2fcm" draw:z-index="0"><draw:image><office:binary-data>%s</office:binary-data>'
                '</draw:image></draw:frame>' % (self.nimg, wcm, hcm, data))

    def table(self, tbl):
        self.ntab += 1
        tn = 'Tab%d' % self.ntab
        nrows, ncols, _ = grid(tbl)
        widths = tbl['widths'] or default_widths(tbl['type'], ncols)
        total = 16.4
        self.auto.append('<style:style style:name="%s" style:family="table"><style:table-properties style:width="%.2fcm" '
                         'table:align="center" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/></style:style>' % (tn, total))
        for j, w in enumerate(widths):
            self.auto.append('<style:style style:name="%s.C%d" style:family="table-column"><style:table-column-properties '
                             'style:column-width="%.3fcm"/></style:style>' % (tn, j, total * w / 100.0))
        o = ['<table:table table:name="%s" table:style-name="%s">' % (tn, tn)]
        o += ['<table:table-column table:style-name="%s.C%d"/>' % (tn, j) for j in range(ncols)]
        # covered positions
        covered = set()
        for r, row in enumerate(tbl['rows']):
            for cell in row['cells']:
                for dr in range(cell['rowspan']):
                    for dc in range(cell['colspan']):
                        if dr or dc:
                            covered.add((cell['row'] + dr, cell['col'] + dc))
        head_open = False
        nhead = sum(1 for r in tbl['rows'] if r['header'])
        if tbl['repeat'] and nhead:
            o.append('<table:table-header-rows>')
            head_open = True
        for r, row in enumerate(tbl['rows']):
            if head_open and not row['header']:
                o.append('</table:table-header-rows>')
                head_open = False
            o.append('<table:table-row>')
            bycol = {c['col']: c for c in row['cells']}
            for c in range(ncols):
                if c in bycol:
                    cell = bycol[c]
                    at = ''
                    if cell['rowspan'] > 1:
                        at += ' table:number-rows-spanned="%d"' % cell['rowspan']
                    if cell['colspan'] > 1:
                        at += ' table:number-columns-spanned="%d"' % cell['colspan']
                    bullets = all(l.startswith('• ') for l in cell['src']) and cell['src']
                    cs = 'CellH' if row['header'] else 'CellB'
                    ps = 'TH' if row['header'] else ('TBul' if bullets else 'TC')
                    inner = ''.join('<text:p text:style-name="%s">%s</text:p>' % (ps, self.inline(l)) for l in cell['src'])
                    o.append('<table:table-cell table:style-name="%s" office:value-type="string"%s>%s</table:table-cell>'
                             % (cs, at, inner or '<text:p text:style-name="TC"/>'))
                elif (r, c) in covered:
                    o.append('<table:covered-table-cell/>')
            o.append('</table:table-row>')
        if head_open:
            o.append('</table:table-header-rows>')
        o.append('</table:table>')
        self.body.append(''.join(o))

    def build(self):
        d, o = self.doc, self.doc['opt']
        series = o.get('series', SERIES_DEFAULT)
        self.pending_master = 'Cover'
        cover(self, d)
        self.pending_master = 'Standard'
        contents_page(self, d)
        self.pending_break = True
        self.para('SumHead', '요약')
        for s in d['summary']:
            self.para('Sum', '◈ ' + self.inline(s))
        figno = 0
        for b in d['blocks']:
            k = b['k']
            if k == 'part':
                self.pending_break = True
                lab = part_label(d, b['n'])
                if o.get('partstyle') == 'bar':
                    self.para('PartBar', '%s  %s' % (lab, self.esc(b['title'])))
                else:
                    self.para('PartNum', lab)
                    self.para('PartTitle', self.esc(b['title']))
            elif k == 'article':
                if b['break']:
                    self.pending_break = True
                self.para('ArtHead', '%s  %s' % (b['n'], self.inline(b['title'])))
            elif k == 'lead':
                self.para('Lead', '■ ' + self.inline(b['text']))
            elif k == 'p':
                st = ('Note%d' if b['note'] else 'L%d') % min(b['level'], 3)
                self.para(st, self.inline(b['text']))
            elif k == 'box':
                self.para('Box', self.inline(b['text']))
            elif k == 'break':
                self.pending_break = True
            elif k == 'fig':
                for cap in b['caps']:
                    figno += 1
                    p = os.path.join(self.imgdir, '%s-fig%d.png' % (d['name'], figno))
                    placeholder_png(p, figno + len(d['name']))
                    self.para('Fig', self.image(p, 8.0, 8.0 * 340 / 560))
                    if cap != '-':
                        self.para('Cap', '〈%s〉' % self.inline(cap))
            elif k == 'table':
                if b['caption']:
                    self.para('TabCap', '〈%s〉' % self.inline(b['caption']))
                if b['image']:
                    p = os.path.join(self.imgdir, '%s-tab%d.png' % (d['name'], id(b) % 100000))
                    p = os.path.join(self.imgdir, '%s-%s.png' % (d['name'], re.sub(r'\W', '', b['caption'])[:12]))
                    table_png(b, o['font'], p)
                    w, h = png_size(p)
                    wcm = w / 170.0 * 2.54
                    self.para('Fig', self.image(p, wcm, h / 170.0 * 2.54))
                else:
                    self.table(b)
            elif k == 'refs':
                self.para('RefHead', '참고자료')
                for t, u in b['items']:
                    self.para('Ref', '☑ ' + self.inline(t))
                    self.para('Url', self.esc(u))
            elif k == 'from':
                self.para('From', '출처: %s (%s)' % (self.esc(b['medium']), b['md']))
                self.para('Url', self.esc(b['url']))
        self.pending_master = 'Last'
        colophon(self, d)
        return self.xml()

    def xml(self):
        o = self.doc['opt']
        body, head = o['font'], o.get('headfont', 'NanumGothic')
        fonts = ('<office:font-face-decls><style:font-face style:name="%s" svg:font-family="\'%s\'"/>'
                 '<style:font-face style:name="%s" svg:font-family="\'%s\'"/></office:font-face-decls>' % (body, body, head, head) if body != head else
                 '<office:font-face-decls><style:font-face style:name="%s" svg:font-family="\'%s\'"/></office:font-face-decls>' % (body, body))
        B, H = body, head
        P = []
        P.append('<style:default-style style:family="paragraph"><style:paragraph-properties fo:line-height="140%%" '
                 'style:writing-mode="lr-tb"/>%s</style:default-style>' %
                 tp(B, '10.5pt', extra='fo:language="ko" fo:country="KR" style:language-asian="ko" style:country-asian="KR"'))
        P.append('<style:default-style style:family="table-cell"><style:table-cell-properties style:vertical-align="middle"/></style:default-style>')

        def ps(n, para, text=''):
            P.append(pstyle_xml(n, None, para, text))
        ps('Standard', '')
        ps('Header', 'fo:text-align="end" fo:padding-bottom="0.08cm" fo:border-bottom="0.6pt solid #555555"', tp(H, '8pt', color='#444444'))
        ps('Footer', 'fo:text-align="center"', tp(B, '9pt'))
        ps('CovSeries', 'fo:text-align="center" fo:margin-top="6cm" fo:margin-bottom="0.6cm"', tp(H, '30pt', True))
        ps('CovSub', 'fo:text-align="center" fo:margin-bottom="0.3cm"', tp(H, '13pt'))
        ps('CovDate', 'fo:text-align="center" fo:margin-top="1.2cm" fo:margin-bottom="9cm" fo:padding="0.2cm" '
           'fo:border-top="1.5pt solid #000000" fo:border-bottom="1.5pt solid #000000"', tp(H, '16pt', True))
        ps('CovOrg', 'fo:text-align="center"', tp(H, '14pt', True))
        ps('CovOrgSm', 'fo:text-align="center"', tp(H, '9pt'))
        ps('ConHead', 'fo:text-align="start" fo:margin-top="0.4cm" fo:margin-bottom="0.6cm" fo:border-bottom="2pt solid #000000"', tp(H, '22pt', True))
        ps('ConPart', 'fo:margin-top="0.45cm" fo:margin-bottom="0.15cm" fo:padding="0.08cm" fo:background-color="#e6e6e6"', tp(H, '13pt', True))
        ps('ConCat', 'fo:margin-top="0.15cm" fo:margin-left="0.3cm"', tp(H, '10.5pt', True, '#333333'))
        ps('ConEnt', 'fo:margin-left="0.9cm" fo:text-indent="-0.3cm"', tp(B, '10.5pt'))
        ps('Disc', 'fo:margin-top="1.5cm" fo:padding="0.25cm" fo:border="0.5pt solid #777777"', tp(B, '9pt'))
        ps('SumHead', 'fo:text-align="center" fo:margin-top="0.3cm" fo:margin-bottom="0.5cm" fo:padding="0.12cm" '
           'fo:background-color="#d9d9d9"', tp(H, '16pt', True))
        ps('Sum', 'fo:margin-left="0.5cm" fo:text-indent="-0.5cm" fo:margin-bottom="0.35cm" fo:text-align="justify"', tp(B, '10.5pt'))
        ps('PartNum', 'fo:margin-top="0cm" fo:keep-with-next="always"', tp(H, '26pt', True, '#1f3864'))
        ps('PartTitle', 'fo:margin-bottom="0.4cm" fo:padding-bottom="0.1cm" fo:border-bottom="2pt solid #1f3864" fo:keep-with-next="always"', tp(H, '17pt', True))
        ps('PartBar', 'fo:margin-bottom="0.4cm" fo:padding="0.18cm" fo:background-color="#bfbfbf" fo:keep-with-next="always"', tp(H, '16pt', True))
        ps('ArtHead', 'fo:margin-top="0.3cm" fo:margin-bottom="0.25cm" fo:padding-bottom="0.08cm" '
           'fo:border-bottom="0.8pt solid #000000" fo:keep-with-next="always"', tp(H, '14pt', True))
        ps('Lead', 'fo:margin-bottom="0.3cm" fo:padding="0.15cm" fo:border="0.6pt solid #000000" fo:background-color="#f2f2f2"', tp(B, '11pt', True))
        for lv in range(4):
            ml = 0.45 * lv + 0.4
            ps('L%d' % lv, 'fo:margin-left="%.2fcm" fo:text-indent="-0.4cm" fo:margin-bottom="0.12cm" fo:text-align="justify"' % ml, tp(B, '10.5pt'))
            ps('Note%d' % lv, 'fo:margin-left="%.2fcm" fo:text-indent="-0.3cm" fo:margin-bottom="0.1cm"' % (ml + 0.3), tp(B, '9pt', color='#333333'))
        ps('Box', 'fo:text-align="center" fo:margin-top="0.25cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"', tp(H, '10.5pt', True))
        ps('Fig', 'fo:text-align="center" fo:margin-top="0.15cm" fo:keep-with-next="always"', tp(B, '10pt'))
        ps('Cap', 'fo:text-align="center" fo:margin-bottom="0.25cm"', tp(B, '9.5pt'))
        ps('TabCap', 'fo:text-align="center" fo:margin-top="0.25cm" fo:keep-with-next="always"', tp(H, '10pt', True))
        ps('TH', 'fo:text-align="center"', tp(H, '9.5pt', True))
        ps('TC', 'fo:text-align="center"', tp(B, '9.5pt'))
        ps('TBul', 'fo:text-align="start" fo:margin-left="0.3cm" fo:text-indent="-0.3cm"', tp(B, '9.5pt'))
        ps('RefHead', 'fo:margin-top="0.4cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"', tp(H, '10pt', True))
        ps('Ref', 'fo:margin-left="0.2cm" fo:keep-with-next="always"', tp(B, '9pt'))
        ps('Url', 'fo:margin-left="0.6cm" fo:margin-bottom="0.1cm"', tp(B, '8.5pt', color='#1f3fa0'))
        ps('From', 'fo:text-align="end" fo:margin-top="0.1cm" fo:keep-with-next="always"', tp(B, '9pt'))
        ps('ColSeries', 'fo:text-align="center" fo:margin-top="13cm" fo:margin-bottom="0.8cm"', tp(H, '18pt', True))
        ps('ColTop', 'fo:text-align="center"', tp(H, '9pt', color='#555555'))
        ps('Col', 'fo:margin-left="3cm" fo:margin-bottom="0.1cm"', tp(H, '10pt'))
        ps('ColCont', 'fo:margin-left="5.6cm" fo:margin-bottom="0.1cm"', tp(H, '10pt'))
        T = ['<style:style style:name="Tb" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"/></style:style>',
             '<style:style style:name="Tsup" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>',
             '<style:style style:name="Tsub" style:family="text"><style:text-properties style:text-position="sub 58%"/></style:style>',
             '<style:style style:name="CellH" style:family="table-cell"><style:table-cell-properties fo:background-color="#d9d9d9" '
             'fo:border="0.75pt solid #000000" fo:padding="0.1cm" style:vertical-align="middle"/></style:style>',
             '<style:style style:name="CellB" style:family="table-cell"><style:table-cell-properties '
             'fo:border="0.75pt solid #000000" fo:padding="0.1cm" style:vertical-align="middle"/></style:style>',
             '<style:style style:name="fr1" style:family="graphic"><style:graphic-properties style:vertical-pos="top" '
             'style:vertical-rel="baseline" fo:border="none" style:wrap="none"/></style:style>']
        layouts = ('<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" '
                   'style:print-orientation="portrait" fo:margin-top="1.1cm" fo:margin-bottom="1.1cm" fo:margin-left="2.3cm" fo:margin-right="2.3cm"/>'
                   '<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.5cm"/></style:header-style>'
                   '<style:footer-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>'
                   '<style:page-layout style:name="pm2"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" '
                   'style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.3cm" fo:margin-right="2.3cm"/></style:page-layout>')
        series = self.esc(o.get('series', SERIES_DEFAULT))
        masters = ('<office:master-styles>'
                   '<style:master-page style:name="Standard" style:page-layout-name="pm1">'
                   '<style:header><text:p text:style-name="Header">%s</text:p></style:header>'
                   '<style:footer><text:p text:style-name="Footer">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>'
                   '</style:master-page>'
                   '<style:master-page style:name="Cover" style:page-layout-name="pm2" style:next-style-name="Standard"/>'
                   '<style:master-page style:name="Last" style:page-layout-name="pm2"/>'
                   '</office:master-styles>' % series)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s>%s<office:styles>%s%s</office:styles>'
                '<office:automatic-styles>%s%s%s</office:automatic-styles>%s<office:body><office:text>\n%s\n'
                '</office:text></office:body></office:document>\n' %
                (NS, fonts, ''.join(P), T[0] + T[1] + T[2], layouts, ''.join(T[3:]), ''.join(self.auto), masters, '\n'.join(self.body)))


def fmt_date_dots(iso):
    y, m, d = iso.split('-')
    return '%s. %d. %d' % (y, int(m), int(d))


def cover(w, d):
    o = d['opt']
    w.para('CovSeries', w.esc(o.get('series', SERIES_DEFAULT)))
    w.para('CovSub', 'China Science &amp; Technology Policy Weekly')
    w.para('CovDate', fmt_date_dots(o['date']))
    w.para('CovOrg', '한중과학기술협력센터')
    w.para('CovOrgSm', 'KOSTEC  Korea-China Science &amp; Technology Cooperation Center')


def contents_page(w, d):
    w.para('ConHead', 'CONTENTS')
    for cp in d['contents']:
        w.para('ConPart', '%s  %s' % (part_label(d, cp['n']) if d['opt'].get('partdot') == 'yes' else cp['n'] + '.', w.esc(cp['title'])))
        for cat in cp['categories']:
            w.para('ConCat', '[%s]' % w.esc(cat['name']))
            for e in cat['entries']:
                w.para('ConEnt', '· ' + w.esc(e))
    w.para('Disc', w.esc(DISCLAIMER))


def colophon(w, d):
    o = d['opt']
    w.para('ColTop', 'CHINA SCIENCE · KOREA-CHINA SCIENCE &amp; TECHNOLOGY COOPERATION CENTER')
    w.para('ColSeries', w.esc(o.get('series', SERIES_DEFAULT)))
    for k, vals in d['colophon']:
        lab = ' '.join(k) if len(k) == 3 else k
        w.para('Col', '| %s | %s' % (w.esc(lab), w.esc(vals[0])))
        for v in vals[1:]:
            w.para('ColCont', w.esc(v))


# ---------------------------------------------------------------- HTML (Chromium)
def build_html(doc, imgdir):
    o = doc['opt']
    series = html.escape(o.get('series', SERIES_DEFAULT))
    running = html.escape(o.get('running', o.get('series', SERIES_DEFAULT)))
    coverorg = o.get('coverorg', '한중과학기술협력센터')
    font, head = o['font'], o.get('headfont', o['font'])
    css = '''
@page { size: A4; margin: 20mm 21mm 18mm 21mm;
  @top-right { content: "%(running)s"; font-family: '%(head)s'; font-size: 8pt; color: #444;
               border-bottom: 0.6pt solid #555; vertical-align: bottom; padding-bottom: 2mm; }
  @bottom-center { content: "- " counter(page) " -"; font-family: '%(font)s'; font-size: 9pt; } }
@page plain { @top-right { content: none; border: none } @bottom-center { content: none } }
html { font-family: '%(font)s'; font-size: 10.5pt; line-height: 1.5; }
body { margin: 0; }
.plain { page: plain; }
.pb { break-before: page; }
.cov h1 { text-align: center; font-family: '%(head)s'; font-size: 30pt; margin: 55mm 0 6mm; }
.cov .sub { text-align: center; font-size: 13pt; }
.cov .date { text-align: center; font-size: 16pt; font-weight: bold; border-top: 1.5pt solid #000;
             border-bottom: 1.5pt solid #000; padding: 3mm; margin: 12mm 20mm 95mm; }
.cov .org { text-align: center; font-size: 14pt; font-weight: bold; margin: 0 }
.cov .orgsm { text-align: center; font-size: 9pt; margin: 0 }
h2.con { font-family: '%(head)s'; font-size: 22pt; border-bottom: 2pt solid #000; margin: 2mm 0 6mm; }
.cols { column-count: %(ccols)s; column-gap: 10mm; }
.cpart { font-family: '%(head)s'; font-weight: bold; font-size: 13pt; background: #e6e6e6; padding: 1mm 2mm; margin: 4mm 0 1.5mm; break-after: avoid; }
.ccat { font-weight: bold; color: #333; margin: 1.5mm 0 0 3mm; break-after: avoid; }
.cent { margin: 0 0 0 9mm; text-indent: -3mm; }
.disc { margin-top: 15mm; border: 0.5pt solid #777; padding: 2.5mm; font-size: 9pt; }
.sumhead { text-align: center; font-family: '%(head)s'; font-size: 16pt; font-weight: bold; background: #d9d9d9; padding: 1.2mm; margin: 3mm 0 5mm; }
.sum { margin: 0 0 3.5mm 5mm; text-indent: -5mm; text-align: justify; }
.pnum { font-family: '%(head)s'; font-size: 26pt; font-weight: bold; color: #1f3864; margin: 0; break-after: avoid; }
.ptitle { font-family: '%(head)s'; font-size: 17pt; font-weight: bold; border-bottom: 2pt solid #1f3864; margin: 0 0 4mm; break-after: avoid; }
.pbar { font-family: '%(head)s'; font-size: 16pt; font-weight: bold; background: #bfbfbf; padding: 1.8mm 3mm; margin: 0 0 4mm; break-after: avoid; }
.art { font-family: '%(head)s'; font-size: 14pt; font-weight: bold; border-bottom: 0.8pt solid #000; margin: 3mm 0 2.5mm; break-after: avoid; }
.anum { border: 0.8pt solid #000; padding: 0 1.2mm; }
.lead { font-weight: bold; font-size: 11pt; border: 0.6pt solid #000; background: #f2f2f2; padding: 1.5mm; margin: 0 0 3mm; }
.p { margin: 0 0 1.2mm; text-align: justify; text-indent: -4mm; }
.note { font-size: 9pt; color: #333; margin: 0 0 1mm; text-indent: -3mm; }
.box { text-align: center; font-weight: bold; margin: 2.5mm 0 1.5mm; break-after: avoid; }
.fig { text-align: center; margin: 1.5mm 0 0; break-after: avoid; }
.cap { text-align: center; font-size: 9.5pt; margin: 0 0 2.5mm; }
.tcap { text-align: center; font-weight: bold; font-size: 10pt; margin: 2.5mm 0 1mm; break-after: avoid; }
.refh { font-weight: bold; margin: 4mm 0 1mm; break-after: avoid; }
.ref { font-size: 9pt; margin: 0 0 0 2mm; break-after: avoid; }
.url { font-size: 8.5pt; color: #1f3fa0; margin: 0 0 1mm 6mm; word-break: break-all; }
.from { text-align: right; font-size: 9pt; margin: 1mm 0 0; break-after: avoid; }
.colo { margin-top: 120mm; }
.colo .top { text-align: center; font-size: 9pt; color: #555; }
.colo h3 { text-align: center; font-family: '%(head)s'; font-size: 18pt; margin: 0 0 8mm; }
.colo p { margin: 0 0 1mm 30mm; font-family: '%(head)s'; }
.colo p.c { margin-left: 56mm; }
tr { break-inside: avoid; }
''' % {'series': series, 'running': running, 'font': font, 'head': head, 'ccols': 2 if o.get('contents') == '2col' else 1}
    css += TABLE_CSS % font
    h = []
    a = h.append
    a('<div class="cov plain"><h1>%s</h1><p class="sub">China Science &amp; Technology Policy Weekly</p>'
      '<p class="date">%s</p>%s'
      '<p class="orgsm">KOSTEC  Korea-China Science &amp; Technology Cooperation Center</p></div>'
      % (series, fmt_date_dots(o['date']),
         '' if coverorg == '-' else '<p class="org">%s</p>' % html.escape(coverorg)))
    a('<div class="pb"><h2 class="con">CONTENTS</h2><div class="cols">')
    for cp in doc['contents']:
        lab = part_label(doc, cp['n']) if o.get('partdot') == 'yes' else cp['n'] + '.'
        a('<p class="cpart">%s  %s</p>' % (lab, html.escape(cp['title'])))
        for cat in cp['categories']:
            a('<p class="ccat">[%s]</p>' % html.escape(cat['name']))
            for e in cat['entries']:
                a('<p class="cent">· %s</p>' % html.escape(e))
    a('</div><p class="disc">%s</p></div>' % html.escape(DISCLAIMER))
    a('<div class="pb"><p class="sumhead">요약</p>')
    for s in doc['summary']:
        a('<p class="sum">◈ %s</p>' % html_inline(s))
    a('</div>')
    pb = False
    figno = 0
    for b in doc['blocks']:
        k = b['k']
        cls = ''
        if k in ('part', 'article', 'break'):
            if k == 'part' or k == 'break' or b['break']:
                pb = True
            if k == 'break':
                continue
        if pb:
            cls = ' pb'
            pb = False
        if k == 'part':
            lab = part_label(doc, b['n'])
            if o.get('partstyle') == 'bar':
                a('<p class="pbar%s">%s&#160;&#160;%s</p>' % (cls, lab, html.escape(b['title'])))
            else:
                a('<p class="pnum%s">%s</p><p class="ptitle">%s</p>' % (cls, lab, html.escape(b['title'])))
        elif k == 'article':
            num = '<span class="anum">%s</span>' % b['n'] if o.get('artbox') == 'yes' else b['n']
            a('<p class="art%s">%s&#160;&#160;%s</p>' % (cls, num, html_inline(b['title'])))
        elif k == 'lead':
            a('<p class="lead%s">■ %s</p>' % (cls, html_inline(b['text'])))
        elif k == 'p':
            ml = 4 + 4.5 * min(b['level'], 3) + (3 if b['note'] else 0)
            a('<p class="%s%s" style="margin-left:%.1fmm">%s</p>' % ('note' if b['note'] else 'p', cls, ml, html_inline(b['text'])))
        elif k == 'box':
            a('<p class="box%s">%s</p>' % (cls, html_inline(b['text'])))
        elif k == 'fig':
            for cap in b['caps']:
                figno += 1
                p = os.path.join(imgdir, '%s-fig%d.png' % (doc['name'], figno))
                placeholder_png(p, figno + len(doc['name']))
                a('<p class="fig%s"><img src="%s" style="width:80mm"></p>' % (cls, os.path.basename(p)))
                cls = ''
                if cap != '-':
                    a('<p class="cap">〈%s〉</p>' % html_inline(cap))
        elif k == 'table':
            if b['caption']:
                a('<p class="tcap%s">〈%s〉</p>' % (cls, html_inline(b['caption'])))
            if b['image']:
                p = os.path.join(imgdir, '%s-%s.png' % (doc['name'], re.sub(r'\W', '', b['caption'])[:12]))
                table_png(b, font, p)
                wpx, hpx = png_size(p)
                a('<p class="fig"><img src="%s" style="width:%.1fmm"></p>' % (os.path.basename(p), wpx / 170.0 * 25.4))
            else:
                a(html_table(b))
        elif k == 'refs':
            a('<p class="refh%s">참고자료</p>' % cls)
            for t, u in b['items']:
                a('<p class="ref">☑ %s</p><p class="url">%s</p>' % (html_inline(t), html.escape(u)))
        elif k == 'from':
            a('<p class="from">출처: %s (%s)</p><p class="url">%s</p>' % (html.escape(b['medium']), b['md'], html.escape(b['url'])))
    a('<div class="pb plain colo"><p class="top">CHINA SCIENCE · KOREA-CHINA SCIENCE &amp; TECHNOLOGY COOPERATION CENTER</p>'
      '<h3>%s</h3>' % series)
    for k, vals in doc['colophon']:
        lab = ' '.join(k) if len(k) == 3 else k
        if o.get('colophon') == 'imprint':   # "NAME VALUE", one line a field
            a('<p>%s %s</p>' % (html.escape(k), html.escape(' '.join(vals))))
            continue
        a('<p>| %s | %s</p>' % (html.escape(lab), html.escape(vals[0])))
        for v in vals[1:]:
            a('<p class="c">%s</p>' % html.escape(v))
    a('</div>')
    return ('<!DOCTYPE html>\n<html lang="ko"><head><meta charset="utf-8"><title>%s</title><style>%s</style></head>'
            '<body>\n%s\n</body></html>\n' % (series, css, '\n'.join(h)))


# ---------------------------------------------------------------- scan page
def jpeg_pdf(jpg, out, w_pt=595.28, h_pt=841.89):
    """Write a one-page PDF whose page is the JPEG (DCTDecode), no text."""
    data = open(jpg, 'rb').read()
    # JPEG size from SOF marker
    i = 2
    while True:
        if data[i] != 0xFF:
            raise SystemExit('bad jpeg')
        mk = data[i + 1]
        ln = int.from_bytes(data[i + 2:i + 4], 'big')
        if mk in (0xC0, 0xC1, 0xC2):
            ph, pw = int.from_bytes(data[i + 5:i + 7], 'big'), int.from_bytes(data[i + 7:i + 9], 'big')
            ncomp = data[i + 9]
            break
        i += 2 + ln
    cs = '/DeviceGray' if ncomp == 1 else '/DeviceRGB'
    content = b'q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q' % (w_pt, h_pt)
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
            b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>' % (w_pt, h_pt),
            b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n'
            % (pw, ph, cs.encode(), len(data)) + data + b'\nendstream',
            b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream']
    pdf_write(objs, out)


def scan_jpeg(pdf, page, tmp, dpi, turn, quality):
    """A scan of page `page` of pdf: rasterised at dpi in grey, turned by
    `turn` degrees, blurred, noised, levelled, a JPEG of that quality the
    size of A4 at dpi.  Returns its path."""
    base = os.path.join(tmp, 'scan')
    run(['pdftoppm', '-f', str(page), '-l', str(page), '-r', '%g' % dpi, '-gray', '-png', '-singlefile', pdf, base])
    jpg = os.path.join(tmp, 'scan.jpg')
    extent = '%dx%d' % (round(595.28 / 72 * dpi), round(841.89 / 72 * dpi))
    run(['convert', base + '.png', '-seed', '4242', '-background', 'white', '-rotate', '%g' % turn,
         '-gravity', 'center', '-extent', extent, '-blur', '0x0.7',
         '-attenuate', '0.35', '+noise', 'Gaussian', '-level', '8%,96%', '-colorspace', 'Gray',
         '-quality', '%d' % quality, '-strip', jpg])
    return jpg


def make_scan(pdf, page, tmp, dpi, turn, quality):
    """Replace page `page` of pdf by a scan of itself (scan_jpeg) on an A4
    page of its own."""
    one = os.path.join(tmp, 'scan.pdf')
    jpeg_pdf(scan_jpeg(pdf, page, tmp, dpi, turn, quality), one)
    out = os.path.join(tmp, 'spliced.pdf')
    n = page_count(pdf)
    sel = [pdf, '1-%d' % (page - 1), one, '1'] + ([pdf, '%d-%d' % (page + 1, n)] if page < n else [])
    run(['qpdf', '--deterministic-id', pdf, '--pages'] + sel + ['--', out])
    shutil.move(out, pdf)


def scan_truth(name, pdf, page, dpi):
    """samples/pages/NAME.json: the printed lines of the page about to be
    scanned, as the producer's text layer holds them (pdftotext), for the
    scanned-page character accuracy (tests/score.py --pages)."""
    text = run(['pdftotext', '-f', str(page), '-l', str(page), pdf, '-']).decode()
    lines = []
    for l in text.split('\n'):
        l = unicodedata.normalize('NFC', ' '.join(l.split()))
        if not l:
            continue
        if re.fullmatch(r'-(\d+)-', l):         # the footer, printed "- N -" (pdftotext drops its spaces)
            l = '- %s -' % l[1:-1]
        if lines and lines[-1] in ('☑', '◦', '■'):    # a mark printed before the line's text
            l = lines.pop() + ' ' + l
        lines.append(l)
    write_page_truth(name, {'n': page, 'source': 'ocr', 'lines': lines,
                            'why': 'no-text: the page is a %g dpi greyscale JPEG (samples/build.py make_scan)' % dpi},
                     issue=True)


# ---------------------------------------------------------------- page samples
# A page sample (samples/src/NAME.txt starting "kind: page") is one page of
# plain text lines printed in a TrueType font, written here byte by byte so
# that its font can lie the way real files do.  Output: samples/pages/NAME.pdf
# and its truth samples/pages/NAME.json (the lines, and why the page needs OCR).
PAGES = os.path.join(HERE, 'pages')


def parse_page_source(path):
    head, lines, body = {}, [], False
    for raw in open(path, encoding='utf-8'):
        line = raw.rstrip('\n')
        if line.startswith('#') or (not body and not line.strip()):
            continue
        if line == '@text':
            body = True
        elif body:
            lines.append(unicodedata.normalize('NFC', line.strip()))
        else:
            k, _, v = line.partition(':')
            head[k.strip()] = v.strip()
    return head, [l for l in lines if l]


def ttf_tables(data):
    n = int.from_bytes(data[4:6], 'big')
    tabs = {}
    for i in range(n):
        rec = data[12 + 16 * i:28 + 16 * i]
        off, ln = int.from_bytes(rec[8:12], 'big'), int.from_bytes(rec[12:16], 'big')
        tabs[rec[:4].decode('latin-1')] = data[off:off + ln]
    return tabs


def ttf_unicode_map(cmap):
    """Code point -> glyph id from the (3,1) format 4 subtable."""
    n = int.from_bytes(cmap[2:4], 'big')
    for i in range(n):
        rec = cmap[4 + 8 * i:12 + 8 * i]
        pid, eid, off = int.from_bytes(rec[0:2], 'big'), int.from_bytes(rec[2:4], 'big'), int.from_bytes(rec[4:8], 'big')
        if (pid, eid) != (3, 1) or int.from_bytes(cmap[off:off + 2], 'big') != 4:
            continue
        t = cmap[off:]
        segs = int.from_bytes(t[6:8], 'big') // 2
        u16 = lambda a: int.from_bytes(t[a:a + 2], 'big')
        ends, starts, deltas, ros = 14, 16 + 2 * segs, 16 + 4 * segs, 16 + 6 * segs
        out = {}
        for s in range(segs):
            end, start, delta, ro = u16(ends + 2 * s), u16(starts + 2 * s), u16(deltas + 2 * s), u16(ros + 2 * s)
            for c in range(start, min(end, 0xFFFE) + 1):
                if ro == 0:
                    g = (c + delta) & 0xFFFF
                else:
                    g = u16(ros + 2 * s + ro + 2 * (c - start))
                    g = (g + delta) & 0xFFFF if g else 0
                if g:
                    out[c] = g
        return out
    raise SystemExit('font has no (3,1) format 4 cmap')


def ttf_shifted_subset(path, chars, shift):
    """The font at path cut down to the glyphs of chars, with one (1,0)
    cmap mapping code ord(c) + shift to the glyph of c, glyph names
    dropped (post 3.0): a font whose codes mean nothing without it.
    Returns (font bytes, {code: advance in 1/1000 em})."""
    data = open(path, 'rb').read()
    tabs = ttf_tables(data)
    head, maxp, hhea, hmtx = tabs['head'], tabs['maxp'], tabs['hhea'], tabs['hmtx']
    upem = int.from_bytes(head[18:20], 'big')
    nglyphs = int.from_bytes(maxp[4:6], 'big')
    long_loca = int.from_bytes(head[50:52], 'big') == 1
    loca = tabs['loca']
    off = [int.from_bytes(loca[4 * i:4 * i + 4], 'big') if long_loca else 2 * int.from_bytes(loca[2 * i:2 * i + 2], 'big')
           for i in range(nglyphs + 1)]
    glyf = tabs['glyf']
    umap = ttf_unicode_map(tabs['cmap'])
    keep, todo = {0}, [umap[ord(c)] for c in chars]
    while todo:                               # composite glyphs pull their parts in
        g = todo.pop()
        if g in keep:
            continue
        keep.add(g)
        gd = glyf[off[g]:off[g + 1]]
        if len(gd) >= 10 and int.from_bytes(gd[0:2], 'big', signed=True) < 0:
            p = 10
            while True:
                flags, comp = int.from_bytes(gd[p:p + 2], 'big'), int.from_bytes(gd[p + 2:p + 4], 'big')
                todo.append(comp)
                p += 4 + (4 if flags & 1 else 2)
                p += 8 if flags & 0x80 else 4 if flags & 0x40 else 2 if flags & 8 else 0
                if not flags & 0x20:
                    break
    new_glyf, new_loca = bytearray(), bytearray()
    for g in range(nglyphs):
        new_loca += len(new_glyf).to_bytes(4, 'big')
        if g in keep:
            new_glyf += glyf[off[g]:off[g + 1]]
            new_glyf += b'\0' * (-len(new_glyf) % 4)
    new_loca += len(new_glyf).to_bytes(4, 'big')
    codes = bytearray(256)
    nlong = int.from_bytes(hhea[34:36], 'big')
    widths = {}
    for c in chars:
        code, g = ord(c) + shift, umap[ord(c)]
        if not 0 <= code < 256:
            raise SystemExit('%r shifted by %d is no byte' % (c, shift))
        codes[code] = g if g < 256 else 0
        if g >= 256:
            raise SystemExit('glyph %d of %r does not fit a format 0 cmap' % (g, c))
        adv = int.from_bytes(hmtx[4 * min(g, nlong - 1):4 * min(g, nlong - 1) + 2], 'big')
        widths[code] = round(adv * 1000 / upem)
    cmap = (b'\0\0\0\x01' + b'\0\x01\0\0' + (12).to_bytes(4, 'big') +
            b'\0\0' + (262).to_bytes(2, 'big') + b'\0\0' + bytes(codes))
    post = b'\0\x03\0\0' + tabs['post'][4:32]
    head = bytearray(head)
    head[8:12] = b'\0\0\0\0'                  # checkSumAdjustment: recomputed below
    head[50:52] = b'\0\x01'                   # long loca
    out_tabs = {'head': bytes(head), 'hhea': hhea, 'maxp': maxp, 'hmtx': hmtx, 'loca': bytes(new_loca),
                'glyf': bytes(new_glyf), 'cmap': cmap, 'post': post}
    for t in ('cvt ', 'fpgm', 'prep', 'OS/2', 'name'):
        if t in tabs:
            out_tabs[t] = tabs[t]
    names = sorted(out_tabs)
    n = len(names)
    es = max(k for k in range(8) if 2 ** k <= n)
    font = bytearray(b'\0\x01\0\0' + n.to_bytes(2, 'big') + (16 * 2 ** es).to_bytes(2, 'big') +
                     es.to_bytes(2, 'big') + (16 * n - 16 * 2 ** es).to_bytes(2, 'big'))
    pos = 12 + 16 * n
    body = bytearray()

    def checksum(b):
        b = b + b'\0' * (-len(b) % 4)
        return sum(int.from_bytes(b[i:i + 4], 'big') for i in range(0, len(b), 4)) & 0xFFFFFFFF
    for t in names:
        d = out_tabs[t]
        font += t.encode('latin-1') + checksum(d).to_bytes(4, 'big') + (pos + len(body)).to_bytes(4, 'big') + len(d).to_bytes(4, 'big')
        body += d + b'\0' * (-len(d) % 4)
    font += body
    adj = (0xB1B0AFBA - checksum(bytes(font))) & 0xFFFFFFFF
    hoff = int.from_bytes(font[12 + 16 * names.index('head') + 8:12 + 16 * names.index('head') + 12], 'big')
    font[hoff + 8:hoff + 12] = adj.to_bytes(4, 'big')
    return bytes(font), widths, upem


def pdf_write(objs, out):
    """Objects 1..n (bytes), 1 the catalog, into a PDF file."""
    out_b = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offs = []
    for n, ob in enumerate(objs, 1):
        offs.append(len(out_b))
        out_b += b'%d 0 obj\n' % n + ob + b'\nendobj\n'
    xref = len(out_b)
    out_b += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for of in offs:
        out_b += b'%010d 00000 n \n' % of
    out_b += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)
    open(out, 'wb').write(out_b)


def font_objects(fontfile, chars, shift, first_obj, tag):
    """The font dictionary, descriptor and file of fontfile cut to chars at
    codes shifted by `shift`, as PDF objects numbered from first_obj (no
    Encoding, no ToUnicode), and the codes' widths."""
    import zlib
    font, widths, _ = ttf_shifted_subset(fontfile, chars, shift)
    ffile = zlib.compress(font)
    first, last = min(widths), max(widths)
    wl = b' '.join(b'%d' % widths.get(c, 0) for c in range(first, last + 1))
    base = tag + b'+' + os.path.basename(fontfile).split('.')[0].encode()
    return [b'<< /Type /Font /Subtype /TrueType /BaseFont /%s /FirstChar %d /LastChar %d /Widths [%s] /FontDescriptor %d 0 R >>'
            % (base, first, last, wl, first_obj + 1),
            b'<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [-600 -300 1700 1000] /ItalicAngle 0 '
            b'/Ascent 900 /Descent -250 /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>' % (base, first_obj + 2),
            b'<< /Length %d /Length1 %d /Filter /FlateDecode >>\nstream\n' % (len(ffile), len(font)) + ffile + b'\nendstream'], widths


def scan_options(text):
    """The scan's dpi, turn and quality from "dpi=200 turn=-0.6 quality=70"
    (each optional: 150, 1.4, 72)."""
    opt = {'dpi': 150.0, 'turn': 1.4, 'quality': 72.0}
    for x in text.split():
        k, _, v = x.partition('=')
        if k not in opt or not v:
            raise SystemExit('scan options are dpi=, turn= and quality=, not %r' % x)
        opt[k] = float(v)
    return opt['dpi'], opt['turn'], int(opt['quality'])


def build_scan_page(name, head, lines):
    """A page sample with head['scan']: the source's lines printed by
    Chromium in head['font'] at head['size'] pt, one source line a printed
    line, then replaced by its scan (scan_jpeg); no text layer at all."""
    dpi, turn, quality = scan_options(head['scan'])
    wd = os.path.join(WORK, name)
    shutil.rmtree(wd, ignore_errors=True)
    os.makedirs(wd)
    body = '\n'.join('<p>%s</p>' % html.escape(l) for l in lines)
    src = os.path.join(wd, name + '.html')
    open(src, 'w', encoding='utf-8').write(
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><style>@page { size: A4; margin: 25mm 22mm }\n'
        "body { margin: 0; font-family: '%s'; font-size: %spt; line-height: 1.6 }\n"
        'p { margin: 0 0 1.5mm; white-space: nowrap }\n</style></head><body>\n%s\n</body></html>\n'
        % (head['font'], head.get('size', '11'), body))
    built = os.path.join(wd, name + '.pdf')
    prof = tempfile.mkdtemp(prefix='cr-')
    run(CHROMIUM + ['--user-data-dir=' + prof, '--no-pdf-header-footer', '--print-to-pdf=' + built, 'file://' + src])
    shutil.rmtree(prof, ignore_errors=True)
    if page_count(built) != 1:
        raise SystemExit('%s: the lines do not fit one page' % name)
    os.makedirs(PAGES, exist_ok=True)
    jpeg_pdf(scan_jpeg(built, 1, wd, dpi, turn, quality), os.path.join(PAGES, name + '.pdf'))
    return 'no-text: the page is a %g dpi greyscale JPEG (samples/build.py build_scan_page)' % dpi


def build_page_sample(path):
    """samples/pages/NAME.pdf and its truth NAME.json from a "kind: page"
    source: a scan of its lines (head['scan'], build_scan_page), else a
    page printed in a font that lies (lying_font_page)."""
    name = os.path.splitext(os.path.basename(path))[0]
    head, source = parse_page_source(path)
    if 'scan' in head:
        why, lines = build_scan_page(name, head, source), source
    else:
        why, lines = head.get('why', ''), lying_font_page(name, head, source)
    write_page_truth(name, {'n': 1, 'source': head.get('source', 'text'), 'why': why, 'lines': lines})


def write_page_truth(name, page, issue=False):
    """samples/pages/NAME.json holding one page's truth (docs/samples.md);
    issue: the page is one of the issue sample NAME's."""
    truth = {'sample': name}
    if issue:
        truth['issue'] = True
    truth['pages'] = [page]
    os.makedirs(PAGES, exist_ok=True)
    with open(os.path.join(PAGES, name + '.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write('\n')


def lying_font_page(name, head, source):
    """One page of the source's lines in head['fontfile'], each word drawn on
    its own (no space glyphs, as many producers do), with codes shifted by
    head['shift'] and no ToUnicode: the text layer reads each letter as
    another one ("7KH TXLFN" for "The quick").  A line written "= TEXT" is
    drawn at honest codes (the letters' own) with head['honestfont'] (by
    default the same font file).  Returns the truth's lines."""
    import zlib
    shift, size = int(head.get('shift', '0')), float(head.get('size', '14'))
    fontfile = head['fontfile']
    lines = [(l[2:], 0) if l.startswith('= ') else (l, shift) for l in source]
    chars = sorted({c for l, _ in lines for c in l if c != ' '})
    fonts = {shift: font_objects(fontfile, chars, shift, 5, b'KPSAMP')}
    if 0 not in fonts and any(s == 0 for _, s in lines):
        fonts[0] = font_objects(head.get('honestfont', fontfile), chars, 0, 8, b'KPSAMQ')
    w_pt, h_pt, x0, y = 595.28, 841.89, 72.0, 841.89 - 90
    ops, current = [b'BT'], None
    for line, sh in lines:
        widths = fonts[sh][1]
        if sh != current:
            ops.append(b'/F%d %.1f Tf' % (1 if sh == shift else 2, size))
            current = sh
        x = x0
        for word in line.split(' '):
            codes = bytes(ord(c) + sh for c in word)
            lit = codes.replace(b'\\', b'\\\\').replace(b'(', b'\\(').replace(b')', b'\\)')
            lit = b''.join(b'\\%03o' % b if b < 32 or b > 126 else bytes([b]) for b in lit)
            ops.append(b'1 0 0 1 %.2f %.2f Tm (%s) Tj' % (x, y, lit))
            x += sum(widths[b] for b in codes) * size / 1000 + 0.28 * size
        y -= 1.6 * size
    ops.append(b'ET')
    content = zlib.compress(b'\n'.join(ops))
    res = b'/F1 5 0 R' + (b' /F2 8 0 R' if len(fonts) > 1 else b'')
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
            b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << %s >> >> /Contents 4 0 R >>' % (w_pt, h_pt, res),
            b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(content) + content + b'\nendstream']
    objs += fonts[shift][0] + (fonts[0][0] if len(fonts) > 1 else [])
    os.makedirs(PAGES, exist_ok=True)
    pdf_write(objs, os.path.join(PAGES, name + '.pdf'))
    return [l for l, _ in lines]


# ---------------------------------------------------------------- page lookup
def page_count(pdf):
    out = run(['pdfinfo', pdf]).decode()
    return int(re.search(r'Pages:\s+(\d+)', out).group(1))


def page_texts(pdf):
    n = page_count(pdf)
    res = []
    for p in range(1, n + 1):
        t = run(['pdftotext', '-f', str(p), '-l', str(p), '-enc', 'UTF-8', pdf, '-']).decode('utf-8', 'replace')
        res.append(re.sub(r'\s+', '', unicodedata.normalize('NFC', t)))
    return res


def key(s, n=14, tail=False):
    k = re.sub(r'\s+', '', plain(s))
    return k[-n:] if tail else k[:n]


def find_page(texts, s, start=1, tail=False):
    k = key(s, tail=tail)
    for p in range(start, len(texts) + 1):
        if k and k in texts[p - 1]:
            return p
    raise SystemExit('page lookup failed for %r' % s)


def split_row(texts, tbl, cells, start):
    """Does a body row of tbl begin on one page and end on a later one (its
    cell of most lines read at its first and last line)?"""
    for r, row in enumerate(tbl['rows']):
        body = [c for c in cells if c['row'] == r and c['src'] and not row['header']]
        if not body:
            continue
        c = max(body, key=lambda x: len(x['src']))
        first = find_page(texts, c['src'][0], start)
        if find_page(texts, c['src'][-1], first, tail=True) > first:
            return True
    return False


# ---------------------------------------------------------------- one issue
def build_issue(path):
    doc = parse(path)
    o = doc['opt']
    name = doc['name']
    wd = os.path.join(WORK, name)
    shutil.rmtree(wd, ignore_errors=True)
    os.makedirs(wd)
    pdf = os.path.join(HERE, name + '.pdf')
    if o['producer'] == 'libreoffice':
        src = os.path.join(wd, name + '.fodt')
        open(src, 'w', encoding='utf-8').write(Fodt(doc, wd).build())
        prof = tempfile.mkdtemp(prefix='lo-')
        run(['soffice', '-env:UserInstallation=file://' + prof, '--headless', '--convert-to', 'pdf',
             '--outdir', wd, src])
        shutil.rmtree(prof, ignore_errors=True)
    else:
        src = os.path.join(wd, name + '.html')
        open(src, 'w', encoding='utf-8').write(build_html(doc, wd))
        prof = tempfile.mkdtemp(prefix='cr-')
        run(CHROMIUM + ['--user-data-dir=' + prof, '--no-pdf-header-footer',
                        '--print-to-pdf=' + os.path.join(wd, name + '.pdf'), 'file://' + src])
        shutil.rmtree(prof, ignore_errors=True)
    built = os.path.join(wd, name + '.pdf')
    texts = page_texts(built)
    # truth ------------------------------------------------------------
    year = int(o['date'][:4])
    tables = []
    for b in doc['blocks']:
        if b['k'] != 'table':
            continue
        nrows, ncols, cells = grid(b)
        cap_p = find_page(texts, b['caption'], 3)
        if b['image']:
            pages = [cap_p]
        else:
            body = [c for c in cells if not b['rows'][c['row']]['header'] and c['src']]
            first = [c for c in body if c['row'] == body[0]['row']]
            last = [c for c in body if c['row'] == body[-1]['row']]
            p0 = find_page(texts, max((c['src'][0] for c in first), key=lambda x: len(plain(x))), cap_p)
            p1 = find_page(texts, max((c['src'][-1] for c in last), key=lambda x: len(plain(x))), p0, tail=True)
            pages = list(range(p0, p1 + 1))
            if b['split'] and not split_row(texts, b, cells, p0):
                raise SystemExit('%s: no row of the split table %r breaks over a page; move the table'
                                 % (name, b['caption']))
        hdr = sum(1 for r in b['rows'] if r['header'])
        tables.append({'part': b['part'], 'article': b['article'], 'caption': plain(b['caption']),
                       'type': b['type'], 'image': b['image'], 'rows': nrows, 'cols': ncols,
                       'header_rows': hdr, 'pages': pages,
                       'cells': [cell_truth(c, b['rows'][c['row']]['header']) for c in cells]})
    ocr = []
    if doc['scan']:
        sp = find_page(texts, doc['scan'], 3)
        ocr = [sp]
        dpi, turn, quality = doc['scanopt']
        scan_truth(name, built, sp, dpi)
        make_scan(built, sp, wd, dpi, turn, quality)
    shutil.copyfile(built, pdf)
    colo = [{'name': k.replace(' ', ''), 'value': plain(' '.join(v))} for k, v in doc['colophon']]
    cd = {c['name']: c['value'] for c in colo}
    addr_lines = dict(doc['colophon']).get('발행처', [])
    address = ' '.join(l for l in addr_lines if l.startswith('주소') or not (l.startswith('TEL') or l.startswith('http')))
    address = plain(re.sub(r'^주소\s*:\s*', '', address)) or None  # no 발행처: none printed
    phone = next((plain(re.sub(r'^TEL\s*:\s*', '', l)) for l in addr_lines if l.startswith('TEL')), None)
    web = next((l for l in addr_lines if l.startswith('http')), None)
    truth = {
        'file': name + '.pdf',
        'producer': o['producer'],
        'font': o['font'],
        'meta': {'series': plain(o.get('series', SERIES_DEFAULT)), 'date': o['date'],
                 'publisher': cd.get('발행기관', cd.get('펴낸곳')),
                 'editor': cd.get('발행인', cd.get('펴낸이')),
                 'address': address, 'phone': phone, 'web': web},
        'contents': [{'n': cp['n'], 'title': cp['title'],
                      'categories': [{'name': c['name'], 'entries': c['entries']} for c in cp['categories']]}
                     for cp in doc['contents']],
        'summary': [plain(s) for s in doc['summary']],
        'parts': [{'n': p['n'], 'title': p['title'],
                   'articles': [{k: a[k] for k in ('n', 'title', 'category', 'lead', 'date')} for a in p['articles']]}
                  for p in doc['parts']],
        'tables': tables,
        'references': doc.get('refs', []),
        'ocr_pages': ocr,
        'colophon': colo,
    }
    os.makedirs(TRUTH, exist_ok=True)
    with open(os.path.join(TRUTH, name + '.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write('\n')
    print('%s: %d pages, %d tables, ocr %s' % (name, len(texts), len(tables), ocr))
    return pdf


# ---------------------------------------------------------------- bad samples
def build_bad(good):
    os.makedirs(BAD, exist_ok=True)
    open(os.path.join(BAD, 'empty.pdf'), 'wb').close()
    data = open(good, 'rb').read()
    open(os.path.join(BAD, 'truncated.pdf'), 'wb').write(data[:len(data) * 40 // 100])
    open(os.path.join(BAD, 'not-a-pdf.pdf'), 'w', encoding='utf-8').write(
        '이 파일은 PDF가 아닙니다. This is a plain text file with a .pdf name.\n'
        '중국 과학기술 정책 주간동향 - not a PDF\n')
    enc = os.path.join(BAD, 'encrypted.pdf')
    if os.path.exists(enc):
        os.remove(enc)
    run(['qpdf', '--encrypt', 'secret', 'owner', '256', '--', good, enc])
    # blank: two empty A4 pages, written by hand (no text, no images)
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
            b'<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << >> /Contents 5 0 R >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << >> /Contents 5 0 R >>',
            b'<< /Length 0 >>\nstream\n\nendstream']
    pdf_write(objs, os.path.join(BAD, 'blank.pdf'))


def source_kind(path):
    """What the source makes: 'issue' (the default), 'report' (header
    `kind: report`, samples/report.py) or 'page' (`kind: page`, a page
    sample, build_page_sample)."""
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('@'):
                break
            m = re.match(r'^kind:\s*(report|page)\s*$', line)
            if m:
                return m.group(1)
    return 'issue'


def main():
    names = sys.argv[1:]
    srcs = sorted(glob.glob(os.path.join(SRC, '*.txt')))
    if names:
        srcs = [s for s in srcs if os.path.splitext(os.path.basename(s))[0] in names]
    kinds = {s: source_kind(s) for s in srcs}
    for s in srcs:
        if kinds[s] == 'issue':
            build_issue(s)
        elif kinds[s] == 'page':
            build_page_sample(s)
        else:
            report.build(s)
    seed = os.path.join(HERE, 'kostec-2023-04-21.pdf')
    if 'issue' in kinds.values() and os.path.exists(seed):
        build_bad(seed)


if __name__ == '__main__':
    main()
