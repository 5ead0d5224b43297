#include "integrations/address_guard.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <optional>

#include "integrations/ascii.hpp"

namespace weft::integrations {
namespace {

namespace ip = boost::asio::ip;

constexpr std::string_view kAllowEnv = "WEFT_ALLOW_NETWORKS";

/// A non-public IPv4 block and why it is refused. The first match wins, so
/// narrower blocks come before the wider blocks that contain them.
struct V4Range {
  std::uint32_t network;
  unsigned prefix;
  std::string_view reason;
};

constexpr std::array<V4Range, 16> kV4NonPublic = {{
    {0x00000000, 8, "\"this network\" address"},
    {0x0a000000, 8, "private network address"},
    {0x64400000, 10, "carrier-grade NAT address"},
    {0x7f000000, 8, "loopback address"},
    {0xa9fea9fe, 32, "cloud metadata address"},
    {0xa9fe0000, 16, "link-local address"},
    {0xac100000, 12, "private network address"},
    {0xc0000000, 24, "IETF protocol assignment address"},
    {0xc0000200, 24, "documentation address"},
    {0xc0a80000, 16, "private network address"},
    {0xc6120000, 15, "benchmarking address"},
    {0xc6336400, 24, "documentation address"},
    {0xcb007100, 24, "documentation address"},
    {0xe0000000, 4, "multicast address"},
    {0xffffffff, 32, "broadcast address"},
    {0xf0000000, 4, "reserved address"},
}};

/// A non-public IPv6 block, written as its eight 16-bit groups.
struct V6Range {
  std::array<std::uint16_t, 8> groups;
  unsigned prefix;
  std::string_view reason;
};

/// Judged before the IPv4-embedding forms below: `::` and `::1` sit inside
/// the IPv4-compatible block but are IPv6's own unspecified and loopback.
constexpr std::array<V6Range, 9> kV6NonPublic = {{
    {{0, 0, 0, 0, 0, 0, 0, 0}, 128, "unspecified address"},
    {{0, 0, 0, 0, 0, 0, 0, 1}, 128, "loopback address"},
    // RFC 8215: operators choose where the IPv4 address sits, and the block
    // is never globally reachable, so all of it is refused.
    {{0x64, 0xff9b, 1, 0, 0, 0, 0, 0}, 48, "local-use NAT64 address"},
    {{0x100, 0, 0, 0, 0, 0, 0, 0}, 64, "discard-only address"},
    {{0x2001, 0xdb8, 0, 0, 0, 0, 0, 0}, 32, "documentation address"},
    {{0xfc00, 0, 0, 0, 0, 0, 0, 0}, 7, "unique local address"},
    {{0xfe80, 0, 0, 0, 0, 0, 0, 0}, 10, "link-local address"},
    {{0xfec0, 0, 0, 0, 0, 0, 0, 0}, 10, "site-local address"},
    {{0xff00, 0, 0, 0, 0, 0, 0, 0}, 8, "multicast address"},
}};

/// An IPv6 block that carries an IPv4 address, where it sits (the byte
/// offset of its 32 bits) and whether it is stored inverted (Teredo's
/// client address). The connection reaches, or is relayed to, that IPv4
/// address, so it is judged by the IPv4 rules with `form` as a prefix
/// ("6to4 loopback address").
struct V4Embedding {
  std::array<std::uint16_t, 8> groups;
  unsigned prefix;
  std::string_view form;
  std::size_t offset;
  bool inverted = false;
};

constexpr std::array<V4Embedding, 7> kV4Embeddings = {{
    {{0, 0, 0, 0, 0, 0xffff, 0, 0}, 96, "IPv4-mapped", 12},          // RFC 4291
    {{0, 0, 0, 0, 0xffff, 0, 0, 0}, 96, "IPv4-translated", 12},      // RFC 2765
    {{0, 0, 0, 0, 0, 0, 0, 0}, 96, "IPv4-compatible", 12},           // RFC 4291 (deprecated)
    {{0x64, 0xff9b, 0, 0, 0, 0, 0, 0}, 96, "NAT64", 12},             // RFC 6052
    {{0x2002, 0, 0, 0, 0, 0, 0, 0}, 16, "6to4", 2},                  // RFC 3056
    {{0x2001, 0, 0, 0, 0, 0, 0, 0}, 32, "Teredo server", 4},         // RFC 4380
    {{0x2001, 0, 0, 0, 0, 0, 0, 0}, 32, "Teredo client", 12, true},  // RFC 4380
}};

ip::address_v6::bytes_type to_bytes(const std::array<std::uint16_t, 8>& groups) {
  ip::address_v6::bytes_type bytes{};
  for (std::size_t i = 0; i < groups.size(); ++i) {
    bytes[2 * i] = static_cast<unsigned char>(groups[i] >> 8);
    bytes[2 * i + 1] = static_cast<unsigned char>(groups[i] & 0xff);
  }
  return bytes;
}

template <std::size_t N>
bool prefix_matches(const std::array<unsigned char, N>& a, const std::array<unsigned char, N>& b,
                    unsigned prefix) {
  for (std::size_t i = 0; i < N && prefix > 0; ++i) {
    const unsigned bits = std::min(prefix, 8U);
    const auto mask = static_cast<unsigned char>(0xff << (8 - bits));
    if ((a[i] & mask) != (b[i] & mask)) {
      return false;
    }
    prefix -= bits;
  }
  return true;
}

ip::address_v4 embedded_v4(const ip::address_v6& address) {
  const auto bytes = address.to_bytes();
  return ip::address_v4({bytes[12], bytes[13], bytes[14], bytes[15]});
}

/// An IPv4 address an IPv6 address carries, and the form it is carried in.
struct Embedded {
  ip::address_v4 address;
  std::string_view form;
};

/// Every IPv4 address `address` carries (Teredo carries two).
std::vector<Embedded> embedded_v4s(const ip::address_v6& address) {
  const auto bytes = address.to_bytes();
  std::vector<Embedded> found;
  for (const V4Embedding& embedding : kV4Embeddings) {
    if (!prefix_matches(bytes, to_bytes(embedding.groups), embedding.prefix)) {
      continue;
    }
    ip::address_v4::bytes_type v4{};
    for (std::size_t i = 0; i < v4.size(); ++i) {
      const unsigned char byte = bytes[embedding.offset + i];
      v4[i] = embedding.inverted ? static_cast<unsigned char>(~byte) : byte;
    }
    found.push_back({ip::address_v4(v4), embedding.form});
  }
  return found;
}

std::optional<std::string> v4_refusal(const ip::address_v4& address) {
  const std::uint32_t value = address.to_uint();
  for (const V4Range& range : kV4NonPublic) {
    const std::uint32_t mask = range.prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - range.prefix);
    if ((value & mask) == range.network) {
      return std::string(range.reason);
    }
  }
  return std::nullopt;
}

/// Why `address` is refused, or nothing when it is public. An IPv4 address
/// carried inside an IPv6 one is refused as that IPv4 address would be,
/// unless `admitted` (the allow-list) admits it.
std::optional<std::string> refusal_reason(
    const ip::address& address, const std::function<bool(const ip::address_v4&)>& admitted) {
  if (address.is_v4()) {
    return v4_refusal(address.to_v4());
  }
  const ip::address_v6 v6 = address.to_v6();
  for (const V6Range& range : kV6NonPublic) {
    if (prefix_matches(v6.to_bytes(), to_bytes(range.groups), range.prefix)) {
      return std::string(range.reason);
    }
  }
  for (const Embedded& inner : embedded_v4s(v6)) {
    if (admitted && admitted(inner.address)) {
      continue;
    }
    if (auto reason = v4_refusal(inner.address)) {
      return std::string(inner.form) + " " + *reason;
    }
  }
  return std::nullopt;
}

/// An IPv4-mapped IPv6 address is the IPv4 address for allow-list purposes.
ip::address unmapped(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return embedded_v4(address.to_v6());
  }
  return address;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

/// Lower-cased, without IPv6 brackets or a trailing root dot: the form hosts are compared in.
std::string normalize_host(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (!host.empty() && host.back() == '.') {
    host.remove_suffix(1);
  }
  return ascii_lower(host);
}

std::optional<ip::address> parse_address(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  boost::system::error_code ec;
  ip::address address = ip::make_address(std::string(text), ec);
  if (ec) {
    return std::nullopt;
  }
  return address;
}

/// DNS-style name: letters, digits, '-', '_' and dots, no empty label, and a
/// last label that is not all digits (so "300.1.1.1" is not taken for a name).
bool is_host_name(std::string_view name) {
  if (name.empty() || name.size() > 253) {
    return false;
  }
  std::string_view last_label;
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t dot = std::min(name.find('.', start), name.size());
    const std::string_view label = name.substr(start, dot - start);
    if (label.empty() || label.size() > 63) {
      return false;
    }
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
        return false;
      }
    }
    last_label = label;
    start = dot + 1;
  }
  return !std::all_of(last_label.begin(), last_label.end(),
                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

Error bad_entry(std::string_view entry, std::string_view why) {
  return Error::make(ErrorCode::invalid_argument,
                     "allow-list entry `" + std::string(entry) + "` " + std::string(why));
}

}  // namespace

Result<AddressGuard> AddressGuard::create(const std::vector<std::string>& allow) {
  AddressGuard guard;
  for (const std::string& entry : allow) {
    Status added = guard.allow(entry);
    if (!added) {
      return std::move(added).error();
    }
  }
  return guard;
}

Result<AddressGuard> AddressGuard::from_env() {
  AddressGuard guard;
  const char* value = std::getenv(std::string(kAllowEnv).c_str());
  std::string_view rest = value == nullptr ? std::string_view() : std::string_view(value);
  while (!rest.empty()) {
    const std::size_t comma = std::min(rest.find(','), rest.size());
    const std::string_view entry = trim(rest.substr(0, comma));
    rest.remove_prefix(std::min(comma + 1, rest.size()));
    if (entry.empty()) {
      continue;
    }
    Status added = guard.allow(entry);
    if (!added) {
      Error error = std::move(added).error();
      error.message = std::string(kAllowEnv) + ": " + error.message;
      return error;
    }
  }
  return guard;
}

Status AddressGuard::allow(std::string_view raw) {
  const std::string_view entry = trim(raw);
  if (entry.empty()) {
    return Error::make(ErrorCode::invalid_argument, "allow-list entry is empty");
  }
  const std::size_t slash = entry.find('/');
  if (slash != std::string_view::npos) {
    auto network = parse_address(entry.substr(0, slash));
    const std::string_view digits = entry.substr(slash + 1);
    unsigned prefix = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (!network || digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
      return bad_entry(entry, "is not a CIDR block such as 10.0.0.0/8 or fd00::/8");
    }
    const unsigned max_prefix = network->is_v4() ? 32 : 128;
    if (prefix > max_prefix) {
      return bad_entry(entry, "has a prefix longer than " + std::to_string(max_prefix) + " bits");
    }
    if (network->is_v6() && network->to_v6().is_v4_mapped() && prefix >= 96) {
      network = embedded_v4(network->to_v6());
      prefix -= 96;
    }
    blocks_.push_back(Block{*network, prefix});
    return Ok{};
  }
  if (auto address = parse_address(entry)) {
    const ip::address single = unmapped(*address);
    blocks_.push_back(Block{single, single.is_v4() ? 32U : 128U});
    return Ok{};
  }
  if (!is_host_name(entry)) {
    return bad_entry(entry, "is not a CIDR block, an IP address or a host name");
  }
  hosts_.push_back(normalize_host(entry));
  return Ok{};
}

bool AddressGuard::admits(const ip::address& address) const {
  const ip::address candidate = unmapped(address);
  return std::any_of(blocks_.begin(), blocks_.end(), [&](const Block& block) {
    if (block.network.is_v4() && candidate.is_v4()) {
      return prefix_matches(block.network.to_v4().to_bytes(), candidate.to_v4().to_bytes(),
                            block.prefix);
    }
    if (block.network.is_v6() && candidate.is_v6()) {
      return prefix_matches(block.network.to_v6().to_bytes(), candidate.to_v6().to_bytes(),
                            block.prefix);
    }
    return false;
  });
}

Status AddressGuard::check(std::string_view host, const ip::address& address) const {
  const std::string normalized_host = normalize_host(host);
  if (std::find(hosts_.begin(), hosts_.end(), normalized_host) != hosts_.end()) {
    return Ok{};
  }
  if (admits(address)) {
    return Ok{};
  }
  const auto reason =
      refusal_reason(address, [this](const ip::address_v4& inner) { return admits(inner); });
  if (!reason) {
    return Ok{};
  }
  std::string message = "refused to connect to " + address.to_string() + " (" + *reason + ")";
  if (!host.empty()) {
    message += " for host `" + std::string(host) + "`";
  }
  message += "; outbound requests to private networks are blocked — add the address or host to " +
             std::string(kAllowEnv) + " to allow it";
  return Error::make(ErrorCode::address_refused, std::move(message));
}

Status AddressGuard::check_scheme(std::string_view scheme) {
  const std::string lower = normalize_host(scheme);
  if (lower == "http" || lower == "https") {
    return Ok{};
  }
  return Error::make(ErrorCode::address_refused,
                     "scheme `" + std::string(scheme) + "` is not allowed; use http or https");
}

bool AddressGuard::is_non_public(const ip::address& address) {
  return refusal_reason(address, nullptr).has_value();
}

}  // namespace weft::integrations
