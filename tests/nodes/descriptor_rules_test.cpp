// The declarative parts of descriptors: handle and run-input rules, their
// evaluator, and that every core type's rules agree with what it does.
#include "nodes/descriptor_rules.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "fixtures/engine_harness.hpp"
#include "fixtures/llm_peer.hpp"
#include "nodes/registry.hpp"

namespace weft::nodes {
namespace {

using Names = std::vector<std::string>;

json::object object(std::string_view text) {
  return json::parse(text).as_object();
}

TEST(DescriptorRules, HandlesComeFromFixedNamesAndConfigListsInOrder) {
  const std::vector<HandleRule> rules = {{.each = "/cases", .name_at = "/name"},
                                         {.name = "default"}};
  EXPECT_EQ(handles_of(rules, object(R"({"cases": [{"name": "en"}, {"name": "fr"}]})")),
            (Names{"en", "fr", "default"}));
  // What the editor may hold while a case is half typed: no name, a repeat, no list.
  EXPECT_EQ(handles_of(rules, object(R"({"cases": [{"name": "en"}, {}, {"name": "en"}, 3]})")),
            (Names{"en", "default"}));
  EXPECT_EQ(handles_of(rules, object(R"({})")), (Names{"default"}));
  EXPECT_EQ(handles_of({}, object(R"({"cases": [{"name": "en"}]})")), Names{});
}

TEST(DescriptorRules, TheChosenHandleIsReadFromTheOutput) {
  EXPECT_EQ(chosen_handles("/value", json::parse(R"({"value": false})")), Names{"false"});
  EXPECT_EQ(chosen_handles("/value", json::parse(R"({"value": true})")), Names{"true"});
  EXPECT_EQ(chosen_handles("/label", json::parse(R"({"label": "bug", "confidence": 1})")),
            Names{"bug"});
  EXPECT_EQ(chosen_handles("/route/all", json::parse(R"({"route": {"all": ["a", 1, "b", "a"]}})")),
            (Names{"a", "b"}));
  EXPECT_EQ(chosen_handles("/label", json::parse(R"({"text": "no label"})")), Names{});
  EXPECT_EQ(chosen_handles("", json::parse(R"({"label": "x"})")), Names{});
}

TEST(DescriptorRules, PointersUnescapeAndIndexArrays) {
  const auto config = object(R"({"a/b": {"~k": [10, 20]}})");
  ASSERT_NE(find_at(config, "/a~1b/~0k/1"), nullptr);
  EXPECT_EQ(*find_at(config, "/a~1b/~0k/1"), 20);
  EXPECT_EQ(find_at(config, "/a~1b/~0k/2"), nullptr);
  EXPECT_EQ(find_at(config, "/a~1b/~0k/x"), nullptr);
  EXPECT_EQ(find_at(config, "/a~1b/~0k/01"), nullptr);
  EXPECT_EQ(find_at(config, "/missing/deeper"), nullptr);
  EXPECT_EQ(find_at(config, ""), nullptr);
}

TEST(DescriptorRules, RunInputsTakeDefaultsFromTheRule) {
  const RunInputRule one{.type = "string", .name_at = "/name", .label_at = "/label"};
  auto inputs = run_inputs_of({one}, object(R"({})"), "q");
  ASSERT_EQ(inputs.size(), 1u);
  EXPECT_EQ(inputs[0].name, "q") << "the node id when the config names none";
  EXPECT_EQ(inputs[0].label, "q");
  EXPECT_EQ(inputs[0].type, "string");
  EXPECT_TRUE(inputs[0].required);
  EXPECT_FALSE(inputs[0].default_value);

  const RunInputRule each{.each = "/variables",
                          .type = "string",
                          .name_at = "/name",
                          .type_at = "/type",
                          .required_at = "/required",
                          .default_at = "/default"};
  inputs = run_inputs_of({each}, object(R"({"variables": [{"name": "topic"},
    {"name": "count", "type": "integer", "required": false, "default": 3}]})"),
                         "v");
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0].name, "topic");
  EXPECT_EQ(inputs[0].type, "string");
  EXPECT_EQ(inputs[1].type, "integer");
  EXPECT_FALSE(inputs[1].required);
  EXPECT_EQ(inputs[1].default_value, json::value(3));
}

TEST(DescriptorRules, TheCatalogueShowsTheRulesAsData) {
  const Registry registry = make_core_registry();
  json::object by_type;
  for (const auto& item : registry.catalogue()) {
    by_type[item.at("type").as_string()] = item;
  }
  EXPECT_EQ(by_type.at("switch").at("output_handles"),
            json::parse(R"([{"each": "/cases", "name_at": "/name"}, {"name": "default"}])"));
  EXPECT_EQ(by_type.at("switch").at("outputs"), json::parse(R"(["default"])"));
  EXPECT_EQ(by_type.at("llm_classify").at("chosen_handle"), "/label");
  EXPECT_EQ(by_type.at("template").at("chosen_handle"), nullptr);
  EXPECT_EQ(by_type.at("input_variables").at("run_inputs").at(0).at("each"), "/variables");
  EXPECT_EQ(by_type.at("template").at("run_inputs"), json::array{});
}

// A type that names handles must say where its output names the one it took,
// and that place must exist in its output example; otherwise a pinned output
// of that type would take no branch.
TEST(DescriptorRules, EveryRoutingTypeSaysWhereItsChoiceIs) {
  const Registry registry = make_core_registry();
  for (const auto& type : registry.types()) {
    const Descriptor& d = type->descriptor();
    EXPECT_EQ(d.output_handles.empty(), d.chosen_handle.empty()) << d.type;
    if (!d.chosen_handle.empty()) {
      EXPECT_FALSE(type->chosen_handles(d.output_example).empty()) << d.type;
    }
  }
}

// What a routing node returns when it runs and what its descriptor reads from
// that output must agree: pins and recorded runs then route the same way.
TEST(DescriptorRules, ARoutingNodesChoiceIsWhereItsDescriptorSays) {
  const Registry registry = make_core_registry();
  testing::LlmPeer peer;
  peer.script(testing::LlmReply::text(R"({"label": "bug", "confidence": 0.8})"));
  auto run = testing::run_pipeline(
      R"({"nodes": [
    {"id": "c", "type": "condition", "config": {"if": "1 > 2"}},
    {"id": "s", "type": "switch", "config": {"value": "{{ 'fr' }}",
      "cases": [{"name": "en", "equals": "en"}, {"name": "fr", "equals": "fr"}]}},
    {"id": "k", "type": "llm_classify", "config": {"model": "llama3", "input": "it crashes",
      "labels": [{"name": "billing"}, {"name": "bug"}]}}], "edges": []})",
      {.providers = {
           {.name = "ollama", .kind = llm::ProviderKind::ollama, .base_url = peer.url()}}});
  ASSERT_EQ(run.result.status, engine::RunStatus::succeeded)
      << (run.result.error ? run.result.error->message : "");
  for (const auto& [id, chosen] : std::vector<std::pair<std::string, std::string>>{
           {"c", "false"}, {"s", "fr"}, {"k", "bug"}}) {
    const engine::NodeRun& node = run.node(id);
    EXPECT_EQ(node.handles, Names{chosen}) << id;
    EXPECT_EQ(registry.find(node.type)->chosen_handles(*node.output), node.handles) << id;
  }
}

}  // namespace
}  // namespace weft::nodes
