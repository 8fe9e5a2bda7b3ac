#ifndef DUALSCOPE_CZLIB_SHIM_H
#define DUALSCOPE_CZLIB_SHIM_H
#include <zlib.h>
#endif
