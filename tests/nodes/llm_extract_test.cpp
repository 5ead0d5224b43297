// llm_extract through the real engine: typed fields from a schema the
// fields make, checked and repaired like any structured output.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "fixtures/engine_harness.hpp"
#include "fixtures/llm_peer.hpp"

namespace weft::nodes {
namespace {

using testing::LlmPeer;
using testing::LlmReply;
using testing::run_pipeline;

constexpr const char* kSignup = R"({"nodes": [
  {"id": "mail", "type": "input_text", "config": {}},
  {"id": "fields", "type": "llm_extract", "config": {"provider": "openai", "model": "llama3",
    "fields": [
      {"name": "name", "type": "string", "description": "full name"},
      {"name": "seats", "type": "integer"},
      {"name": "annual", "type": "boolean", "description": "yearly billing"},
      {"name": "budget", "type": "number", "required": false},
      {"name": "tags", "type": "array", "required": false}]}},
  {"id": "reply", "type": "template",
   "config": {"template": "{{ fields.json.name }} wants {{ fields.json.seats + 1 }} seats"}}],
  "edges": [{"source": "mail", "target": "fields"}, {"source": "fields", "target": "reply"}]})";

std::vector<llm::ProviderConfig> openai_at(const LlmPeer& peer) {
  return {{.name = "openai", .kind = llm::ProviderKind::openai_compatible, .base_url = peer.url()}};
}

TEST(LlmExtract, ReturnsTypedFieldsUsableDownstream) {
  LlmPeer peer;
  peer.script(LlmReply::text(
      R"({"name": "Ada Lovelace", "seats": 3, "annual": true, "budget": null, "tags": ["edu"]})"));
  auto run = run_pipeline(kSignup, {.inputs = {{"mail", "Hi, Ada Lovelace here, 3 seats, yearly."}},
                                    .providers = openai_at(peer)});
  ASSERT_EQ(run.result.status, engine::RunStatus::succeeded)
      << (run.result.error ? run.result.error->message : "");
  const auto& json = run.node("fields").output->at("json");
  EXPECT_EQ(json.at("seats"), 3);
  EXPECT_TRUE(json.at("seats").is_int64());
  EXPECT_EQ(json.at("annual"), true);
  EXPECT_TRUE(json.at("budget").is_null());
  EXPECT_EQ(run.result.outputs.at("reply").at("text"), "Ada Lovelace wants 4 seats");

  const auto request = json::parse(peer.last_request().body);
  const auto& format = request.at("response_format").at("json_schema");
  EXPECT_EQ(format.at("strict"), false) << "a free-form array is outside the strict subset";
  EXPECT_EQ(format.at("schema"), json::parse(R"({"type": "object", "additionalProperties": false,
    "required": ["name", "seats", "annual", "budget", "tags"], "properties": {
      "name": {"type": "string", "description": "full name"},
      "seats": {"type": "integer"},
      "annual": {"type": "boolean", "description": "yearly billing"},
      "budget": {"type": ["number", "null"]},
      "tags": {"type": ["array", "null"]}}})"));
}

TEST(LlmExtract, AWronglyTypedFieldIsRepaired) {
  LlmPeer peer;
  peer.script(LlmReply::text(R"({"name": "Bo", "seats": "three", "annual": false,
                                 "budget": null, "tags": null})"));
  peer.script(LlmReply::text(R"({"name": "Bo", "seats": 3, "annual": false,
                                 "budget": null, "tags": null})"));
  auto run = run_pipeline(kSignup,
                          {.inputs = {{"mail", "Bo, three seats"}}, .providers = openai_at(peer)});
  ASSERT_EQ(run.result.status, engine::RunStatus::succeeded)
      << (run.result.error ? run.result.error->message : "");
  EXPECT_EQ(run.node("fields").output->at("json").at("seats"), 3);
  const auto repair = json::parse(peer.last_request().body).at("messages").as_array().back();
  EXPECT_NE(std::string(repair.at("content").as_string()).find("at `/seats`"), std::string::npos);
}

TEST(LlmExtract, RepeatedFieldNamesAreAProblem) {
  auto problems = testing::problems_of(R"({"nodes": [{"id": "x", "type": "llm_extract", "config": {
    "model": "m", "input": "t", "fields": [{"name": "a", "type": "string"},
                                            {"name": "a", "type": "number"}]}}], "edges": []})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "field 1 repeats the name `a`");
}

}  // namespace
}  // namespace weft::nodes
