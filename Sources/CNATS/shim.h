#ifndef PIIMASK_CNATS_SHIM_H
#define PIIMASK_CNATS_SHIM_H

/* The NATS C client (Debian: libnats-dev), JetStream API included. */
#include <nats/nats.h>

#endif
