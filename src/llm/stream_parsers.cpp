#include "llm/stream_parsers.hpp"

namespace weft::llm {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

Error too_long(std::size_t max_bytes) {
  return Error::make(ErrorCode::limit_exceeded,
                     "a line of the reply stream exceeds " + std::to_string(max_bytes) + " bytes");
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

bool NdjsonParser::deliver(std::string_view line) {
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  if (is_blank(line)) {
    return true;
  }
  if (!on_line_(line)) {
    stopped_ = true;
  }
  return !stopped_;
}

Status NdjsonParser::feed(std::string_view chunk) {
  while (!stopped_ && !chunk.empty()) {
    const std::size_t newline = chunk.find('\n');
    if (newline == std::string_view::npos) {
      if (partial_.size() + chunk.size() > max_bytes_) {
        return too_long(max_bytes_);
      }
      partial_.append(chunk);
      return Ok{};
    }
    // A whole line inside the chunk goes out without a copy.
    if (partial_.empty()) {
      deliver(chunk.substr(0, newline));
    } else {
      if (partial_.size() + newline > max_bytes_) {
        return too_long(max_bytes_);
      }
      partial_.append(chunk.substr(0, newline));
      const std::string line = std::move(partial_);
      partial_.clear();
      deliver(line);
    }
    chunk.remove_prefix(newline + 1);
  }
  return Ok{};
}

Status NdjsonParser::finish() {
  if (!stopped_ && !partial_.empty()) {
    const std::string line = std::move(partial_);
    partial_.clear();
    deliver(line);
  }
  return Ok{};
}

void NdjsonParser::reset() {
  partial_.clear();
  stopped_ = false;
}

Status SseParser::feed(std::string_view chunk) {
  while (!stopped_ && !chunk.empty()) {
    if (after_cr_) {
      after_cr_ = false;
      if (chunk.front() == '\n') {
        chunk.remove_prefix(1);
        continue;
      }
    }
    const std::size_t end = chunk.find_first_of("\r\n");
    if (end == std::string_view::npos) {
      if (partial_.size() + chunk.size() > max_bytes_) {
        return too_long(max_bytes_);
      }
      partial_.append(chunk);
      return Ok{};
    }
    after_cr_ = chunk[end] == '\r';
    Status status = Ok{};
    if (partial_.empty()) {
      status = line(chunk.substr(0, end));
    } else {
      partial_.append(chunk.substr(0, end));
      const std::string text = std::move(partial_);
      partial_.clear();
      status = line(text);
    }
    if (!status) {
      return status;
    }
    chunk.remove_prefix(end + 1);
  }
  return Ok{};
}

Status SseParser::line(std::string_view text) {
  if (at_start_) {
    at_start_ = false;
    if (text.starts_with(kBom)) {
      text.remove_prefix(kBom.size());
    }
  }
  if (text.empty()) {
    dispatch();
    return Ok{};
  }
  if (text.front() == ':') {
    return Ok{};  // a comment, often a keep-alive
  }
  const std::size_t colon = text.find(':');
  const std::string_view field = text.substr(0, colon);
  std::string_view value =
      colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') {
    value.remove_prefix(1);
  }
  if (field == "data") {
    if (data_.size() + value.size() + 1 > max_bytes_) {
      return too_long(max_bytes_);
    }
    data_.append(value);
    data_.push_back('\n');
  } else if (field == "event") {
    event_ = value;
  } else if (field == "id" && value.find('\0') == std::string_view::npos) {
    id_ = value;
  }
  return Ok{};
}

void SseParser::dispatch() {
  if (data_.empty()) {
    event_.clear();
    return;
  }
  data_.pop_back();  // the LF after the last data line
  const SseEvent event{event_, data_, id_};
  if (!on_event_(event)) {
    stopped_ = true;
  }
  data_.clear();
  event_.clear();
}

Status SseParser::finish() {
  if (stopped_) {
    return Ok{};
  }
  if (!partial_.empty()) {
    const std::string text = std::move(partial_);
    partial_.clear();
    if (Status status = line(text); !status) {
      return status;
    }
  }
  dispatch();
  return Ok{};
}

void SseParser::reset() {
  partial_.clear();
  data_.clear();
  event_.clear();
  id_.clear();
  after_cr_ = false;
  at_start_ = true;
  stopped_ = false;
}

}  // namespace weft::llm
