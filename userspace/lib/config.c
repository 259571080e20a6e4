// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsct: rules and traces in configfs, /sys/kernel/config/sct/rules/NAME
 * and /sys/kernel/config/sct/traces/NAME.
 *
 * The one place that reads and writes the rule attributes, so that the
 * tools agree on what a rule is.  Every function returns 0 (or a count)
 * on success and a negative errno value on failure; sct_error_detail()
 * then says which attribute the kernel refused, and why.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "rules-internal.h"

static __thread char sct_detail[SCT_DETAIL_MAX];

static void set_detail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sct_detail, sizeof(sct_detail), fmt, ap);
	va_end(ap);
}

/* set_detail(), for the other parts of libsct. */
void sct_rf_detail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sct_detail, sizeof(sct_detail), fmt, ap);
	va_end(ap);
}

/* A call of the API starts: no detail yet. */
void sct_rf_detail_clear(void)
{
	sct_detail[0] = '\0';
}

/**
 * sct_error_detail() - what the last failing call of this thread did
 *
 * Return: a line such as "rule x: filter: Invalid argument", with the
 * kernel's filter_error text after it when a filter did not compile; ""
 * if there was no failure.  Valid until the next libsct call.
 */
const char *sct_error_detail(void)
{
	return sct_detail;
}

/**
 * sct_strerror() - the message of an error code
 * @err: a value a libsct function returned (negative errno)
 *
 * The text strerror(3) gives, without its buffer, which the caller's
 * own strerror() calls share: the static text of a known code, and for
 * an unknown one a buffer of the calling thread's, valid until its next
 * sct_strerror().
 *
 * Return: the message.
 */
const char *sct_strerror(int err)
{
	static __thread char unknown[64];
	int e = err < 0 ? -err : err;
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 32)
	const char *s = strerrordesc_np(e);

	if (s)
		return s;
	snprintf(unknown, sizeof(unknown), "Unknown error %d", e);
	return unknown;
#elif defined(__GLIBC__)
	/* GNU strerror_r(): the static text, or @unknown filled. */
	return strerror_r(e, unknown, sizeof(unknown));
#else
	/* XSI strerror_r(). */
	if (strerror_r(e, unknown, sizeof(unknown)))
		snprintf(unknown, sizeof(unknown), "Unknown error %d", e);
	return unknown;
#endif
}

/**
 * sct_configfs_root() - where sct's configfs directory is
 *
 * Return: sct_get_path(SCT_PATH_CONFIGFS): SCT_CONFIGFS_ROOT, or the
 * directory sct_set_path() gave (for tests).
 */
const char *sct_configfs_root(void)
{
	return sct_get_path(SCT_PATH_CONFIGFS);
}

/* What to add to a message of EPERM: the capability that is missing. */
static const char *eperm_hint(int err)
{
	return err == -EPERM ?
	       " (changing sct's rules needs CAP_SYS_ADMIN in the initial user namespace)" :
	       "";
}

/* The same, for a change to a trace. */
static const char *trace_eperm_hint(int err)
{
	return err == -EPERM ?
	       " (changing sct's traces needs CAP_SYS_ADMIN in the initial user namespace)" :
	       "";
}

static int trace_name(const char *name);

/*
 * Check the name of a rule before it goes into a path: the kernel's rules
 * for names, which also keep it one component of the path ("../x" is not
 * a name).
 */
static int rule_name(const char *name)
{
	const char *why = sct_rf_bad_name(name);

	if (!why)
		return 0;
	set_detail("invalid rule name '%s': %s (a name is 1 to 63 characters from A-Z a-z 0-9 _ . -, not starting with '-' or '.')",
		   name, why);
	return -EINVAL;
}

/*
 * The path of rule @name's attribute @attr (its directory for NULL), after
 * checking the name; of the global attribute @attr for a NULL @name.
 */
static int rule_path(char *buf, size_t size, const char *name,
		     const char *attr)
{
	int n;

	if (name && rule_name(name))
		return -EINVAL;
	if (name)
		n = snprintf(buf, size, "%s/rules/%s%s%s", sct_configfs_root(),
			     name, attr ? "/" : "", attr ? attr : "");
	else
		n = snprintf(buf, size, "%s/%s", sct_configfs_root(), attr);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* The path of a trace (@name NULL: of traces/), or of its attribute. */
static int trace_path(char *buf, size_t size, const char *name,
		      const char *attr)
{
	int n;

	n = snprintf(buf, size, "%s/traces%s%s%s%s", sct_configfs_root(),
		     name ? "/" : "", name ? name : "", attr ? "/" : "",
		     attr ? attr : "");
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/*
 * Read the file at @path into @buf, NUL-terminated, as much of it as
 * fits.  Return: its length, or a negative errno.
 */
static ssize_t read_file(const char *path, char *buf, size_t size)
{
	ssize_t n, len = 0;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((size_t)len < size - 1) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			close(fd);
			return ret;
		}
		if (!n)
			break;
		len += n;
	}
	close(fd);
	buf[len] = '\0';
	return len;
}

/*
 * Read an attribute into @buf, without the newline the kernel ends it
 * with.  @name NULL reads a global attribute.
 */
static int read_attr(const char *name, const char *attr, char *buf,
		     size_t size)
{
	char path[PATH_MAX];
	ssize_t len;
	int ret;

	ret = rule_path(path, sizeof(path), name, attr);
	if (ret)
		return ret;
	len = read_file(path, buf, size);
	if (len < 0)
		return len;
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	return 0;
}

/*
 * Write @val to the file at @path in one write(2), as configfs wants it.
 * Return: 0 or a negative errno, of the open or of the write.
 */
static int write_file(const char *path, const char *val)
{
	size_t len = strlen(val);
	int fd, ret;
	ssize_t n;

	fd = open(path, O_WRONLY | O_CLOEXEC | O_TRUNC);
	if (fd < 0)
		return -errno;
	do {
		n = write(fd, val, len ? len : 1);
	} while (n < 0 && errno == EINTR);
	ret = n < 0 ? -errno : 0;
	close(fd);
	return ret;
}

/* Write @val to an attribute of rule @name. */
static int write_attr(const char *name, const char *attr, const char *val)
{
	char path[PATH_MAX];
	int ret;

	ret = rule_path(path, sizeof(path), name, attr);
	if (ret)
		return ret;
	ret = write_file(path, val);
	if (ret)
		set_detail("rule %s: %s: %s%s", name, attr, strerror(-ret),
			   eperm_hint(ret));
	return ret;
}

/* configfs takes "\n" as an empty value; write() of nothing is not one. */
static int write_text(const char *name, const char *attr, const char *val)
{
	return write_attr(name, attr, *val ? val : "\n");
}

static int write_int(const char *name, const char *attr, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	return write_attr(name, attr, buf);
}

/*
 * The attribute @attr that older kernels do not have was written with
 * @ret: where the kernel lacks it (-ENOENT for a rule that is there), a
 * default value (@set false) is fine, and another is refused with
 * -EOPNOTSUPP and a message that names @what, as the rule file writes
 * it.
 */
static int new_attr_written(const char *name, const char *attr, int ret,
			    bool set, const char *what)
{
	if (ret != -ENOENT || sct_rule_exists(name) != 1)
		return ret;
	if (!set) {
		sct_detail[0] = '\0';
		return 0;
	}
	set_detail("rule %s: %s: this kernel has no '%s' attribute (it predates it): remove '%s' from the rule, or boot a newer kernel",
		   name, attr, attr, what);
	return -EOPNOTSUPP;
}

/*
 * A 0/1 attribute that older kernels do not have (force, act_on_init).
 * 1 is written, and refused with -EOPNOTSUPP and a clear message where
 * the kernel does not have the attribute; 0, the default, is written
 * only where the kernel has it (a rule being rewritten may have had 1).
 */
static int write_new_bool(const char *name, const char *attr, int v)
{
	char what[64];

	snprintf(what, sizeof(what), "%s = yes", attr);
	return new_attr_written(name, attr, write_int(name, attr, !!v), v,
				what);
}

/*
 * A text attribute that older kernels do not have (trace), as
 * write_new_bool() writes a 0/1 one: "" is the default.
 */
static int write_new_text(const char *name, const char *attr,
			  const char *val)
{
	char what[128];

	snprintf(what, sizeof(what), "%s = %s", attr, val);
	return new_attr_written(name, attr, write_text(name, attr, val),
				*val, what);
}

/*
 * A number attribute that older kernels do not have (capture_size), as
 * write_new_bool() writes a 0/1 one: 0 is the default.
 */
static int write_new_uint(const char *name, const char *attr,
			  unsigned int v)
{
	char what[64];

	snprintf(what, sizeof(what), "%s = %u", attr, v);
	return new_attr_written(name, attr, write_int(name, attr, v), v,
				what);
}

static int read_ll(const char *name, const char *attr, long long *v)
{
	char buf[32], *end;
	int ret;

	ret = read_attr(name, attr, buf, sizeof(buf));
	if (ret)
		return ret;
	errno = 0;
	*v = strtoll(buf, &end, 10);
	if (errno || end == buf || *end)
		return -EPROTO;
	return 0;
}

/*
 * A 0/1 attribute that older kernels do not have (force, act_on_init):
 * 0, its default, where the kernel does not have it.
 */
static int read_new_bool(const char *name, const char *attr, int *v)
{
	long long ll;
	int ret;

	ret = read_ll(name, attr, &ll);
	if (ret == -ENOENT && sct_rule_exists(name) == 1) {
		*v = 0;
		return 0;
	}
	*v = !ret && ll;
	return ret;
}

/*
 * A number attribute that older kernels do not have (capture_size): 0,
 * its default, where the kernel does not have it.
 */
static int read_new_uint(const char *name, const char *attr,
			 unsigned int *v)
{
	long long ll = 0;
	int ret;

	ret = read_ll(name, attr, &ll);
	if (ret == -ENOENT && sct_rule_exists(name) == 1)
		ret = 0;
	else if (!ret && (ll < 0 || ll > UINT_MAX))
		ret = -EPROTO;
	*v = ret ? 0 : ll;
	return ret;
}

/*
 * A text attribute that older kernels do not have (trace): "", its
 * default, where the kernel does not have it.
 */
static int read_new_text(const char *name, const char *attr, char *buf,
			 size_t size)
{
	int ret;

	ret = read_attr(name, attr, buf, size);
	if (ret == -ENOENT && sct_rule_exists(name) == 1) {
		buf[0] = '\0';
		return 0;
	}
	return ret;
}

/**
 * sct_available() - is sct there to be configured?
 *
 * Return: 0, -ENOENT when configfs or sct is missing (not mounted, or a
 * kernel without CONFIG_SYSCALL_TRACK), or another negative errno.
 */
int sct_available(void)
{
	char path[PATH_MAX];
	struct stat st;
	int ret;

	ret = rule_path(path, sizeof(path), NULL, "rules");
	if (ret)
		return ret;
	if (stat(path, &st))
		return -errno;
	return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/**
 * sct_rule_names() - the names of the rules there are
 * @names: set to a malloc()ed array of malloc()ed names, sorted; free it
 *	with sct_rule_names_free()
 *
 * Return: how many, or a negative errno.
 */
int sct_rule_names(char ***names)
{
	char path[PATH_MAX], **v = NULL, **nv;
	size_t n = 0, cap = 0;
	struct dirent *de;
	DIR *dir;
	int ret;

	*names = NULL;
	ret = rule_path(path, sizeof(path), NULL, "rules");
	if (ret)
		return ret;
	dir = opendir(path);
	if (!dir)
		return -errno;
	while ((errno = 0, de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv)
				goto nomem;
			v = nv;
		}
		v[n] = strdup(de->d_name);
		if (!v[n])
			goto nomem;
		n++;
	}
	ret = errno ? -errno : 0;
	closedir(dir);
	if (ret) {
		sct_rule_names_free(v, n);
		return ret;
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_names);
	*names = v;
	return n;
nomem:
	closedir(dir);
	sct_rule_names_free(v, n);
	return -ENOMEM;
}

/** sct_rule_names_free() - free what sct_rule_names() returned */
void sct_rule_names_free(char **names, int count)
{
	int i;

	for (i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

/**
 * sct_rule_count() - how many rules there are, enabled or not
 *
 * Return: the count, or a negative errno.
 */
int sct_rule_count(void)
{
	char **names;
	int n;

	n = sct_rule_names(&names);
	if (n > 0)
		sct_rule_names_free(names, n);
	return n;
}

/**
 * sct_rule_exists() - is there a rule of this name?
 * @name: the rule's name
 *
 * Return: 1, 0, or a negative errno.
 */
int sct_rule_exists(const char *name)
{
	char path[PATH_MAX];
	struct stat st;
	int ret;

	ret = rule_path(path, sizeof(path), name, NULL);
	if (ret)
		return ret;
	if (!stat(path, &st))
		return 1;
	return errno == ENOENT ? 0 : -errno;
}

/**
 * sct_rule_read() - read a rule's attributes from the kernel
 * @name: the rule's name
 * @r: filled in as a rule file would give it: attributes that do not
 *	apply to the action, and a log_target of "device", are left empty;
 *	r->file is "" and the positions are 0; force, act_on_init and
 *	capture_size are 0, and trace is "", on a kernel that does not
 *	have them
 * @st: if not NULL, filled in with the rule's state
 *
 * Return: 0, or a negative errno (-ENOENT: no such rule).
 */
int sct_rule_read(const char *name, struct sct_rule *r,
		  struct sct_rule_state *st)
{
	char buf[32];
	long long v;
	int ret;

	memset(r, 0, sizeof(*r));
	ret = rule_name(name);
	if (ret)
		return ret;
	strcpy(r->name, name);
	ret = read_attr(name, "syscall", r->syscall, sizeof(r->syscall));
	if (!ret)
		ret = read_attr(name, "when", buf, sizeof(buf));
	if (!ret)
		r->when = strcmp(buf, "after") ? SCT_WHEN_BEFORE :
						 SCT_WHEN_AFTER;
	if (!ret)
		ret = read_attr(name, "action", r->action, sizeof(r->action));
	if (!ret)
		ret = read_attr(name, "error_code", r->error_code,
				sizeof(r->error_code));
	if (!ret)
		ret = read_ll(name, "order", &v);
	if (!ret)
		r->order = v;
	if (!ret)
		ret = read_ll(name, "continue", &v);
	if (!ret)
		r->cont = !!v;
	if (!ret)
		ret = read_attr(name, "filter", r->filter, sizeof(r->filter));
	if (!ret)
		ret = read_attr(name, "log_format", r->log_format,
				sizeof(r->log_format));
	if (!ret)
		ret = read_attr(name, "log_target", r->log_target,
				sizeof(r->log_target));
	if (!ret)
		ret = read_ll(name, "enabled", &v);
	if (!ret)
		r->enabled = !!v;
	if (!ret)
		ret = read_new_bool(name, "force", &r->force);
	if (!ret)
		ret = read_new_bool(name, "act_on_init", &r->act_on_init);
	if (!ret)
		ret = read_new_text(name, "trace", r->trace, sizeof(r->trace));
	if (!ret)
		ret = read_new_uint(name, "capture_size", &r->capture_size);
	if (ret)
		goto out;
	/* NAME or ABI:NAME; a name this libsct does not know has nr -1. */
	sct_syscall_parse(r->syscall, &r->abi, &r->nr);
	/* A live rule has its place: show it, so that it keeps it. */
	r->order_set = 1;
	/*
	 * Attributes that do not apply to the rule's action, or have their
	 * default value, are left out, as a rule file leaves them out.
	 */
	if (strcmp(r->action, "fail"))
		r->error_code[0] = '\0';
	if (strcmp(r->action, "log")) {
		r->log_format[0] = '\0';
		r->log_target[0] = '\0';
		r->cont = 0;
		r->capture_size = 0;
	} else {
		r->force = 0;
		r->act_on_init = 0;
		if (!strcmp(r->log_target, "device"))
			r->log_target[0] = '\0';
	}
	if (st) {
		memset(st, 0, sizeof(*st));
		ret = read_ll(name, "hits", &v);
		st->hits = v;
		if (!ret)
			ret = read_ll(name, "id", &v);
		st->id = v;
	}
out:
	if (ret)
		set_detail("rule %s: %s", name, strerror(-ret));
	return ret;
}

/* An unsigned decimal number and maybe a newline, as the kernel shows one. */
static int parse_u64(const char *buf, uint64_t *v)
{
	unsigned long long ll;
	char *end;

	if (!isdigit((unsigned char)buf[0]))
		return -EPROTO;
	errno = 0;
	ll = strtoull(buf, &end, 10);
	if (errno || (*end && strcmp(end, "\n")))
		return -EPROTO;
	*v = ll;
	return 0;
}

int sct_rule_id(const char *name, uint64_t *id)
{
	char buf[32];
	int ret;

	sct_detail[0] = '\0';
	ret = rule_name(name);
	if (ret)
		return ret;
	ret = read_attr(name, "id", buf, sizeof(buf));
	if (!ret)
		ret = parse_u64(buf, id);
	if (ret)
		set_detail("rule %s: id: %s", name, strerror(-ret));
	return ret;
}

/**
 * sct_rule_filter_error() - why a rule's last filter did not compile
 * @name: the rule's name
 * @buf: where the kernel's text goes: the expression, a caret line and
 *	"error: ..."; "" once a filter compiled
 * @size: the size of @buf
 *
 * Return: 0 or a negative errno.
 */
int sct_rule_filter_error(const char *name, char *buf, size_t size)
{
	return read_attr(name, "filter_error", buf, size);
}

/**
 * sct_rule_set_attrs() - write a disabled rule's attributes
 * @r: the rule, whose name names the directory
 *
 * Writes every attribute of @r, the filter last (it is compiled for the
 * side "when" sets), and trace among them: enabling the rule, after, looks
 * its trace up.  The rule must be disabled (the kernel refuses with
 * -EBUSY otherwise).  force, act_on_init, trace and capture_size, which
 * older kernels do not have, are written there only when set: such a
 * kernel makes a rule that sets one fail with -EOPNOTSUPP.
 *
 * Return: 0 or a negative errno; sct_error_detail() names the attribute
 * and, for a filter, gives the kernel's filter_error text.
 */
int sct_rule_set_attrs(const struct sct_rule *r)
{
	const char *n = r->name;
	char ferr[2048];
	int ret;

	/* Both names, before anything is written. */
	ret = rule_name(n);
	if (!ret && r->trace[0])
		ret = trace_name(r->trace);
	if (ret)
		return ret;
	ret = write_text(n, "syscall", r->syscall);
	if (!ret)
		ret = write_text(n, "when", r->when == SCT_WHEN_AFTER ?
					    "after" : "before");
	if (!ret)
		ret = write_text(n, "action", r->action[0] ? r->action : "log");
	if (!ret)
		ret = write_text(n, "error_code",
				 r->error_code[0] ? r->error_code : "EPERM");
	if (!ret)
		ret = write_int(n, "order", r->order);
	if (!ret)
		ret = write_int(n, "continue", !!r->cont);
	if (!ret)
		ret = write_text(n, "log_target",
				 r->log_target[0] ? r->log_target : "device");
	if (!ret)
		ret = write_text(n, "log_format", r->log_format);
	if (!ret)
		ret = write_new_bool(n, "force", r->force);
	if (!ret)
		ret = write_new_bool(n, "act_on_init", r->act_on_init);
	if (!ret)
		ret = write_new_text(n, "trace", r->trace);
	if (!ret)
		ret = write_new_uint(n, "capture_size", r->capture_size);
	if (ret)
		return ret;
	ret = write_text(n, "filter", r->filter);
	if (ret == -EINVAL &&
	    !sct_rule_filter_error(n, ferr, sizeof(ferr)) && ferr[0])
		set_detail("rule %s: filter:\n%s", n, ferr);
	return ret;
}

/**
 * sct_disabled_at_boot() - was the kernel booted with sct=off?
 *
 * Reads /proc/cmdline (or the file sct_set_path() gave for
 * SCT_PATH_CMDLINE, for tests).  With sct=off
 * the kernel refuses to enable any rule, and the global switch, with
 * -EPERM.
 *
 * Return: 1 if the command line has the word sct=off, 0 if not, or a
 * negative errno when it cannot be read.
 */
int sct_disabled_at_boot(void)
{
	char buf[4096], *p, *word;
	ssize_t len;

	len = read_file(sct_get_path(SCT_PATH_CMDLINE), buf, sizeof(buf));
	if (len < 0)
		return len;
	for (p = buf; *p; ) {
		while (*p && sct_isspace((unsigned char)*p))
			p++;
		word = p;
		while (*p && !sct_isspace((unsigned char)*p))
			p++;
		if (p - word == 7 && !strncmp(word, "sct=off", 7))
			return 1;
	}
	return 0;
}

/**
 * sct_rule_refusal() - why the kernel refused to enable a rule with EPERM
 * @name: the rule's name
 * @buf: where the reason goes, one or more lines
 * @size: the size of @buf
 *
 * In this order: the kernel was booted with sct=off; the rule's
 * filter_error has text, which is the kernel's own reason (such as an
 * unfiltered fail rule on a syscall the system needs to recover, which
 * needs force); else the caller lacks CAP_SYS_ADMIN.
 *
 * Return: 0 (@buf has the reason), or -EINVAL for a @size of 0.
 */
int sct_rule_refusal(const char *name, char *buf, size_t size)
{
	char ferr[2048];

	if (!size || rule_name(name))
		return -EINVAL;
	if (sct_disabled_at_boot() == 1) {
		snprintf(buf, size, "sct is disabled on the kernel command line (sct=off): no rule can be enabled until the system boots without it");
		return 0;
	}
	if (!sct_rule_filter_error(name, ferr, sizeof(ferr)) && ferr[0]) {
		snprintf(buf, size, "%s", ferr);
		return 0;
	}
	snprintf(buf, size, "%s: enabling rules needs CAP_SYS_ADMIN in the initial user namespace",
		 strerror(EPERM));
	return 0;
}

/*
 * Enabling rule @name failed with -ENOENT: if the trace it names is not
 * there, say so.
 */
static void trace_refusal(const char *name)
{
	char trace[SCT_RULE_NAME_LEN];

	if (sct_rule_exists(name) != 1 ||
	    read_attr(name, "trace", trace, sizeof(trace)) || !trace[0] ||
	    sct_trace_exists(trace) == 1)
		return;
	set_detail("rule %s: enabled: no trace '%s': make it first (mkdir %s/traces/%s), or give the rule another trace",
		   name, trace, sct_configfs_root(), trace);
}

/*
 * Enabling rule @name failed with -EINVAL: if it has a capture_size but
 * no trace, which the kernel refuses, say so.
 */
static void capture_refusal(const char *name)
{
	char trace[SCT_RULE_NAME_LEN];
	long long size;

	if (read_ll(name, "capture_size", &size) || size <= 0 ||
	    read_attr(name, "trace", trace, sizeof(trace)) || trace[0])
		return;
	set_detail("rule %s: enabled: capture_size %lld needs a trace (captures are for the calls of a trace's members): give the rule a trace, or capture_size 0",
		   name, size);
}

/**
 * sct_rule_enable() - put a rule into effect, or take it out
 * @name: the rule's name
 * @on: true to enable
 *
 * Return: 0 or a negative errno (-EINVAL: the kernel refused the rule as
 * it is, e.g. %retval in a before rule's log_format; -EPERM: see
 * sct_rule_refusal(), whose reason sct_error_detail() then gives;
 * -ENOENT: no such rule, or the trace the rule names does not exist,
 * which sct_error_detail() then says; -EINVAL too for a capture_size
 * without a trace, which it says as well).
 */
int sct_rule_enable(const char *name, bool on)
{
	char why[SCT_DETAIL_MAX - 128];
	int ret;

	ret = write_attr(name, "enabled", on ? "1" : "0");
	if (ret == -EPERM && on && !sct_rule_refusal(name, why, sizeof(why)))
		set_detail("rule %s: enabled: %s", name, why);
	if (ret == -ENOENT && on)
		trace_refusal(name);
	if (ret == -EINVAL && on)
		capture_refusal(name);
	return ret;
}

/**
 * sct_rule_delete() - remove a rule (the kernel disables it first)
 * @name: the rule's name
 *
 * Return: 0 or a negative errno (-ENOENT: no such rule).
 */
int sct_rule_delete(const char *name)
{
	char path[PATH_MAX];
	int ret;

	ret = rule_path(path, sizeof(path), name, NULL);
	if (ret)
		return ret;
	if (rmdir(path)) {
		ret = -errno;
		set_detail("rule %s: %s%s", name, strerror(-ret),
			   eperm_hint(ret));
		return ret;
	}
	return 0;
}

/**
 * sct_rule_create() - make a rule in the kernel
 * @r: the rule; r->enabled says whether to enable it once it is set
 *
 * Makes the rule's directory and writes its attributes.  On failure the
 * directory is removed again: nothing changed.
 *
 * Return: 0, -EEXIST if a rule of that name exists, or another negative
 * errno (see sct_error_detail()).
 */
int sct_rule_create(const struct sct_rule *r)
{
	char path[PATH_MAX];
	int ret;

	sct_detail[0] = '\0';
	ret = rule_path(path, sizeof(path), r->name, NULL);
	if (!ret && r->trace[0])
		ret = trace_name(r->trace);
	if (ret)
		return ret;
	if (mkdir(path, 0755)) {
		ret = -errno;
		set_detail("rule %s: %s%s", r->name, strerror(-ret),
			   eperm_hint(ret));
		return ret;
	}
	ret = sct_rule_set_attrs(r);
	if (!ret && r->enabled)
		ret = sct_rule_enable(r->name, true);
	if (ret)
		rmdir(path);
	return ret;
}

/**
 * sct_rule_update() - change a rule's attributes
 * @r: the rule as it should be; r->enabled included
 *
 * Disables the rule, writes the attributes and enables it again if
 * r->enabled says so.  On failure the rule's old attributes are written
 * back, and its old state restored.
 *
 * When @r differs from the rule only in its order (as sct_rule_same()
 * compares them), the order alone is written: a kernel that moves an
 * enabled rule in its tables (Linux with sct's patch 0043) does so under
 * its lock, and the rule never leaves effect; an older kernel refuses
 * with EBUSY, and the rule is rewritten as above.
 *
 * Return: 0 or a negative errno (see sct_error_detail()); the error of
 * the change when the old rule was restored, -ENOTRECOVERABLE when it
 * could not be (the detail says how the rule was left, and both errors).
 */
int sct_rule_update(const struct sct_rule *r)
{
	char detail[SCT_DETAIL_MAX];
	struct sct_rule old, moved;
	const char *state;
	int ret, undo;

	if (r->trace[0] && trace_name(r->trace))
		return -EINVAL;
	ret = sct_rule_read(r->name, &old, NULL);
	if (ret)
		return ret;
	/*
	 * Only the order differs: a kernel that moves an enabled rule in
	 * its tables takes it as it is, and the rule stays in effect; an
	 * older one says -EBUSY, and the rule is rewritten as below.
	 */
	moved = old;
	moved.order = r->order;
	if (sct_rule_same(&moved, r)) {
		ret = write_int(r->name, "order", r->order);
		if (ret != -EBUSY)
			return ret;
		sct_detail[0] = '\0';
	}
	if (old.enabled) {
		ret = sct_rule_enable(r->name, false);
		if (ret)
			return ret;
	}
	ret = sct_rule_set_attrs(r);
	if (!ret && r->enabled)
		ret = sct_rule_enable(r->name, true);
	if (!ret)
		return 0;
	/* Undo: disable it, write the old attributes, enable it again. */
	memcpy(detail, sct_detail, sizeof(detail));
	state = "in an unknown state";
	undo = sct_rule_enable(r->name, false);
	if (!undo) {
		state = "disabled";
		undo = sct_rule_set_attrs(&old);
	}
	if (!undo && old.enabled)
		undo = sct_rule_enable(r->name, true);
	if (undo) {
		char why[SCT_DETAIL_MAX];

		memcpy(why, sct_detail, sizeof(why));
		set_detail("rule %s left %s, not as it was: undoing the change failed: %.1500s (the change failed: %.1500s)",
			   r->name, state, why, detail);
		return -ENOTRECOVERABLE;
	}
	memcpy(sct_detail, detail, sizeof(detail));
	return ret;
}

/*
 * The lock of the rule set: a file under /run, or next to the test
 * directory that stands for configfs, so that tests leave /run alone.
 */
static int rules_lock_path(char *path, size_t size, char *dir, size_t dsize)
{
	const char *root = sct_configfs_root();
	int n;

	if (!strcmp(root, SCT_CONFIGFS_ROOT)) {
		snprintf(dir, dsize, "%s", SCT_RULES_LOCK_DIR);
		n = snprintf(path, size, "%s", SCT_RULES_LOCK);
	} else {
		snprintf(dir, dsize, "%s", root);
		n = snprintf(path, size, "%s/rules.lock", root);
	}
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* For the tests: take the lock as on a kernel without file locking. */
static bool lock_by_socket;

void sct_rf_lock_by_socket(bool on)
{
	lock_by_socket = on;
}

/*
 * Open the directory of the lock, made (mode 0700) if missing, and check
 * that no one but root and the caller can put a file into it: not a
 * symbolic link, owned by root or by the caller's effective user, and
 * writable by neither its group nor others.  Return: a descriptor of it,
 * or a negative errno (-EPERM for a directory that fails the checks).
 */
static int rules_lock_dir(const char *dir)
{
	struct stat st;
	int dfd, ret;

	if (mkdir(dir, 0700) && errno != EEXIST) {
		ret = -errno;
		set_detail("the lock of the rules: %s: %s", dir, strerror(-ret));
		return ret;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0) {
		ret = -errno;
		set_detail("the lock of the rules: %s: %s%s", dir,
			   strerror(-ret),
			   ret == -ELOOP || ret == -ENOTDIR ?
			   " (it must be a directory, not a symbolic link)" :
			   "");
		return ret;
	}
	if (fstat(dfd, &st)) {
		ret = -errno;
		close(dfd);
		set_detail("the lock of the rules: %s: %s", dir, strerror(-ret));
		return ret;
	}
	if ((st.st_uid != 0 && st.st_uid != geteuid()) ||
	    (st.st_mode & 022)) {
		close(dfd);
		set_detail("the lock of the rules: %s: owned by uid %u, mode %04o: refused (it must be owned by root or the caller, and writable by no one else)",
			   dir, (unsigned int)st.st_uid,
			   (unsigned int)(st.st_mode & 07777));
		return -EPERM;
	}
	return dfd;
}

/*
 * A process has the abstract name of the lock bound (@sa): ask the
 * kernel who it is, and wait until it lets go.  The holder listens on
 * the name; a connection to it tells its credentials (SO_PEERCRED), and
 * the kernel ends the connection when the holder closes the lock or
 * dies.  An abstract name has no owner and no mode, so any process can
 * bind it: one that is neither root nor the caller's effective user, or
 * that does not listen on it, holds no lock of sct's and is refused
 * (-EADDRINUSE) rather than waited for.  @notlistening counts the tries
 * that found the name bound but no listener (a holder between its bind()
 * and its listen() is so for a moment).
 *
 * Return: 0 when the name may be free now, or a negative errno.
 */
static int rules_lock_holder(const char *path, const struct sockaddr_un *sa,
			     socklen_t len, unsigned int flags,
			     int *notlistening)
{
	struct timespec pause = { 0, 10000000 };	/* 10 ms */
	struct ucred cred;
	socklen_t clen = sizeof(cred);
	struct pollfd pfd;
	int fd, ret;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (const struct sockaddr *)sa, len)) {
		ret = -errno;
		close(fd);
		if (ret == -ECONNREFUSED && ++*notlistening < 50) {
			/* Let go meanwhile, or not listening yet. */
			if (flags & SCT_LOCK_NONBLOCK)
				return -EWOULDBLOCK;
			return nanosleep(&pause, NULL) ? -errno : 0;
		}
		if (ret == -ECONNREFUSED || ret == -EAGAIN) {
			set_detail("the lock of the rules: %s: its abstract socket name is bound by a process that %s: refused, not waited for (any process can bind such a name)",
				   path, ret == -EAGAIN ?
				   "takes no more connections" :
				   "does not listen on it, as a holder does");
			return -EADDRINUSE;
		}
		return ret;
	}
	*notlistening = 0;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen)) {
		ret = -errno;
		close(fd);
		return ret;
	}
	if (cred.uid != 0 && cred.uid != geteuid()) {
		close(fd);
		set_detail("the lock of the rules: %s: its abstract socket name is held by process %d of uid %u, neither root nor the caller: refused, not waited for (any process can bind such a name)",
			   path, (int)cred.pid, (unsigned int)cred.uid);
		return -EADDRINUSE;
	}
	if (flags & SCT_LOCK_NONBLOCK) {
		close(fd);
		return -EWOULDBLOCK;
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	ret = poll(&pfd, 1, -1) < 0 ? -errno : 0;
	close(fd);
	return ret;
}

/*
 * The lock on a kernel without file locking (CONFIG_FILE_LOCKING=n,
 * where flock() is ENOSYS): the name @path in the abstract namespace of
 * Unix sockets, bound and listened on by its holder; the kernel frees it
 * when its holder dies.  Every program there takes this one, as the
 * kernel is the same for all.  It is exclusive: a shared lock is taken
 * as an exclusive one.
 */
static int rules_lock_socket(const char *path, unsigned int flags)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, ret, notlistening = 0;
	socklen_t len;

	ret = snprintf(sa.sun_path + 1, sizeof(sa.sun_path) - 1, "%s", path);
	if (ret < 0 || (size_t)ret >= sizeof(sa.sun_path) - 1)
		return -ENAMETOOLONG;
	len = offsetof(struct sockaddr_un, sun_path) + 1 + ret;
	for (;;) {
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return -errno;
		if (!bind(fd, (struct sockaddr *)&sa, len)) {
			if (!listen(fd, SOMAXCONN))
				return fd;
			ret = -errno;
			close(fd);
			return ret;
		}
		ret = -errno;
		close(fd);
		if (ret != -EADDRINUSE)
			return ret;
		ret = rules_lock_holder(path, &sa, len, flags, &notlistening);
		if (ret)
			return ret;
	}
}

/**
 * sct_rules_lock() - take the lock of the rule set
 * @flags: 0 to wait for it, %SCT_LOCK_NONBLOCK to fail at once when
 *         another holds it, %SCT_LOCK_SHARED for a shared lock
 *
 * Documented in sct.h.
 */
int sct_rules_lock(unsigned int flags)
{
	char path[PATH_MAX], dir[PATH_MAX];
	int dfd, fd, ret, op;
	struct stat st;

	sct_detail[0] = '\0';
	if (flags & ~(SCT_LOCK_NONBLOCK | SCT_LOCK_SHARED)) {
		set_detail("sct_rules_lock: unknown flags 0x%x", flags);
		return -EINVAL;
	}
	ret = rules_lock_path(path, sizeof(path), dir, sizeof(dir));
	if (ret) {
		set_detail("the lock of the rules: %s", strerror(-ret));
		return ret;
	}
	dfd = rules_lock_dir(dir);
	if (dfd < 0)
		return dfd;
	fd = openat(dfd, "rules.lock",
		    O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
	ret = fd < 0 ? -errno : 0;
	close(dfd);
	if (!ret && fstat(fd, &st))
		ret = -errno;
	if (!ret && !S_ISREG(st.st_mode)) {
		close(fd);
		set_detail("the lock of the rules: %s: not a regular file: refused",
			   path);
		return -EPERM;
	}
	if (ret) {
		if (fd >= 0)
			close(fd);
		set_detail("the lock of the rules: %s: %s%s", path,
			   strerror(-ret), ret == -ELOOP ?
			   " (it must be a file, not a symbolic link)" : "");
		return ret;
	}
	op = flags & SCT_LOCK_SHARED ? LOCK_SH : LOCK_EX;
	if (flags & SCT_LOCK_NONBLOCK)
		op |= LOCK_NB;
	if (lock_by_socket || flock(fd, op)) {
		ret = lock_by_socket ? -ENOSYS : -errno;
		close(fd);
		if (ret == -ENOSYS) {
			ret = rules_lock_socket(path, flags);
			if (ret >= 0)
				return ret;
			if (ret == -EADDRINUSE)
				return ret;	/* the detail is said */
		}
		set_detail("the lock of the rules: %s: %s", path,
			   ret == -EWOULDBLOCK ?
			   "held by another program that reads or changes the rules" :
			   strerror(-ret));
		return ret;
	}
	return fd;
}

/**
 * sct_rules_unlock() - give the lock of the rule set back
 * @fd: what sct_rules_lock() returned; a negative value is ignored
 */
void sct_rules_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

/*
 * Traces, /sys/kernel/config/sct/traces/NAME: sets of processes that
 * follow forks, which rules can be scoped to.  The functions are
 * documented in sct.h.
 */

/*
 * Check the name of a trace before it goes into a path: the kernel's
 * rules for names, which also keep it one component of the path.
 */
static int trace_name(const char *name)
{
	const char *why = sct_rf_bad_name(name);

	if (!why)
		return 0;
	set_detail("invalid trace name '%s': %s (a name is 1 to 63 characters from A-Z a-z 0-9 _ . -, not starting with '-' or '.')",
		   name, why);
	return -EINVAL;
}

/* trace_name(), for the other parts of libsct. */
int sct_rf_trace_name(const char *name)
{
	return trace_name(name);
}

/*
 * The path of trace @name's file @attr (its directory for NULL), after
 * checking the name; @clear starts a call of the API: no detail yet.
 */
static int trace_file(char *path, size_t size, const char *name,
		      const char *attr, bool clear)
{
	int ret;

	if (clear)
		sct_detail[0] = '\0';
	ret = trace_name(name);
	return ret ?: trace_path(path, size, name, attr);
}

/* Is sct there, but without traces/: a kernel that predates traces? */
static bool no_traces(void)
{
	char path[PATH_MAX];
	struct stat st;

	if (sct_available() || trace_path(path, sizeof(path), NULL, NULL))
		return false;
	return stat(path, &st) && errno == ENOENT;
}

/* Trace @name is not there: say why. */
static void trace_enoent(const char *name)
{
	if (sct_available())
		set_detail("trace %s: sct is not there (is configfs mounted, and the kernel built with CONFIG_SYSCALL_TRACK?)",
			   name);
	else if (no_traces())
		set_detail("trace %s: this kernel has no traces (it predates them)",
			   name);
	else
		set_detail("trace %s: no such trace", name);
}

int sct_trace_exists(const char *name)
{
	char path[PATH_MAX];
	struct stat st;
	int ret;

	ret = trace_file(path, sizeof(path), name, NULL, false);
	if (ret)
		return ret;
	if (!stat(path, &st))
		return 1;
	return errno == ENOENT ? 0 : -errno;
}

int sct_trace_create(const char *name)
{
	char path[PATH_MAX];
	int ret;

	ret = trace_file(path, sizeof(path), name, NULL, true);
	if (ret)
		return ret;
	if (!mkdir(path, 0755))
		return 0;
	ret = -errno;
	if (ret == -ENOENT && no_traces()) {
		set_detail("trace %s: this kernel has no traces (it predates them): boot a newer kernel",
			   name);
		return -EOPNOTSUPP;
	}
	if (ret == -ENOENT)
		trace_enoent(name);
	else if (ret == -EEXIST)
		set_detail("trace %s: a trace of that name exists", name);
	else if (ret == -ENOSPC)
		set_detail("trace %s: %d traces exist, as many as there can be: remove one first",
			   name, SCT_TRACES_MAX);
	else
		set_detail("trace %s: %s%s", name, strerror(-ret),
			   trace_eperm_hint(ret));
	return ret;
}

int sct_trace_add(const char *name, pid_t pid)
{
	char path[PATH_MAX], val[32];
	int ret;

	ret = trace_file(path, sizeof(path), name, "add", true);
	if (ret)
		return ret;
	if (pid <= 0) {
		set_detail("trace %s: add %d: not a process ID", name, (int)pid);
		return -EINVAL;
	}
	snprintf(val, sizeof(val), "%d", (int)pid);
	ret = write_file(path, val);
	if (!ret)
		return 0;
	if (ret == -ENOENT)
		trace_enoent(name);
	else if (ret == -ESRCH)
		set_detail("trace %s: add %d: no such process", name, (int)pid);
	else if (ret == -EINVAL)
		set_detail("trace %s: add %d: a kernel thread, which makes no system calls",
			   name, (int)pid);
	else
		set_detail("trace %s: add %d: %s%s", name, (int)pid,
			   strerror(-ret), trace_eperm_hint(ret));
	return ret;
}

/*
 * The most pids holds: a page of the kernel's, with room for pages larger
 * than x86's.
 */
#define SCT_PIDS_SIZE	65536

int sct_trace_pids(const char *name, pid_t *out, size_t n)
{
	char path[PATH_MAX], *buf, *p, *nl, *end;
	size_t count = 0;
	ssize_t len;
	long v;
	int ret;

	ret = trace_file(path, sizeof(path), name, "pids", true);
	if (ret)
		return ret;
	buf = malloc(SCT_PIDS_SIZE);
	if (!buf)
		return -ENOMEM;
	len = read_file(path, buf, SCT_PIDS_SIZE);
	if (len < 0) {
		ret = len;
		if (ret == -ENOENT)
			trace_enoent(name);
		else
			set_detail("trace %s: pids: %s", name, strerror(-ret));
		goto out;
	}
	/* Lines of "PID\n", and maybe a last "...\n". */
	for (p = buf; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			goto bad;
		*nl = '\0';
		if (!strcmp(p, "...") && !nl[1]) {
			v = 0;
		} else {
			if (!isdigit((unsigned char)*p))
				goto bad;
			errno = 0;
			v = strtol(p, &end, 10);
			if (errno || *end || v <= 0 || v > INT_MAX)
				goto bad;
		}
		if (count < n)
			out[count] = v;
		count++;
	}
	/* At most SCT_PIDS_SIZE / 2 lines: an int. */
	ret = count;
	goto out;
bad:
	set_detail("trace %s: pids: a line that is not a process ID: '%.32s'",
		   name, p);
	ret = -EPROTO;
out:
	free(buf);
	return ret;
}

int sct_trace_remove(const char *name)
{
	char path[PATH_MAX];
	int ret;

	ret = trace_file(path, sizeof(path), name, NULL, true);
	if (ret)
		return ret;
	if (!rmdir(path))
		return 0;
	ret = -errno;
	if (ret == -ENOENT)
		trace_enoent(name);
	else if (ret == -EBUSY)
		set_detail("trace %s: enabled rules name it: disable them, or delete them, first",
			   name);
	else
		set_detail("trace %s: %s%s", name, strerror(-ret),
			   trace_eperm_hint(ret));
	return ret;
}

/*
 * The stream of a trace: buffer_size, overflow and lost, which kernels
 * before streams do not have.
 */

/*
 * Attribute @attr of trace @name was not there (-ENOENT): the trace is
 * not, or the kernel predates streams, where the default (@dflt true) is
 * what it does anyway, and another value is -EOPNOTSUPP.
 */
static int stream_enoent(const char *name, const char *attr, bool dflt)
{
	if (sct_trace_exists(name) != 1) {
		trace_enoent(name);
		return -ENOENT;
	}
	if (dflt) {
		sct_detail[0] = '\0';
		return 0;
	}
	set_detail("trace %s: %s: this kernel has no streams of traces (it predates them): boot a newer kernel",
		   name, attr);
	return -EOPNOTSUPP;
}

/* Write @val to attribute @attr of trace @name; @dflt: it is the default. */
static int stream_write(const char *name, const char *attr, const char *val,
			bool dflt)
{
	char path[PATH_MAX];
	int ret;

	ret = trace_file(path, sizeof(path), name, attr, true);
	if (ret)
		return ret;
	ret = write_file(path, val);
	if (!ret)
		return 0;
	if (ret == -ENOENT)
		return stream_enoent(name, attr, dflt);
	if (ret == -EBUSY)
		set_detail("trace %s: %s: busy: an enabled rule names the trace, its lifecycle is 1, or a reader is attached to its stream",
			   name, attr);
	else if (ret == -ERANGE)
		set_detail("trace %s: %s %s: out of range (0, or %d to %d bytes)",
			   name, attr, val, SCT_BUFFER_SIZE_MIN,
			   SCT_BUFFER_SIZE_MAX);
	else
		set_detail("trace %s: %s %s: %s%s", name, attr, val,
			   strerror(-ret), trace_eperm_hint(ret));
	return ret;
}

int sct_trace_set_buffer_size(const char *name, unsigned long bytes)
{
	char val[32];
	int ret;

	sct_detail[0] = '\0';
	ret = trace_name(name);
	if (ret)
		return ret;
	snprintf(val, sizeof(val), "%lu", bytes);
	if (bytes && (bytes < SCT_BUFFER_SIZE_MIN ||
		      bytes > SCT_BUFFER_SIZE_MAX)) {
		set_detail("trace %s: buffer_size %s: out of range (0, or %d to %d bytes)",
			   name, val, SCT_BUFFER_SIZE_MIN, SCT_BUFFER_SIZE_MAX);
		return -ERANGE;
	}
	return stream_write(name, "buffer_size", val, !bytes);
}

int sct_trace_set_overflow(const char *name, enum sct_overflow policy)
{
	int ret;

	sct_detail[0] = '\0';
	ret = trace_name(name);
	if (ret)
		return ret;
	if (policy != SCT_OVERFLOW_DROP && policy != SCT_OVERFLOW_WAIT) {
		set_detail("trace %s: overflow: no policy %d (SCT_OVERFLOW_DROP or SCT_OVERFLOW_WAIT)",
			   name, (int)policy);
		return -EINVAL;
	}
	return stream_write(name, "overflow",
			    policy == SCT_OVERFLOW_WAIT ? "wait" : "drop",
			    policy == SCT_OVERFLOW_DROP);
}

int sct_trace_lost(const char *name, uint64_t *lost)
{
	char path[PATH_MAX], buf[32];
	ssize_t len;
	int ret;

	*lost = 0;
	ret = trace_file(path, sizeof(path), name, "lost", true);
	if (ret)
		return ret;
	len = read_file(path, buf, sizeof(buf));
	if (len == -ENOENT)
		return stream_enoent(name, "lost", true);
	ret = len < 0 ? len : parse_u64(buf, lost);
	if (ret == -EPROTO)
		set_detail("trace %s: lost: not a number: '%.32s'", name, buf);
	else if (ret)
		set_detail("trace %s: lost: %s", name, strerror(-ret));
	return ret;
}
