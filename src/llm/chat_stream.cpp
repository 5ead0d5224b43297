#include "llm/chat_stream.hpp"

namespace weft::llm {

void ChatStream::restart() {
  reset_parser();
  response_ = {};
  error_.reset();
  complete_ = false;
  pieces_ = 0;
}

bool ChatStream::feed(std::string_view chunk) {
  if (Status fed = parse(chunk); !fed) {
    return fail(std::move(fed).error());
  }
  return !parser_stopped();
}

Result<ChatResponse> ChatStream::finish() {
  if (!error_) {
    if (Status ended = end_parser(); !ended) {
      error_ = std::move(ended).error();
    }
  }
  if (error_) {
    return *error_;
  }
  if (!complete_) {
    return truncated_stream_error(failure_, pieces_);
  }
  return std::move(response_);
}

void ChatStream::emit(std::string_view piece) {
  if (piece.empty()) {
    return;
  }
  ++pieces_;
  response_.text.append(piece);
  on_token_(piece);
}

bool ChatStream::fail(Error error) {
  error_ = std::move(error);
  return false;
}

}  // namespace weft::llm
