/*
 * offline.c: kam never opens a network connection, yet libgit2 (linked
 * statically, see the Makefile) brings its network code along.  Two
 * pieces of it cost every kam command time at start-up for nothing;
 * they are stood in for here, at link time.
 *
 * 1. Debian's libgit2 (built with mbedTLS) parses every certificate in
 *    /etc/ssl/certs/ca-certificates.crt inside git_libgit2_init(): about
 *    50 million instructions, a third of the start-up of every command
 *    (callgrind: mbedtls_x509_crt_parse_file under git_libgit2_init).
 *    The link wraps that function (-Wl,--wrap=mbedtls_x509_crt_parse_file)
 *    so libgit2's call comes here: it gets an empty certificate chain,
 *    and any TLS connection would fail verification, never succeed
 *    unverified.  With a libgit2 built on OpenSSL it is simply not called.
 *
 * 2. libgit2's HTTP "Negotiate" authentication calls GSSAPI, whose
 *    library (MIT Kerberos: libgssapi_krb5, libkrb5, libk5crypto,
 *    libcom_err, libkrb5support, libkeyutils, libresolv) has no static
 *    archive in Debian; loading and relocating those seven shared
 *    libraries costs about 0.4 ms of CPU per command.  These definitions
 *    fail every call with GSS_S_FAILURE, so libgit2 reports that no
 *    GSSAPI mechanism is available, which it already handles; kam never
 *    gets that far.  The prototypes are MIT's (gssapi/gssapi.h), with
 *    OM_uint32 spelled uint32_t and the opaque handles as pointers.
 */
#include <stddef.h>
#include <stdint.h>

int	__wrap_mbedtls_x509_crt_parse_file(void *chain, const char *path);

int
__wrap_mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

#define GSS_S_FAILURE	(13u << 16)

struct gss_buffer {
	size_t	 length;
	void	*value;
};

/* libgit2 names the target as a host-based service. */
void	*GSS_C_NT_HOSTBASED_SERVICE;
void	*GSS_C_NT_HOSTBASED_SERVICE = NULL;

uint32_t gss_delete_sec_context(uint32_t *, void **, struct gss_buffer *);
uint32_t gss_display_status(uint32_t *, uint32_t, int, void *, uint32_t *,
	    struct gss_buffer *);
uint32_t gss_import_name(uint32_t *, struct gss_buffer *, void *, void **);
uint32_t gss_indicate_mechs(uint32_t *, void **);
uint32_t gss_init_sec_context(uint32_t *, void *, void **, void *, void *,
	    uint32_t, uint32_t, void *, struct gss_buffer *, void **,
	    struct gss_buffer *, uint32_t *, uint32_t *);
uint32_t gss_release_buffer(uint32_t *, struct gss_buffer *);
uint32_t gss_release_name(uint32_t *, void **);
uint32_t gss_release_oid_set(uint32_t *, void **);

uint32_t
gss_delete_sec_context(uint32_t *minor, void **ctx, struct gss_buffer *out)
{
	*minor = 0;
	if (ctx != NULL)
		*ctx = NULL;
	if (out != NULL) {
		out->length = 0;
		out->value = NULL;
	}
	return 0;
}

uint32_t
gss_display_status(uint32_t *minor, uint32_t status, int type, void *mech,
    uint32_t *more, struct gss_buffer *text)
{
	(void)status;
	(void)type;
	(void)mech;
	*minor = 0;
	if (more != NULL)
		*more = 0;
	text->length = 0;
	text->value = NULL;
	return GSS_S_FAILURE;
}

uint32_t
gss_import_name(uint32_t *minor, struct gss_buffer *name, void *type,
    void **out)
{
	(void)name;
	(void)type;
	*minor = 0;
	*out = NULL;
	return GSS_S_FAILURE;
}

uint32_t
gss_indicate_mechs(uint32_t *minor, void **set)
{
	*minor = 0;
	*set = NULL;
	return GSS_S_FAILURE;
}

uint32_t
gss_init_sec_context(uint32_t *minor, void *cred, void **ctx, void *target,
    void *mech, uint32_t flags, uint32_t time, void *bindings,
    struct gss_buffer *in, void **actual, struct gss_buffer *out,
    uint32_t *ret_flags, uint32_t *time_rec)
{
	(void)cred;
	(void)ctx;
	(void)target;
	(void)mech;
	(void)flags;
	(void)time;
	(void)bindings;
	(void)in;
	(void)actual;
	(void)ret_flags;
	(void)time_rec;
	*minor = 0;
	if (out != NULL) {
		out->length = 0;
		out->value = NULL;
	}
	return GSS_S_FAILURE;
}

uint32_t
gss_release_buffer(uint32_t *minor, struct gss_buffer *buf)
{
	*minor = 0;
	if (buf != NULL) {
		buf->length = 0;
		buf->value = NULL;
	}
	return 0;
}

uint32_t
gss_release_name(uint32_t *minor, void **name)
{
	*minor = 0;
	if (name != NULL)
		*name = NULL;
	return 0;
}

uint32_t
gss_release_oid_set(uint32_t *minor, void **set)
{
	*minor = 0;
	if (set != NULL)
		*set = NULL;
	return 0;
}
