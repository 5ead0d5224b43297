#pragma once
// Errors a user understands, from what LLM servers send (internal to llm/).
// Each server words its error bodies its own way:
//   Ollama                {"error": "model \"x\" not found, try pulling it first"}
//   OpenAI, llama.cpp     {"error": {"message": "…", "type": "…", "code": "…" | 400}}
//   vLLM                  {"object": "error", "message": "…", "type": "…", "code": 400}
//   FastAPI-based servers {"detail": "…"}

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/result.hpp"
#include "llm/provider.hpp"

namespace weft::llm {

/// An error body, read in whichever of the shapes above it came. Only those
/// fields are kept, as short single lines: a body that is not an error
/// message (a web page, another service's JSON) is never repeated to users.
struct ErrorBody {
  std::string message;  ///< at most ~200 bytes, one line; "" when none
  std::string type;
  std::string code;         ///< numbers as their text
  bool recognised = false;  ///< the body had one of the shapes above
};

ErrorBody parse_error_body(std::string_view body);

/// The prompt did not fit the model's context window (Ollama "the input
/// length exceeds the context length", OpenAI `context_length_exceeded`,
/// llama.cpp `exceed_context_size_error`, vLLM "maximum context length").
bool is_context_overflow(const ErrorBody& body);

/// The server does not have the model asked for.
bool is_model_missing(int status, const ErrorBody& body);

/// 429 and 5xx are worth another try, unless the body says the prompt is too long.
bool is_retryable_status(int status, const ErrorBody& body);

/// What went wrong with a call, and how to word it.
struct CallFailure {
  const ProviderConfig& config;
  std::string_view model;  ///< "" for calls about no model (listing models)
  int attempts = 1;
  std::chrono::milliseconds waited{0};
};

/// The error for an answer with status >= 400, after retries. A missing
/// model gives ErrorCode::model_not_found with the server's own message as
/// its message: the provider rewords it with explain_missing_model, which
/// needs a call of its own to list the models.
Error status_error(const CallFailure& failure, int status, const ErrorBody& body);

/// An `error` the server sent inside a reply stream that had begun well.
Error stream_error(const CallFailure& failure, const ErrorBody& body);

/// The error for a transport failure reported by the HTTP client: unreachable
/// (refused, unresolvable), timeout, a redirect, a broken connection.
Error transport_error(const CallFailure& failure, Error from_client);

/// The stream ended before the reply was complete.
Error truncated_stream_error(const CallFailure& failure, std::size_t pieces);

/// A reply (or stream line) that is not what the protocol promises.
Error malformed_reply_error(const CallFailure& failure, std::string_view what);

/// ErrorCode::model_not_found, listing the models the provider has
/// (`models`), or saying why they could not be listed.
Error model_missing_error(const ProviderConfig& config, std::string_view model,
                          std::string_view server_message,
                          const Result<std::vector<ModelInfo>>& models);

/// `error` as it is, unless it is a bare model_not_found from status_error:
/// then the models `provider` has are listed and the error reworded.
boost::asio::awaitable<Error> explain_missing_model(Provider& provider, Error error,
                                                    std::string model);

}  // namespace weft::llm
