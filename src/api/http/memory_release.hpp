#pragma once
// Giving memory back after a large request. glibc keeps what a request freed
// in its arenas: a 10 MB body parses into tens of MB of small JSON nodes, and
// without this the process would stay at that request's peak for good.

#include <cstddef>

namespace weft::api {

/// Requests whose body or answer is at least this large are followed by a
/// release; smaller ones leave too little behind to be worth the call.
inline constexpr std::size_t kLargeRequestBytes = 1024 * 1024;

/// Returns the heap's free pages to the operating system (malloc_trim) when
/// `body_bytes` or `answer_bytes` reach kLargeRequestBytes. It walks every
/// arena (a millisecond or so for a large heap), so only after large requests.
void release_memory_after(std::size_t body_bytes, std::size_t answer_bytes);

}  // namespace weft::api
