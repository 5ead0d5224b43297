#include "integrations/address_guard.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "fixtures/http_peer.hpp"
#include "integrations/client_harness.hpp"

namespace weft::integrations {
namespace {

using boost::asio::ip::make_address;
using weft::testing::HttpPeer;
using weft::testing::PeerRequest;
using weft::testing::PeerResponse;
using namespace weft::integrations::testing;

TEST(AddressGuard, RefusesNonPublicAddressesByDefault) {
  const AddressGuard guard;
  for (const char* text :
       {"127.0.0.1",   "127.255.0.9",       "169.254.169.254",  "169.254.1.1",
        "10.1.2.3",    "172.16.0.1",        "172.31.255.255",   "192.168.1.1",
        "100.64.0.1",  "100.127.255.255",   "0.0.0.0",          "192.0.0.8",
        "192.0.2.1",   "198.18.0.1",        "198.51.100.7",     "203.0.113.9",
        "224.0.0.1",   "240.0.0.1",         "255.255.255.255",  "::",
        "::1",         "fd00::1",           "fc00::1",          "fe80::1",
        "ff02::1",     "2001:db8::1",       "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "::127.0.0.1", "64:ff9b::a9fe:a9fe"}) {
    SCOPED_TRACE(text);
    const auto address = make_address(text);
    EXPECT_TRUE(AddressGuard::is_non_public(address));
    Status checked = guard.check("example.com", address);
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.error().code, ErrorCode::address_refused);
    EXPECT_FALSE(checked.error().retryable);
    EXPECT_NE(checked.error().message.find(address.to_string()), std::string::npos);
    EXPECT_NE(checked.error().message.find("WEFT_ALLOW_NETWORKS"), std::string::npos);
  }
}

TEST(AddressGuard, AdmitsPublicAddresses) {
  const AddressGuard guard;
  for (const char* text :
       {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255",
        "169.255.0.1", "2606:4700::1", "2a00:1450::5", "::ffff:8.8.8.8", "64:ff9b::808:808"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(AddressGuard::is_non_public(make_address(text)));
    EXPECT_TRUE(guard.check("example.com", make_address(text)).ok());
  }
}

/// The IPv6 spellings that carry an IPv4 address, each pointing at `v4`.
struct Spelling {
  std::string form;
  std::string text;
};

std::string hex_groups(std::uint32_t value) {
  char out[16];
  std::snprintf(out, sizeof out, "%x:%x", value >> 16, value & 0xffff);
  return out;
}

std::vector<Spelling> ipv6_spellings_of(const std::string& v4) {
  const std::uint32_t value = make_address(v4).to_v4().to_uint();
  const std::string groups = hex_groups(value);
  const std::string public_server = hex_groups(0x08080808);    // 8.8.8.8
  const std::string public_client = hex_groups(~0x08080404U);  // 8.8.4.4, stored inverted
  return {
      {"IPv4-mapped", "::ffff:" + v4},
      {"IPv4-mapped", "::ffff:" + groups},
      {"IPv4-translated", "::ffff:0:" + v4},
      {"IPv4-translated", "::ffff:0:" + groups},
      {"IPv4-compatible", "::" + v4},
      {"NAT64", "64:ff9b::" + v4},
      {"NAT64", "64:ff9b::" + groups},
      {"6to4", "2002:" + groups + "::"},
      {"6to4", "2002:" + groups + ":1::5"},
      {"Teredo server", "2001:0:" + groups + ":0:0:" + public_client},
      {"Teredo client", "2001:0:" + public_server + ":8000:f227:" + hex_groups(~value)},
  };
}

TEST(AddressGuard, IPv4CarriedInIPv6IsJudgedByTheIPv4Rules) {
  const AddressGuard guard;
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"127.0.0.1", "loopback address"},
      {"10.0.0.1", "private network address"},
      {"169.254.169.254", "cloud metadata address"},
      {"100.64.0.1", "carrier-grade NAT address"},
      {"0.1.2.3", "\"this network\" address"},
  };
  for (const auto& [v4, why] : refused) {
    for (const Spelling& spelling : ipv6_spellings_of(v4)) {
      SCOPED_TRACE(spelling.text);
      const auto address = make_address(spelling.text);
      EXPECT_TRUE(AddressGuard::is_non_public(address));
      Status checked = guard.check(spelling.text, address);
      ASSERT_FALSE(checked.ok());
      EXPECT_EQ(checked.error().code, ErrorCode::address_refused);
      EXPECT_NE(checked.error().message.find(spelling.form + " " + why), std::string::npos)
          << checked.error().message;
    }
  }
  for (const Spelling& spelling : ipv6_spellings_of("8.8.8.8")) {
    SCOPED_TRACE(spelling.text);
    EXPECT_FALSE(AddressGuard::is_non_public(make_address(spelling.text)));
    EXPECT_TRUE(guard.check(spelling.text, make_address(spelling.text)).ok());
  }
}

TEST(AddressGuard, LocalUseNat64IsRefusedWhateverItCarries) {
  for (const char* text : {"64:ff9b:1::7f00:1", "64:ff9b:1:808:808::", "64:ff9b:1::8.8.8.8"}) {
    SCOPED_TRACE(text);
    Status checked = AddressGuard{}.check("x", make_address(text));
    ASSERT_FALSE(checked.ok());
    EXPECT_NE(checked.error().message.find("local-use NAT64 address"), std::string::npos);
  }
}

TEST(AddressGuard, AllowListAdmitsTheIPv4AnIPv6SpellingCarries) {
  auto guard = AddressGuard::create({"10.0.0.0/8"});
  ASSERT_TRUE(guard.ok());
  for (const Spelling& spelling : ipv6_spellings_of("10.0.0.1")) {
    SCOPED_TRACE(spelling.text);
    EXPECT_TRUE(guard->check("x", make_address(spelling.text)).ok());
  }
  for (const Spelling& spelling : ipv6_spellings_of("127.0.0.1")) {
    SCOPED_TRACE(spelling.text);
    EXPECT_FALSE(guard->check("x", make_address(spelling.text)).ok());
  }
  auto by_v6 = AddressGuard::create({"2002::/16"});
  ASSERT_TRUE(by_v6.ok());
  EXPECT_TRUE(by_v6->check("x", make_address("2002:7f00:1::")).ok());
  EXPECT_FALSE(by_v6->check("x", make_address("::ffff:0:127.0.0.1")).ok());
}

TEST(AddressGuard, RefusalSaysWhatWhyAndHowToAllow) {
  Status checked = AddressGuard{}.check("127.1", make_address("127.0.0.1"));
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().message,
            "refused to connect to 127.0.0.1 (loopback address) for host `127.1`; outbound "
            "requests to private networks are blocked — add the address or host to "
            "WEFT_ALLOW_NETWORKS to allow it");

  Status metadata = AddressGuard{}.check("metadata", make_address("169.254.169.254"));
  ASSERT_FALSE(metadata.ok());
  EXPECT_NE(metadata.error().message.find("cloud metadata address"), std::string::npos);

  Status mapped = AddressGuard{}.check("x", make_address("::ffff:192.168.0.1"));
  ASSERT_FALSE(mapped.ok());
  EXPECT_NE(mapped.error().message.find("IPv4-mapped private network address"), std::string::npos);
}

TEST(AddressGuard, AllowListByCidrAdmitsTheBlockOnly) {
  auto guard = AddressGuard::create({"10.0.0.0/8", "fd00::/8"});
  ASSERT_TRUE(guard.ok());
  EXPECT_TRUE(guard->check("a", make_address("10.1.2.3")).ok());
  EXPECT_TRUE(guard->check("a", make_address("::ffff:10.1.2.3")).ok());
  EXPECT_TRUE(guard->check("a", make_address("fd00::1")).ok());
  EXPECT_FALSE(guard->check("a", make_address("192.168.1.1")).ok());
  EXPECT_FALSE(guard->check("a", make_address("fe80::1")).ok());
  EXPECT_FALSE(guard->check("a", make_address("127.0.0.1")).ok());
}

TEST(AddressGuard, AllowListBySingleAddress) {
  auto guard = AddressGuard::create({"127.0.0.1", "[::1]"});
  ASSERT_TRUE(guard.ok());
  EXPECT_TRUE(guard->check("a", make_address("127.0.0.1")).ok());
  EXPECT_TRUE(guard->check("a", make_address("::1")).ok());
  EXPECT_FALSE(guard->check("a", make_address("127.0.0.2")).ok());
}

TEST(AddressGuard, AllowListByHostNameAdmitsWhateverItResolvesTo) {
  auto guard = AddressGuard::create({"Ollama.Internal"});
  ASSERT_TRUE(guard.ok());
  EXPECT_TRUE(guard->check("ollama.internal", make_address("10.0.0.5")).ok());
  EXPECT_TRUE(guard->check("OLLAMA.INTERNAL.", make_address("127.0.0.1")).ok());
  EXPECT_FALSE(guard->check("other.internal", make_address("10.0.0.5")).ok());
}

TEST(AddressGuard, AllowAddsEntriesOneByOne) {
  AddressGuard guard;
  ASSERT_TRUE(guard.allow("192.168.0.0/16").ok());
  EXPECT_TRUE(guard.check("nas", make_address("192.168.4.4")).ok());
}

TEST(AddressGuard, BadAllowListEntryIsNamed) {
  for (const char* entry : {"10.0.0.0/33", "fd00::/129", "10.0.0.0/x", "10.0.0/8", "300.1.1.1",
                            "not a host!", "exa mple.com", "/8"}) {
    SCOPED_TRACE(entry);
    auto guard = AddressGuard::create({"127.0.0.1", entry});
    ASSERT_FALSE(guard.ok());
    EXPECT_EQ(guard.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(guard.error().message.find(std::string("`") + entry + "`"), std::string::npos)
        << guard.error().message;
  }
  auto empty = AddressGuard::create({" "});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::invalid_argument);
}

TEST(AddressGuard, FromEnvReadsCommaSeparatedEntries) {
  ::setenv("WEFT_ALLOW_NETWORKS", " 10.0.0.0/8 ,localhost,, 127.0.0.1 ", 1);
  auto guard = AddressGuard::from_env();
  ASSERT_TRUE(guard.ok()) << guard.error().message;
  EXPECT_TRUE(guard->check("a", make_address("10.9.9.9")).ok());
  EXPECT_TRUE(guard->check("localhost", make_address("::1")).ok());
  EXPECT_TRUE(guard->check("a", make_address("127.0.0.1")).ok());
  EXPECT_FALSE(guard->check("a", make_address("192.168.0.1")).ok());

  ::setenv("WEFT_ALLOW_NETWORKS", "10.0.0.0/8, 10.0.0.0/99", 1);
  auto bad = AddressGuard::from_env();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("WEFT_ALLOW_NETWORKS"), std::string::npos);
  EXPECT_NE(bad.error().message.find("`10.0.0.0/99`"), std::string::npos);

  ::unsetenv("WEFT_ALLOW_NETWORKS");
  auto none = AddressGuard::from_env();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->check("a", make_address("10.9.9.9")).ok());
}

TEST(AddressGuard, CheckSchemeAdmitsOnlyHttpAndHttps) {
  EXPECT_TRUE(AddressGuard::check_scheme("http").ok());
  EXPECT_TRUE(AddressGuard::check_scheme("HTTPS").ok());
  Status file = AddressGuard::check_scheme("file");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().code, ErrorCode::address_refused);
  EXPECT_EQ(file.error().message, "scheme `file` is not allowed; use http or https");
}

TEST(AddressGuardThroughClient, OtherSchemesAreRefused) {
  auto client = make_http_client(AddressGuard{});
  for (const char* url : {"file:///etc/passwd", "gopher://x/", "ftp://x/", "ws://x/"}) {
    SCOPED_TRACE(url);
    auto response = send_now(*client, get(url));
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().code, ErrorCode::address_refused);
    EXPECT_NE(response.error().message.find("is not allowed; use http or https"),
              std::string::npos);
  }
}

TEST(AddressGuardThroughClient, EverySpellingOfLoopbackIsRefused) {
  HttpPeer peer([](const PeerRequest&) { return PeerResponse::text(200, "secret"); });
  auto client = make_http_client(AddressGuard{});
  const std::string port = std::to_string(peer.port());
  for (const std::string host :
       {"127.0.0.1", "127.1", "0x7f000001", "2130706433", "0177.0.0.1", "[::1]",
        "[::ffff:127.0.0.1]", "[::ffff:0:127.0.0.1]", "[::127.0.0.1]", "[64:ff9b::7f00:1]",
        "[2002:7f00:1::]", "[2001:0:7f00:1::f7f7:fbfb]", "[2001:0:808:808::80ff:fffe]",
        "localhost"}) {
    SCOPED_TRACE(host);
    auto response = send_now(*client, get("http://" + host + ":" + port + "/"));
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().code, ErrorCode::address_refused);
    EXPECT_NE(response.error().message.find("loopback address"), std::string::npos)
        << response.error().message;
  }
  EXPECT_EQ(peer.connections(), 0U);

  auto spelled = send_now(*client, get("http://127.1:" + port + "/"));
  ASSERT_FALSE(spelled.ok());
  EXPECT_NE(spelled.error().message.find("refused to connect to 127.0.0.1 (loopback address) "
                                         "for host `127.1`"),
            std::string::npos)
      << spelled.error().message;
}

TEST(AddressGuardThroughClient, PrivateAndMetadataUrlsAreRefusedWithoutConnecting) {
  auto client = make_http_client(AddressGuard{});
  for (const char* url : {"http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/",
                          "https://192.168.1.1/", "http://[fd00::1]/", "http://0.0.0.0:9/"}) {
    SCOPED_TRACE(url);
    auto response = send_now(*client, get(url));
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().code, ErrorCode::address_refused) << response.error().message;
  }
}

TEST(AddressGuardThroughClient, AllowListAdmitsTheLoopbackPeer) {
  HttpPeer peer([](const PeerRequest&) { return PeerResponse::text(200, "hello"); });
  for (const std::vector<std::string>& allow :
       {std::vector<std::string>{"127.0.0.0/8"}, std::vector<std::string>{"127.0.0.1"},
        std::vector<std::string>{"localhost"}}) {
    SCOPED_TRACE(allow.front());
    auto client = client_allowing(allow);
    const std::string host = allow.front() == "localhost" ? "localhost" : "127.0.0.1";
    auto response = send_now(*client, get("http://" + host + ":" + std::to_string(peer.port())));
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->body, "hello");
  }
}

}  // namespace
}  // namespace weft::integrations
