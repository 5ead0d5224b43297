#pragma once
// Resolve, check, connect: the TCP half of one exchange (internal to the client).

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "common/result.hpp"
#include "integrations/address_guard.hpp"
#include "integrations/http_url.hpp"

namespace weft::integrations {

/// Resolves `target.host` (IP literals are taken as they are), checks every
/// address with `guard` and connects to the first admitted one that answers.
/// The socket is pinned to a checked address: nothing is resolved twice.
/// Errors: address_refused when no address is admitted, network_error
/// (retryable) for resolve and connect failures.
boost::asio::awaitable<Result<boost::asio::ip::tcp::socket>> connect_checked(
    const HttpTarget& target, const AddressGuard& guard);

/// A network_error marked retryable, as transport failures are.
Error network_error(std::string message);

}  // namespace weft::integrations
