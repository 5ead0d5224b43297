// Types and operators: arithmetic, equality, order, `in`, `+` on every kind
// (src/expr/operators.cpp, src/expr/values.cpp).

#include <limits>
#include <string>

#include "expr_test_util.hpp"

namespace weft::expr {
namespace {

using testing::message_of;
using testing::parse;
using testing::run;

TEST(Arithmetic, IntegersStayIntegers) {
  EXPECT_TRUE(run("2 + 3").is_int64());
  EXPECT_TRUE(run("2 * 3").is_int64());
  EXPECT_EQ(run("6 / 3"), json::value(2));
  EXPECT_TRUE(run("6 / 3").is_int64());
  EXPECT_EQ(run("7 / 2"), json::value(3.5));
  EXPECT_EQ(run("7 % 3"), json::value(1));
  EXPECT_EQ(run("-7 % 3"), json::value(-1));  // sign of the left side
}

TEST(Arithmetic, DoublesMixIn) {
  EXPECT_EQ(run("x * 2"), json::value(5.0));
  EXPECT_TRUE(run("x * 2").is_double());
  EXPECT_EQ(run("1 + 0.5"), json::value(1.5));
  EXPECT_EQ(run("7.5 % 2"), json::value(1.5));
}

TEST(Arithmetic, OverflowContinuesAsDouble) {
  const json::value big = run("9223372036854775807 + 1");
  ASSERT_TRUE(big.is_double());
  EXPECT_DOUBLE_EQ(big.get_double(), 9223372036854775808.0);
  EXPECT_TRUE(run("9223372036854775807 * 2").is_double());
  EXPECT_TRUE(run("-9223372036854775807 - 2").is_double());
  EXPECT_EQ(run("(-9223372036854775807 - 1) % -1"), json::value(0));
}

TEST(Arithmetic, DivisionByZeroIsAnError) {
  EXPECT_EQ(message_of("n / 0"), "division by zero at column 3");
  EXPECT_EQ(message_of("n % 0"), "division by zero at column 3");
  EXPECT_EQ(message_of("x / 0.0"), "division by zero at column 3");
}

TEST(Arithmetic, NumbersOnly) {
  EXPECT_EQ(message_of("name - 1"), "`-` needs two numbers, got string and integer at column 6");
  EXPECT_EQ(message_of("-name"), "cannot negate a string at column 1");
  EXPECT_EQ(message_of("1e308 * 10"), "`*` gives a number too large to represent at column 7");
}

TEST(Arithmetic, NeverYieldsANumberThatIsNotFinite) {
  EXPECT_EQ(message_of("1 / 0"), "division by zero at column 3");
  EXPECT_EQ(message_of("-1e308 * 10"), "`*` gives a number too large to represent at column 8");
  EXPECT_EQ(message_of("1e308 + 1e308"), "`+` gives a number too large to represent at column 7");
  EXPECT_EQ(testing::compile_error("1e999").message, "number `1e999` at column 1 is out of range");
}

TEST(Arithmetic, AValueThatIsNotFiniteDoesNotComeOut) {
  // A value from outside (an integration's answer) might hold one; JSON cannot.
  MapScope scope;
  scope.set("fetch",
            json::object{{"body", json::array{1, std::numeric_limits<double>::infinity()}}});
  auto compiled = Expression::compile("fetch.body");
  ASSERT_TRUE(compiled.ok());
  auto value = compiled->evaluate(scope);
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.error().code, ErrorCode::expression_error);
  EXPECT_EQ(value.error().message,
            "`fetch.body` gives a number that is not finite at /1; JSON has no Infinity or NaN");
  auto whole = Template::compile("{{ fetch.body }}");
  ASSERT_TRUE(whole.ok());
  EXPECT_FALSE(whole->render(scope).ok());
  // Written into text it is `null`, as JSON would write it.
  auto text = Template::compile("got {{ fetch.body }}");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->render(scope).value(), json::value("got [1,null]"));
}

TEST(Plus, ConcatenatesStringsArraysAndMergesObjects) {
  EXPECT_EQ(run("'Hello, ' + name"), json::value("Hello, Ada"));
  EXPECT_EQ(run("items + [40]"), parse("[10, 20, 30, 40]"));
  EXPECT_EQ(run("{a: 1, b: 2} + {b: 3, c: 4}"), parse(R"({"a": 1, "b": 3, "c": 4})"));
}

TEST(Plus, NoImplicitConversion) {
  const Error error = testing::error_of("name + 1");
  EXPECT_EQ(error.code, ErrorCode::expression_error);
  EXPECT_EQ(error.message, "cannot add string and integer at column 6");
  EXPECT_EQ(message_of("items + 1"), "cannot add array and integer at column 7");
  EXPECT_EQ(message_of("nothing + 'a'"), "cannot add null and string at column 9");
}

TEST(Equality, IsDeepAndNumbersCompareByValue) {
  EXPECT_EQ(run("1 == 1.0"), json::value(true));
  EXPECT_EQ(run("items == [10, 20, 30]"), json::value(true));
  EXPECT_EQ(run("items == [10, 20]"), json::value(false));
  EXPECT_EQ(run("ticket.meta == {lang: 'en'}"), json::value(true));
  EXPECT_EQ(run("{a: 1, b: [1.0]} == {b: [1], a: 1}"), json::value(true));
  EXPECT_EQ(run("'1' == 1"), json::value(false));
  EXPECT_EQ(run("nothing == null"), json::value(true));
  EXPECT_EQ(run("ticket.priority != 'low'"), json::value(true));
  EXPECT_EQ(run("9007199254740993 == 9007199254740992.0"), json::value(false));  // exact
}

TEST(Order, NumbersWithNumbersAndStringsWithStrings) {
  EXPECT_EQ(run("n > 3"), json::value(true));
  EXPECT_EQ(run("x <= 2.5"), json::value(true));
  EXPECT_EQ(run("2 < 2.5"), json::value(true));
  EXPECT_EQ(run("'apple' < 'banana'"), json::value(true));
  EXPECT_EQ(run("'b' >= 'a'"), json::value(true));
  EXPECT_EQ(message_of("name < 3"), "cannot compare string and integer with `<` at column 6");
  EXPECT_EQ(message_of("nothing > 0"), "cannot compare null and integer with `>` at column 9");
  EXPECT_EQ(message_of("items < items"), "cannot compare array and array with `<` at column 7");
}

TEST(In, SubstringElementAndKey) {
  EXPECT_EQ(run("'fire' in ticket.text"), json::value(true));
  EXPECT_EQ(run("'water' in ticket.text"), json::value(false));
  EXPECT_EQ(run("20 in items"), json::value(true));
  EXPECT_EQ(run("20.0 in items"), json::value(true));
  EXPECT_EQ(run("{name: 'Grace'} in people"), json::value(true));
  EXPECT_EQ(run("'lang' in ticket.meta"), json::value(true));
  EXPECT_EQ(run("'en' in ticket.meta"), json::value(false));
  EXPECT_EQ(message_of("1 in n"),
            "`in` needs a string, array or object on the right, got integer at column 3");
  EXPECT_EQ(message_of("1 in name"),
            "`in` needs a string on the left when the right is a string, got integer at column 3");
}

TEST(Logic, ShortCircuitsAndReturnsBooleans) {
  EXPECT_EQ(run("name and n"), json::value(true));
  EXPECT_EQ(run("blank or nothing"), json::value(false));
  EXPECT_EQ(run("false and missing_name"), json::value(false));  // right side never read
  EXPECT_EQ(run("true or 1 / 0"), json::value(true));
  EXPECT_EQ(run("not blank"), json::value(true));
}

TEST(Truthy, FalseNullZeroAndEmptyAreFalse) {
  for (const char* text : {"false", "null", "0", "0.0", "\"\"", "[]", "{}"}) {
    EXPECT_FALSE(truthy(parse(text))) << text;
  }
  for (const char* text : {"true", "1", "-0.5", "\"0\"", "[0]", "{\"a\":null}"}) {
    EXPECT_TRUE(truthy(parse(text))) << text;
  }
}

TEST(Conditional, OnlyTheChosenBranchIsEvaluated) {
  EXPECT_EQ(run("flag ? 'yes' : missing_name"), json::value("yes"));
  EXPECT_EQ(run("blank ? 1 / 0 : 'empty'"), json::value("empty"));
}

TEST(Limits, ConcatenationPastTheOutputLimitIsRefused) {
  Limits limits;
  limits.max_output_bytes = 100;
  MapScope scope;
  scope.set("s", json::string(std::string(60, 'x')));
  scope.set("list", json::array(40, json::value(1)));
  EXPECT_EQ(testing::error_of("s + s", scope, limits).code, ErrorCode::limit_exceeded);
  EXPECT_EQ(testing::error_of("s + s", scope, limits).message,
            "result of `+` is larger than the limit of 100 bytes at column 3");
  EXPECT_EQ(testing::error_of("list + list", scope, limits).code, ErrorCode::limit_exceeded);
  EXPECT_EQ(testing::error_of("[s, s]", scope, limits).message,
            "the list built at column 1 is larger than the limit of 100 bytes");
  EXPECT_EQ(testing::error_of("{a: s, b: s}", scope, limits).code, ErrorCode::limit_exceeded);
  EXPECT_EQ(run("s + 'y'", scope, limits).get_string().size(), 61u);
}

}  // namespace
}  // namespace weft::expr
