// Every kind of problem of DESIGN §3, each with its JSON Pointer and message.
#include <gtest/gtest.h>

#include "fixtures/engine_harness.hpp"

namespace weft::pipeline {
namespace {

using testing::problems_of;

// The message of the problem at `pointer`, or "" (and a test failure listing all).
std::string message_at(const Problems& problems, std::string_view pointer) {
  for (const auto& p : problems) {
    if (p.pointer == pointer) {
      return p.message;
    }
  }
  std::string all;
  for (const auto& p : problems) {
    all += "\n  " + p.pointer + ": " + p.message;
  }
  ADD_FAILURE() << "no problem at " << pointer << "; got:" << all;
  return "";
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(Validator, TheMinimalBriefPipelineIsValid) {
  auto problems = problems_of(R"({
    "id": "pipeline_123", "name": "Summary Generator",
    "nodes": [{"id": "1", "type": "input_text", "config": {}},
              {"id": "2", "type": "llm_chat", "config": {"model": "llama3"}}],
    "edges": [{"source": "1", "target": "2"}]})");
  EXPECT_TRUE(problems.empty());
}

TEST(Validator, UnknownTypeSuggestsTheClosest) {
  auto problems =
      problems_of(R"({"nodes": [{"id": "a", "type": "templte", "config": {}}], "edges": []})");
  EXPECT_EQ(message_at(problems, "/nodes/0/type"),
            "unknown node type `templte`; did you mean `template`?");
}

TEST(Validator, UnknownKeysAndWrongTypesAreReported) {
  auto problems = problems_of(R"({"nmae": "x", "settings": {"max_concurrency": "8"},
    "nodes": [{"id": "a", "type": "template", "config": {"template": "x"}, "retyr": {}}],
    "edges": []})");
  EXPECT_EQ(message_at(problems, "/nmae"), "unknown key `nmae`; did you mean `name`?");
  EXPECT_EQ(message_at(problems, "/settings/max_concurrency"), "must be an integer, not string");
  EXPECT_TRUE(contains(message_at(problems, "/nodes/0/retyr"), "did you mean `retry`?"));
}

TEST(Validator, MissingNodesAndEdgesAreReported) {
  auto problems = problems_of(R"({"name": "empty"})");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_TRUE(contains(problems[0].message, "missing `nodes`"));
  EXPECT_TRUE(contains(problems[1].message, "missing `edges`"));
}

TEST(Validator, DuplicateAndMalformedIds) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "a", "type": "template", "config": {"template": "x"}},
      {"id": "a", "type": "template", "config": {"template": "y"}},
      {"id": "b c", "type": "template", "config": {"template": "z"}}], "edges": []})");
  EXPECT_EQ(message_at(problems, "/nodes/1/id"), "duplicate node id `a`");
  EXPECT_TRUE(contains(message_at(problems, "/nodes/2/id"), "letters, digits, `_` or `-`"));
}

TEST(Validator, BadConfigPointsIntoTheConfig) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "wait", "type": "delay", "config": {"ms": "soon"}},
      {"id": "t", "type": "template", "config": {}}], "edges": []})");
  EXPECT_FALSE(message_at(problems, "/nodes/0/config/ms").empty());
  EXPECT_TRUE(contains(message_at(problems, "/nodes/1/config"), "template"));
}

TEST(Validator, DanglingEdgesNameTheMissingNode) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "first", "type": "template", "config": {"template": "x"}}],
    "edges": [{"source": "frist", "target": "ghost"}]})");
  EXPECT_EQ(message_at(problems, "/edges/0/source"),
            "edge source `frist` is not a node; did you mean `first`?");
  EXPECT_EQ(message_at(problems, "/edges/0/target"), "edge target `ghost` is not a node");
}

TEST(Validator, HandlesAreChecked) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "c", "type": "condition", "config": {"if": "{{ true }}"}},
      {"id": "a", "type": "template", "config": {"template": "x"}},
      {"id": "b", "type": "template", "config": {"template": "x"}},
      {"id": "d", "type": "template", "config": {"template": "x"}},
      {"id": "e", "type": "template", "config": {"template": "x"}}],
    "edges": [{"source": "c", "sourceHandle": "maybe", "target": "a"},
              {"source": "c", "target": "b"},
              {"source": "a", "sourceHandle": "error", "target": "d"},
              {"source": "b", "target": "e", "targetHandle": "side"}]})");
  EXPECT_EQ(message_at(problems, "/edges/0/sourceHandle"),
            "`c` has no output handle `maybe`; its handles are true, false");
  EXPECT_TRUE(
      contains(message_at(problems, "/edges/1/sourceHandle"), "must name its sourceHandle"));
  EXPECT_TRUE(contains(message_at(problems, "/edges/2/sourceHandle"), "\"on_error\": \"branch\""));
  EXPECT_TRUE(contains(message_at(problems, "/edges/3/targetHandle"), "no input handle `side`"));
}

TEST(Validator, InputsTakeNoIncomingEdges) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "t", "type": "template", "config": {"template": "x"}},
      {"id": "in", "type": "input_text", "config": {}}],
    "edges": [{"source": "t", "target": "in"}]})");
  EXPECT_TRUE(contains(message_at(problems, "/edges/0/target"), "takes no incoming edges"));
}

TEST(Validator, CyclesNameTheNodesOnThem) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "start", "type": "template", "config": {"template": "x"}},
      {"id": "a", "type": "template", "config": {"template": "x"}},
      {"id": "b", "type": "template", "config": {"template": "x"}},
      {"id": "c", "type": "template", "config": {"template": "x"}}],
    "edges": [{"source": "start", "target": "a"}, {"source": "a", "target": "b"},
              {"source": "b", "target": "c"}, {"source": "c", "target": "a"}]})");
  const auto message = message_at(problems, "/edges");
  EXPECT_TRUE(contains(message, "cycle")) << message;
  EXPECT_TRUE(contains(message, "a → b → c → a")) << message;
}

TEST(Validator, ExpressionsThatDoNotParseNameTheColumn) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "t", "type": "template", "config": {"template": "Hi {{ input.name | uper }}"}}],
    "edges": []})");
  const auto message = message_at(problems, "/nodes/0/config/template");
  EXPECT_TRUE(contains(message, "uper")) << message;
  EXPECT_TRUE(contains(message, "did you mean `upper`?")) << message;
  EXPECT_TRUE(contains(message, "column")) << message;
}

TEST(Validator, ReferencesMustBeUpstream) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "ticket", "type": "input_text", "config": {}},
      {"id": "a", "type": "template", "config": {"template": "{{ b.text }}"}},
      {"id": "b", "type": "template", "config": {"template": "{{ tickt.text }}"}}],
    "edges": [{"source": "ticket", "target": "b"}]})");
  EXPECT_EQ(message_at(problems, "/nodes/1/config/template"),
            "`b` at column 4 is not upstream of `a`; connect `b` to `a` (directly or through "
            "other blocks) to use its output");
  EXPECT_EQ(message_at(problems, "/nodes/2/config/template"),
            "`tickt` at column 4 is not a node or a known name; did you mean `ticket`?");
}

TEST(Validator, LoopBodiesAreValidatedWithNestedPointers) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "list", "type": "input_json", "config": {}},
      {"id": "each", "type": "loop", "config": {"items": "{{ list.json }}", "body": {
        "nodes": [{"id": "t", "type": "template", "config": {"template": "{{ item }} {{ list.json }} {{ itme }}"}},
                  {"id": "x", "type": "nope", "config": {}}],
        "edges": []}}}],
    "edges": [{"source": "list", "target": "each"}]})");
  EXPECT_TRUE(contains(message_at(problems, "/nodes/1/config/body/nodes/0/config/template"),
                       "did you mean `item`?"));
  EXPECT_EQ(message_at(problems, "/nodes/1/config/body/nodes/1/type"), "unknown node type `nope`");
  EXPECT_EQ(problems.size(), 2u);
}

TEST(Validator, EveryProblemIsReportedAtOnce) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "a", "type": "llm_chat", "config": {}},
      {"id": "b", "type": "delay", "config": {"ms": -1}},
      {"id": "c", "type": "template", "config": {"template": "{{ ( }}"}}],
    "edges": [{"source": "a", "target": "zzz"}]})");
  EXPECT_EQ(problems.size(), 4u);
}

TEST(Validator, TooManyNodesIsAClearError) {
  std::string doc = R"({"edges": [], "nodes": [)";
  for (int i = 0; i < 100'000; ++i) {
    doc += (i ? "," : "") + std::string(R"({"id":"n)") + std::to_string(i) +
           R"(","type":"template","config":{"template":"x"}})";
  }
  doc += "]}";
  auto problems = problems_of(doc);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/nodes");
  EXPECT_TRUE(contains(problems[0].message, "the limit is 2000"));
}

std::string template_node_with_config(const std::string& config) {
  return R"({"edges": [], "nodes": [{"id": "t", "type": "template", "config": )" + config + "}]}";
}

TEST(Validator, AnOversizedConfigIsOneProblemNotOnePerKey) {
  std::string config = R"({"template": "x")";
  for (int i = 0; i < 1'001; ++i) {
    config += ",\"k" + std::to_string(i) + "\": 0";
  }
  auto problems = problems_of(template_node_with_config(config + "}"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/nodes/0/config");
  EXPECT_TRUE(contains(problems[0].message, "1002 keys")) << problems[0].message;
  EXPECT_TRUE(contains(problems[0].message, "at most 1000 per object")) << problems[0].message;
}

TEST(Validator, AConfigHoldingTooManyValuesIsOneProblem) {
  std::string list = "[0";
  for (int i = 1; i < 10'001; ++i) {
    list += ",0";
  }
  auto problems =
      problems_of(template_node_with_config(R"({"template": "x", "many": )" + list + "]}"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/nodes/0/config");
  EXPECT_TRUE(contains(problems[0].message, "more than 10000 keys and values"))
      << problems[0].message;
}

TEST(Validator, ADocumentHoldingTooManyValuesIsOneProblemAndIsNotRead) {
  std::string doc = R"({"edges": [], "variables": {"list": [0)";
  for (int i = 1; i < 250'000; ++i) {
    doc += ",0";
  }
  doc += R"(]}, "nodes": [{"id": "t", "type": "nope"}]})";
  auto problems = problems_of(doc);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "");
  EXPECT_TRUE(contains(problems[0].message, "more than 250000 keys and values"))
      << problems[0].message;
}

TEST(Validator, UnknownKeysPastTwentyAreCounted) {
  std::string node = R"({"id": "t", "type": "template", "config": {"template": "x"})";
  for (int i = 0; i < 30; ++i) {
    node += ",\"extra" + std::to_string(i) + "\": 0";
  }
  auto problems = problems_of(R"({"edges": [], "nodes": [)" + node + "}]}");
  ASSERT_EQ(problems.size(), 21u);
  EXPECT_EQ(problems.back().pointer, "/nodes/0");
  EXPECT_EQ(problems.back().message, "has 10 more unknown keys");
}

TEST(Validator, ValidationStopsAtItsLimitAndSaysSo) {
  std::string doc = R"({"edges": [], "nodes": [)";
  for (int i = 0; i < 1'500; ++i) {
    doc += (i ? "," : "") + std::string(R"({"id":"n)") + std::to_string(i) +
           R"(","type":"nope","config":{}})";
  }
  auto problems = problems_of(doc + "]}");
  ASSERT_EQ(problems.size(), 1'001u);
  EXPECT_EQ(problems[999].pointer, "/nodes/999/type");
  EXPECT_EQ(problems.back().message,
            "validation stopped after 1000 problems; fix these and validate again");
}

TEST(Validator, NewerNodeVersionsAreRefused) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "t", "type": "template", "version": 9, "config": {"template": "x"}}], "edges": []})");
  EXPECT_TRUE(contains(message_at(problems, "/nodes/0/version"), "newer Weft"));
}

TEST(Validator, OnErrorMustBeKnown) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "t", "type": "template", "on_error": "ignore", "config": {"template": "x"}}], "edges": []})");
  EXPECT_EQ(message_at(problems, "/nodes/0/on_error"),
            "must be one of fail, continue, branch; got `ignore`");
}

TEST(Validator, SwitchCasesBecomeHandles) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "s", "type": "switch", "config": {"value": "{{ 1 }}", "cases": [{"name": "one", "equals": 1}]}},
      {"id": "t", "type": "template", "config": {"template": "x"}},
      {"id": "u", "type": "template", "config": {"template": "x"}}],
    "edges": [{"source": "s", "sourceHandle": "one", "target": "t"},
              {"source": "s", "sourceHandle": "two", "target": "u"}]})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "`s` has no output handle `two`; its handles are one, default");
}

}  // namespace
}  // namespace weft::pipeline
