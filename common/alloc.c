/* alloc.c - allocation that dies on out-of-memory, and a string buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kp.h"

static _Noreturn void oom(void)
{
	kp_die(KP_EXIT_INTERNAL, NULL, 0, "out of memory");
}

void *kp_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *kp_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *kp_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *kp_xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	return kp_xrealloc(p, n * size);
}

char *kp_xstrdup(const char *s)
{
	return kp_xstrndup(s, strlen(s));
}

char *kp_xstrndup(const char *s, size_t n)
{
	char *p = kp_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void kp_buf_init(struct kp_buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void kp_buf_release(struct kp_buf *b)
{
	free(b->s);
	kp_buf_init(b);
}

void kp_buf_clear(struct kp_buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

static void buf_grow(struct kp_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (need < b->len)
		oom();
	b->cap = b->cap ? b->cap : 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->s = kp_xrealloc(b->s, b->cap);
}

void kp_buf_add(struct kp_buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void kp_buf_puts(struct kp_buf *b, const char *s)
{
	kp_buf_add(b, s, strlen(s));
}

void kp_buf_putc(struct kp_buf *b, int c)
{
	char ch = (char)c;

	kp_buf_add(b, &ch, 1);
}

void kp_buf_printf(struct kp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *kp_buf_detach(struct kp_buf *b)
{
	char *s = b->s ? b->s : kp_xstrdup("");

	kp_buf_init(b);
	return s;
}
