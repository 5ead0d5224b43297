// template, transform, condition, switch, merge, loop, delay through the real engine.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "fixtures/engine_harness.hpp"

namespace weft::nodes {
namespace {

using testing::run_pipeline;
using namespace std::chrono_literals;

TEST(Template, RendersUpstreamOutputs) {
  auto run = run_pipeline(R"({"nodes": [
    {"id": "name", "type": "input_text", "config": {}},
    {"id": "hi", "type": "template", "config": {"template": "Hello, {{ name.text | trim | upper }}!"}}],
    "edges": [{"source": "name", "target": "hi"}]})",
                          {.inputs = {{"name", "  ada "}}});
  EXPECT_EQ(run.result.outputs.at("hi").at("text"), "Hello, ADA!");
}

TEST(Transform, WholeHoleStringsKeepTheirJsonType) {
  auto run = run_pipeline(R"({"variables": {"user": {"name": "Ada", "langs": ["c", "lisp"]}},
    "nodes": [{"id": "t", "type": "transform", "config": {"value": {
      "who": "{{ vars.user }}", "count": "{{ vars.user.langs | length }}",
      "line": "{{ vars.user.name }} knows {{ vars.user.langs | join(', ') }}", "fixed": [1, true]}}}],
    "edges": []})");
  const auto& out = run.result.outputs.at("t").at("json");
  EXPECT_TRUE(out.at("who").is_object());
  EXPECT_EQ(out.at("count"), 2);
  EXPECT_EQ(out.at("line"), "Ada knows c, lisp");
  EXPECT_EQ(out.at("fixed"), json::parse("[1, true]"));
}

TEST(Condition, AcceptsABareExpression) {
  auto run = run_pipeline(R"({"nodes": [
    {"id": "c", "type": "condition", "config": {"if": "1 + 1 == 2"}},
    {"id": "yes", "type": "template", "config": {"template": "yes"}}],
    "edges": [{"source": "c", "sourceHandle": "true", "target": "yes"}]})");
  EXPECT_EQ(run.result.outputs.at("yes").at("text"), "yes");
}

TEST(Switch, RepeatedCaseNamesAreAProblem) {
  auto problems = testing::problems_of(R"({"nodes": [{"id": "s", "type": "switch", "config": {
    "value": "{{ 1 }}", "cases": [{"name": "a", "equals": 1}, {"name": "a", "equals": 2}]}}], "edges": []})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/nodes/0/config/cases");
}

TEST(Switch, NumbersMatchWhateverTheirSpelling) {
  auto run = run_pipeline(R"({"nodes": [
    {"id": "s", "type": "switch", "config": {"value": "{{ 2.0 }}", "cases": [{"name": "two", "equals": 2}]}},
    {"id": "t", "type": "template", "config": {"template": "two"}}],
    "edges": [{"source": "s", "sourceHandle": "two", "target": "t"}]})");
  EXPECT_EQ(run.result.outputs.at("t").at("text"), "two");
}

constexpr const char* kMerge = R"({"nodes": [
  {"id": "a", "type": "template", "config": {"template": "A"}},
  {"id": "b", "type": "template", "config": {"template": "B"}},
  {"id": "m", "type": "merge", "config": {"mode": "MODE"}}],
  "edges": [{"source": "a", "target": "m"}, {"source": "b", "target": "m"}]})";

std::string merge_with(std::string mode) {
  std::string doc = kMerge;
  doc.replace(doc.find("MODE"), 4, mode);
  return doc;
}

TEST(Merge, AllAppendFirst) {
  auto all = run_pipeline(merge_with("all"));
  EXPECT_EQ(all.result.outputs.at("m").at("json"),
            json::parse(R"({"a": {"text": "A"}, "b": {"text": "B"}})"));
  auto append = run_pipeline(merge_with("append"));
  EXPECT_EQ(append.result.outputs.at("m").at("json"),
            json::parse(R"([{"text": "A"}, {"text": "B"}])"));
  auto first = run_pipeline(merge_with("first"));
  EXPECT_EQ(first.result.outputs.at("m").at("json"), json::parse(R"({"text": "A"})"));
}

TEST(Loop, ItemsMustBeAList) {
  auto run = run_pipeline(R"({"nodes": [{"id": "each", "type": "loop", "config": {
    "items": "{{ 'not a list' }}", "body": {"nodes": [], "edges": []}}}], "edges": []})");
  EXPECT_EQ(run.result.status, engine::RunStatus::failed);
  EXPECT_NE(run.result.error->message.find("must give a list"), std::string::npos);
}

TEST(Loop, BodiesReadOuterOutputs) {
  auto run = run_pipeline(R"({"nodes": [
    {"id": "prefix", "type": "template", "config": {"template": "#"}},
    {"id": "each", "type": "loop", "config": {"items": "{{ ['a', 'b'] }}", "body": {
      "nodes": [{"id": "t", "type": "template", "config": {"template": "{{ prefix.text }}{{ item }}"}}],
      "edges": []}}}],
    "edges": [{"source": "prefix", "target": "each"}]})");
  EXPECT_EQ(run.result.outputs.at("each").at("results"),
            json::parse(R"([{"t": {"text": "#a"}}, {"t": {"text": "#b"}}])"));
}

TEST(Delay, Waits) {
  auto run = run_pipeline(
      R"({"nodes": [{"id": "d", "type": "delay", "config": {"ms": 50}}], "edges": []})");
  EXPECT_GE(run.elapsed, 50ms);
  EXPECT_EQ(run.result.status, engine::RunStatus::succeeded);
}

TEST(Output, DefaultsToTheUpstreamOutput) {
  auto run = run_pipeline(R"({"nodes": [
    {"id": "t", "type": "template", "config": {"template": "hello"}},
    {"id": "as_json", "type": "output_json", "config": {"name": "raw"}},
    {"id": "as_text", "type": "output_text", "config": {}}],
    "edges": [{"source": "t", "target": "as_json"}, {"source": "t", "target": "as_text"}]})");
  EXPECT_EQ(run.result.outputs.at("raw"), json::parse(R"({"text": "hello"})"));
  EXPECT_EQ(run.result.outputs.at("as_text"), "hello");
}

}  // namespace
}  // namespace weft::nodes
