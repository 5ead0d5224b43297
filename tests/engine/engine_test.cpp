// The execution semantics of DESIGN §5, as a user of the engine sees them.
#include <gtest/gtest.h>

#include "fixtures/engine_harness.hpp"

namespace weft::engine {
namespace {

using testing::run_pipeline;
using namespace std::chrono_literals;

TEST(Engine, IndependentBranchesRunConcurrentlyAndMergeWaitsForAll) {
  auto run = run_pipeline(R"({
    "nodes": [
      {"id": "a", "type": "delay", "config": {"ms": 300}},
      {"id": "b", "type": "delay", "config": {"ms": 300}},
      {"id": "c", "type": "delay", "config": {"ms": 300}},
      {"id": "m", "type": "merge", "config": {"mode": "all"}}
    ],
    "edges": [{"source": "a", "target": "m"}, {"source": "b", "target": "m"},
              {"source": "c", "target": "m"}]})");
  EXPECT_EQ(run.result.status, RunStatus::succeeded);
  EXPECT_GE(run.elapsed, 300ms);
  EXPECT_LT(run.elapsed, 600ms) << "three 300 ms delays should overlap, not add up";
  const auto& merged = run.result.outputs.at("m").at("json").as_object();
  EXPECT_EQ(merged.size(), 3u);
  for (const char* id : {"a", "b", "c"}) {
    EXPECT_TRUE(merged.contains(id));
    EXPECT_LE(*run.node(id).finished_at, *run.node("m").started_at);
  }
}

TEST(Engine, MaxConcurrencyOneSerializesBranches) {
  auto run = run_pipeline(R"({
    "settings": {"max_concurrency": 1},
    "nodes": [
      {"id": "a", "type": "delay", "config": {"ms": 100}},
      {"id": "b", "type": "delay", "config": {"ms": 100}}
    ], "edges": []})");
  EXPECT_EQ(run.result.status, RunStatus::succeeded);
  EXPECT_GE(run.elapsed, 200ms);
}

constexpr const char* kBranching = R"({
  "nodes": [
    {"id": "n", "type": "input_variables", "config": {"variables": [{"name": "n", "type": "integer"}]}},
    {"id": "big", "type": "condition", "config": {"if": "{{ n.n > 10 }}"}},
    {"id": "yes", "type": "template", "config": {"template": "{{ n.n }} is big"}},
    {"id": "no", "type": "template", "config": {"template": "{{ n.n }} is small"}},
    {"id": "after_yes", "type": "template", "config": {"template": "{{ yes.text }}!"}},
    {"id": "m", "type": "merge", "config": {"mode": "first"}},
    {"id": "out", "type": "output_text", "config": {"text": "{{ m.json.text }}"}}
  ],
  "edges": [
    {"source": "n", "target": "big"},
    {"source": "big", "sourceHandle": "true", "target": "yes"},
    {"source": "big", "sourceHandle": "false", "target": "no"},
    {"source": "yes", "target": "after_yes"},
    {"source": "after_yes", "target": "m"},
    {"source": "no", "target": "m"},
    {"source": "m", "target": "out"}
  ]})";

TEST(Engine, ConditionSkipsTheUntakenBranchAndSkipsPropagate) {
  auto run = run_pipeline(kBranching, {.inputs = {{"n", 3}}});
  ASSERT_EQ(run.result.status, RunStatus::succeeded);
  EXPECT_EQ(run.result.outputs.at("out"), "3 is small");
  EXPECT_EQ(run.node("yes").status, NodeStatus::skipped);
  EXPECT_EQ(run.node("after_yes").status, NodeStatus::skipped);
  EXPECT_EQ(run.node("no").status, NodeStatus::succeeded);
  EXPECT_EQ(run.node("m").status, NodeStatus::succeeded);

  auto other = run_pipeline(kBranching, {.inputs = {{"n", 30}}});
  EXPECT_EQ(other.result.outputs.at("out"), "30 is big!");
  EXPECT_EQ(other.node("no").status, NodeStatus::skipped);
}

TEST(Engine, SwitchTakesTheMatchingCaseOrDefault) {
  constexpr const char* kSwitch = R"({
    "nodes": [
      {"id": "lang", "type": "input_text", "config": {}},
      {"id": "route", "type": "switch", "config": {"value": "{{ lang.text | lower }}",
        "cases": [{"name": "fr", "equals": "fr"}, {"name": "de", "equals": "de"}]}},
      {"id": "fr", "type": "template", "config": {"template": "Bonjour"}},
      {"id": "de", "type": "template", "config": {"template": "Hallo"}},
      {"id": "other", "type": "template", "config": {"template": "Hello"}}
    ],
    "edges": [
      {"source": "lang", "target": "route"},
      {"source": "route", "sourceHandle": "fr", "target": "fr"},
      {"source": "route", "sourceHandle": "de", "target": "de"},
      {"source": "route", "sourceHandle": "default", "target": "other"}
    ]})";
  auto run = run_pipeline(kSwitch, {.inputs = {{"lang", "DE"}}});
  EXPECT_EQ(run.result.outputs.at("de").at("text"), "Hallo");
  EXPECT_FALSE(run.result.outputs.contains("fr"));
  EXPECT_EQ(run.node("fr").status, NodeStatus::skipped);
  auto fallback = run_pipeline(kSwitch, {.inputs = {{"lang", "it"}}});
  EXPECT_EQ(fallback.result.outputs.at("other").at("text"), "Hello");
}

TEST(Engine, NodePastItsTimeoutFailsAndItsDependantsAreSkipped) {
  auto run = run_pipeline(R"({
    "nodes": [
      {"id": "slow", "type": "delay", "config": {"ms": 5000}, "timeout_ms": 100},
      {"id": "next", "type": "template", "config": {"template": "never"}}
    ],
    "edges": [{"source": "slow", "target": "next"}]})");
  EXPECT_EQ(run.result.status, RunStatus::failed);
  EXPECT_LT(run.elapsed, 1000ms);
  const auto& slow = run.node("slow");
  EXPECT_EQ(slow.status, NodeStatus::failed);
  ASSERT_TRUE(slow.error);
  EXPECT_EQ(slow.error->code, ErrorCode::timeout);
  EXPECT_NE(slow.error->message.find("100 ms"), std::string::npos) << slow.error->message;
  EXPECT_EQ(run.node("next").status, NodeStatus::skipped);
  ASSERT_TRUE(run.result.error);
  EXPECT_EQ(run.result.error->node_id, "slow");
}

TEST(Engine, RunTimeoutStopsTheRun) {
  auto run = run_pipeline(R"({
    "settings": {"timeout_ms": 100},
    "nodes": [{"id": "slow", "type": "delay", "config": {"ms": 5000}}], "edges": []})");
  EXPECT_EQ(run.result.status, RunStatus::failed);
  EXPECT_LT(run.elapsed, 1000ms);
  ASSERT_TRUE(run.result.error);
  EXPECT_EQ(run.result.error->code, ErrorCode::timeout);
}

TEST(Engine, CancellingStopsATenSecondDelayWithin100Ms) {
  auto run = run_pipeline(R"({
    "nodes": [
      {"id": "wait", "type": "delay", "config": {"ms": 10000}},
      {"id": "after", "type": "template", "config": {"template": "x"}}
    ],
    "edges": [{"source": "wait", "target": "after"}]})",
                          {.cancel_after = 50ms});
  EXPECT_EQ(run.result.status, RunStatus::cancelled);
  EXPECT_LT(run.elapsed, 150ms);
  EXPECT_EQ(run.node("wait").status, NodeStatus::cancelled);
  EXPECT_EQ(run.node("after").status, NodeStatus::cancelled);
}

TEST(Engine, CancellingReachesALoopBody) {
  auto run = run_pipeline(R"({
    "nodes": [{"id": "each", "type": "loop", "config": {"items": "{{ [1, 2, 3] }}",
      "body": {"nodes": [{"id": "w", "type": "delay", "config": {"ms": 10000}}], "edges": []}}}],
    "edges": []})",
                          {.cancel_after = 50ms});
  EXPECT_EQ(run.result.status, RunStatus::cancelled);
  EXPECT_LT(run.elapsed, 150ms);
}

TEST(Engine, OnErrorContinueHandsTheErrorDownstream) {
  auto run = run_pipeline(R"({
    "nodes": [
      {"id": "src", "type": "template", "config": {"template": "x"}},
      {"id": "bad", "type": "template", "config": {"template": "{{ input.missing.deeper }}"},
       "on_error": "continue"},
      {"id": "report", "type": "template", "config": {"template": "error: {{ bad.error.code }}"}}
    ],
    "edges": [{"source": "src", "target": "bad"}, {"source": "bad", "target": "report"}]})");
  EXPECT_EQ(run.result.status, RunStatus::succeeded);
  EXPECT_EQ(run.node("bad").status, NodeStatus::failed);
  EXPECT_EQ(run.result.outputs.at("report").at("text"), "error: expression_error");
}

TEST(Engine, OnErrorBranchTakesOnlyTheErrorHandle) {
  auto run = run_pipeline(R"({
    "nodes": [
      {"id": "src", "type": "template", "config": {"template": "x"}},
      {"id": "bad", "type": "template", "config": {"template": "{{ input.nope.x }}"},
       "on_error": "branch"},
      {"id": "ok", "type": "template", "config": {"template": "fine"}},
      {"id": "handled", "type": "template", "config": {"template": "handled"}}
    ],
    "edges": [{"source": "src", "target": "bad"}, {"source": "bad", "target": "ok"},
              {"source": "bad", "sourceHandle": "error", "target": "handled"}]})");
  EXPECT_EQ(run.result.status, RunStatus::succeeded);
  EXPECT_EQ(run.node("ok").status, NodeStatus::skipped);
  EXPECT_EQ(run.node("handled").status, NodeStatus::succeeded);
}

TEST(Engine, FailingNodeFailsTheRunAndSkipsTheRest) {
  auto run = run_pipeline(R"({
    "nodes": [
      {"id": "src", "type": "template", "config": {"template": "x"}},
      {"id": "bad", "type": "template", "config": {"template": "{{ input.nope.x }}"}},
      {"id": "next", "type": "template", "config": {"template": "x"}}
    ],
    "edges": [{"source": "src", "target": "bad"}, {"source": "bad", "target": "next"}]})");
  EXPECT_EQ(run.result.status, RunStatus::failed);
  EXPECT_EQ(run.node("bad").attempts, 1);
  EXPECT_EQ(run.node("next").status, NodeStatus::skipped);
  ASSERT_TRUE(run.result.error);
  EXPECT_EQ(run.result.error->code, ErrorCode::expression_error);
}

TEST(Engine, NonRetryableErrorsAreNotRetried) {
  auto run = run_pipeline(R"({
    "nodes": [{"id": "src", "type": "template", "config": {"template": "x"}},
              {"id": "bad", "type": "template", "config": {"template": "{{ input.nope.x }}"},
               "retry": {"max_attempts": 3, "backoff_ms": 1}}],
    "edges": [{"source": "src", "target": "bad"}]})");
  EXPECT_EQ(run.node("bad").attempts, 1);
}

TEST(Engine, RetryableTimeoutsAreRetriedWithAttemptsRecorded) {
  auto run = run_pipeline(R"({
    "nodes": [{"id": "slow", "type": "delay", "config": {"ms": 5000}, "timeout_ms": 20,
               "retry": {"max_attempts": 3, "backoff_ms": 10}}], "edges": []})");
  EXPECT_EQ(run.result.status, RunStatus::failed);
  EXPECT_EQ(run.node("slow").attempts, 3);
  EXPECT_EQ(run.node("slow").logs.size(), 2u) << "one log line per retry";
}

TEST(Engine, LoopKeepsItemOrder) {
  auto run = run_pipeline(R"({
    "nodes": [{"id": "each", "type": "loop", "config": {
      "items": "{{ [30, 10, 20] }}", "concurrency": 3,
      "body": {"nodes": [
        {"id": "w", "type": "delay", "config": {"ms": 1}},
        {"id": "line", "type": "output_text", "config": {"text": "{{ index }}={{ item }}"}}],
        "edges": [{"source": "w", "target": "line"}]}}}],
    "edges": []})");
  ASSERT_EQ(run.result.status, RunStatus::succeeded);
  const auto& results = run.result.outputs.at("each").at("results").as_array();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].at("line"), "0=30");
  EXPECT_EQ(results[2].at("line"), "2=20");
}

TEST(Engine, LoopItemFailureFailsTheLoopNamingTheItem) {
  auto run = run_pipeline(R"({
    "nodes": [{"id": "each", "type": "loop", "config": {
      "items": "{{ [1, 0, 2] }}",
      "body": {"nodes": [{"id": "t", "type": "template", "config": {"template": "{{ 10 / item }}"}}],
               "edges": []}}}],
    "edges": []})");
  EXPECT_EQ(run.result.status, RunStatus::failed);
  ASSERT_TRUE(run.result.error);
  EXPECT_NE(run.result.error->message.find("item 1"), std::string::npos)
      << run.result.error->message;
}

TEST(Engine, EventsArriveInOrderWithSequenceNumbers) {
  auto run = run_pipeline(R"({
    "nodes": [{"id": "t", "type": "template", "config": {"template": "hi"}}], "edges": []})");
  ASSERT_GE(run.events.size(), 4u);
  for (std::size_t i = 0; i < run.events.size(); ++i) {
    EXPECT_EQ(run.events[i].seq, i + 1);
  }
  EXPECT_EQ(run.events.front().type, "run.started");
  EXPECT_EQ(run.events[1].type, "node.started");
  EXPECT_EQ(run.events[2].type, "node.finished");
  EXPECT_EQ(run.events.back().type, "run.finished");
  EXPECT_EQ(run.events[2].data.at("output").at("text"), "hi");
}

TEST(Engine, WithoutOutputNodesTheSinksAreTheOutputs) {
  auto run = run_pipeline(R"({
    "nodes": [
      {"id": "a", "type": "template", "config": {"template": "one"}},
      {"id": "b", "type": "template", "config": {"template": "{{ a.text }} two"}}
    ], "edges": [{"source": "a", "target": "b"}]})");
  EXPECT_FALSE(run.result.outputs.contains("a"));
  EXPECT_EQ(run.result.outputs.at("b").at("text"), "one two");
}

}  // namespace
}  // namespace weft::engine

namespace weft::engine {
namespace {

TEST(EngineReuse, ReusedNodesAreNotRunAgainAndTheirHandlesStillRoute) {
  std::vector<std::string> settled;
  auto run = testing::run_pipeline(
      R"({
    "nodes": [
      {"id": "slow", "type": "delay", "config": {"ms": 5000}},
      {"id": "pick", "type": "condition", "config": {"if": "{{ false }}"}},
      {"id": "yes", "type": "template", "config": {"template": "yes"}},
      {"id": "no", "type": "template", "config": {"template": "no"}}
    ],
    "edges": [{"source": "slow", "target": "pick"},
              {"source": "pick", "sourceHandle": "true", "target": "yes"},
              {"source": "pick", "sourceHandle": "false", "target": "no"}]})",
      {.reuse = {{"slow", {std::make_shared<json::value>(json::object{}), {}}},
                 {"pick",
                  {std::make_shared<json::value>(json::object{{"value", true}}), {"true"}}}},
       .on_node_settled = [&](const NodeRun& n) { settled.push_back(n.node_id); }});
  EXPECT_EQ(run.result.status, RunStatus::succeeded);
  EXPECT_LT(run.elapsed, std::chrono::milliseconds(1000)) << "the 5 s delay must not run again";
  EXPECT_TRUE(run.node("slow").reused);
  EXPECT_EQ(run.node("slow").attempts, 0);
  EXPECT_EQ(run.node("yes").status, NodeStatus::succeeded) << "the recorded `true` handle routes";
  EXPECT_EQ(run.node("no").status, NodeStatus::skipped);
  EXPECT_EQ(settled.size(), 4u);
}

}  // namespace
}  // namespace weft::engine
