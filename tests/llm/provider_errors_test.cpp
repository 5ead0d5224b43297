// Error bodies as each server family sends them, and what they mean.
#include "llm/provider_errors.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "llm/provider_registry.hpp"

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

TEST(ErrorBody, NotJsonIsNeverRepeated) {
  auto body = parse_error_body("<html><body>502 Bad Gateway: upstream 10.0.0.7</body></html>");
  EXPECT_EQ(body.message, "");
  EXPECT_FALSE(body.recognised);
  EXPECT_TRUE(is_retryable_status(502, body));
}

TEST(ErrorBody, JsonThatIsNoErrorMessageIsNeverRepeated) {
  for (const char* text : {R"({"data": [{"id": "internal-ledger-7"}], "object": "list"})",
                           R"({"detail": [{"loc": ["body"], "msg": "internal-ledger-7"}]})",
                           R"([{"id": "internal-ledger-7"}])", ""}) {
    SCOPED_TRACE(text);
    auto body = parse_error_body(text);
    EXPECT_EQ(body.message, "");
    EXPECT_EQ(body.code, "");
  }
}

TEST(ErrorBody, TheMessageIsOneShortLine) {
  std::string long_message(500, 'x');
  long_message.replace(10, 3, R"(\n\t\r)");  // JSON escapes: a newline, a tab, a return
  auto body = parse_error_body(R"({"error": {"message": ")" + long_message + R"("}})");
  EXPECT_TRUE(body.recognised);
  EXPECT_EQ(body.message.find_first_of("\n\t\r"), std::string::npos);
  EXPECT_LE(body.message.size(), 200u + std::string_view("…").size());
  EXPECT_TRUE(body.message.ends_with("…"));
  EXPECT_TRUE(body.message.starts_with("xxxxxxxxxx xxx")) << body.message;

  // A cut never splits a UTF-8 character.
  std::string accents;
  for (int i = 0; i < 150; ++i) {
    accents += "é";
  }
  auto cut = parse_error_body(R"({"error": ")" + accents + R"("})");
  EXPECT_EQ(cut.message, accents.substr(0, 200) + "…");
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

TEST(ErrorBody, ModelMissingAsLlamaServerAndOlderVllmSayIt) {
  // llama-server in router mode answers 400 for a model it does not have.
  EXPECT_TRUE(is_model_missing(400, parse_error_body(R"({"error": {"code": 400, "message": )"
                                                     R"("model not found", "type": )"
                                                     R"("invalid_request_error"}})")));
  EXPECT_TRUE(is_model_missing(
      400, parse_error_body(R"({"object": "error", "message": "The model `x` does not exist.",
                                "type": "BadRequestError", "param": null, "code": 400})")));
  EXPECT_FALSE(is_model_missing(400, parse_error_body(R"({"error": {"code": 400, "message": )"
                                                      R"("model is not loaded"}})")));
  EXPECT_FALSE(is_model_missing(500, parse_error_body(R"({"error": "model not found"})")));
}

ProviderConfig openai_config(std::string key, std::string key_source) {
  return {.name = "work",
          .kind = ProviderKind::openai_compatible,
          .base_url = "http://models.example/v1",
          .api_key = std::move(key),
          .key_source = std::move(key_source)};
}

TEST(StatusError, ALlamaServer400ForAMissingModelIsModelNotFound) {
  const ProviderConfig config = openai_config("", "");
  const Error error = status_error(
      {config, "qwen9"}, 400,
      parse_error_body(
          R"({"error":{"code":400,"message":"model not found","type":"invalid_request_error"}})"));
  EXPECT_EQ(error.code, ErrorCode::model_not_found);
  EXPECT_FALSE(error.retryable);
}

TEST(StatusError, AnUnrecognisedAnswerIsSummarisedWithTheProviderAndAHint) {
  const ProviderConfig config = openai_config("", "");
  for (int status : {404, 400, 500}) {
    SCOPED_TRACE(status);
    const Error error =
        status_error({config, ""}, status,
                     parse_error_body(R"({"accounts": [{"id": "acct-4411", "owner": "ops"}]})"));
    EXPECT_EQ(error.code, ErrorCode::http_status);
    EXPECT_EQ(error.message.find("acct-4411"), std::string::npos) << error.message;
    EXPECT_NE(
        error.message.find("`work` (OpenAI-compatible) at http://models.example/v1 answered " +
                           std::to_string(status)),
        std::string::npos)
        << error.message;
    EXPECT_NE(error.message.find("not an LLM server's error message"), std::string::npos);
    EXPECT_EQ(
        error.message.find("check the base URL in Settings → LLM providers") != std::string::npos,
        status < 500)
        << error.message;
  }
  const Error html = status_error({config, "m"}, 404, parse_error_body("<h1>Index of /</h1>"));
  EXPECT_EQ(html.message,
            "`work` (OpenAI-compatible) at http://models.example/v1 answered 404 (model `m`) (the "
            "answer is not an LLM server's error message); check the base URL in Settings → LLM "
            "providers");
}

TEST(StatusError, AWrongKeyNamesWhereTheKeyComesFrom) {
  const auto body = parse_error_body(R"({"error": {"message": "Incorrect API key provided"}})");
  const Error from_env = status_error({openai_config("sk-1", "OPENAI_API_KEY"), ""}, 401, body);
  EXPECT_TRUE(from_env.message.ends_with(
      "refused the API key (401): Incorrect API key provided. Check the API key in "
      "OPENAI_API_KEY"))
      << from_env.message;
  const Error from_credential =
      status_error({openai_config("sk-1", "the credential `team-openai`"), ""}, 401, body);
  EXPECT_TRUE(
      from_credential.message.ends_with("Check the API key in the credential `team-openai`"))
      << from_credential.message;
  EXPECT_EQ(from_credential.message.find("OPENAI_API_KEY"), std::string::npos);
  const Error none = status_error({openai_config("", "OPENAI_API_KEY"), ""}, 401, body);
  EXPECT_TRUE(none.message.ends_with("No API key is set; set one in OPENAI_API_KEY"))
      << none.message;
  const Error unknown = status_error({openai_config("sk-1", ""), ""}, 403, body);
  EXPECT_TRUE(unknown.message.ends_with("Check the provider's API key")) << unknown.message;
  EXPECT_EQ(unknown.message.find("OPENAI_API_KEY"), std::string::npos);
}

TEST(StatusError, TheEnvironmentsOpenAiProviderNamesItsVariable) {
  ::setenv("OPENAI_API_KEY", "sk-from-env", 1);
  const auto configs = configs_from_env();
  ::unsetenv("OPENAI_API_KEY");
  const auto openai = std::find_if(configs.begin(), configs.end(),
                                   [](const auto& c) { return c.name == "openai"; });
  ASSERT_NE(openai, configs.end());
  EXPECT_EQ(openai->key_source, "OPENAI_API_KEY");
  const Error error = status_error({*openai, ""}, 401, parse_error_body(R"({"error": "no"})"));
  EXPECT_TRUE(error.message.ends_with("Check the API key in OPENAI_API_KEY")) << error.message;
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
