#pragma once
// One request and its response over a fresh connection (internal to the client).

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>

#include "common/result.hpp"
#include "integrations/address_guard.hpp"
#include "integrations/http_client.hpp"
#include "integrations/http_url.hpp"

namespace boost::asio::ssl {
class context;
}

namespace weft::integrations {

/// The answer to one hop. A redirect (301/302/303/307/308 with a Location)
/// leaves `location` set and its body unread.
struct HopResult {
  HttpResponse response;
  std::string location;
};

/// What one hop needs from the client that runs it.
struct HopContext {
  const AddressGuard& guard;
  /// The TLS context, built on first call (only https hops call it).
  std::function<boost::asio::ssl::context&()> tls;
  const ChunkSink& sink;  ///< receives the body of a non-redirect response
};

/// Connects to `target` (through the guard), sends `request` (its method,
/// headers and body; its url is ignored) with Connection: close and reads the
/// response, handing the body to `context.sink`. The connection is closed on
/// return, on error and on cancellation.
boost::asio::awaitable<Result<HopResult>> exchange(const HttpTarget& target,
                                                   const HttpRequest& request,
                                                   const HopContext& context);

}  // namespace weft::integrations
