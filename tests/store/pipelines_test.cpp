// Pipelines and versions through the Store interface (src/store/sqlite/pipeline_*.cpp).

#include <gtest/gtest.h>

#include <thread>

#include "store/store_fixture.hpp"

namespace weft::store {
namespace {

using testing::TempDir;

constexpr std::string_view kWs = kDefaultWorkspace;

PipelineRecord draft(std::string id, std::string name, int marker = 0) {
  PipelineRecord record;
  record.id = std::move(id);
  record.name = std::move(name);
  record.description = "says hello";
  record.definition = json::object{{"nodes", json::array{}}, {"marker", marker}};
  return record;
}

/// updated_at has millisecond precision; tests that order by it step past one.
void next_millisecond() {
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
}

class PipelinesTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::unique_ptr<Store> store_ = testing::open_store(dir_.path());
};

TEST_F(PipelinesTest, CreateThenGetAndList) {
  auto created = store_->create_pipeline(kWs, draft("", "Greeter"));
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->id.rfind("pl_", 0), 0u) << created->id;
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(created->workspace_id, kWs);
  EXPECT_EQ(created->created_at, created->updated_at);

  auto got = store_->get_pipeline(kWs, created->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Greeter");
  EXPECT_EQ(got->description, "says hello");
  EXPECT_EQ(got->definition, created->definition);
  EXPECT_EQ(got->created_at, created->created_at);
  EXPECT_FALSE(got->last_run_status.has_value());

  auto listed = store_->list_pipelines(kWs);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().id, created->id);
}

TEST_F(PipelinesTest, ATakenIdIsAConflict) {
  ASSERT_TRUE(store_->create_pipeline(kWs, draft("greeter", "One")).ok());
  auto again = store_->create_pipeline(kWs, draft("greeter", "Two"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(store_->get_pipeline(kWs, "greeter")->name, "One");
}

TEST_F(PipelinesTest, UnknownIdIsNotFound) {
  auto got = store_->get_pipeline(kWs, "nope");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::not_found);
  EXPECT_EQ(got.error().message, "no pipeline `nope`");
  EXPECT_EQ(store_->list_versions(kWs, "nope").error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->update_pipeline(kWs, draft("nope", "x"), 1).error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->delete_pipeline(kWs, "nope").error().code, ErrorCode::not_found);
}

TEST_F(PipelinesTest, UpdateAddsAVersionAndKeepsTheOldOne) {
  auto created = store_->create_pipeline(kWs, draft("greeter", "Greeter", 1));
  ASSERT_TRUE(created.ok());
  next_millisecond();
  auto updated = store_->update_pipeline(kWs, draft("greeter", "Greeter v2", 2), 1);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->created_at, created->created_at);
  EXPECT_GT(updated->updated_at, created->updated_at);

  auto got = store_->get_pipeline(kWs, "greeter");
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->name, "Greeter v2");
  EXPECT_EQ(got->definition.at("marker"), 2);

  auto versions = store_->list_versions(kWs, "greeter");
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].version, 2);
  EXPECT_EQ((*versions)[1].version, 1);
  EXPECT_EQ((*versions)[1].name, "Greeter");
  EXPECT_EQ((*versions)[1].definition.at("marker"), 1);

  auto first = store_->get_version(kWs, "greeter", 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->definition.at("marker"), 1);
  EXPECT_EQ(first->pipeline_id, "greeter");
  auto missing = store_->get_version(kWs, "greeter", 3);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().message, "pipeline `greeter` has no version 3 (the latest is 2)");
}

TEST_F(PipelinesTest, AStaleBaseVersionIsAConflictAndChangesNothing) {
  ASSERT_TRUE(store_->create_pipeline(kWs, draft("greeter", "Greeter", 1)).ok());
  ASSERT_TRUE(store_->update_pipeline(kWs, draft("greeter", "Alice's edit", 2), 1).ok());

  auto stale = store_->update_pipeline(kWs, draft("greeter", "Bob's edit", 3), 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(stale.error().message,
            "pipeline `greeter` was saved as version 2 since version 1 was loaded; reload it and "
            "apply your change again");

  auto got = store_->get_pipeline(kWs, "greeter");
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->name, "Alice's edit");
  EXPECT_EQ(store_->list_versions(kWs, "greeter")->size(), 2u);
}

TEST_F(PipelinesTest, DeleteRemovesVersionsExecutionsAndNodeRuns) {
  ASSERT_TRUE(store_->create_pipeline(kWs, draft("doomed", "Doomed")).ok());
  ASSERT_TRUE(store_->update_pipeline(kWs, draft("doomed", "Doomed"), 1).ok());
  ASSERT_TRUE(store_->create_pipeline(kWs, draft("kept", "Kept")).ok());
  const Time t = testing::at_ms(testing::kBaseMs);
  auto status = testing::write_and_wait(
      *store_,
      {CreateExecution{testing::make_execution(std::string(kWs), "ex_doomed", "doomed", t)},
       SaveNodeRun{testing::make_node_run(std::string(kWs), "ex_doomed", "a", "succeeded", t)},
       CreateExecution{testing::make_execution(std::string(kWs), "ex_kept", "kept", t)},
       SaveNodeRun{testing::make_node_run(std::string(kWs), "ex_kept", "a", "succeeded", t)}});
  ASSERT_TRUE(status.ok());

  ASSERT_TRUE(store_->delete_pipeline(kWs, "doomed").ok());

  EXPECT_EQ(store_->get_pipeline(kWs, "doomed").error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->list_versions(kWs, "doomed").error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->get_version(kWs, "doomed", 1).error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->get_execution(kWs, "ex_doomed").error().code, ErrorCode::not_found);
  EXPECT_TRUE(store_->list_node_runs(kWs, "ex_doomed")->empty());
  EXPECT_EQ(testing::count_rows(dir_.db_path(), "pipeline_versions WHERE pipeline_id = 'doomed'"),
            0);
  // The other pipeline is untouched.
  EXPECT_TRUE(store_->get_execution(kWs, "ex_kept").ok());
  EXPECT_EQ(store_->list_node_runs(kWs, "ex_kept")->size(), 1u);
  EXPECT_EQ(store_->list_pipelines(kWs)->size(), 1u);
}

TEST_F(PipelinesTest, ListShowsTheNewestRunStatusNewestEditFirst) {
  ASSERT_TRUE(store_->create_pipeline(kWs, draft("first", "First")).ok());
  next_millisecond();
  ASSERT_TRUE(store_->create_pipeline(kWs, draft("second", "Second")).ok());
  const std::string ws(kWs);
  testing::add_execution(
      *store_,
      testing::make_execution(ws, "ex_1", "first", testing::at_ms(testing::kBaseMs), "succeeded"));
  testing::add_execution(
      *store_,
      testing::make_execution(ws, "ex_2", "first", testing::at_ms(testing::kBaseMs + 5), "failed"));

  auto listed = store_->list_pipelines(kWs);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "second");
  EXPECT_FALSE((*listed)[0].last_run_status.has_value());
  EXPECT_EQ((*listed)[1].id, "first");
  EXPECT_EQ((*listed)[1].last_run_status, "failed");
  EXPECT_EQ(store_->get_pipeline(kWs, "first")->last_run_status, "failed");

  next_millisecond();
  ASSERT_TRUE(store_->update_pipeline(kWs, draft("first", "First again"), 1).ok());
  EXPECT_EQ(store_->list_pipelines(kWs)->front().id, "first");
}

TEST_F(PipelinesTest, EachWorkspaceSeesOnlyItsOwn) {
  constexpr std::string_view kOther = "ws_other";
  ASSERT_TRUE(store_->create_pipeline(kWs, draft("greeter", "Mine")).ok());

  EXPECT_EQ(store_->get_pipeline(kOther, "greeter").error().code, ErrorCode::not_found);
  EXPECT_TRUE(store_->list_pipelines(kOther)->empty());
  EXPECT_EQ(store_->list_versions(kOther, "greeter").error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->get_version(kOther, "greeter", 1).error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->update_pipeline(kOther, draft("greeter", "Theirs"), 1).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(store_->delete_pipeline(kOther, "greeter").error().code, ErrorCode::not_found);

  // The same id in another workspace is another pipeline.
  ASSERT_TRUE(store_->create_pipeline(kOther, draft("greeter", "Theirs")).ok());
  EXPECT_EQ(store_->get_pipeline(kWs, "greeter")->name, "Mine");
  EXPECT_EQ(store_->get_pipeline(kOther, "greeter")->name, "Theirs");
  ASSERT_TRUE(store_->delete_pipeline(kOther, "greeter").ok());
  EXPECT_TRUE(store_->get_pipeline(kWs, "greeter").ok());

  const Time t = testing::at_ms(testing::kBaseMs);
  auto status = testing::write_and_wait(
      *store_, {CreateExecution{testing::make_execution(std::string(kWs), "ex_1", "greeter", t)},
                SaveNodeRun{testing::make_node_run(std::string(kWs), "ex_1", "a", "running", t)}});
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(store_->get_execution(kOther, "ex_1").error().code, ErrorCode::not_found);
  EXPECT_TRUE(store_->list_executions(kOther, {})->items.empty());
  EXPECT_TRUE(store_->list_node_runs(kOther, "ex_1")->empty());
  // Finishing it from the wrong workspace does not touch it.
  auto finish = testing::write_and_wait(
      *store_, {testing::make_finish(std::string(kOther), "ex_1", "succeeded", t)});
  EXPECT_EQ(finish.error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->get_execution(kWs, "ex_1")->status, "running");
}

TEST_F(PipelinesTest, AnOverlongIdIsRefused) {
  auto created = store_->create_pipeline(kWs, draft(std::string(200, 'x'), "Long"));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace weft::store
