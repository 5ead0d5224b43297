#include "api/http/message.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>
#include <set>
#include <string_view>

#include "api/http/access_entry.hpp"
#include "api/http/response_wire.hpp"
#include "api/http/server.hpp"

namespace weft::api {
namespace {

json::value body_of(const Response& response) {
  return json::parse(response.body);
}

TEST(HttpStatus, EveryErrorCodeHasItsOwnStatus) {
  const std::map<std::string_view, int> expected = {
      {"invalid_argument", 400}, {"invalid_json", 400},     {"invalid_pipeline", 400},
      {"invalid_config", 400},   {"expression_error", 400}, {"unauthenticated", 401},
      {"forbidden", 403},        {"not_found", 404},        {"cancelled", 409},
      {"conflict", 409},         {"limit_exceeded", 413},   {"invalid_input", 422},
      {"address_refused", 422},  {"node_failed", 422},      {"model_not_found", 422},
      {"context_too_long", 422}, {"rate_limited", 429},     {"internal", 500},
      {"network_error", 502},    {"http_status", 502},      {"upstream_failed", 502},
      {"invalid_output", 502},   {"unavailable", 503},      {"provider_unreachable", 503},
      {"timeout", 504},          {"unsupported_media_type", 415},
  };
  EXPECT_EQ(expected.size(), kAllErrorCodes.size()) << "a code without an expected status";
  for (ErrorCode code : kAllErrorCodes) {
    SCOPED_TRACE(to_string(code));
    auto want = expected.find(to_string(code));
    ASSERT_NE(want, expected.end());
    EXPECT_EQ(http_status(code), want->second);
    EXPECT_EQ(http_status(code) == 500, code == ErrorCode::internal)
        << "500 is for Weft's own faults only";
  }
}

TEST(HttpStatus, TheListOfCodesIsTheWholeCatalogue) {
  // `to_string` has a case for every code (no default, -Wswitch), and falls
  // back to "internal" for a value that is no code: the values it names are
  // the catalogue, and kAllErrorCodes must hold each of them.
  std::set<std::string_view> named;
  for (int value = 0; value < 256; ++value) {
    const auto code = static_cast<ErrorCode>(value);
    if (to_string(code) != "internal" || code == ErrorCode::internal) {
      named.insert(to_string(code));
    }
  }
  std::set<std::string_view> listed;
  for (ErrorCode code : kAllErrorCodes) {
    listed.insert(to_string(code));
  }
  EXPECT_EQ(listed, named);
  EXPECT_EQ(listed.size(), kAllErrorCodes.size()) << "a code listed twice";
}

TEST(Response, ProviderFailuresAreGatewayErrorsNot500) {
  auto unreachable =
      Response::from_error(Error::make(ErrorCode::provider_unreachable,
                                       "cannot reach Ollama at http://127.0.0.1:1 — is Ollama "
                                       "running? (connection refused)"));
  EXPECT_EQ(unreachable.status, 503);
  EXPECT_EQ(body_of(unreachable).at("error").at("code"), "provider_unreachable");
  EXPECT_EQ(Response::from_error(Error::make(ErrorCode::http_status, "answered 500")).status, 502);
  EXPECT_EQ(Response::from_error(Error::make(ErrorCode::timeout, "did not answer")).status, 504);
}

TEST(Response, ErrorEnvelopeWithoutDetails) {
  auto response = Response::error(404, "not_found", "no route for GET /x");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body, R"({"error":{"code":"not_found","message":"no route for GET /x"}})");
}

TEST(Response, ErrorEnvelopeWithDetails) {
  auto response = Response::error(400, "invalid_pipeline", "2 problems",
                                  {{"/nodes/0", "missing type"}, {"/edges/1", "bad target"}});
  auto body = body_of(response);
  const auto& details = body.at("error").at("details").as_array();
  ASSERT_EQ(details.size(), 2u);
  EXPECT_EQ(details[0].at("pointer"), "/nodes/0");
  EXPECT_EQ(details[1].at("message"), "bad target");
}

TEST(Response, FromErrorUsesTheCodeAndItsStatus) {
  auto response = Response::from_error(Error::make(ErrorCode::invalid_input, "input x is missing"));
  EXPECT_EQ(response.status, 422);
  auto body = body_of(response);
  EXPECT_EQ(body.at("error").at("code"), "invalid_input");
  EXPECT_EQ(body.at("error").at("message"), "input x is missing");
  EXPECT_FALSE(body.at("error").as_object().contains("details"));
}

TEST(Response, FromErrorWithPointerNamesIt) {
  Error error = Error::make(ErrorCode::invalid_json, "bad");
  error.pointer = "/a/0";
  auto body = body_of(Response::from_error(error));
  EXPECT_EQ(body.at("error").at("details").at(0).at("pointer"), "/a/0");
}

TEST(Response, Every429SaysWhenToComeBack) {
  Error limited = Error::make(ErrorCode::rate_limited, "too many failed logins");
  limited.retry_after = std::chrono::seconds(42);
  auto response = Response::from_error(limited);
  EXPECT_EQ(response.status, 429);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0], (std::pair<std::string, std::string>{"Retry-After", "42"}));
  // A limit that did not say how long (an upstream's) still gets a wait.
  auto unknown = Response::from_error(Error::make(ErrorCode::rate_limited, "provider busy"));
  ASSERT_EQ(unknown.headers.size(), 1u);
  EXPECT_EQ(unknown.headers[0].first, "Retry-After");
  EXPECT_GT(std::stoi(unknown.headers[0].second), 0);
  EXPECT_TRUE(Response::from_error(Error::make(ErrorCode::forbidden, "no")).headers.empty());
}

TEST(Response, JsonAndText) {
  auto json_response = Response::json(201, json::object{{"id", "p_1"}});
  EXPECT_EQ(json_response.status, 201);
  EXPECT_EQ(json_response.body, R"({"id":"p_1"})");
  auto text = Response::text(200, "ok");
  EXPECT_EQ(text.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(text.body, "ok");
}

TEST(Request, LooksUpHeadersParamsAndQuery) {
  Request request;
  request.headers = {{"content-type", "application/json"}, {"x-a", "1"}, {"x-a", "2"}};
  request.params["id"] = "p_1";
  request.query["wait"] = "false";
  EXPECT_EQ(request.header("content-type"), "application/json");
  EXPECT_EQ(request.header("Content-Type"), "application/json");
  EXPECT_EQ(request.header("x-a"), "1");
  EXPECT_EQ(request.header("missing"), "");
  EXPECT_EQ(request.param("id"), "p_1");
  EXPECT_EQ(request.param("other"), "");
  ASSERT_NE(request.query_param("wait"), nullptr);
  EXPECT_EQ(*request.query_param("wait"), "false");
  EXPECT_EQ(request.query_param("other"), nullptr);
}

Request with_body(std::string body) {
  Request request;
  request.body = std::move(body);
  return request;
}

TEST(ParseBody, ParsesAnObject) {
  auto parsed = parse_body(with_body(R"({"a": [1, 2]})"), {});
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->at("a").at(1), 2);
}

TEST(ParseBody, MalformedNamesLineAndColumn) {
  auto parsed = parse_body(with_body("{\n  \"a\": tru\n}"), {});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::invalid_json);
  EXPECT_EQ(http_status(parsed.error().code), 400);
  EXPECT_TRUE(parsed.error().message.starts_with("invalid JSON body at line 2, column"))
      << parsed.error().message;
}

TEST(ParseBody, TooDeepNamesTheDepth) {
  std::string deep(10'000, '[');
  deep += std::string(10'000, ']');
  ServerLimits limits;
  limits.max_json_depth = 64;
  auto parsed = parse_body(with_body(deep), limits);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::invalid_json);
  EXPECT_EQ(http_status(parsed.error().code), 400);
  EXPECT_NE(parsed.error().message.find("deeper than 64"), std::string::npos)
      << parsed.error().message;
}

TEST(ParseBody, EmptyBodySaysSo) {
  for (std::string body : {"", "  \r\n"}) {
    auto parsed = parse_body(with_body(body), {});
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_json);
    EXPECT_EQ(parsed.error().message, "the request body is empty; send a JSON object");
  }
}

TEST(ParseBody, OverTheSizeLimitIsLimitExceeded) {
  ServerLimits limits;
  limits.max_body_bytes = 8;
  auto parsed = parse_body(with_body(R"({"a":"0123456789"})"), limits);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::limit_exceeded);
  EXPECT_EQ(http_status(parsed.error().code), 413);
}

TEST(ResponseWire, FramesTheBodyAndAddsOurHeaders) {
  Response response = Response::text(200, "hello");
  response.headers = {{"X-Extra", "1"},
                      {"Content-Length", "999"},
                      {"Server", "other"},
                      {"X-Evil", "a\r\nSet-Cookie: x=1"},
                      {"Bad Name", "v"}};
  const std::string wire = serialize_response(response, {.request_id = "req_1"});
  EXPECT_TRUE(wire.starts_with("HTTP/1.1 200 OK\r\n")) << wire;
  EXPECT_NE(wire.find("\r\nServer: weft\r\n"), std::string::npos);
  EXPECT_NE(wire.find("\r\nX-Request-Id: req_1\r\n"), std::string::npos);
  EXPECT_NE(wire.find("\r\nContent-Length: 5\r\n"), std::string::npos);
  EXPECT_NE(wire.find("\r\nX-Extra: 1\r\n"), std::string::npos);
  EXPECT_EQ(wire.find("999"), std::string::npos);
  EXPECT_EQ(wire.find("other"), std::string::npos);
  EXPECT_EQ(wire.find("Set-Cookie"), std::string::npos);
  EXPECT_EQ(wire.find("Bad Name"), std::string::npos);
  EXPECT_TRUE(wire.ends_with("\r\n\r\nhello"));
}

TEST(ResponseWire, HeadKeepsLengthButSendsNoBody) {
  const std::string wire =
      serialize_response(Response::text(200, "hello"), {.request_id = "r", .head = true});
  EXPECT_NE(wire.find("Content-Length: 5\r\n"), std::string::npos);
  EXPECT_TRUE(wire.ends_with("\r\n\r\n"));
  EXPECT_EQ(body_bytes(Response::text(200, "hello"), true), 0u);
}

TEST(ResponseWire, NoContentHasNoBodyOrLength) {
  const std::string wire = serialize_response(Response::text(204, "x"), {.request_id = "r"});
  EXPECT_EQ(wire.find("Content-Length"), std::string::npos);
  EXPECT_TRUE(wire.ends_with("\r\n\r\n"));
}

TEST(ResponseWire, ConnectionHeaders) {
  EXPECT_NE(serialize_response({}, {.request_id = "r", .close = true}).find("Connection: close"),
            std::string::npos);
  EXPECT_NE(serialize_response({}, {.request_id = "r", .keep_alive = true})
                .find("Connection: keep-alive"),
            std::string::npos);
}

TEST(AccessLine, HasTheFieldsAndEscapesThePath) {
  AccessEntry entry;
  entry.time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'700'000'000'123));
  entry.request_id = "req_1";
  entry.remote = "127.0.0.1";
  entry.method = "GET";
  entry.path = "/a\nb";
  entry.route = "unmatched";
  entry.status = 404;
  entry.bytes = 10;
  entry.duration_ms = 1.23456;
  auto line = json::parse(format_access_line(entry)).as_object();
  EXPECT_EQ(line.at("time"), "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(line.at("request_id"), "req_1");
  EXPECT_EQ(line.at("remote"), "127.0.0.1");
  EXPECT_EQ(line.at("method"), "GET");
  EXPECT_EQ(line.at("path"), "/a%0Ab");
  EXPECT_EQ(line.at("route"), "unmatched");
  EXPECT_EQ(line.at("status"), 404);
  EXPECT_EQ(line.at("bytes"), 10);
  EXPECT_DOUBLE_EQ(line.at("duration_ms").as_double(), 1.235);
  EXPECT_FALSE(line.contains("error"));
}

}  // namespace
}  // namespace weft::api
