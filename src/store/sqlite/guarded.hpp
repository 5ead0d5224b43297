#pragma once
// The calls of the SQLite stores on their connections: nothing thrown leaves
// a store (a damaged stored document, no memory); like SqliteStore,
// exceptions become an internal Error naming what was done.

#include <exception>
#include <string>
#include <string_view>
#include <utility>

#include "common/result.hpp"
#include "store/sqlite/read_pool.hpp"
#include "store/sqlite/write_connection.hpp"

namespace weft::store::sqlite {

/// `body(connection)` on one of `readers`' connections.
template <class Body>
auto guarded_read(ReadPool& readers, std::string_view doing, Body&& body)
    -> decltype(body(std::declval<Connection&>())) {
  try {
    auto lease = readers.acquire();
    if (!lease) {
      return std::move(lease).error();
    }
    return body(**lease);
  } catch (const std::exception& e) {
    return Error::make(ErrorCode::internal, std::string(doing) + " failed: " + e.what());
  }
}

/// `body(connection)` on the write connection, taking turns with the writer.
template <class Body>
auto guarded_write(WriteConnection& writer, std::string_view doing, Body&& body)
    -> decltype(body(std::declval<Connection&>())) {
  try {
    return writer.with(std::forward<Body>(body));
  } catch (const std::exception& e) {
    return Error::make(ErrorCode::internal, std::string(doing) + " failed: " + e.what());
  }
}

}  // namespace weft::store::sqlite
