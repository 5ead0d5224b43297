// Cron parsing and fire times in time zones, across clock changes (issue 12).

#include "triggers/schedule.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

namespace weft::triggers {
namespace {

using namespace std::chrono;

Schedule schedule(std::string cron, std::string zone, std::string missed = "skip") {
  Problems problems;
  auto parsed = parse_schedule(json::object{{"cron", cron}, {"timezone", zone}, {"missed", missed}},
                               problems);
  EXPECT_TRUE(parsed.ok()) << (problems.empty() ? "" : problems.front().message);
  return parsed.ok() ? *parsed : Schedule{};
}

store::Time utc(int y, int mo, int d, int h, int mi, int s = 0) {
  return store::Time(date::sys_days(date::year(y) / mo / d) + hours(h) + minutes(mi) + seconds(s));
}

/// The next `count` fire times after `from`, as local ISO text.
std::vector<std::string> fires(const Schedule& s, store::Time from, int count) {
  std::vector<std::string> out;
  for (auto t : next_fires(s, from, count)) {
    out.push_back(local_iso(s, t));
  }
  return out;
}

TEST(Cron, ParsesFieldsNamesStepsAndMacros) {
  const auto weekdays = schedule("0 9 * * MON-FRI", "UTC");
  // 2026-12-05 is a Saturday: the next are Monday to Friday at 09:00.
  EXPECT_EQ(fires(weekdays, utc(2026, 12, 5, 12, 0), 6),
            (std::vector<std::string>{"2026-12-07T09:00:00+00:00", "2026-12-08T09:00:00+00:00",
                                      "2026-12-09T09:00:00+00:00", "2026-12-10T09:00:00+00:00",
                                      "2026-12-11T09:00:00+00:00", "2026-12-14T09:00:00+00:00"}));
  EXPECT_EQ(fires(schedule("*/15 * * * *", "UTC"), utc(2026, 1, 1, 10, 7), 3),
            (std::vector<std::string>{"2026-01-01T10:15:00+00:00", "2026-01-01T10:30:00+00:00",
                                      "2026-01-01T10:45:00+00:00"}));
  EXPECT_EQ(fires(schedule("*/20 * * * * *", "UTC"), utc(2026, 1, 1, 10, 0, 1), 3),
            (std::vector<std::string>{"2026-01-01T10:00:20+00:00", "2026-01-01T10:00:40+00:00",
                                      "2026-01-01T10:01:00+00:00"}));
  EXPECT_EQ(fires(schedule("@monthly", "UTC"), utc(2026, 1, 15, 0, 0), 2),
            (std::vector<std::string>{"2026-02-01T00:00:00+00:00", "2026-03-01T00:00:00+00:00"}));
  // Vixie cron: both day fields set means either day.
  EXPECT_EQ(fires(schedule("0 0 13 * FRI", "UTC"), utc(2026, 2, 1, 0, 0), 3),
            (std::vector<std::string>{"2026-02-06T00:00:00+00:00", "2026-02-13T00:00:00+00:00",
                                      "2026-02-20T00:00:00+00:00"}));
  // Sunday is 0 or 7.
  EXPECT_EQ(fires(schedule("0 12 * * 7", "UTC"), utc(2026, 12, 7, 0, 0), 1),
            (std::vector<std::string>{"2026-12-13T12:00:00+00:00"}));
}

TEST(Cron, NamesWhatIsWrong) {
  for (auto [cron, says] :
       {std::pair{"* * *", "5 fields"}, std::pair{"61 * * * *", "minute"},
        std::pair{"0 25 * * *", "hour"}, std::pair{"0 0 0 * *", "day-of-month"},
        std::pair{"0 0 * FOO *", "month"}, std::pair{"0 0 * * 8", "day-of-week"},
        std::pair{"*/0 * * * *", "step"}}) {
    Problems problems;
    auto parsed = parse_schedule(json::object{{"cron", cron}, {"timezone", "UTC"}}, problems);
    ASSERT_FALSE(parsed.ok()) << cron;
    ASSERT_EQ(problems.size(), 1u) << cron;
    EXPECT_EQ(problems[0].pointer, "/config/cron");
    EXPECT_NE(problems[0].message.find(says), std::string::npos) << problems[0].message;
  }
  Problems problems;
  EXPECT_FALSE(parse_schedule(json::object{{"cron", "0 0 30 2 *"}, {"timezone", "UTC"}}, problems));
  EXPECT_EQ(problems.at(0).message, "this cron expression never fires");
  problems.clear();
  EXPECT_FALSE(
      parse_schedule(json::object{{"cron", "0 9 * * *"}, {"timezone", "Mars/Olympus"}}, problems));
  EXPECT_EQ(problems.at(0).pointer, "/config/timezone");
}

// Europe/Berlin: 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET.
TEST(ScheduleDst, BerlinSpringForwardFiresOnceAfterTheGap) {
  EXPECT_EQ(fires(schedule("30 2 * * *", "Europe/Berlin"), utc(2026, 3, 27, 12, 0), 3),
            (std::vector<std::string>{"2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00",
                                      "2026-03-30T02:30:00+02:00"}));
  // Every 15 minutes: 01:45 CET, then the whole missing hour fires once at 03:00 CEST.
  EXPECT_EQ(fires(schedule("*/15 * * * *", "Europe/Berlin"), utc(2026, 3, 29, 0, 40), 4),
            (std::vector<std::string>{"2026-03-29T01:45:00+01:00", "2026-03-29T03:00:00+02:00",
                                      "2026-03-29T03:15:00+02:00", "2026-03-29T03:30:00+02:00"}));
}

TEST(ScheduleDst, BerlinFallBackFiresASetHourOnceAndEveryHourTwice) {
  EXPECT_EQ(fires(schedule("30 2 * * *", "Europe/Berlin"), utc(2026, 10, 24, 12, 0), 2),
            (std::vector<std::string>{"2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"}));
  EXPECT_EQ(fires(schedule("30 * * * *", "Europe/Berlin"), utc(2026, 10, 24, 23, 0), 4),
            (std::vector<std::string>{"2026-10-25T01:30:00+02:00", "2026-10-25T02:30:00+02:00",
                                      "2026-10-25T02:30:00+01:00", "2026-10-25T03:30:00+01:00"}));
}

// America/New_York: 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
TEST(ScheduleDst, NewYorkSpringForwardAndFallBack) {
  EXPECT_EQ(fires(schedule("30 2 * * *", "America/New_York"), utc(2026, 3, 7, 12, 0), 2),
            (std::vector<std::string>{"2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"}));
  EXPECT_EQ(fires(schedule("30 1 * * *", "America/New_York"), utc(2026, 10, 31, 12, 0), 2),
            (std::vector<std::string>{"2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"}));
  EXPECT_EQ(fires(schedule("0 * * * *", "America/New_York"), utc(2026, 11, 1, 4, 30), 3),
            (std::vector<std::string>{"2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00",
                                      "2026-11-01T02:00:00-05:00"}));
}

TEST(ScheduleDst, NextFireTimesAreStrictlyIncreasingThroughAYear) {
  for (const char* zone : {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC"}) {
    const auto s = schedule("*/30 * * * *", zone);
    auto times = next_fires(s, utc(2026, 1, 1, 0, 0), 365 * 48 + 10);
    for (std::size_t i = 1; i < times.size(); ++i) {
      ASSERT_LT(times[i - 1], times[i]) << zone << " at " << i;
      ASSERT_LE(times[i] - times[i - 1], hours(2)) << zone << " at " << i;
    }
  }
}

}  // namespace
}  // namespace weft::triggers
