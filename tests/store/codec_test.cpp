// JSON in and out of columns (src/store/sqlite/codec.cpp): a number that is
// not finite is refused on the way in; a damaged row reads as `unreadable`
// on the way out instead of failing the list it is in.

#include <gtest/gtest.h>

#include <limits>

#include "store/store_fixture.hpp"

namespace weft::store {
namespace {

using testing::at_ms;
using testing::kBaseMs;
using testing::make_execution;
using testing::make_finish;
using testing::make_node_run;
using testing::TempDir;

const std::string kWs(kDefaultWorkspace);
const double kInfinity = std::numeric_limits<double>::infinity();

class CodecTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::unique_ptr<Store> store_ = testing::open_store(dir_.path());
};

TEST_F(CodecTest, AnExecutionHoldingInfinityIsRefusedAndNothingIsStored) {
  ExecutionRecord execution = make_execution(kWs, "ex_bad", "pl_1", at_ms(kBaseMs));
  execution.inputs = json::object{{"x", kInfinity}};
  auto status = testing::write_and_wait(*store_, {CreateExecution{execution}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(status.error().message.find("/x"), std::string::npos) << status.error().message;
  EXPECT_EQ(store_->get_execution(kWs, "ex_bad").error().code, ErrorCode::not_found);

  // The writer goes on: the next run is stored.
  testing::add_execution(*store_, make_execution(kWs, "ex_good", "pl_1", at_ms(kBaseMs)));
  EXPECT_TRUE(store_->get_execution(kWs, "ex_good").ok());
}

TEST_F(CodecTest, NodeOutputsAndFinishedOutputsAreCheckedToo) {
  testing::add_execution(*store_, make_execution(kWs, "ex_1", "pl_1", at_ms(kBaseMs)));
  NodeRunRecord run = make_node_run(kWs, "ex_1", "calc", "succeeded", at_ms(kBaseMs));
  run.output = json::object{{"r", json::array{-kInfinity}}};
  auto saved = testing::write_and_wait(*store_, {SaveNodeRun{run}});
  ASSERT_FALSE(saved.ok());
  EXPECT_NE(saved.error().message.find("/r/0"), std::string::npos) << saved.error().message;

  FinishExecution finish = make_finish(kWs, "ex_1", "succeeded", at_ms(kBaseMs + 5));
  finish.outputs = json::object{{"r", std::numeric_limits<double>::quiet_NaN()}};
  EXPECT_FALSE(testing::write_and_wait(*store_, {finish}).ok());
  EXPECT_EQ(store_->get_execution(kWs, "ex_1")->status, "running");
}

TEST_F(CodecTest, PipelinesAndSettingsRefuseItToo) {
  PipelineRecord record;
  record.id = "p";
  record.name = "p";
  record.definition = json::object{{"variables", json::object{{"x", kInfinity}}}};
  auto created = store_->create_pipeline(kWs, record);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(created.error().message.find("/variables/x"), std::string::npos);
  EXPECT_TRUE(store_->list_pipelines(kWs)->empty());
  EXPECT_FALSE(store_->put_setting("s", json::object{{"n", kInfinity}}).ok());
}

TEST_F(CodecTest, ADamagedExecutionIsListedAsUnreadableNotAsAFailure) {
  testing::add_execution(*store_, make_execution(kWs, "ex_old", "pl_1", at_ms(kBaseMs)));
  testing::add_execution(*store_, make_execution(kWs, "ex_bad", "pl_1", at_ms(kBaseMs + 1)));
  store_->flush();
  // What an older Weft wrote for a run with {"x": 1e999}.
  testing::run_sql(dir_.db_path(),
                   "UPDATE executions SET inputs = '{\"x\":Infinity}', outputs = '{\"r\":Infinity}'"
                   " WHERE id = 'ex_bad'");

  auto page = store_->list_executions(kWs, {});
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, "ex_bad");
  EXPECT_TRUE(page->items[0].unreadable);
  EXPECT_TRUE(page->items[0].inputs.is_null());
  EXPECT_EQ(page->items[0].status, "running");
  EXPECT_FALSE(page->items[1].unreadable);
  EXPECT_EQ(page->items[1].inputs, make_execution(kWs, "x", "p", {}).inputs);

  auto one = store_->get_execution(kWs, "ex_bad");
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_TRUE(one->unreadable);
}

TEST_F(CodecTest, ADamagedNodeRunAndPipelineAreUnreadableToo) {
  testing::add_execution(*store_, make_execution(kWs, "ex_1", "pl_1", at_ms(kBaseMs)));
  ASSERT_TRUE(testing::write_and_wait(
                  *store_, {SaveNodeRun{make_node_run(kWs, "ex_1", "a", "succeeded", {})}})
                  .ok());
  PipelineRecord record;
  record.id = "p";
  record.definition = json::object{{"nodes", json::array{}}};
  ASSERT_TRUE(store_->create_pipeline(kWs, record).ok());
  testing::run_sql(dir_.db_path(),
                   "UPDATE node_runs SET output = '{\"r\":NaN'; "
                   "UPDATE pipelines SET definition = 'not json'; "
                   "UPDATE pipeline_versions SET definition = '[1e999]'");

  auto runs = store_->list_node_runs(kWs, "ex_1");
  ASSERT_TRUE(runs.ok()) << runs.error().message;
  EXPECT_TRUE(runs->at(0).unreadable);
  auto pipelines = store_->list_pipelines(kWs);
  ASSERT_TRUE(pipelines.ok()) << pipelines.error().message;
  EXPECT_TRUE(pipelines->at(0).unreadable);
  EXPECT_TRUE(pipelines->at(0).definition.is_null());
  EXPECT_TRUE(store_->get_pipeline(kWs, "p")->unreadable);
  // 1e999 is valid JSON text, but no double holds it.
  EXPECT_TRUE(store_->list_versions(kWs, "p")->at(0).unreadable);
  EXPECT_TRUE(store_->get_version(kWs, "p", 1)->unreadable);
}

TEST_F(CodecTest, ValuesNestedDeeperThanARequestMayStillReadBack) {
  json::value deep = 1;
  for (int i = 0; i < 100; ++i) {
    json::array wrapper;
    wrapper.emplace_back(std::move(deep));
    deep = std::move(wrapper);
  }
  ExecutionRecord execution = make_execution(kWs, "ex_deep", "pl_1", at_ms(kBaseMs));
  execution.inputs = json::object{{"deep", deep}};
  testing::add_execution(*store_, execution);
  auto got = store_->get_execution(kWs, "ex_deep");
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->unreadable);
  EXPECT_EQ(got->inputs, execution.inputs);
}

}  // namespace
}  // namespace weft::store
