// Ids (src/pipeline/parser.cpp).
#include "pipeline/parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace weft::pipeline {
namespace {

TEST(PipelineId, FollowsItsPattern) {
  const std::string longest = "a" + std::string(63, '1');
  for (const std::string& id :
       std::vector<std::string>{"a", "Z9", "ticket-triage", "pl_abc", "0", longest}) {
    EXPECT_TRUE(is_valid_pipeline_id(id)) << id;
  }
  for (const std::string& id :
       std::vector<std::string>{"", "-a", "_a", "a b", "a/b", "é", "a.b", longest + "1"}) {
    EXPECT_FALSE(is_valid_pipeline_id(id)) << id;
  }
}

TEST(PipelineId, CannotShadowALiteralRoute) {
  EXPECT_FALSE(is_valid_pipeline_id("validate"));
  EXPECT_TRUE(is_valid_pipeline_id("validate-orders"));
}

}  // namespace
}  // namespace weft::pipeline
