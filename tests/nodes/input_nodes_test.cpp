// input_text, input_json, input_variables: what a caller must provide.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "fixtures/engine_harness.hpp"

namespace weft::nodes {
namespace {

using testing::compile_or_fail;
using testing::run_pipeline;

constexpr const char* kTextInput = R"({"nodes": [
  {"id": "q", "type": "input_text", "config": {"name": "question", "label": "Your question"}},
  {"id": "opt", "type": "input_text", "config": {"required": false, "default": "none"}}], "edges": []})";

TEST(InputText, ReadsTheNamedInputAndDefaults) {
  auto run = run_pipeline(kTextInput, {.inputs = {{"question", "why?"}}});
  EXPECT_EQ(run.result.outputs.at("q").at("text"), "why?");
  EXPECT_EQ(run.result.outputs.at("opt").at("text"), "none");
}

TEST(InputText, MissingOrMistypedInputsAreNamed) {
  auto pipeline = compile_or_fail(kTextInput);
  auto missing = engine::check_inputs(*pipeline, {});
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].pointer, "/question");
  EXPECT_EQ(missing[0].message, "`question` (Your question) is required");
  auto mistyped = engine::check_inputs(*pipeline, {{"question", 42}});
  ASSERT_EQ(mistyped.size(), 1u);
  EXPECT_EQ(mistyped[0].message, "`question` must be text, not integer");
}

TEST(InputText, AMissingInputFailsTheRunIfNotCheckedFirst) {
  auto run = run_pipeline(kTextInput);
  EXPECT_EQ(run.result.status, engine::RunStatus::failed);
  EXPECT_EQ(run.result.error->code, ErrorCode::invalid_input);
}

TEST(InputJson, ChecksTheSchema) {
  constexpr const char* kJson = R"({"nodes": [{"id": "order", "type": "input_json", "config": {
    "schema": {"type": "object", "required": ["qty"], "properties": {"qty": {"type": "integer", "minimum": 1}}}}}],
    "edges": []})";
  auto pipeline = compile_or_fail(kJson);
  auto problems = engine::check_inputs(*pipeline, {{"order", json::parse(R"({"qty": 0})")}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/order/qty");
  auto run = run_pipeline(kJson, {.inputs = {{"order", json::parse(R"({"qty": 2})")}}});
  EXPECT_EQ(run.result.outputs.at("order").at("json").at("qty"), 2);
}

TEST(InputJson, AnUnusableSchemaIsAValidationProblem) {
  auto problems = testing::problems_of(R"({"nodes": [{"id": "j", "type": "input_json",
    "config": {"schema": {"type": 5}}}], "edges": []})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/nodes/0/config/schema");
}

TEST(InputVariables, TypesDefaultsAndRequired) {
  constexpr const char* kVars = R"({"nodes": [{"id": "v", "type": "input_variables", "config": {
    "variables": [{"name": "topic", "type": "string"},
                  {"name": "count", "type": "integer", "default": 3, "required": false}]}}],
    "edges": []})";
  auto pipeline = compile_or_fail(kVars);
  auto problems = engine::check_inputs(*pipeline, {{"count", "three"}});
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].message, "`topic` is required");
  EXPECT_EQ(problems[1].message, "`count` must be of type integer, not string");
  auto run = run_pipeline(kVars, {.inputs = {{"topic", "cats"}}});
  EXPECT_EQ(run.result.outputs.at("v"), json::parse(R"({"topic": "cats", "count": 3})"));
}

}  // namespace
}  // namespace weft::nodes
