/* SPDX-License-Identifier: MIT */
/* The library's gettext text domain (see i18n.h). */
#include <libintl.h>
#include <pthread.h>
#include <stdlib.h>

#include "ek_config.h"
#include "i18n.h"

static pthread_once_t bind_once = PTHREAD_ONCE_INIT;

static void bind_domain(void)
{
    const char *dir = getenv("EK_LOCALEDIR");
    if (dir == NULL || dir[0] == '\0')
        dir = EK_CONFIG_LOCALEDIR;
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
