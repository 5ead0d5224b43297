// llm_classify through the real engine: one handle per label plus `other`,
// routed like a switch.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "fixtures/engine_harness.hpp"
#include "fixtures/llm_peer.hpp"

namespace weft::nodes {
namespace {

using testing::LlmPeer;
using testing::LlmReply;
using testing::run_pipeline;

constexpr const char* kTriage = R"({"nodes": [
  {"id": "ticket", "type": "input_text", "config": {}},
  {"id": "sort", "type": "llm_classify", "config": {"model": "llama3", "labels": [
    {"name": "billing", "description": "invoices, refunds, payment"},
    {"name": "bug", "description": "something is broken"}]}},
  {"id": "to_finance", "type": "template", "config": {"template": "finance: {{ ticket.text }}"}},
  {"id": "to_dev", "type": "template", "config": {"template": "dev: {{ ticket.text }}"}},
  {"id": "to_human", "type": "template", "config": {"template": "human: {{ ticket.text }}"}}],
  "edges": [{"source": "ticket", "target": "sort"},
    {"source": "sort", "sourceHandle": "billing", "target": "to_finance"},
    {"source": "sort", "sourceHandle": "bug", "target": "to_dev"},
    {"source": "sort", "sourceHandle": "other", "target": "to_human"}]})";

TEST(LlmClassify, ThreeInputsGoDownThreeBranches) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"I was charged twice", "billing", "to_finance"},
      {"The export button crashes", "bug", "to_dev"},
      {"Do you have a dog?", "other", "to_human"}};
  for (const auto& [text, label, branch] : cases) {
    LlmPeer peer;
    peer.script(LlmReply::text(R"({"label": ")" + label + R"(", "confidence": 0.9})"));
    auto run = run_pipeline(kTriage, {.inputs = {{"ticket", text}},
                                      .providers = {{.name = "ollama",
                                                     .kind = llm::ProviderKind::ollama,
                                                     .base_url = peer.url()}}});
    ASSERT_EQ(run.result.status, engine::RunStatus::succeeded)
        << (run.result.error ? run.result.error->message : "");
    EXPECT_EQ(run.node("sort").output->at("label"), json::value(label));
    EXPECT_EQ(run.node("sort").output->at("confidence"), 0.9);
    for (const std::string other : {"to_finance", "to_dev", "to_human"}) {
      EXPECT_EQ(run.node(other).status,
                other == branch ? engine::NodeStatus::succeeded : engine::NodeStatus::skipped)
          << text << " -> " << other;
    }
    const auto request = json::parse(peer.last_request().body);
    EXPECT_EQ(request.at("stream"), false);
    EXPECT_EQ(request.at("format").at("properties").at("label").at("enum"),
              json::parse(R"(["billing", "bug", "other"])"));
    const std::string system(request.at("messages").at(0).at("content").as_string());
    EXPECT_NE(system.find("- billing: invoices, refunds, payment"), std::string::npos) << system;
    EXPECT_EQ(request.at("messages").at(1).at("content"), json::value(text));
    EXPECT_EQ(request.at("options").at("temperature"), 0.0);
  }
}

TEST(LlmClassify, AnUnknownProviderIsReportedBeforeAMissingInput) {
  LlmPeer peer;
  auto run = run_pipeline(
      R"({"nodes": [{"id": "sort", "type": "llm_classify", "config": {
    "provider": "anthropic", "model": "llama3", "input": "x", "labels": [{"name": "a"}]}}],
    "edges": []})",
      {.providers = {
           {.name = "ollama", .kind = llm::ProviderKind::ollama, .base_url = peer.url()}}});
  ASSERT_EQ(run.result.status, engine::RunStatus::failed);
  EXPECT_EQ(run.result.error->code, ErrorCode::invalid_config);
  EXPECT_EQ(run.result.error->message,
            "no LLM provider is named `anthropic`; the configured ones are: ollama");
  EXPECT_EQ(peer.request_count(), 0u);
}

TEST(LlmClassify, WithoutAnInputOrAnUpstreamBlockValidationSaysWhatToDo) {
  auto problems = testing::problems_of(R"({"nodes": [{"id": "sort", "type": "llm_classify",
    "config": {"model": "llama3", "labels": [{"name": "a"}]}}], "edges": []})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/nodes/0/config/input");
  EXPECT_NE(problems[0].message.find("Input is empty"), std::string::npos) << problems[0].message;
}

TEST(LlmClassify, EdgesMustNameALabelAndLabelsMustBeDistinct) {
  auto unnamed = testing::problems_of(R"({"nodes": [
    {"id": "s", "type": "llm_classify", "config": {"model": "m", "input": "x",
      "labels": [{"name": "a"}]}},
    {"id": "t", "type": "template", "config": {"template": "t"}}],
    "edges": [{"source": "s", "target": "t"}]})");
  ASSERT_EQ(unnamed.size(), 1u);
  EXPECT_EQ(unnamed[0].message,
            "an edge from `s` (llm_classify) must name its sourceHandle: one "
            "of a, other");
  auto repeated = testing::problems_of(R"({"nodes": [{"id": "s", "type": "llm_classify",
    "config": {"model": "m", "input": "x", "labels": [{"name": "a"}, {"name": "other"}]}}],
    "edges": []})");
  ASSERT_EQ(repeated.size(), 1u);
  EXPECT_EQ(repeated[0].pointer, "/nodes/0/config/labels");
}

}  // namespace
}  // namespace weft::nodes
