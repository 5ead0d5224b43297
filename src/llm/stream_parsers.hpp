#pragma once
// Incremental parsers for the two streaming formats LLM servers use:
// newline-delimited JSON (Ollama) and server-sent events (OpenAI-compatible).
// Bytes arrive in chunks cut anywhere — inside a line, inside a UTF-8
// sequence, between the CR and LF of a line end — and each parser keeps what
// it has not yet seen the end of. A line or event longer than `max_bytes` is
// an ErrorCode::limit_exceeded (a bounded buffer, STYLE habit 9).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace weft::llm {

constexpr std::size_t kMaxStreamLineBytes = 4 * 1024 * 1024;

/// Splits a byte stream into lines ending in LF (a CR before it is dropped);
/// blank lines are skipped. `on_line` returning false stops the stream.
class NdjsonParser {
 public:
  using LineHandler = std::function<bool(std::string_view line)>;
  explicit NdjsonParser(LineHandler on_line, std::size_t max_bytes = kMaxStreamLineBytes)
      : on_line_(std::move(on_line)), max_bytes_(max_bytes) {}

  /// Feeds the next bytes; `stopped()` then says whether the handler asked to stop.
  Status feed(std::string_view chunk);
  /// The stream ended: hands over a last line that had no newline.
  Status finish();
  /// Forgets everything seen, for a new stream.
  void reset();
  bool stopped() const { return stopped_; }

 private:
  bool deliver(std::string_view line);
  LineHandler on_line_;
  std::size_t max_bytes_;
  std::string partial_;
  bool stopped_ = false;
};

/// One server-sent event.
struct SseEvent {
  std::string_view event;  ///< the `event:` field; "" means "message"
  std::string_view data;   ///< `data:` lines joined by LF
  std::string_view id;
};

/// The event-stream parser of the HTML Living Standard (§9.2.6): lines end in
/// CRLF, LF or CR; `:` starts a comment; a blank line dispatches the event;
/// a leading byte-order mark is ignored. `on_event` returning false stops.
class SseParser {
 public:
  using EventHandler = std::function<bool(const SseEvent& event)>;
  explicit SseParser(EventHandler on_event, std::size_t max_bytes = kMaxStreamLineBytes)
      : on_event_(std::move(on_event)), max_bytes_(max_bytes) {}

  Status feed(std::string_view chunk);
  /// The stream ended. Unlike a browser, dispatches an event that lacked its
  /// closing blank line: some servers end the stream right after `data: [DONE]`.
  Status finish();
  void reset();
  bool stopped() const { return stopped_; }

 private:
  Status line(std::string_view text);
  void dispatch();
  EventHandler on_event_;
  std::size_t max_bytes_;
  std::string partial_;  ///< the line being read
  std::string data_;
  std::string event_;
  std::string id_;
  bool after_cr_ = false;  ///< the last byte was a CR: an LF next belongs to it
  bool at_start_ = true;   ///< no line seen yet: a BOM may come first
  bool stopped_ = false;
};

}  // namespace weft::llm
