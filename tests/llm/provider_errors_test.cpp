// Error bodies as each server family sends them, and what they mean.
#include "llm/provider_errors.hpp"

#include <gtest/gtest.h>

namespace weft::llm {
namespace {

TEST(ErrorBody, OllamaShape) {
  auto body = parse_error_body(R"({"error":"model \"llama9\" not found, try pulling it first"})");
  EXPECT_EQ(body.message, "model \"llama9\" not found, try pulling it first");
  EXPECT_TRUE(is_model_missing(404, body));
}

TEST(ErrorBody, OpenAiShape) {
  auto body = parse_error_body(
      R"({"error": {"message": "This model's maximum context length is 8192 tokens. )"
      R"(However, your messages resulted in 9000 tokens.", "type": "invalid_request_error", )"
      R"("param": "messages", "code": "context_length_exceeded"}})");
  EXPECT_EQ(body.type, "invalid_request_error");
  EXPECT_EQ(body.code, "context_length_exceeded");
  EXPECT_TRUE(is_context_overflow(body));
  EXPECT_FALSE(is_retryable_status(400, body));
}

TEST(ErrorBody, LlamaCppShapeWithANumericCode) {
  auto body = parse_error_body(
      R"({"error": {"code": 400, "message": "the request exceeds the available context size, )"
      R"(try increasing it", "type": "exceed_context_size_error"}})");
  EXPECT_EQ(body.code, "400");
  EXPECT_TRUE(is_context_overflow(body));
}

TEST(ErrorBody, VllmShape) {
  auto body = parse_error_body(
      R"({"object": "error", "message": "This model's maximum context length is 4096 tokens. )"
      R"(However, you requested 5000 tokens.", "type": "BadRequestError", "param": null, )"
      R"("code": 400})");
  EXPECT_TRUE(body.message.starts_with("This model's maximum context"));
  EXPECT_TRUE(is_context_overflow(body));
}

TEST(ErrorBody, OllamaContextOverflow) {
  EXPECT_TRUE(is_context_overflow(
      parse_error_body(R"({"error":"the input length exceeds the context length"})")));
  EXPECT_TRUE(is_context_overflow(parse_error_body(R"({"error":"input exceeds context length"})")));
}

TEST(ErrorBody, NotJsonIsQuoted) {
  auto body = parse_error_body("<html><body>502 Bad Gateway</body></html>");
  EXPECT_EQ(body.message, "<html><body>502 Bad Gateway</body></html>");
  EXPECT_TRUE(is_retryable_status(502, body));
}

TEST(ErrorBody, ModelMissingOnOpenAiAndVllm) {
  EXPECT_TRUE(is_model_missing(
      404, parse_error_body(R"({"error": {"message": "The model `gpt-9` does not exist or you )"
                            R"(do not have access to it.", "type": "invalid_request_error", )"
                            R"("param": null, "code": "model_not_found"}})")));
  EXPECT_TRUE(is_model_missing(
      404, parse_error_body(R"({"object": "error", "message": "The model `x` does not exist.",
                                "type": "NotFoundError", "param": null, "code": 404})")));
  EXPECT_FALSE(is_model_missing(404, parse_error_body(R"({"detail": "Not Found"})")));
}

TEST(ErrorBody, RateLimitAndServerErrorsAreRetryable) {
  const ErrorBody busy{"server busy, please try again.  maximum pending requests exceeded"};
  EXPECT_TRUE(is_retryable_status(429, busy));
  EXPECT_TRUE(is_retryable_status(503, busy));
  EXPECT_FALSE(is_retryable_status(400, busy));
  EXPECT_FALSE(is_retryable_status(401, busy));
}

}  // namespace
}  // namespace weft::llm
