#pragma once
// What a streamed chat reply is, whichever protocol brings it (internal to
// llm/): the reply gathered so far, each piece of text handed on as it
// arrives, and how the stream ended — an error, complete, or cut short.
// A provider derives one reader per protocol (NDJSON, SSE) that turns its
// parser's lines or events into `emit`, `fail` and `complete`.

#include <cstddef>
#include <optional>
#include <string_view>

#include "common/result.hpp"
#include "llm/provider.hpp"
#include "llm/provider_errors.hpp"

namespace weft::llm {

class ChatStream {
 public:
  virtual ~ChatStream() = default;
  ChatStream(const ChatStream&) = delete;
  ChatStream& operator=(const ChatStream&) = delete;

  /// Forgets everything read, before each attempt of the call.
  void restart();
  /// The next bytes of the body; false stops reading.
  bool feed(std::string_view chunk);
  /// Once the body has ended: the whole reply, or why there is none.
  Result<ChatResponse> finish();

 protected:
  /// `failure` and `on_token` must outlive the stream.
  ChatStream(const CallFailure& failure, TokenSink& on_token)
      : failure_(failure), on_token_(on_token) {}

  // The protocol's parser, whose handler calls the helpers below.
  virtual void reset_parser() = 0;
  virtual Status parse(std::string_view chunk) = 0;
  virtual Status end_parser() = 0;
  virtual bool parser_stopped() const = 0;

  /// Appends a piece of the reply's text and hands it on (an empty one is skipped).
  void emit(std::string_view piece);
  /// Ends the stream with `error`; returns false, for the handler to return.
  bool fail(Error error);
  /// The reply is whole; later pieces (a usage chunk) may still come.
  void complete() { complete_ = true; }

  const CallFailure& failure() const { return failure_; }
  ChatResponse& response() { return response_; }

 private:
  const CallFailure& failure_;
  TokenSink& on_token_;
  ChatResponse response_;
  std::optional<Error> error_;
  bool complete_ = false;
  std::size_t pieces_ = 0;
};

}  // namespace weft::llm
