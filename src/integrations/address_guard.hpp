#pragma once
// Refuses outbound connections to loopback, private, link-local, CGNAT,
// metadata and other non-public addresses unless an allow-list admits them
// (DESIGN §10). Checked on the resolved address of every connection,
// including each redirect, so no spelling of a host name gets around it.
// An IPv6 address that carries an IPv4 one (IPv4-mapped, -translated and
// -compatible, NAT64, 6to4, Teredo) is judged by the IPv4 address it carries.

#include <boost/asio/ip/address.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace weft::integrations {

class AddressGuard {
 public:
  /// `allow` entries are CIDR blocks ("10.0.0.0/8", "::1/128"), single
  /// addresses ("127.0.0.1") or exact host names ("localhost", "ollama.internal").
  /// An unparsable entry is an ErrorCode::invalid_argument naming it.
  static Result<AddressGuard> create(const std::vector<std::string>& allow);

  /// Reads the allow-list from `WEFT_ALLOW_NETWORKS` (comma-separated entries).
  static Result<AddressGuard> from_env();

  /// A guard that admits nothing beyond public addresses.
  AddressGuard() = default;

  /// Ok when a connection to `address` (reached through `host`, as written in
  /// the URL) is allowed; otherwise ErrorCode::address_refused with a message
  /// saying which address was refused, why, and how to admit it.
  Status check(std::string_view host, const boost::asio::ip::address& address) const;

  /// Ok for http and https URLs; ErrorCode::address_refused for every other scheme.
  static Status check_scheme(std::string_view scheme);

  /// True for addresses that are not public unicast (the default refusal set),
  /// including IPv6 addresses that carry a non-public IPv4 address.
  static bool is_non_public(const boost::asio::ip::address& address);

  /// Adds one entry (same forms as `create`).
  Status allow(std::string_view entry);

 private:
  /// True when an allow-list block holds `address` (IPv4-mapped taken as IPv4).
  bool admits(const boost::asio::ip::address& address) const;

  struct Block {
    boost::asio::ip::address network;
    unsigned prefix = 0;
  };
  std::vector<Block> blocks_;
  std::vector<std::string> hosts_;
};

}  // namespace weft::integrations
