// TLS through the real client against a local TLS server whose certificate
// is made here: trusted and matching works, untrusted or mismatched fails.

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

#include "integrations/client_harness.hpp"

namespace weft::integrations {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;
using net::ip::tcp;
using namespace weft::integrations::testing;

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree {
  void operator()(X509* cert) const { X509_free(cert); }
};

/// A self-signed certificate whose subjectAltName is `san` ("IP:127.0.0.1").
struct Identity {
  std::unique_ptr<EVP_PKEY, KeyFree> key;
  std::unique_ptr<X509, CertFree> cert;
};

Identity make_identity(const std::string& san) {
  Identity id{std::unique_ptr<EVP_PKEY, KeyFree>(EVP_EC_gen("P-256")),
              std::unique_ptr<X509, CertFree>(X509_new())};
  X509* cert = id.cert.get();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, id.key.get());
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("weft test"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.c_str());
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  X509_sign(cert, id.key.get(), EVP_sha256());
  return id;
}

/// Makes `cert` the trust store of clients created while this lives
/// (OpenSSL's default verify paths honour SSL_CERT_FILE).
class TrustOnly {
 public:
  explicit TrustOnly(X509* cert)
      : path_(std::filesystem::temp_directory_path() /
              ("weft-https-test-" + std::to_string(::getpid()) + ".pem")) {
    FILE* file = std::fopen(path_.c_str(), "w");
    PEM_write_X509(file, cert);
    std::fclose(file);
    ::setenv("SSL_CERT_FILE", path_.c_str(), 1);
    ::setenv("SSL_CERT_DIR", "/nonexistent", 1);
  }
  ~TrustOnly() {
    ::unsetenv("SSL_CERT_FILE");
    ::unsetenv("SSL_CERT_DIR");
    std::filesystem::remove(path_);
  }

 private:
  std::filesystem::path path_;
};

/// Serves one HTTPS exchange on 127.0.0.1 with `identity`, on the test's io_context.
class TlsServer {
 public:
  TlsServer(net::io_context& ctx, const Identity& identity)
      : tls_(ssl::context::tls_server), acceptor_(ctx, {net::ip::make_address("127.0.0.1"), 0}) {
    SSL_CTX_use_certificate(tls_.native_handle(), identity.cert.get());
    SSL_CTX_use_PrivateKey(tls_.native_handle(), identity.key.get());
    net::co_spawn(ctx, serve_one(), net::detached);
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }

 private:
  net::awaitable<void> serve_one() {
    auto [ec, socket] = co_await acceptor_.async_accept(net::as_tuple(net::use_awaitable));
    if (!ec) {
      co_await answer(ssl::stream<tcp::socket>(std::move(socket), tls_));
    }
  }

  static net::awaitable<void> answer(ssl::stream<tcp::socket> stream) {
    constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
    auto [handshake_ec] = co_await stream.async_handshake(ssl::stream_base::server, use_tuple);
    boost::beast::flat_buffer buffer;
    http::request<http::string_body> request;
    if (!handshake_ec) {
      co_await http::async_read(stream, buffer, request, use_tuple);
    }
    http::response<http::string_body> response{http::status::ok, 11};
    response.body() = "secure " + std::string(request.target());
    response.prepare_payload();
    if (!handshake_ec) {
      co_await http::async_write(stream, response, use_tuple);
    }
  }

  ssl::context tls_;
  tcp::acceptor acceptor_;
};

/// Sends GET https://`host`:PORT/hello to a TlsServer with `identity`, from a
/// client created while `trusted` (if any) is the only trusted certificate.
Result<HttpResponse> fetch(const Identity& identity, X509* trusted, const std::string& host) {
  std::unique_ptr<TrustOnly> trust;
  if (trusted != nullptr) {
    trust = std::make_unique<TrustOnly>(trusted);
  }
  auto client = client_allowing({"127.0.0.1", "localhost"});
  net::io_context ctx;
  TlsServer server(ctx, identity);
  std::optional<Result<HttpResponse>> out;
  HttpRequest request = get("https://" + host + ":" + std::to_string(server.port()) + "/hello");
  net::co_spawn(
      ctx, [&]() -> net::awaitable<void> { out.emplace(co_await client->send(request)); },
      net::detached);
  ctx.run_for(std::chrono::seconds(5));
  if (!out) {
    return Error::make(ErrorCode::internal, "the request did not finish within 5 s");
  }
  return std::move(*out);
}

TEST(Https, TrustedCertificateForTheAddressWorks) {
  const Identity identity = make_identity("IP:127.0.0.1");
  auto response = fetch(identity, identity.cert.get(), "127.0.0.1");
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "secure /hello");
}

TEST(Https, TrustedCertificateForTheHostNameWorks) {
  const Identity identity = make_identity("DNS:localhost");
  auto response = fetch(identity, identity.cert.get(), "localhost");
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "secure /hello");
}

TEST(Https, CertificateForAnotherNameIsRejected) {
  const Identity identity = make_identity("DNS:other.example");
  auto response = fetch(identity, identity.cert.get(), "127.0.0.1");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::network_error);
  EXPECT_NE(response.error().message.find("TLS handshake with 127.0.0.1 failed"), std::string::npos)
      << response.error().message;
}

TEST(Https, UntrustedCertificateIsRejected) {
  const Identity identity = make_identity("IP:127.0.0.1");
  auto response = fetch(identity, nullptr, "127.0.0.1");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::network_error);
  EXPECT_NE(response.error().message.find("certificate verify failed"), std::string::npos)
      << response.error().message;
}

}  // namespace
}  // namespace weft::integrations
