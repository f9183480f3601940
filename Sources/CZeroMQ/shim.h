// CZeroMQ: the system libzmq (ZeroMQ 4, Debian's libzmq3-dev), seen from Swift.
//
// The Jupyter kernel (Sources/OptKernel) speaks the Jupyter messaging protocol
// over ZeroMQ sockets. zmq.h's functions are plain C and callable as they are;
// only `zmq_msg_t`'s fixed size and the error constants need nothing extra.
#ifndef OPTREPL_CZEROMQ_SHIM_H
#define OPTREPL_CZEROMQ_SHIM_H

#include <zmq.h>

#endif
