/* error.c — first-failure-wins error records (see error.h). */
#include "huikuan/error.h"

#include <stdarg.h>
#include <stdio.h>

int hk_error_set(struct hk_error *err, int status, const char *fmt, ...)
{
    if (err == NULL || err->status != HK_OK)
        return err ? err->status : status;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

void hk_error_notice(struct hk_error *err, const char *fmt, ...)
{
    if (err == NULL || err->notice[0] != '\0')
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->notice, sizeof err->notice, fmt, ap);
    va_end(ap);
}

void hk_error_clear(struct hk_error *err)
{
    err->status = HK_OK;
    err->message[0] = '\0';
    err->notice[0] = '\0';
}
