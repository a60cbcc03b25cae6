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

void hk_error_clear(struct hk_error *err)
{
    err->status = HK_OK;
    err->message[0] = '\0';
}

void hk_notice_clear(struct hk_notice *notice)
{
    notice->text[0] = '\0';
}

void hk_notice_set(struct hk_notice *notice, const char *fmt, ...)
{
    if (notice == NULL || notice->text[0] != '\0')
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(notice->text, sizeof notice->text, fmt, ap);
    va_end(ap);
}
