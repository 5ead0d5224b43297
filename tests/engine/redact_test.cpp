// Credential values and their simple variants are scrubbed from what a run
// records and shows, the same way at the top level, inside a loop and inside
// a loop inside a loop.
#include "engine/redact.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>
#include <vector>

#include "fixtures/engine_harness.hpp"
#include "fixtures/http_peer.hpp"

namespace weft::engine {
namespace {

using testing::HarnessRun;
using testing::HttpPeer;
using testing::PeerRequest;
using testing::PeerResponse;
using testing::run_pipeline;

constexpr std::string_view kToken = "Zq7Secret-Token-9x";

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string spaced(std::string_view text, std::string_view gap = " ") {
  std::string out;
  for (char c : text) {
    if (!out.empty()) {
      out += gap;
    }
    out += c;
  }
  return out;
}

/// Every spelling of the token a test looks for in what the run left behind.
std::vector<std::string> copies_of(std::string_view secret) {
  return {std::string(secret), upper(secret),         lower(secret),
          spaced(secret),      spaced(upper(secret)), spaced(secret, "-")};
}

// --- the matcher -----------------------------------------------------------

TEST(RedactText, ScrubsExactUpperLowerAndSpacedOutCopies) {
  const std::vector<std::string> secrets{std::string(kToken)};
  for (const std::string& copy : copies_of(kToken)) {
    SCOPED_TRACE(copy);
    std::string text = "before " + copy + " after";
    EXPECT_TRUE(redact_text(text, secrets));
    EXPECT_EQ(text, "before [redacted] after");
  }
  std::string mixed = "zQ7sEcReT-tOkEn-9X, then " + spaced(kToken, ", ") + ".";
  EXPECT_TRUE(redact_text(mixed, secrets));
  EXPECT_EQ(mixed, "[redacted], then [redacted].");
}

TEST(RedactText, LeavesOtherTextAlone) {
  const std::vector<std::string> secrets{"hunter22"};
  std::string text = "hunter 2 is not it; neither is hunter-21 nor h u n t e r";
  EXPECT_FALSE(redact_text(text, secrets));
  std::string far_apart = "h    u    n    t    e    r    2    2";
  EXPECT_FALSE(redact_text(far_apart, secrets)) << "more than a few separators is not a copy";
  std::string several = "hunter22hunter22 HUNTER22";
  EXPECT_TRUE(redact_text(several, secrets));
  EXPECT_EQ(several, "[redacted][redacted] [redacted]");
}

TEST(RedactJson, ScrubsStringsAndKeysAtEveryDepth) {
  json::value value = json::parse(R"({"a": [{"HUNTER22": "x h-u-n-t-e-r-2-2 y"}], "n": 1})");
  EXPECT_TRUE(redact_json(value, {"hunter22"}));
  EXPECT_EQ(value, json::parse(R"({"a": [{"[redacted]": "x [redacted] y"}], "n": 1})"));
}

// --- through the engine ------------------------------------------------------

class OneCredential final : public nodes::CredentialSource {
 public:
  Result<nodes::Credential> resolve(std::string_view, std::string_view id) const override {
    if (id != "cred") {
      return Error::make(ErrorCode::not_found, "no credential `" + std::string(id) + "`");
    }
    return nodes::Credential{"bearer", json::object{{"token", kToken}}};
  }
};

/// Answers with the bearer token it was sent, in every spelling.
PeerResponse echo_variants(const PeerRequest& request, int status = 200) {
  const std::string header = request.header("authorization");
  const std::string token = header.substr(header.find(' ') + 1);
  json::object body{{"exact", token},
                    {"upper", upper(token)},
                    {"lower", lower(token)},
                    {"spaced", spaced(token)},
                    {"dashed", spaced(token, "-")}};
  return PeerResponse::json(json::serialize(body), status);
}

/// A block that calls the peer with the credential, and one that re-cases,
/// spaces out and cuts what came back. A cut piece is no copy any matcher
/// could know: it stays out of the record only because the block reads an
/// output already scrubbed, at whatever level it runs.
std::string call_and_derive(const std::string& url) {
  return R"({"nodes": [
      {"id": "call", "type": "http_request", "config": {"url": ")" +
         url + R"(", "credential": "cred"}},
      {"id": "derive", "type": "template", "config": {"template":
        "{{ call.body.exact | upper }} {{ call.body.exact | lower }} {{ call.body.exact | split('') | join(' ') }} {{ call.body.exact | slice(0, 12) }}"}}],
    "edges": [{"source": "call", "target": "derive"}]})";
}

std::string in_loop(const std::string& body) {
  return R"({"nodes": [{"id": "each", "type": "loop", "config": {"items": "{{ [1, 2] }}",
      "body": )" +
         body + R"(}}], "edges": []})";
}

/// Everything the run left behind: its result (outputs, error, every node's
/// output, error and logs) and every event, as one text.
std::string everything(const HarnessRun& run) {
  json::array events;
  for (const auto& event : run.events) {
    events.push_back(json::object{{"type", event.type}, {"data", event.data}});
  }
  return json::serialize(json::object{{"result", to_json(run.result)}, {"events", events}});
}

void expect_no_copy(const std::string& recorded) {
  for (const std::string& copy : copies_of(kToken)) {
    EXPECT_EQ(recorded.find(copy), std::string::npos) << "`" << copy << "` in " << recorded;
  }
  const std::string piece(kToken.substr(0, 12));
  EXPECT_EQ(recorded.find(piece), std::string::npos) << "`" << piece << "` in " << recorded;
  EXPECT_NE(recorded.find("[redacted]"), std::string::npos) << "scrubbed, not dropped";
}

class RedactionAtEveryLevel : public ::testing::TestWithParam<int> {
 protected:
  /// The pipeline with the calling body nested `GetParam()` loops deep.
  std::string pipeline(const std::string& url) const {
    std::string doc = call_and_derive(url);
    for (int depth = 0; depth < GetParam(); ++depth) {
      doc = in_loop(doc);
    }
    return doc;
  }
  OneCredential credentials_;
};

TEST_P(RedactionAtEveryLevel, EchoedAndDerivedCopiesAreScrubbedFromOutputsRecordsAndEvents) {
  HttpPeer peer([](const PeerRequest& r) { return echo_variants(r); });
  auto run = run_pipeline(pipeline(peer.url("/echo")),
                          {.allow = {"127.0.0.1/32"}, .credentials = &credentials_});
  ASSERT_EQ(run.result.status, RunStatus::succeeded) << everything(run);
  EXPECT_EQ(peer.last_request().header("authorization"), "Bearer " + std::string(kToken))
      << "the credential itself still goes on the wire";
  expect_no_copy(everything(run));
}

TEST_P(RedactionAtEveryLevel, ErrorsCarryingCopiesAreScrubbed) {
  HttpPeer peer([](const PeerRequest& r) { return echo_variants(r, 400); });
  auto run = run_pipeline(pipeline(peer.url("/echo")),
                          {.allow = {"127.0.0.1/32"}, .credentials = &credentials_});
  ASSERT_EQ(run.result.status, RunStatus::failed);
  ASSERT_TRUE(run.result.error);
  EXPECT_NE(run.result.error->message.find("400"), std::string::npos) << run.result.error->message;
  expect_no_copy(everything(run));
}

INSTANTIATE_TEST_SUITE_P(Depth, RedactionAtEveryLevel, ::testing::Values(0, 1, 2),
                         [](const auto& info) {
                           return info.param == 0   ? std::string("TopLevel")
                                  : info.param == 1 ? std::string("InsideALoop")
                                                    : std::string("InsideALoopInsideALoop");
                         });

}  // namespace
}  // namespace weft::engine
