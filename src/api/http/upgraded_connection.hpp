#pragma once
// A connection that asked to become a WebSocket, as the HTTP session hands it
// over: the socket, bytes already read past the request, and the request.
// Pulls in Beast: include only where the WebSocket is built.

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace weft::api {

struct UpgradedConnection {
  boost::asio::ip::tcp::socket socket;
  boost::beast::flat_buffer buffer;
  boost::beast::http::request<boost::beast::http::string_body> request;
};

}  // namespace weft::api
