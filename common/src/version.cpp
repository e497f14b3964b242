#include "newsdex/version.h"

namespace newsdex {

const char* version() { return NEWSDEX_VERSION_STRING; }

}  // namespace newsdex
