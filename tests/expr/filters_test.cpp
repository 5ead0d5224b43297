// Every filter, with normal use and its errors (src/expr/filters*.cpp).

#include <string>

#include "expr_test_util.hpp"

namespace weft::expr {
namespace {

using testing::error_of;
using testing::message_of;
using testing::parse;
using testing::run;

TEST(TextFilters, UpperLowerTrim) {
  EXPECT_EQ(run("'Héllo World' | upper"), json::value("HéLLO WORLD"));  // ASCII letters only
  EXPECT_EQ(run("name | lower"), json::value("ada"));
  EXPECT_EQ(run("'  padded\n\t' | trim"), json::value("padded"));
  EXPECT_EQ(message_of("n | upper"), "filter `upper` at column 5: expects a string, got integer");
  EXPECT_EQ(message_of("items | trim"), "filter `trim` at column 9: expects a string, got array");
}

TEST(TextFilters, LengthCountsCodePointsAndElements) {
  EXPECT_EQ(run("'héllo' | length"), json::value(5));
  EXPECT_EQ(run("'日本語' | length"), json::value(3));
  EXPECT_EQ(run("items | length"), json::value(3));
  EXPECT_EQ(run("ticket | length"), json::value(5));
  EXPECT_EQ(run("blank | length"), json::value(0));
  EXPECT_EQ(message_of("n | length"),
            "filter `length` at column 5: expects a string, array or object, got integer");
}

TEST(TextFilters, JsonSerializesCompactly) {
  EXPECT_EQ(run("ticket.meta | json"), json::value(R"({"lang":"en"})"));
  EXPECT_EQ(run("[1, 0.5, 'a\"b', null] | json"), json::value(R"([1,0.5,"a\"b",null])"));
  EXPECT_EQ(run("name | json"), json::value(R"("Ada")"));
}

TEST(TextFilters, SplitAndJoin) {
  EXPECT_EQ(run("'a,b,,c' | split(',')"), parse(R"(["a", "b", "", "c"])"));
  EXPECT_EQ(run("'héé' | split('')"), parse(R"(["h", "é", "é"])"));
  EXPECT_EQ(run("ticket.tags | join(', ')"), json::value("urgent, hw"));
  EXPECT_EQ(run("[1, 'a', null, [2]] | join('-')"), json::value("1-a--[2]"));
  EXPECT_EQ(run("['a', 'b'] | join"), json::value("ab"));
  EXPECT_EQ(run("[] | join(',')"), json::value(""));
  EXPECT_EQ(message_of("name | join(',')"),
            "filter `join` at column 8: expects an array, got string");
  EXPECT_EQ(message_of("items | join(1)"),
            "filter `join` at column 9: separator must be a string, got integer");
  EXPECT_EQ(message_of("name | split(1)"),
            "filter `split` at column 8: separator must be a string, got integer");
}

TEST(TextFilters, Replace) {
  EXPECT_EQ(run("'a-b-c' | replace('-', ' + ')"), json::value("a + b + c"));
  EXPECT_EQ(run("name | replace('x', 'y')"), json::value("Ada"));
  EXPECT_EQ(message_of("name | replace('', 'y')"),
            "filter `replace` at column 8: cannot replace an empty string");
  EXPECT_EQ(message_of("name | replace(1, 'y')"),
            "filter `replace` at column 8: expects two strings as arguments, got integer and "
            "string");
}

TEST(TextFilters, TruncateTokensKeepsTheFirstWords) {
  EXPECT_EQ(run("'one two  three four' | truncate_tokens(2)"), json::value("one two…"));
  EXPECT_EQ(run("'one two' | truncate_tokens(2)"), json::value("one two"));
  EXPECT_EQ(run("'  one two  ' | truncate_tokens(5)"), json::value("  one two  "));
  EXPECT_EQ(run("'one two' | truncate_tokens(0)"), json::value("…"));
  EXPECT_EQ(message_of("name | truncate_tokens(-1)"),
            "filter `truncate_tokens` at column 8: the number of tokens must be a non-negative "
            "integer");
}

TEST(ListFilters, SliceStringsAndArrays) {
  EXPECT_EQ(run("items | slice(1)"), parse("[20, 30]"));
  EXPECT_EQ(run("items | slice(0, 2)"), parse("[10, 20]"));
  EXPECT_EQ(run("items | slice(-2)"), parse("[20, 30]"));
  EXPECT_EQ(run("items | slice(5, 10)"), parse("[]"));
  EXPECT_EQ(run("items | slice(2, 1)"), parse("[]"));
  EXPECT_EQ(run("'héllo' | slice(1, 3)"), json::value("él"));
  EXPECT_EQ(run("'héllo' | slice(-3, -1)"), json::value("ll"));
  EXPECT_EQ(message_of("items | slice('a')"),
            "filter `slice` at column 9: start and end must be integers");
  EXPECT_EQ(message_of("n | slice(1)"),
            "filter `slice` at column 5: expects an array or a string, got integer");
}

TEST(ListFilters, FirstLastKeys) {
  EXPECT_EQ(run("items | first"), json::value(10));
  EXPECT_EQ(run("items | last"), json::value(30));
  EXPECT_EQ(run("'héllo' | first"), json::value("h"));
  EXPECT_EQ(run("'日本' | last"), json::value("本"));
  EXPECT_EQ(run("[] | first"), json::value(nullptr));
  EXPECT_EQ(run("ticket.meta | keys"), parse(R"(["lang"])"));
  EXPECT_EQ(message_of("items | keys"), "filter `keys` at column 9: expects an object, got array");
  EXPECT_EQ(message_of("n | first"),
            "filter `first` at column 5: expects an array or a string, got integer");
}

TEST(ListFilters, MapPicksAFieldOfEachObject) {
  EXPECT_EQ(run("people | map('name')"), parse(R"(["Ada", "Alan", "Grace"])"));
  EXPECT_EQ(run("people | map('age')"), parse("[36, 41, null]"));
  EXPECT_EQ(message_of("items | map('a')"),
            "filter `map` at column 9: element 0 is an integer, not an object");
  EXPECT_EQ(message_of("people | map(1)"),
            "filter `map` at column 10: field name must be a string, got integer");
}

TEST(ListFilters, UniqueKeepsTheFirstByDeepEquality) {
  EXPECT_EQ(run("[3, 1, 3, 1.0, 'a', 'a', {k: [1]}, {k: [1.0]}] | unique"),
            parse(R"([3, 1, "a", {"k": [1]}])"));
  EXPECT_EQ(message_of("name | unique"),
            "filter `unique` at column 8: expects an array, got string");
}

TEST(ListFilters, SortNumbersOrStrings) {
  EXPECT_EQ(run("[3, 1.5, 2] | sort"), parse("[1.5, 2, 3]"));
  EXPECT_EQ(run("['pear', 'apple', 'fig'] | sort"), parse(R"(["apple", "fig", "pear"])"));
  EXPECT_EQ(run("[] | sort"), parse("[]"));
  EXPECT_EQ(message_of("[1, 'a'] | sort"),
            "filter `sort` at column 12: can only sort numbers or strings, not a mix; element 1 "
            "is a string");
  EXPECT_EQ(message_of("[{}, {}] | sort"),
            "filter `sort` at column 12: can only sort numbers or strings, not a mix; element 0 "
            "is an object");
}

TEST(NumberFilters, Round) {
  EXPECT_EQ(run("3.14159 | round(2)"), json::value(3.14));
  EXPECT_EQ(run("2.5 | round"), json::value(3));
  EXPECT_TRUE(run("2.5 | round").is_int64());
  EXPECT_EQ(run("-2.5 | round"), json::value(-3));
  EXPECT_EQ(run("1234 | round(-2)"), json::value(1200));
  EXPECT_EQ(run("1250 | round(-2)"), json::value(1300));
  EXPECT_EQ(run("7 | round(2)"), json::value(7));
  EXPECT_EQ(message_of("name | round"), "filter `round` at column 8: expects a number, got string");
  EXPECT_EQ(message_of("x | round(99)"),
            "filter `round` at column 5: digits must be an integer from -15 to 15");
}

TEST(NumberFilters, SumMinMax) {
  EXPECT_EQ(run("items | sum"), json::value(60));
  EXPECT_TRUE(run("items | sum").is_int64());
  EXPECT_EQ(run("[1, 0.5] | sum"), json::value(1.5));
  EXPECT_EQ(run("[] | sum"), json::value(0));
  EXPECT_TRUE(run("[9223372036854775807, 1] | sum").is_double());
  EXPECT_EQ(run("items | min"), json::value(10));
  EXPECT_EQ(run("[3, 0.5, 2] | max"), json::value(3));
  EXPECT_EQ(run("['b', 'c', 'a'] | max"), json::value("c"));
  EXPECT_EQ(run("[] | min"), json::value(nullptr));
  EXPECT_EQ(message_of("['a', 1] | sum"),
            "filter `sum` at column 12: element 0 is a string, not a number");
  EXPECT_EQ(message_of("[1, 'a'] | min"),
            "filter `min` at column 12: needs numbers or strings, not a mix; element 1 is a "
            "string");
}

TEST(FilterLimits, GrowingFiltersStopAtTheOutputLimit) {
  Limits limits;
  limits.max_output_bytes = 100;
  MapScope scope;
  scope.set("words", json::array(30, json::value("abcd")));
  scope.set("s", json::string(std::string(50, 'a')));
  const Error join = error_of("words | join(', ')", scope, limits);
  EXPECT_EQ(join.code, ErrorCode::limit_exceeded);
  EXPECT_EQ(join.message,
            "filter `join` at column 9: result is larger than the limit of 100 bytes");
  EXPECT_EQ(error_of("s | replace('a', 'bbb')", scope, limits).code, ErrorCode::limit_exceeded);
  EXPECT_EQ(error_of("words | json", scope, limits).code, ErrorCode::limit_exceeded);
  EXPECT_EQ(error_of("s | split('')", scope, limits).code, ErrorCode::limit_exceeded);
  EXPECT_EQ(run("s | replace('a', 'b')", scope, limits), json::value(std::string(50, 'b')));
}

TEST(FilterLimits, DefaultLimitStopsAMegabyteJoin) {
  MapScope scope;
  scope.set("chunk", json::string(std::string(64 * 1024, 'x')));
  const Error error = error_of(
      "[chunk, chunk, chunk, chunk, chunk, chunk, chunk, chunk, chunk, chunk, chunk, "
      "chunk, chunk, chunk, chunk, chunk, chunk] | join('')",
      scope);
  EXPECT_EQ(error.code, ErrorCode::limit_exceeded);
}

}  // namespace
}  // namespace weft::expr
