#ifndef DUALSCOPE_CLIBYAML_SHIM_H
#define DUALSCOPE_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
