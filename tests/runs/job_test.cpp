// A Job round-trips through JSON, the form the queue keeps; a damaged one is
// refused naming its field.

#include "runs/job.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace weft::runs {
namespace {

TEST(Job, RoundTripsThroughJson) {
  Job job;
  job.workspace = "ws_1";
  job.execution_id = "ex_1";
  job.pipeline_id = "summarise";
  job.pipeline_version = 7;
  job.inputs = json::object{{"text", "hello"}, {"n", 3}};
  job.trigger = Trigger::retry;
  job.attempt = 2;
  job.priority = -4;
  job.run_concurrency = 3;
  job.save = SaveMode::errors;
  job.deadline = store::Time(std::chrono::milliseconds(1'765'000'000'123));
  job.retry_of = "ex_0";
  auto back = job_from_json(json::parse(json::serialize(to_json(job))));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(to_json(*back), to_json(job));
  EXPECT_EQ(back->trigger, Trigger::retry);
  EXPECT_EQ(back->save, SaveMode::errors);
  EXPECT_EQ(back->run_concurrency, 3);
  EXPECT_EQ(back->deadline, job.deadline);
  EXPECT_EQ(back->retry_of, "ex_0");

  Job plain;
  plain.workspace = "ws_1";
  plain.execution_id = "ex_2";
  plain.pipeline_id = "p";
  auto plain_back = job_from_json(to_json(plain));
  ASSERT_TRUE(plain_back.ok());
  EXPECT_FALSE(plain_back->run_concurrency || plain_back->deadline || plain_back->retry_of);
}

TEST(Job, ADamagedJobNamesTheField) {
  Job job;
  job.workspace = "ws_1";
  job.execution_id = "ex_1";
  job.pipeline_id = "p";
  for (auto [field, value] : {std::pair<const char*, json::value>{"workspace", 3},
                              {"inputs", "text"},
                              {"trigger", "telepathy"},
                              {"attempt", 0},
                              {"save", "some"}}) {
    json::object damaged = to_json(job).as_object();
    damaged[field] = value;
    auto read = job_from_json(damaged);
    ASSERT_FALSE(read.ok()) << field;
    EXPECT_NE(read.error().message.find(std::string("`") + field + "`"), std::string::npos)
        << read.error().message;
  }
  EXPECT_FALSE(job_from_json(json::array{}).ok());
}

}  // namespace
}  // namespace weft::runs
