/* SPDX-License-Identifier: MIT */
/* The library's gettext text domain (see i18n.h). */
#define _GNU_SOURCE 1 /* dladdr() */
#include <dlfcn.h>
#include <libintl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ek_config.h"
#include "i18n.h"

static pthread_once_t bind_once = PTHREAD_ONCE_INIT;

/*
 * The catalogues of a build tree, next to the library itself: a library at
 * <build>/lib/libegenkontroll.so (or linked into <build>/bindings/python/…)
 * finds <build>/po/<lang>/LC_MESSAGES/egenkontroll.mo.  An installed library
 * has no such directory and uses the configured localedir.
 */
static const char anchor = 0; /* an address inside the library, for dladdr() */

static int build_tree_dir(char *buf, size_t size)
{
    Dl_info info;
    if (dladdr(&anchor, &info) == 0 || info.dli_fname == NULL || info.dli_fname[0] != '/')
        return 0;
    static const char *const up[] = { "/../po", "/../../../po" };
    for (size_t k = 0; k < sizeof up / sizeof up[0]; k++) {
        const char *slash = strrchr(info.dli_fname, '/');
        int n = snprintf(buf, size, "%.*s%s", (int)(slash - info.dli_fname), info.dli_fname, up[k]);
        struct stat st;
        char mo[4096];
        if (n <= 0 || (size_t)n >= size ||
            snprintf(mo, sizeof mo, "%s/sv/LC_MESSAGES/" EK_TEXT_DOMAIN ".mo", buf) >= (int)sizeof mo)
            continue;
        if (stat(mo, &st) == 0)
            return 1;
    }
    return 0;
}

static void bind_domain(void)
{
    char tree[4096]; /* bindtextdomain() keeps a copy */
    const char *dir = getenv("EK_LOCALEDIR");
    if (dir == NULL || dir[0] == '\0')
        dir = build_tree_dir(tree, sizeof tree) ? tree : EK_CONFIG_LOCALEDIR;
    /* Failures (out of memory) leave the domain unbound: messages stay untranslated. */
    (void)bindtextdomain(EK_TEXT_DOMAIN, dir);
    (void)bind_textdomain_codeset(EK_TEXT_DOMAIN, "UTF-8");
}

const char *ek__gettext(const char *msgid)
{
    /* "" would look up the catalogue header. */
    if (msgid == NULL || msgid[0] == '\0')
        return msgid;
    (void)pthread_once(&bind_once, bind_domain);
    return dgettext(EK_TEXT_DOMAIN, msgid);
}
