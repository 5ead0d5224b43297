#include "integrations/http_exchange.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/beast/http/write.hpp>
#include <cctype>

#include "integrations/ascii.hpp"
#include "integrations/http_connect.hpp"

namespace weft::integrations {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;
using net::ip::tcp;
using OutboundRequest = http::request<http::string_body>;
using InboundParser = http::response_parser<http::buffer_body>;

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
constexpr std::string_view kUserAgent = "weft/0.1";
constexpr std::uint32_t kHeaderLimit = 64 * 1024;
constexpr std::size_t kReadChunkBytes = 16 * 1024;

bool is_token(std::string_view text) {
  constexpr std::string_view kTokenPunctuation = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::all_of(text.begin(), text.end(), [&](unsigned char c) {
    return std::isalnum(c) || kTokenPunctuation.find(static_cast<char>(c)) != std::string::npos;
  });
}

/// A CR or LF in a value would let a header value start a header of its own.
bool is_field_value(std::string_view text) {
  return std::none_of(text.begin(), text.end(),
                      [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

/// Framing and connection headers belong to the client, not the caller.
bool is_managed(http::field field) {
  switch (field) {
    case http::field::host:
    case http::field::content_length:
    case http::field::transfer_encoding:
    case http::field::connection:
    case http::field::keep_alive:
    case http::field::expect:
    case http::field::upgrade:
      return true;
    default:
      return false;
  }
}

Result<OutboundRequest> build_request(const HttpTarget& target, const HttpRequest& request) {
  std::string method = request.method;
  std::transform(method.begin(), method.end(), method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (!is_token(method)) {
    return Error::make(ErrorCode::invalid_argument,
                       "HTTP method `" + request.method + "` is not a valid method name");
  }
  OutboundRequest out;
  const http::verb verb = http::string_to_verb(method);
  if (verb == http::verb::unknown) {
    out.method_string(method);
  } else {
    out.method(verb);
  }
  out.target(target.target);
  out.version(11);
  out.set(http::field::host, target.host_header);
  out.set(http::field::user_agent, kUserAgent);
  for (const auto& [name, value] : request.headers) {
    if (!is_token(name)) {
      return Error::make(ErrorCode::invalid_argument,
                         "header name `" + name + "` is not a valid HTTP header name");
    }
    if (!is_field_value(value)) {
      return Error::make(ErrorCode::invalid_argument,
                         "header `" + name + "` has a line break or NUL in its value");
    }
    const http::field field = http::string_to_field(name);
    if (is_managed(field)) {
      continue;
    }
    if (field == http::field::user_agent) {
      out.set(field, value);
    } else {
      out.insert(name, value);
    }
  }
  out.keep_alive(false);
  out.body() = request.body;
  out.prepare_payload();
  return out;
}

Error read_error(const boost::system::error_code& ec, const HttpTarget& target,
                 const HttpRequest& request) {
  if (ec == http::error::body_limit) {
    return Error::make(
        ErrorCode::limit_exceeded,
        "response body exceeds " + std::to_string(request.max_response_bytes) + " bytes");
  }
  if (ec == http::error::header_limit) {
    return Error::make(ErrorCode::limit_exceeded, "response headers from " + target.host +
                                                      " exceed " + std::to_string(kHeaderLimit) +
                                                      " bytes");
  }
  if (ec == http::error::end_of_stream || ec == http::error::partial_message ||
      ec == net::error::eof) {
    return network_error("connection to " + target.host +
                         " closed before the response was complete");
  }
  if (ec.category() == boost::system::error_code(http::error::bad_version).category()) {
    return network_error("invalid HTTP response from " + target.host + ": " + ec.message());
  }
  return network_error("could not read the response from " + target.host + ": " + ec.message());
}

HttpResponse response_head(const InboundParser::value_type& message, const HttpTarget& target) {
  HttpResponse out;
  out.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    out.headers.emplace_back(ascii_lower(field.name_string()), std::string(field.value()));
  }
  out.url = target.url;
  return out;
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

template <class Stream>
net::awaitable<Status> read_body(Stream& stream, boost::beast::flat_buffer& buffer,
                                 InboundParser& parser, const HttpTarget& target,
                                 const HttpRequest& request, const ChunkSink& sink) {
  std::array<char, kReadChunkBytes> chunk{};
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    auto [ec, bytes] = co_await http::async_read_some(stream, buffer, parser, use_tuple);
    if (ec == http::error::need_buffer) {
      ec = {};
    }
    // A TLS peer that ends a read-until-close body without close_notify.
    if (ec == ssl::error::stream_truncated && parser.need_eof()) {
      parser.put_eof(ec);
    }
    if (ec) {
      co_return read_error(ec, target, request);
    }
    const std::size_t got = chunk.size() - parser.get().body().size;
    if (got > 0 && !sink(std::string_view(chunk.data(), got))) {
      co_return Ok{};
    }
  }
  co_return Ok{};
}

template <class Stream>
net::awaitable<Result<HopResult>> talk(Stream& stream, const HttpTarget& target,
                                       const HttpRequest& request, OutboundRequest& message,
                                       const ChunkSink& sink) {
  auto [write_ec, written] = co_await http::async_write(stream, message, use_tuple);
  if (write_ec) {
    co_return network_error("could not send the request to " + target.host + ": " +
                            write_ec.message());
  }
  boost::beast::flat_buffer buffer;
  InboundParser parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(request.max_response_bytes);
  if (message.method() == http::verb::head) {
    parser.skip(true);
  }
  auto [read_ec, read] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
  if (read_ec) {
    co_return read_error(read_ec, target, request);
  }
  HopResult hop{response_head(parser.get(), target), {}};
  if (is_redirect(hop.response.status)) {
    hop.location = std::string(hop.response.header("location"));
    if (!hop.location.empty()) {
      co_return hop;
    }
  }
  Status body = co_await read_body(stream, buffer, parser, target, request, sink);
  if (!body) {
    co_return std::move(body).error();
  }
  co_return hop;
}

net::awaitable<Status> handshake(ssl::stream<tcp::socket>& stream, const HttpTarget& target) {
  // SNI carries host names only, never IP literals (RFC 6066 §3).
  if (!target.literal &&
      SSL_set_tlsext_host_name(stream.native_handle(), target.host.c_str()) != 1) {
    co_return network_error("could not set the TLS server name for " + target.host);
  }
  stream.set_verify_mode(ssl::verify_peer);
  stream.set_verify_callback(ssl::host_name_verification(target.host));
  auto [ec] = co_await stream.async_handshake(ssl::stream_base::client, use_tuple);
  if (ec) {
    co_return network_error("TLS handshake with " + target.host + " failed: " + ec.message());
  }
  co_return Ok{};
}

}  // namespace

net::awaitable<Result<HopResult>> exchange(const HttpTarget& target, const HttpRequest& request,
                                           const HopContext& context) {
  auto message = build_request(target, request);
  if (!message) {
    co_return std::move(message).error();
  }
  auto socket = co_await connect_checked(target, context.guard);
  if (!socket) {
    co_return std::move(socket).error();
  }
  if (!target.tls) {
    co_return co_await talk(*socket, target, request, *message, context.sink);
  }
  ssl::stream<tcp::socket> stream(std::move(*socket), context.tls());
  Status shaken = co_await handshake(stream, target);
  if (!shaken) {
    co_return std::move(shaken).error();
  }
  co_return co_await talk(stream, target, request, *message, context.sink);
}

}  // namespace weft::integrations
