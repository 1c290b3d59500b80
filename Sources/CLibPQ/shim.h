#ifndef MAILSYNC_CLIBPQ_SHIM_H
#define MAILSYNC_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#include <poll.h>
#endif
