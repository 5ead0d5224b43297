#pragma once
// The table the OpenAPI document is written from (openapi.cpp): one entry per
// operation, saying what a client may send and every status particular to it.
// Kept apart from the router on purpose: the test comparing the two catches a
// route added to one only.

#include <span>

namespace weft::api {

enum class Body { none, optional, required };

struct RouteDoc {
  const char* method = "";
  const char* path = "";
  const char* tag = "";
  const char* summary = "";
  const char* request = "";  ///< component schema of the JSON body, or ""
  Body body = Body::none;
  const char* status = "200";  ///< success status
  const char* response = "";   ///< component schema of the success body, or "" for none
  const char* query = "";      ///< query parameters by name: "wait,timeout_ms"
  const char* header = "";     ///< a request header by name, or ""
  const char* errors = "";     ///< statuses particular to the route: "409 422"
  /// OpenAPI links from the success answer: "path|param=expression,…;…" links
  /// to every operation on `path` and below it; "=path" to those on `path`
  /// only, "put path" to that one operation (whose header.X parameters it may set).
  const char* links = "";
};

/// Every documented operation, in the document's order.
std::span<const RouteDoc> route_docs();

}  // namespace weft::api
