#include "api/http/memory_release.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace weft::api {

void release_memory_after(std::size_t body_bytes, std::size_t answer_bytes) {
  if (body_bytes < kLargeRequestBytes && answer_bytes < kLargeRequestBytes) {
    return;
  }
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace weft::api
