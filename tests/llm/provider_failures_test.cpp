// Every way an LLM call fails, for both providers: each error as a user
// reads it, retries of 429 and 5xx, timeouts, cancellation, broken streams.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "llm_test_util.hpp"

namespace weft::llm {
namespace {

using testing::LlmPeer;
using testing::LlmReply;
using testing::provider_at;
using testing::run_coro;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

/// A port on 127.0.0.1 where nothing listens.
unsigned short closed_port() {
  boost::asio::io_context context;
  boost::asio::ip::tcp::acceptor acceptor(context, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

class ProviderFailures : public ::testing::TestWithParam<ProviderKind> {
 protected:
  bool ollama() const { return GetParam() == ProviderKind::ollama; }
  std::shared_ptr<Provider> provider(ProviderConfig base = {.retry = testing::fast_retry()}) {
    return provider_at(peer_, GetParam(), std::move(base));
  }
  Result<ChatResponse> stream(Provider& p, std::vector<std::string>* tokens = nullptr,
                              std::chrono::milliseconds cancel_after = 0ms) {
    return run_coro(
        [&] {
          ChatRequest request{.model = "llama3", .messages = {{"user", "hi"}}};
          return p.stream_chat(std::move(request), [tokens](std::string_view piece) {
            if (tokens != nullptr) {
              tokens->emplace_back(piece);
            }
          });
        },
        cancel_after);
  }
  LlmPeer peer_;
};

TEST_P(ProviderFailures, NothingListeningSaysWhereAndWhatToCheck) {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port());
  auto p = provider_at(ollama() ? url : url + "/v1", GetParam());
  auto reply = stream(*p);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::provider_unreachable);
  EXPECT_TRUE(reply.error().retryable);
  if (ollama()) {
    EXPECT_EQ(reply.error().message,
              "cannot reach Ollama at " + url + " — is Ollama running? (connection refused)");
  } else {
    EXPECT_EQ(reply.error().message, "cannot reach `openai` (OpenAI-compatible) at " + url +
                                         "/v1 — is the server running, and is its address right? "
                                         "(connection refused)");
  }
}

TEST_P(ProviderFailures, AnUnknownModelListsTheModelsTheProviderHas) {
  auto p = provider();
  auto reply = run_coro([&] {
    return p->stream_chat({.model = "mistral", .messages = {{"user", "hi"}}}, [](auto) {});
  });
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::model_not_found);
  EXPECT_TRUE(contains(reply.error().message, "model `mistral` is not available on "))
      << reply.error().message;
  EXPECT_TRUE(
      contains(reply.error().message, "it has: llama3:latest, qwen2.5:7b, nomic-embed-text:latest"))
      << reply.error().message;
  EXPECT_EQ(contains(reply.error().message, "ollama pull mistral"), ollama());
  EXPECT_EQ(peer_.request_count(), 2u) << "the chat, then the model list";
}

TEST_P(ProviderFailures, AnUnknownModelInAReplyReadWholeToo) {
  auto p = provider();
  auto reply = run_coro([&] {
    return p->chat({.model = "mistral", .messages = {{"user", "hi"}}});
  });
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::model_not_found);
  EXPECT_TRUE(contains(reply.error().message, "model `mistral` is not available on "))
      << reply.error().message;
  EXPECT_TRUE(contains(reply.error().message, "it has: llama3:latest")) << reply.error().message;
  EXPECT_EQ(peer_.request_count(), 2u) << "the chat, then the model list";
}

TEST_P(ProviderFailures, AnUnknownEmbeddingModelToo) {
  auto p = provider();
  auto reply = run_coro([&] { return p->embed({.model = "bert", .input = {"x"}}); });
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::model_not_found);
  EXPECT_TRUE(contains(reply.error().message, "it has: llama3:latest")) << reply.error().message;
}

TEST_P(ProviderFailures, RateLimitedRequestsWaitAsRetryAfterSaysThenSucceed) {
  peer_.script(LlmReply::failure(429, "Rate limit reached", "1"));
  peer_.script(LlmReply::text("ok"));
  auto p = provider();
  const auto start = Clock::now();
  auto reply = stream(*p);
  const auto waited = Clock::now() - start;
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->text, "ok");
  EXPECT_EQ(peer_.request_count(), 2u);
  EXPECT_GE(waited, 950ms) << "Retry-After: 1 must be honoured";
  EXPECT_LT(waited, 3s);
}

TEST_P(ProviderFailures, StillRateLimitedAfterTheLastAttempt) {
  for (int i = 0; i < 3; ++i) {
    peer_.script(LlmReply::failure(429, "Rate limit reached for requests"));
  }
  auto p = provider();
  auto reply = stream(*p);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::rate_limited);
  EXPECT_TRUE(reply.error().retryable);
  EXPECT_TRUE(contains(reply.error().message, "is rate limiting requests (429) after 3 attempts"))
      << reply.error().message;
  EXPECT_TRUE(contains(reply.error().message, "Rate limit reached for requests"));
  EXPECT_EQ(peer_.request_count(), 3u);
}

TEST_P(ProviderFailures, ServerErrorsAreRetriedWithBackoff) {
  peer_.script(LlmReply::failure(503, "server busy, please try again"));
  peer_.script(LlmReply::failure(500, "unexpected server status: llm server loading model"));
  peer_.script(LlmReply::text("fine"));
  auto p = provider();
  auto reply = stream(*p);
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->text, "fine");
  EXPECT_EQ(peer_.request_count(), 3u);
}

TEST_P(ProviderFailures, ServerErrorsAfterTheLastAttemptNameTheStatusAndMessage) {
  for (int i = 0; i < 3; ++i) {
    peer_.script(LlmReply::failure(502, "upstream model crashed"));
  }
  auto p = provider();
  auto reply = stream(*p);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::http_status);
  EXPECT_TRUE(reply.error().retryable);
  EXPECT_TRUE(contains(reply.error().message, "answered 502 (model `llama3`) after 3 attempts"))
      << reply.error().message;
  EXPECT_TRUE(contains(reply.error().message, "upstream model crashed"));
}

TEST_P(ProviderFailures, ARetryAfterBeyondTheBudgetGivesUpAtOnce) {
  peer_.script(LlmReply::failure(429, "slow down", "120"));
  auto p = provider();
  const auto start = Clock::now();
  auto reply = stream(*p);
  ASSERT_FALSE(reply.ok());
  EXPECT_LT(Clock::now() - start, 1s);
  EXPECT_EQ(reply.error().code, ErrorCode::rate_limited);
  EXPECT_TRUE(contains(reply.error().message, "asked to wait 120.0 s more"))
      << reply.error().message;
  EXPECT_EQ(peer_.request_count(), 1u);
}

TEST_P(ProviderFailures, APromptTooLongForTheContextIsNotRetried) {
  LlmReply overflow = LlmReply::failure(
      400, ollama()
               ? "the input length exceeds the context length"
               : "This model's maximum context length is 8192 tokens. However, your "
                 "messages resulted in 9120 tokens. Please reduce the length of the messages.");
  overflow.error_code = "context_length_exceeded";
  peer_.script(overflow);
  auto p = provider();
  auto reply = stream(*p);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::context_too_long);
  EXPECT_FALSE(reply.error().retryable);
  EXPECT_TRUE(contains(reply.error().message,
                       "the prompt is too long for the context window of model `llama3`"))
      << reply.error().message;
  EXPECT_TRUE(contains(reply.error().message, "truncate_tokens"));
  EXPECT_EQ(peer_.request_count(), 1u);
}

TEST_P(ProviderFailures, ASlowServerTimesOut) {
  LlmReply slow = LlmReply::text("late");
  slow.delay = 3s;
  peer_.script(slow);
  auto p = provider({.timeout = 200ms, .retry = testing::fast_retry()});
  const auto start = Clock::now();
  auto reply = stream(*p);
  ASSERT_FALSE(reply.ok());
  EXPECT_LT(Clock::now() - start, 1s);
  EXPECT_EQ(reply.error().code, ErrorCode::timeout);
  EXPECT_TRUE(reply.error().retryable);
  EXPECT_TRUE(
      contains(reply.error().message, "did not finish answering within 0.2 s (model `llama3`)"))
      << reply.error().message;
}

TEST_P(ProviderFailures, CancellingDuringASlowStreamEndsAtOnceAndClosesTheConnection) {
  LlmReply slow = LlmReply::text(std::string(200, 'x'), 4);  // 50 pieces
  slow.token_delay = 100ms;
  peer_.script(slow);
  auto p = provider();
  std::vector<std::string> tokens;
  const auto start = Clock::now();
  auto reply = stream(*p, &tokens, 350ms);
  const auto ended = Clock::now() - start;
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::cancelled);
  EXPECT_LT(ended, 450ms) << "must end within 100 ms of the cancel";
  EXPECT_GE(tokens.size(), 2u) << "tokens streamed before the cancel";
  EXPECT_LT(tokens.size(), 10u);
  EXPECT_TRUE(peer_.wait_for_aborted(1, 1s)) << "the peer must see the connection closed";
}

TEST_P(ProviderFailures, AStreamCutInTheMiddleIsANetworkErrorAfterTheTokensSoFar) {
  LlmReply cut = LlmReply::text("one two three four", 4);
  cut.cut_after = 2;
  peer_.script(cut);
  auto p = provider();
  std::vector<std::string> tokens;
  auto reply = stream(*p, &tokens);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::network_error);
  EXPECT_TRUE(reply.error().retryable);
  EXPECT_EQ(tokens, (std::vector<std::string>{"one ", "two "}));
  EXPECT_EQ(peer_.request_count(), 1u) << "a broken stream is not retried by the provider";
}

TEST_P(ProviderFailures, AnErrorInsideTheStreamIsReported) {
  LlmReply broken = LlmReply::text("partial", 4);
  broken.stream_error = "CUDA error: out of memory";
  peer_.script(broken);
  auto p = provider();
  auto reply = stream(*p);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::http_status);
  EXPECT_TRUE(contains(reply.error().message,
                       "reported an error during the reply (model `llama3`): "
                       "CUDA error: out of memory"))
      << reply.error().message;
}

TEST_P(ProviderFailures, AWrongApiKeyIsNotRetried) {
  peer_.script(LlmReply::failure(401, "Incorrect API key provided: sk-wrong."));
  auto p = provider();
  auto reply = stream(*p);
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, ErrorCode::http_status);
  EXPECT_FALSE(reply.error().retryable);
  EXPECT_TRUE(contains(reply.error().message, "refused the API key (401)"));
  EXPECT_EQ(peer_.request_count(), 1u);
}

INSTANTIATE_TEST_SUITE_P(BothProviders, ProviderFailures,
                         ::testing::Values(ProviderKind::ollama, ProviderKind::openai_compatible),
                         [](const auto& info) {
                           return info.param == ProviderKind::ollama ? "Ollama" : "OpenAi";
                         });

}  // namespace
}  // namespace weft::llm
