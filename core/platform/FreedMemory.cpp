#include "platform/FreedMemory.h"

// <malloc.h> first: it is what defines __GLIBC__ (through <features.h>).
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

namespace zp {

void returnFreedMemory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace zp
