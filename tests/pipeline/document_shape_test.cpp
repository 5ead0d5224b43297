// The JSON types of a pipeline document's fields (src/pipeline/document_shape.cpp).
#include "pipeline/document_shape.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace weft::pipeline {
namespace {

Problems shape_of(std::string_view text, std::size_t max = 200) {
  return check_document_shape(json::parse(text).as_object(), max);
}

std::vector<std::string> pointers(const Problems& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) {
    out.push_back(p.pointer);
  }
  return out;
}

TEST(DocumentShape, ADocumentOfTheDocumentedTypesHasNoProblems) {
  EXPECT_TRUE(shape_of(R"({
    "id": "p", "name": "n", "description": "d", "version": 3,
    "settings": {"timeout_ms": 1000, "max_concurrency": 2}, "variables": {"a": 1},
    "pinned": {"a": {"text": "x"}},
    "nodes": [{"id": "a", "type": "template", "label": "A", "config": {}, "version": 1,
               "position": {"x": 1.5, "y": -2}, "retry": {"max_attempts": 2, "backoff_ms": 10},
               "timeout_ms": 5, "on_error": "fail"}],
    "edges": [{"id": "e", "source": "a", "target": "b", "sourceHandle": null,
               "targetHandle": "in"}]})")
                  .empty());
}

TEST(DocumentShape, WhatTheFuzzerSentIsRefusedWithPointers) {
  auto problems = shape_of(R"({"name": -0.5, "nodes": {}, "edges": [[null, null]]})");
  EXPECT_EQ(pointers(problems), (std::vector<std::string>{"/name", "/nodes", "/edges/0"}));
  EXPECT_EQ(problems[0].message, "`name` must be a string, not number");
  EXPECT_EQ(problems[1].message, "`nodes` must be an array, not object");
  EXPECT_EQ(problems[2].message, "an edge must be an object, not array");
}

TEST(DocumentShape, NodesAndEdgesAreRequired) {
  auto problems = shape_of("{}");
  EXPECT_EQ(pointers(problems), (std::vector<std::string>{"/nodes", "/edges"}));
  EXPECT_EQ(problems[0].message, "`nodes` is required (a list of blocks, may be empty)");
}

TEST(DocumentShape, NestedFieldsAreCheckedToo) {
  auto problems = shape_of(R"({"settings": {"timeout_ms": "1s"}, "pinned": {"a": 3},
    "nodes": [7, {"id": 1, "config": [], "position": {"x": "1"}, "retry": {"backoff_ms": 1.5}}],
    "edges": [{"source": "a", "target": null, "sourceHandle": 2}]})");
  EXPECT_EQ(pointers(problems),
            (std::vector<std::string>{"/settings/timeout_ms", "/nodes/0", "/nodes/1/id",
                                      "/nodes/1/config", "/nodes/1/position/x",
                                      "/nodes/1/retry/backoff_ms", "/edges/0/target",
                                      "/edges/0/sourceHandle", "/pinned/a"}));
}

TEST(DocumentShape, UnknownKeysAndRangesAreLeftToTheValidator) {
  EXPECT_TRUE(
      shape_of(R"({"nmae": 1, "nodes": [{"retyr": 1, "timeout_ms": -5}], "edges": []})").empty());
}

TEST(DocumentShape, TheListIsBounded) {
  std::string edges = "[1";
  for (int i = 0; i < 999; ++i) {
    edges += ",1";
  }
  EXPECT_EQ(shape_of(R"({"nodes": [], "edges": )" + edges + "]}", 50).size(), 50u);
}

}  // namespace
}  // namespace weft::pipeline
