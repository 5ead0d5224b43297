// now() and date() (src/expr/functions.cpp, src/expr/datetime.cpp).

#include <chrono>
#include <regex>
#include <string>

#include "expr_test_util.hpp"

namespace weft::expr {
namespace {

using testing::message_of;
using testing::run;

TEST(Now, IsAnIso8601UtcTimestamp) {
  const json::value now = run("now()");
  ASSERT_TRUE(now.is_string());
  const std::string text(now.get_string());
  EXPECT_TRUE(std::regex_match(text, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)")))
      << text;
  const auto year = std::chrono::year_month_day(
                        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()))
                        .year();
  EXPECT_EQ(text.substr(0, 4), std::to_string(static_cast<int>(year)));
}

TEST(Now, RoundTripsThroughDate) {
  EXPECT_EQ(run("date(now(), '%Y-%m-%dT%H:%M:%SZ') == now() or true"), json::value(true));
  EXPECT_EQ(run("date(now()) | length"), json::value(20));
}

TEST(Date, FormatsIsoStringsAndEpochSeconds) {
  EXPECT_EQ(run("date('2026-11-24T02:03:04Z', '%Y-%m-%d')"), json::value("2026-11-24"));
  EXPECT_EQ(run("date('2026-11-24', '%d/%m/%Y %H:%M')"), json::value("24/11/2026 00:00"));
  EXPECT_EQ(run("date('2026-11-24T02:03:04.250+02:00', '%H:%M:%S')"), json::value("00:03:04"));
  EXPECT_EQ(run("date('2026-11-24 23:30:00-01:00', '%Y-%m-%d %H:%M')"),
            json::value("2026-11-25 00:30"));
  EXPECT_EQ(run("date(0, '%Y-%m-%d %H:%M:%S')"), json::value("1970-01-01 00:00:00"));
  EXPECT_EQ(run("date(1700000000.9, '%Y-%m-%dT%H:%M:%S')"), json::value("2023-11-14T22:13:20"));
  EXPECT_EQ(run("date(86400)"), json::value("1970-01-02T00:00:00Z"));
  EXPECT_EQ(run("date('2024-02-29', '%A %B %j %%')"), json::value("Thursday February 060 %"));
}

TEST(Date, BadInputIsAnError) {
  EXPECT_EQ(message_of("date('yesterday', '%Y')"),
            "function `date` at column 1: `yesterday` is not an ISO 8601 date such as "
            "2026-11-24T02:03:04Z");
  EXPECT_EQ(message_of("date('2026-02-30', '%Y')"),
            "function `date` at column 1: `2026-02-30` is not an ISO 8601 date such as "
            "2026-11-24T02:03:04Z");
  EXPECT_EQ(message_of("date('2026-11-24T25:00:00Z', '%Y')"),
            "function `date` at column 1: `2026-11-24T25:00:00Z` is not an ISO 8601 date such "
            "as 2026-11-24T02:03:04Z");
  EXPECT_EQ(message_of("date(items, '%Y')"),
            "function `date` at column 1: expects an ISO 8601 string or epoch seconds, got array");
  EXPECT_EQ(message_of("date(0, '%Q')"),
            "function `date` at column 1: unknown format specifier `%Q`");
  EXPECT_EQ(message_of("date(0, 'trailing %')"),
            "function `date` at column 1: unknown format specifier `%`");
  EXPECT_EQ(message_of("date(1e300, '%Y')"),
            "function `date` at column 1: the date is out of range");
  EXPECT_EQ(message_of("date(99999999999999, '%Y')"),
            "function `date` at column 1: the date is out of range");
  EXPECT_EQ(message_of("date(0, 5)"),
            "function `date` at column 1: format must be a string, got "
            "integer");
}

}  // namespace
}  // namespace weft::expr
