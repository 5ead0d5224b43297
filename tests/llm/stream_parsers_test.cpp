// NDJSON and SSE parsers: the same events whatever the chunk boundaries.
#include "llm/stream_parsers.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace weft::llm {
namespace {

// An Ollama-like stream: CRLF and LF line ends, a blank line, multi-byte
// UTF-8 that a split can cut in half, and a last line without a newline.
const std::string kNdjson =
    "{\"message\":{\"content\":\"H\\u00e9\"},\"done\":false}\r\n"
    "\n"
    "{\"message\":{\"content\":\"llo \xF0\x9F\x91\x8B\"},\"done\":false}\n"
    "   \n"
    "{\"done\":true,\"eval_count\":2}";

const std::vector<std::string> kNdjsonLines = {
    "{\"message\":{\"content\":\"H\\u00e9\"},\"done\":false}",
    "{\"message\":{\"content\":\"llo \xF0\x9F\x91\x8B\"},\"done\":false}",
    "{\"done\":true,\"eval_count\":2}"};

// An OpenAI-like stream with every line-ending the standard allows, a BOM,
// comments, multi-line data, named events, an id (which sticks), a field
// without a colon (an empty data line: an event with empty data, as the
// standard says) and a field Weft ignores.
const std::string kSse =
    "\xEF\xBB\xBF: keep-alive\r\n"
    "data: {\"delta\":\"a\"}\r\n"
    "\r\n"
    "data:first\n"
    "data: second\n"
    "id: 7\n"
    "\n"
    "event: error\r"
    "data: {\"error\":\"x\"}\r"
    "\r"
    "data\n"
    "\n"
    "retry: 100\n"
    "data: \xE2\x82\xAC\n"
    "\n"
    "data: [DONE]\n"
    "\n";

struct Seen {
  std::string event;
  std::string data;
  std::string id;
  bool operator==(const Seen&) const = default;
};

const std::vector<Seen> kSseEvents = {
    {"", "{\"delta\":\"a\"}", ""},       {"", "first\nsecond", "7"},
    {"error", "{\"error\":\"x\"}", "7"}, {"", "", "7"},
    {"", "\xE2\x82\xAC", "7"},           {"", "[DONE]", "7"}};

std::vector<std::string> ndjson_lines(const std::vector<std::string_view>& chunks) {
  std::vector<std::string> lines;
  NdjsonParser parser([&](std::string_view line) {
    lines.emplace_back(line);
    return true;
  });
  for (auto chunk : chunks) {
    EXPECT_TRUE(parser.feed(chunk).ok());
  }
  EXPECT_TRUE(parser.finish().ok());
  return lines;
}

std::vector<Seen> sse_events(const std::vector<std::string_view>& chunks) {
  std::vector<Seen> events;
  SseParser parser([&](const SseEvent& e) {
    events.push_back({std::string(e.event), std::string(e.data), std::string(e.id)});
    return true;
  });
  for (auto chunk : chunks) {
    EXPECT_TRUE(parser.feed(chunk).ok());
  }
  EXPECT_TRUE(parser.finish().ok());
  return events;
}

TEST(NdjsonParser, SameLinesWhereverTheStreamIsCutOnceOrTwice) {
  const std::string_view all = kNdjson;
  for (std::size_t i = 0; i <= all.size(); ++i) {
    ASSERT_EQ(ndjson_lines({all.substr(0, i), all.substr(i)}), kNdjsonLines) << "cut at " << i;
    for (std::size_t j = i; j <= all.size(); j += 3) {
      ASSERT_EQ(ndjson_lines({all.substr(0, i), all.substr(i, j - i), all.substr(j)}), kNdjsonLines)
          << "cut at " << i << " and " << j;
    }
  }
}

TEST(NdjsonParser, ByteByByte) {
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < kNdjson.size(); ++i) {
    bytes.push_back(std::string_view(kNdjson).substr(i, 1));
  }
  EXPECT_EQ(ndjson_lines(bytes), kNdjsonLines);
}

TEST(NdjsonParser, AHandlerReturningFalseStopsTheStream) {
  int lines = 0;
  NdjsonParser parser([&](std::string_view) { return ++lines < 2; });
  ASSERT_TRUE(parser.feed("a\nb\nc\n").ok());
  EXPECT_TRUE(parser.stopped());
  EXPECT_EQ(lines, 2);
}

TEST(NdjsonParser, ALineBeyondTheLimitIsAnError) {
  NdjsonParser parser([](std::string_view) { return true; }, 10);
  ASSERT_TRUE(parser.feed("12345").ok());
  auto status = parser.feed("678901");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::limit_exceeded);
}

TEST(NdjsonParser, ResetForgetsAPartialLine) {
  std::vector<std::string> lines;
  NdjsonParser parser([&](std::string_view line) {
    lines.emplace_back(line);
    return true;
  });
  ASSERT_TRUE(parser.feed("{\"error\":").ok());
  parser.reset();
  ASSERT_TRUE(parser.feed("{\"ok\":1}\n").ok());
  EXPECT_EQ(lines, std::vector<std::string>{"{\"ok\":1}"});
}

TEST(SseParser, SameEventsWhereverTheStreamIsCutOnceOrTwice) {
  const std::string_view all = kSse;
  for (std::size_t i = 0; i <= all.size(); ++i) {
    ASSERT_EQ(sse_events({all.substr(0, i), all.substr(i)}), kSseEvents) << "cut at " << i;
    for (std::size_t j = i; j <= all.size(); j += 3) {
      ASSERT_EQ(sse_events({all.substr(0, i), all.substr(i, j - i), all.substr(j)}), kSseEvents)
          << "cut at " << i << " and " << j;
    }
  }
}

TEST(SseParser, ByteByByte) {
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < kSse.size(); ++i) {
    bytes.push_back(std::string_view(kSse).substr(i, 1));
  }
  EXPECT_EQ(sse_events(bytes), kSseEvents);
}

TEST(SseParser, ACrAtTheEndOfAChunkAndAnLfAtTheStartOfTheNextAreOneLineEnd) {
  EXPECT_EQ(sse_events({"data: a\r", "\ndata: b\r", "\n\r", "\n"}),
            (std::vector<Seen>{{"", "a\nb", ""}}));
}

TEST(SseParser, TheLastEventIsDispatchedEvenWithoutItsBlankLine) {
  EXPECT_EQ(sse_events({"data: {\"x\":1}\n\ndata: [DONE]"}),
            (std::vector<Seen>{{"", "{\"x\":1}", ""}, {"", "[DONE]", ""}}));
}

TEST(SseParser, AnEventBeyondTheLimitIsAnError) {
  SseParser parser([](const SseEvent&) { return true; }, 16);
  ASSERT_TRUE(parser.feed("data: 0123456789\n").ok());
  auto status = parser.feed("data: 0123456789\n");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::limit_exceeded);
}

TEST(SseParser, AHandlerReturningFalseStopsTheStream) {
  int events = 0;
  SseParser parser([&](const SseEvent&) { return ++events < 1; });
  ASSERT_TRUE(parser.feed("data: [DONE]\n\ndata: more\n\n").ok());
  EXPECT_TRUE(parser.stopped());
  EXPECT_EQ(events, 1);
}

}  // namespace
}  // namespace weft::llm
