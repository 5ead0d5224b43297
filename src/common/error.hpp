#pragma once
// The error catalogue: every error a user can see has a code from this list
// and a message that says what is wrong and where.

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace weft {

enum class ErrorCode {
  invalid_argument,  ///< a command-line argument or request parameter is wrong
  invalid_json,      ///< input is not well-formed JSON, or breaks a size/depth limit
  invalid_pipeline,  ///< the pipeline definition has problems (see the problem list)
  invalid_input,     ///< a run input is missing or of the wrong type
  invalid_config,    ///< a node's config does not fit its type
  expression_error,  ///< a template or expression failed to parse or evaluate
  limit_exceeded,    ///< a size, depth or count limit was hit
  timeout,           ///< a node or run took longer than allowed
  cancelled,         ///< the run was cancelled
  address_refused,   ///< the address guard refused an outbound address
  network_error,     ///< connect, TLS, read or write failed
  http_status,       ///< the remote side answered with an error status
  node_failed,       ///< a node reported a failure of its own
  upstream_failed,   ///< a dependency failed, so this node could not run
  not_found,         ///< a referenced thing does not exist
  conflict,          ///< the thing changed since the caller read it, or the id is taken
  unauthenticated,   ///< no valid credentials came with the request (HTTP 401)
  forbidden,         ///< the caller is known but may not do this (HTTP 403)
  rate_limited,      ///< too many attempts; try again later (HTTP 429)
  unavailable,       ///< a dependency (database, queue) cannot serve the request now
  internal,          ///< a bug in Weft; never for bad input

  // LLM providers (src/llm/).
  /// An LLM provider does not answer at its address.
  provider_unreachable,
  /// The LLM provider does not have the model asked for.
  model_not_found,
  /// The prompt does not fit the model's context window.
  context_too_long,
  /// A model's reply does not match the JSON Schema asked for.
  invalid_output,

  /// A request body of a kind the route does not take (HTTP 415).
  unsupported_media_type,
};

/// Every code, in catalogue order, for tables that must cover them all (the
/// HTTP status test walks it). A new code goes here too: a test compares this
/// list with the codes `to_string` names.
inline constexpr std::array kAllErrorCodes = {
    ErrorCode::invalid_argument, ErrorCode::invalid_json,
    ErrorCode::invalid_pipeline, ErrorCode::invalid_input,
    ErrorCode::invalid_config,   ErrorCode::expression_error,
    ErrorCode::limit_exceeded,   ErrorCode::timeout,
    ErrorCode::cancelled,        ErrorCode::address_refused,
    ErrorCode::network_error,    ErrorCode::http_status,
    ErrorCode::node_failed,      ErrorCode::upstream_failed,
    ErrorCode::not_found,        ErrorCode::conflict,
    ErrorCode::unauthenticated,  ErrorCode::forbidden,
    ErrorCode::rate_limited,     ErrorCode::unavailable,
    ErrorCode::internal,         ErrorCode::provider_unreachable,
    ErrorCode::model_not_found,  ErrorCode::context_too_long,
    ErrorCode::invalid_output,   ErrorCode::unsupported_media_type,
};

/// Stable snake_case name of a code, as shown in JSON (`"code": "timeout"`).
std::string_view to_string(ErrorCode code);

/// A failure a caller is expected to handle or show (STYLE: errors have four doors).
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string pointer;  ///< JSON Pointer into the offending document, when there is one
  std::string node_id;  ///< the node it happened in, when there is one
  bool retryable = false;
  /// For rate_limited: how long until another attempt can succeed, as the
  /// limiter that refused knows it (the HTTP answer's Retry-After).
  std::optional<std::chrono::seconds> retry_after;

  static Error make(ErrorCode code, std::string message) {
    Error error;
    error.code = code;
    error.message = std::move(message);
    return error;
  }
};

}  // namespace weft
