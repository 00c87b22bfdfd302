/*
 * drawing.cc - a page's text layer, lines, filled rectangles and image
 * placements in one pass of Poppler's interpreter (Gfx), through its core
 * C++ API: Poppler's TextOutputDev, as poppler-glib's text calls use it
 * (same device, same page box, contents without annotations, the words
 * of the whole page selected glyph by glyph), which also records the
 * marks of the drawing operators and draws nothing.  The only C++ of the
 * project; the rest sees drawing.h.  Poppler's core API makes no
 * stability promise: the Makefile accepts only the versions this file was
 * written against.
 *
 * Colour management.  A text tool needs no colour transforms, yet Poppler
 * builds lcms transforms from the catalog's /OutputIntents profile for
 * every interpreter it starts (about 25 ms each; Hancom PDF carries one
 * in every file).  The catalog is therefore replaced, in memory only,
 * by a copy without /OutputIntents.  Greys are then computed from the
 * colour spaces' own conversions, which is all a rule needs.
 *
 * Images are recorded with the size their dictionary declares and never
 * decoded (inline image data is skipped, as Poppler's default does).
 * Shadings and tiling patterns are not drawn: neither makes a rule.
 * What a soft mask draws is not on the page and is not recorded.
 */
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <vector>

#include <Gfx.h>
#include <GfxState.h>
#include <Error.h>
#include <ErrorCodes.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <PDFDocEncoding.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <XRef.h>
#include <goo/GooString.h>

#include "drawing.h"

/* A straight piece whose ends differ by less than this across its length
 * (points) is axis-parallel. */
static const double SKEW_TOL = 0.5;
/* A segment of more dashes than this is drawn solid (a page sees such a
 * line as solid, and a hostile pattern costs nothing). */
static const double MAX_DASHES = 1000;

struct ex_drawing {
	std::unique_ptr<GlobalParamsIniter> params;
	std::unique_ptr<PDFDoc> doc;
	bool images = true; /* interpret image XObjects and inline images */
	double deadline = 0; /* CLOCK_MONOTONIC seconds, 0 = none */
	bool stopped = false; /* the read in progress passed the deadline */
	long max_pixels = 0;  /* inline images over this are skipped; 0 = none */
};

namespace {

class PageDev : public TextOutputDev
{
public:
	PageDev(ex_drawn *out, bool all, bool images, long maxPixels)
	    : TextOutputDev(nullptr, true, 0, false, false), out_(out), all_(all), images_(images),
	      maxPixels_(maxPixels) { }
	bool failed() const { return failed_; }
	bool crowded() const { return words_ > EX_DRAWING_WORDS; }

	/* Count the words the glyphs start (a glyph not where the last one
	 * ended); past EX_DRAWING_WORDS, the text is no longer collected. */
	void drawChar(GfxState *state, double x, double y, double dx, double dy, double originX,
	              double originY, CharCode c, int nBytes, const Unicode *u, int uLen) override
	{
		double x0, y0, x1, y1, fs = std::fabs(state->getTransformedFontSize());

		state->transform(x, y, &x0, &y0);
		state->transform(x + dx, y + dy, &x1, &y1);
		if (!(std::fabs(x0 - endX_) <= 0.3 * fs && std::fabs(y0 - endY_) <= 0.3 * fs))
			words_++;
		endX_ = x1, endY_ = y1;
		/* as Poppler's TextPage drops them (the page box is 0..w, 0..h) */
		if (std::fmax(x0, x1) < 0 || std::fmin(x0, x1) > state->getPageWidth() || y0 < 0 ||
		    y0 > state->getPageHeight())
			out_->outside++;
		if (crowded())
			return;
		TextOutputDev::drawChar(state, x, y, dx, dy, originX, originY, c, nBytes, u, uLen);
		/* Poppler's text layer drops space glyphs; where one is drawn
		 * is kept (spaces_), so a glyph can say a space follows it */
		if (uLen == 1 && u[0] == 0x20)
			space(state, x, y);
	}

	/* Gfx asks this before images (and patterns) only: paths come anyway */
	bool needNonText() override { return all_ && images_; }

	/* shadings and patterns: claimed, and not drawn */
	bool useTilingPatternFill() override { return true; }
	bool useShadedFills(int) override { return true; }
	bool tilingPatternFill(GfxState *, Gfx *, Catalog *, GfxTilingPattern *, const double *, int,
	                       int, int, int, double, double) override { return true; }
	bool functionShadedFill(GfxState *, GfxFunctionShading *) override { return true; }
	bool axialShadedFill(GfxState *, GfxAxialShading *, double, double) override { return true; }
	bool radialShadedFill(GfxState *, GfxRadialShading *, double, double) override { return true; }
	bool gouraudTriangleShadedFill(GfxState *, GfxGouraudTriangleShading *) override { return true; }
	bool patchMeshShadedFill(GfxState *, GfxPatchMeshShading *) override { return true; }

	void beginTransparencyGroup(GfxState *, const double *, GfxColorSpace *, bool, bool,
	                            bool forSoftMask) override
	{
		groups_.push_back(forSoftMask);
		masks_ += forSoftMask;
	}
	void endTransparencyGroup(GfxState *) override
	{
		if (!groups_.empty()) {
			masks_ -= groups_.back();
			groups_.pop_back();
		}
	}

	/* Mark each of out's glyphs that a drawn space starts at (its right
	 * edge, on its line); call once, after the glyphs are read. */
	void markSpaces(ex_drawn *d);

	void stroke(GfxState *state) override
	{
		TextOutputDev::stroke(state);
		if (all_)
			strokePath(state);
	}
	void fill(GfxState *state) override
	{
		TextOutputDev::fill(state);
		if (all_)
			fillPath(state);
	}
	void eoFill(GfxState *state) override
	{
		TextOutputDev::eoFill(state);
		if (all_)
			fillPath(state);
	}

	void drawImageMask(GfxState *state, Object *ref, Stream *str, int width, int height,
	                   bool invert, bool interpolate, bool inlineImg) override
	{
		image(state, width, height);
		if (!huge(width, height))
			OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inlineImg);
	}
	void drawImage(GfxState *state, Object *ref, Stream *str, int width, int height,
	               GfxImageColorMap *colorMap, bool interpolate, const int *maskColors,
	               bool inlineImg) override
	{
		image(state, width, height);
		if (!huge(width, height))
			OutputDev::drawImage(state, ref, str, width, height, colorMap, interpolate, maskColors,
			                     inlineImg);
	}
	void drawMaskedImage(GfxState *state, Object *, Stream *, int width, int height,
	                     GfxImageColorMap *, bool, Stream *, int, int, bool, bool) override
	{
		image(state, width, height);
	}
	void drawSoftMaskedImage(GfxState *state, Object *, Stream *, int width, int height,
	                         GfxImageColorMap *, bool, Stream *, int, int, GfxImageColorMap *,
	                         bool) override
	{
		image(state, width, height);
	}

private:
	struct Box {
		double x0, y0, x1, y1;
	};

	void add(ex_mark_kind kind, Box b, int gray, int pxw, int pxh);
	void addClipped(ex_mark_kind kind, GfxState *state, Box b, int gray);
	void piece(GfxState *state, double ux0, double uy0, double ux1, double uy1, int gray);
	void strokePath(GfxState *state);
	void fillPath(GfxState *state);
	void image(GfxState *state, int width, int height);
	/* OutputDev reads an inline image's data through its filters to skip
	 * it (57 s for a bomb); past the cap Gfx skips the undecoded bytes. */
	bool huge(int width, int height) const
	{
		return maxPixels_ > 0 && (double)width * height > (double)maxPixels_;
	}
	void space(GfxState *state, double x, double y);

	struct Space {
		double x, y;    /* where it starts, on the baseline, as displayed */
	};
	std::vector<Space> spaces_;
	ex_drawn *out_;
	bool all_;                 /* marks too, not only the text */
	bool images_;              /* images too */
	long maxPixels_;           /* see huge() */
	bool failed_ = false;
	long words_ = 0;           /* words started (see drawChar) */
	double endX_ = NAN, endY_ = NAN; /* where the last glyph ended */
	std::vector<bool> groups_; /* open transparency groups: for a soft mask? */
	int masks_ = 0;            /* how many of them are soft masks */
};

/* Make room for one more element in *v (n used, *cap allocated). */
template<typename T> bool grow(T **v, size_t n, size_t *cap)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? 2 * *cap : 256;
	void *p = std::realloc(*v, c * sizeof(**v));

	if (p == nullptr)
		return false;
	*v = static_cast<T *>(p);
	*cap = c;
	return true;
}

/* 0 black .. 255 white, as the eye weighs red, green and blue, lightened
 * by the opacity (over white paper). */
int grayOf(const GfxRGB &rgb, double opacity)
{
	double g = 0.299 * colToDbl(rgb.r) + 0.587 * colToDbl(rgb.g) + 0.114 * colToDbl(rgb.b);

	if (opacity >= 0 && opacity < 1)
		g = 1 - (1 - g) * opacity;
	g = std::round(g * 255);
	return g < 0 ? 0 : g > 255 ? 255 : (int)g;
}

void PageDev::add(ex_mark_kind kind, Box b, int gray, int pxw, int pxh)
{
	if (masks_ > 0 || failed_ || !all_)
		return;
	if (!grow(&out_->marks, out_->nmarks, &out_->capm)) {
		failed_ = true;
		return;
	}
	out_->marks[out_->nmarks++] = ex_mark{ kind, b.x0, b.y0, b.x1, b.y1, gray, pxw, pxh };
}

void PageDev::addClipped(ex_mark_kind kind, GfxState *state, Box b, int gray)
{
	Box c;

	state->getClipBBox(&c.x0, &c.y0, &c.x1, &c.y1);
	b.x0 = std::fmax(b.x0, c.x0);
	b.y0 = std::fmax(b.y0, c.y0);
	b.x1 = std::fmin(b.x1, c.x1);
	b.y1 = std::fmin(b.y1, c.y1);
	if (b.x1 >= b.x0 && b.y1 >= b.y0)
		add(kind, b, gray, 0, 0);
}

/* One straight piece of a stroke, user space (ux0,uy0)-(ux1,uy1): a line
 * mark when it is axis-parallel on the page. */
void PageDev::piece(GfxState *state, double ux0, double uy0, double ux1, double uy1, int gray)
{
	double x0, y0, x1, y1, half = state->getTransformedLineWidth() / 2;
	double cap = state->getLineCap() == 0 ? 0 : half; /* butt caps end at the ends */
	Box b;

	state->transform(ux0, uy0, &x0, &y0);
	state->transform(ux1, uy1, &x1, &y1);
	if (std::fabs(y1 - y0) <= SKEW_TOL && std::fabs(x1 - x0) > std::fabs(y1 - y0))
		b = Box{ std::fmin(x0, x1) - cap, (y0 + y1) / 2 - half, std::fmax(x0, x1) + cap,
		         (y0 + y1) / 2 + half };
	else if (std::fabs(x1 - x0) <= SKEW_TOL && std::fabs(y1 - y0) > std::fabs(x1 - x0))
		b = Box{ (x0 + x1) / 2 - half, std::fmin(y0, y1) - cap, (x0 + x1) / 2 + half,
		         std::fmax(y0, y1) + cap };
	else
		return;
	addClipped(EX_MARK_LINE, state, b, gray);
}

/* Each straight segment of the path, cut into its dashes when the line
 * is dashed (the pattern runs on along the subpath, as PDF says). */
void PageDev::strokePath(GfxState *state)
{
	const GfxPath *path = state->getPath();
	double start = 0, period = 0;
	const std::vector<double> &dash = state->getLineDash(&start);
	GfxRGB rgb;
	int gray;

	state->getStrokeRGB(&rgb);
	gray = grayOf(rgb, state->getStrokeOpacity());
	for (double d : dash) {
		if (!(d >= 0)) {
			period = 0; /* not a pattern: solid, as renderers do */
			break;
		}
		period += d;
	}
	for (int i = 0; i < path->getNumSubpaths(); i++) {
		const GfxSubpath *sp = path->getSubpath(i);
		double phase = period > 0 ? std::fmod(start, period) : 0;

		for (int j = 1; j < sp->getNumPoints(); j++) {
			double x0 = sp->getX(j - 1), y0 = sp->getY(j - 1);
			double x1 = sp->getX(j), y1 = sp->getY(j);
			double len = std::hypot(x1 - x0, y1 - y0);

			if (sp->getCurve(j - 1) || sp->getCurve(j)) {
				phase = period > 0 ? std::fmod(phase + len, period) : 0;
				continue;
			}
			if (period <= 0 || len > MAX_DASHES * period) {
				piece(state, x0, y0, x1, y1, gray);
				continue;
			}
			/* walk the dash pattern along the segment */
			for (double at = 0; at < len;) {
				double pos = phase, on = 0;
				size_t k = 0;

				while (pos >= dash[k]) {
					pos -= dash[k];
					k = (k + 1) % dash.size();
				}
				on = dash[k] - pos;
				double step = std::fmin(on, len - at);
				if (k % 2 == 0 && step > 0) {
					double a = at / len, b = (at + step) / len;

					piece(state, x0 + a * (x1 - x0), y0 + a * (y1 - y0), x0 + b * (x1 - x0),
					      y0 + b * (y1 - y0), gray);
				}
				at += step;
				phase = std::fmod(phase + step, period);
				if (step <= 0)
					break;
			}
		}
	}
}

/* The page box of an axis-parallel rectangle subpath (4 corners, closed or
 * not, no curves); false for any other shape. */
bool rectOf(GfxState *state, const GfxSubpath *sp, double b[4])
{
	int n = sp->getNumPoints();
	double x[5], y[5];

	if (n == 5 && (sp->getX(4) != sp->getX(0) || sp->getY(4) != sp->getY(0)))
		return false;
	if (n != 4 && n != 5)
		return false;
	for (int j = 0; j < 4; j++) {
		if (sp->getCurve(j))
			return false;
		state->transform(sp->getX(j), sp->getY(j), &x[j], &y[j]);
	}
	x[4] = x[0], y[4] = y[0];
	for (int j = 0; j < 4; j++)
		if (std::fabs(x[j + 1] - x[j]) > SKEW_TOL && std::fabs(y[j + 1] - y[j]) > SKEW_TOL)
			return false;
	b[0] = std::fmin(std::fmin(x[0], x[1]), std::fmin(x[2], x[3]));
	b[1] = std::fmin(std::fmin(y[0], y[1]), std::fmin(y[2], y[3]));
	b[2] = std::fmax(std::fmax(x[0], x[1]), std::fmax(x[2], x[3]));
	b[3] = std::fmax(std::fmax(y[0], y[1]), std::fmax(y[2], y[3]));
	return true;
}

/* Rectangle subpaths become rectangle marks; a rectangle with a hole
 * (a frame: one rectangle inside the other) becomes its four sides. */
void PageDev::fillPath(GfxState *state)
{
	const GfxPath *path = state->getPath();
	std::vector<Box> rects;
	GfxRGB rgb;
	int gray;

	state->getFillRGB(&rgb);
	gray = grayOf(rgb, state->getFillOpacity());
	for (int i = 0; i < path->getNumSubpaths(); i++) {
		double b[4];

		if (rectOf(state, path->getSubpath(i), b))
			rects.push_back(Box{ b[0], b[1], b[2], b[3] });
	}
	if (rects.size() == 2) {
		Box o = rects[0], h = rects[1];

		if (h.x0 <= o.x0 && h.y0 <= o.y0 && h.x1 >= o.x1 && h.y1 >= o.y1)
			std::swap(o, h);
		if (o.x0 <= h.x0 && o.y0 <= h.y0 && o.x1 >= h.x1 && o.y1 >= h.y1) {
			addClipped(EX_MARK_RECT, state, Box{ o.x0, o.y0, o.x1, h.y0 }, gray);
			addClipped(EX_MARK_RECT, state, Box{ o.x0, h.y1, o.x1, o.y1 }, gray);
			addClipped(EX_MARK_RECT, state, Box{ o.x0, h.y0, h.x0, h.y1 }, gray);
			addClipped(EX_MARK_RECT, state, Box{ h.x1, h.y0, o.x1, h.y1 }, gray);
			return;
		}
	}
	for (const Box &b : rects)
		addClipped(EX_MARK_RECT, state, b, gray);
}

/* The image's unit square mapped to the page. */
void PageDev::image(GfxState *state, int width, int height)
{
	double x[4], y[4];

	state->transform(0, 0, &x[0], &y[0]);
	state->transform(1, 0, &x[1], &y[1]);
	state->transform(0, 1, &x[2], &y[2]);
	state->transform(1, 1, &x[3], &y[3]);
	add(EX_MARK_IMAGE,
	    Box{ std::fmin(std::fmin(x[0], x[1]), std::fmin(x[2], x[3])),
	         std::fmin(std::fmin(y[0], y[1]), std::fmin(y[2], y[3])),
	         std::fmax(std::fmax(x[0], x[1]), std::fmax(x[2], x[3])),
	         std::fmax(std::fmax(y[0], y[1]), std::fmax(y[2], y[3])) },
	    0, width, height);
}

void PageDev::space(GfxState *state, double x, double y)
{
	Space sp;

	state->transform(x, y, &sp.x, &sp.y);
	if (failed_)
		return;
	try {
		spaces_.push_back(sp);
	} catch (const std::bad_alloc &) {
		failed_ = true;
	}
}

/* A space starts at a glyph's right edge within this share of its size. */
static const double SPACE_TOL = 0.3;

void PageDev::markSpaces(ex_drawn *d)
{
	std::sort(spaces_.begin(), spaces_.end(),
	          [](const Space &a, const Space &b) { return a.x < b.x; });
	for (size_t i = 0; i < d->nglyphs; i++) {
		ex_glyph *g = &d->glyphs[i];
		double tol = SPACE_TOL * (g->size > 0 ? g->size : g->y1 - g->y0);
		auto it = std::lower_bound(spaces_.begin(), spaces_.end(), g->x1 - tol,
		                           [](const Space &s, double x) { return s.x < x; });

		for (; it != spaces_.end() && it->x <= g->x1 + tol && !g->space_after; ++it)
			g->space_after = it->y >= g->y0 && it->y <= g->y1 + tol;
	}
}

/* Replace the catalog, in memory, by a copy without /OutputIntents (see
 * the top of the file). */
void dropOutputIntents(PDFDoc *doc)
{
	XRef *xref = doc->getXRef();
	Object cat = xref->getCatalog();

	if (!cat.isDict() || cat.dictLookupNF("OutputIntents").isNull())
		return;
	cat.dictRemove("OutputIntents");
	xref->setModifiedObject(&cat, Ref{ xref->getRootNum(), xref->getRootGen() });
}

} // namespace

/* Poppler's complaints about a damaged file: not ours to print (pdf2text
 * says in one line what it could not read), as poppler-glib keeps them to
 * its debug log. */
static void quiet(ErrorCategory, Goffset, const char *) {}

extern "C" struct ex_drawing *ex_drawing_open(const char *data, size_t len, const char *password,
                                              int *encrypted)
{
	std::unique_ptr<ex_drawing> dr(new ex_drawing);
	std::optional<GooString> pw;

	*encrypted = 0;
	dr->params = std::make_unique<GlobalParamsIniter>(quiet);
	if (password != nullptr)
		pw = GooString(password);
	dr->doc = std::make_unique<PDFDoc>(new MemStream(data, 0, (Goffset)len, Object(objNull)), pw, pw);
	if (!dr->doc->isOk()) {
		*encrypted = dr->doc->getErrorCode() == errEncrypted;
		return nullptr;
	}
	dropOutputIntents(dr->doc.get());
	return dr.release();
}

extern "C" int ex_drawing_pages(struct ex_drawing *dr)
{
	return dr->doc->getNumPages();
}

/* Put code point u into s as UTF-8. */
static void putUtf8(std::string &s, unsigned long u)
{
	if (u < 0x80) {
		s += (char)u;
	} else if (u < 0x800) {
		s += (char)(0xC0 | u >> 6);
		s += (char)(0x80 | (u & 0x3F));
	} else if (u < 0x10000) {
		s += (char)(0xE0 | u >> 12);
		s += (char)(0x80 | (u >> 6 & 0x3F));
		s += (char)(0x80 | (u & 0x3F));
	} else {
		s += (char)(0xF0 | u >> 18);
		s += (char)(0x80 | (u >> 12 & 0x3F));
		s += (char)(0x80 | (u >> 6 & 0x3F));
		s += (char)(0x80 | (u & 0x3F));
	}
}

/* A PDF text string in UTF-8, as poppler-glib converts it: UTF-16 after
 * a byte-order mark (false when it is not valid UTF-16), else
 * PDFDocEncoding up to the first NUL. */
static bool textToUtf8(const GooString *t, std::string &out)
{
	const unsigned char *b = (const unsigned char *)t->c_str();
	int n = t->getLength();
	bool be = n >= 2 && b[0] == 0xFE && b[1] == 0xFF, le = n >= 2 && b[0] == 0xFF && b[1] == 0xFE;

	if (!be && !le) {
		for (int i = 0; i < n && pdfDocEncoding[b[i]] != 0; i++)
			putUtf8(out, pdfDocEncoding[b[i]]);
		return true;
	}
	if (n % 2 != 0)
		return false;
	for (int i = 2; i < n; i += 2) {
		unsigned long u = be ? (unsigned long)b[i] << 8 | b[i + 1] : (unsigned long)b[i + 1] << 8 | b[i];

		if (u >= 0xD800 && u < 0xDC00) {
			unsigned long v;

			if (i + 3 >= n)
				return false;
			v = be ? (unsigned long)b[i + 2] << 8 | b[i + 3] : (unsigned long)b[i + 3] << 8 | b[i + 2];
			if (v < 0xDC00 || v >= 0xE000)
				return false;
			u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
			i += 2;
		} else if (u >= 0xDC00 && u < 0xE000) {
			return false;
		}
		putUtf8(out, u);
	}
	return true;
}

extern "C" char *ex_drawing_info(struct ex_drawing *dr, const char *key)
{
	std::unique_ptr<GooString> v = dr->doc->getDocInfoStringEntry(key);
	std::string s;

	if (v == nullptr || !textToUtf8(v.get(), s))
		return nullptr;
	return strdup(s.c_str());
}

extern "C" int ex_drawing_page_size(struct ex_drawing *dr, int number, double *w, double *h,
                                    double *cw, double *ch)
{
	Page *page = number >= 1 && number <= dr->doc->getNumPages() ? dr->doc->getPage(number) : nullptr;
	const PDFRectangle *crop;

	if (page == nullptr)
		return -1;
	crop = page->getCropBox();
	*cw = std::fabs(crop->x2 - crop->x1);
	*ch = std::fabs(crop->y2 - crop->y1);
	*w = page->getCropWidth();
	*h = page->getCropHeight();
	if (page->getRotate() == 90 || page->getRotate() == 270)
		std::swap(*w, *h);
	return 0;
}

extern "C" void ex_drawing_skip_images(struct ex_drawing *dr)
{
	dr->images = false;
}

extern "C" void ex_drawing_limits(struct ex_drawing *dr, double deadline, long max_pixels)
{
	dr->deadline = deadline;
	dr->max_pixels = max_pixels;
}

/* Gfx's abortCheck: is it past the deadline (a struct ex_drawing)?  Asked
 * every few operators, at every level of nested forms. */
static bool late(void *data)
{
	ex_drawing *dr = static_cast<ex_drawing *>(data);
	struct timespec ts;

	if (dr->deadline <= 0 || dr->stopped)
		return dr->stopped;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	dr->stopped = ts.tv_sec + ts.tv_nsec / 1e9 > dr->deadline;
	return dr->stopped;
}

extern "C" void ex_drawing_close(struct ex_drawing *dr)
{
	delete dr;
}

/* The font name poppler-glib would give (without a subset prefix such as
 * "ABCDEF+"), as a string of d's font table; NULL for none. */
static const char *fontOf(const TextWord *word, int i, ex_drawn *d)
{
	const GooString *name = word->getFontName(i);
	const char *s;
	int k = 0;

	if (name == nullptr || name->getLength() == 0)
		return nullptr;
	while (k < name->getLength() && name->getChar(k) >= 'A' && name->getChar(k) <= 'Z')
		k++;
	s = name->c_str();
	if (k > 0 && k < name->getLength() && name->getChar(k) == '+')
		s += k + 1;
	for (size_t f = d->nfonts; f-- > 0;)
		if (std::strcmp(d->fonts[f], s) == 0)
			return d->fonts[f];
	void *p = std::realloc(d->fonts, (d->nfonts + 1) * sizeof(*d->fonts));
	char *copy = strdup(s);

	if (p == nullptr || copy == nullptr) {
		if (p != nullptr)
			d->fonts = static_cast<char **>(p);
		std::free(copy);
		return nullptr;
	}
	d->fonts = static_cast<char **>(p);
	d->fonts[d->nfonts++] = copy;
	return copy;
}

/* The glyphs of the page's words, line by line, as poppler-glib's
 * get_text_layout walks them (a selection of the whole page). */
static bool readGlyphs(TextPage *text, double w, double h, ex_drawn *d)
{
	PDFRectangle all(0, 0, w, h);
	int nlines = 0;
	std::vector<TextWordSelection *> **lines = text->getSelectionWords(&all, selectionStyleGlyph, &nlines);
	bool ok = true;

	if (lines == nullptr)
		return true;
	for (int i = 0; i < nlines; i++) {
		for (TextWordSelection *sel : *lines[i]) {
			const TextWord *word = sel->getWord();

			for (int k = sel->getBegin(); k < sel->getEnd() && ok; k++) {
				ex_glyph g;

				word->getCharBBox(k, &g.x0, &g.y0, &g.x1, &g.y1);
				g.cp = *word->getChar(k);
				g.size = word->getFontSize();
				g.font = fontOf(word, k, d);
				g.line = i;
				g.space_after = 0;
				ok = grow(&d->glyphs, d->nglyphs, &d->capg);
				if (ok)
					d->glyphs[d->nglyphs++] = g;
			}
			delete sel;
		}
		delete lines[i];
	}
	gfree(lines);
	return ok;
}

extern "C" enum ex_drawn_status ex_drawing_read(struct ex_drawing *dr, int number,
                                                enum ex_read what, struct ex_drawn *out)
{
	Page *page;
	Gfx *gfx;
	TextPage *text;
	bool ok;

	if (number < 1 || number > dr->doc->getNumPages() || (page = dr->doc->getPage(number)) == nullptr)
		return EX_DRAWN_FAILED;
	dr->stopped = false;
	PageDev dev(out, what == EX_READ_ALL, dr->images, dr->max_pixels);
	/* as poppler-glib reads the text: crop box, contents, no annotations */
	gfx = page->createGfx(&dev, 72, 72, 0, false, true, -1, -1, -1, -1, false, late, dr);
	page->display(gfx);
	dev.endPage();
	text = dev.takeText();
	delete gfx;
	if (page->getRotate() == 90 || page->getRotate() == 270)
		ok = readGlyphs(text, page->getCropHeight(), page->getCropWidth(), out);
	else
		ok = readGlyphs(text, page->getCropWidth(), page->getCropHeight(), out);
	text->decRefCnt();
	if (!ok || dev.failed())
		return EX_DRAWN_FAILED;
	dev.markSpaces(out);
	return dr->stopped ? EX_DRAWN_LATE : dev.crowded() ? EX_DRAWN_CROWDED : EX_DRAWN_OK;
}

extern "C" void ex_drawn_release(struct ex_drawn *d)
{
	for (size_t i = 0; i < d->nfonts; i++)
		std::free(d->fonts[i]);
	std::free(d->fonts);
	std::free(d->glyphs);
	std::free(d->marks);
	*d = ex_drawn{};
}
