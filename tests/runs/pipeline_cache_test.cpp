// Compiled versions (src/api/pipeline_cache.cpp): an id and version number
// can come back after a delete, and must not bring the old definition back.
#include "runs/pipeline_cache.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace weft::runs {
namespace {

using std::chrono::milliseconds;

json::value template_pipeline(std::string_view text) {
  return json::parse(R"({"nodes": [{"id": "t", "type": "template", "config": {"template": ")" +
                     std::string(text) + R"("}}], "edges": []})");
}

std::string template_of(const pipeline::CompileOutcome& outcome) {
  EXPECT_NE(outcome.pipeline, nullptr);
  return outcome.pipeline == nullptr
             ? ""
             : std::string(
                   outcome.pipeline->definition.nodes.at(0).config.at("template").as_string());
}

class PipelineCacheTest : public ::testing::Test {
 protected:
  const nodes::Registry registry_ = nodes::make_core_registry();
  PipelineCache cache_{registry_};
  const store::Time created_ = store::Time(milliseconds(1'700'000'000'000));
};

TEST_F(PipelineCacheTest, TheSameVersionIsCompiledOnce) {
  auto first = cache_.get({"ws", "p", 1, created_}, template_pipeline("old"));
  // Same key: the cached entry, whatever definition comes with it.
  auto again = cache_.get({"ws", "p", 1, created_}, template_pipeline("new"));
  EXPECT_EQ(first.pipeline, again.pipeline);
}

TEST_F(PipelineCacheTest, APipelineCreatedAgainUnderItsIdIsCompiledAfresh) {
  EXPECT_EQ(template_of(cache_.get({"ws", "p", 1, created_}, template_pipeline("deleted"))),
            "deleted");
  // Deleted, then created again: version 1 once more, saved later.
  const auto later = created_ + milliseconds(1);
  EXPECT_EQ(template_of(cache_.get({"ws", "p", 1, later}, template_pipeline("new"))), "new");
}

TEST_F(PipelineCacheTest, ForgettingDropsEveryVersionOfThatPipelineOnly) {
  cache_.get({"ws", "p", 1, created_}, template_pipeline("p1"));
  cache_.get({"ws", "p", 2, created_}, template_pipeline("p2"));
  cache_.get({"ws", "p-2", 1, created_}, template_pipeline("other"));
  cache_.forget("ws", "p");
  // Even within the same millisecond, a pipeline created again is compiled afresh.
  EXPECT_EQ(template_of(cache_.get({"ws", "p", 1, created_}, template_pipeline("new"))), "new");
  EXPECT_EQ(template_of(cache_.get({"ws", "p-2", 1, created_}, template_pipeline("changed"))),
            "other");
}

}  // namespace
}  // namespace weft::runs
