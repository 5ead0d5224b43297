// Precedence, associativity, literals and syntax errors (src/expr/parser*.cpp).

#include <string>

#include "expr_test_util.hpp"

namespace weft::expr {
namespace {

using testing::compile_error;
using testing::parse;
using testing::run;

TEST(Precedence, MultiplicationBeforeAddition) {
  EXPECT_EQ(run("1 + 2 * 3"), json::value(7));
  EXPECT_EQ(run("(1 + 2) * 3"), json::value(9));
  EXPECT_EQ(run("10 - 4 - 3"), json::value(3));  // left-associative
  EXPECT_EQ(run("100 / 10 / 5"), json::value(2));
  EXPECT_EQ(run("7 % 4 * 2"), json::value(6));
}

TEST(Precedence, UnaryMinus) {
  EXPECT_EQ(run("-2 * 3"), json::value(-6));
  EXPECT_EQ(run("- -2"), json::value(2));
  EXPECT_EQ(run("-n + 1"), json::value(-4));
  EXPECT_EQ(run("2 - -1"), json::value(3));
}

TEST(Precedence, ComparisonBindsTighterThanLogic) {
  EXPECT_EQ(run("n > 3 and n < 10"), json::value(true));
  EXPECT_EQ(run("n > 3 and n > 10 or name == 'Ada'"), json::value(true));
  EXPECT_EQ(run("1 + 1 == 2"), json::value(true));
}

TEST(Precedence, AndBindsTighterThanOr) {
  EXPECT_EQ(run("true or false and false"), json::value(true));
  EXPECT_EQ(run("(true or false) and false"), json::value(false));
}

TEST(Precedence, NotIsLooserThanComparison) {
  EXPECT_EQ(run("not n == 5"), json::value(false));
  EXPECT_EQ(run("not not flag"), json::value(true));
  EXPECT_EQ(run("not false and false"), json::value(false));  // (not false) and false
}

TEST(Precedence, TernaryIsLowestAndRightAssociative) {
  EXPECT_EQ(run("n > 3 ? 'big' : 'small'"), json::value("big"));
  EXPECT_EQ(run("n > 9 ? 'big' : n > 4 ? 'mid' : 'small'"), json::value("mid"));
  EXPECT_EQ(run("flag or false ? 1 + 1 : 0"), json::value(2));
  EXPECT_EQ(run("false ? 1 : true ? 2 : 3"), json::value(2));
}

TEST(Precedence, FiltersBindTighterThanOperatorsAndLooserThanAccess) {
  EXPECT_EQ(run("'a' + 'b' | upper"), json::value("aB"));
  EXPECT_EQ(run("('a' + 'b') | upper"), json::value("AB"));
  EXPECT_EQ(run("ticket.text | upper"), json::value("PRINTER ON FIRE"));
  EXPECT_EQ(run("items | length > 2"), json::value(true));
  EXPECT_EQ(run("-items | first"), json::value(-10));  // -(items | first)
  EXPECT_EQ(run("name | lower | upper"), json::value("ADA"));
}

TEST(Precedence, InAndNotIn) {
  EXPECT_EQ(run("'urgent' in ticket.tags"), json::value(true));
  EXPECT_EQ(run("'x' not in ticket.tags"), json::value(true));
  EXPECT_EQ(run("not 'x' in ticket.tags"), json::value(true));
  EXPECT_EQ(run("1 + 9 in items"), json::value(true));
}

TEST(Precedence, ComparisonsDoNotChain) {
  const Error error = compile_error("1 < n < 10");
  EXPECT_EQ(error.code, ErrorCode::expression_error);
  EXPECT_EQ(error.message, "comparisons cannot be chained at column 7; combine them with `and`");
}

TEST(Literals, NumbersKeepTheirKind) {
  EXPECT_TRUE(run("42").is_int64());
  EXPECT_TRUE(run("4.5").is_double());
  EXPECT_TRUE(run("1e3").is_double());
  EXPECT_EQ(run("1e3"), json::value(1000.0));
  EXPECT_TRUE(run("99999999999999999999").is_double());  // past int64
}

TEST(Literals, StringsWithEscapes) {
  EXPECT_EQ(run(R"('it\'s')"), json::value("it's"));
  EXPECT_EQ(run(R"("say \"hi\"")"), json::value("say \"hi\""));
  EXPECT_EQ(run(R"('a\nb\tc\\')"), json::value("a\nb\tc\\"));
  EXPECT_EQ(run("'héllo'"), json::value("héllo"));
  EXPECT_EQ(compile_error(R"('\q')").message,
            "unknown escape `\\q` at column 2 (use \\\\ \\' \\\" \\n \\t or \\r)");
  EXPECT_EQ(compile_error("'abc").message, "unterminated string at column 1");
}

TEST(Literals, KeywordsArraysAndObjects) {
  EXPECT_EQ(run("true"), json::value(true));
  EXPECT_EQ(run("null"), json::value(nullptr));
  EXPECT_EQ(run("[1, 'a', [true], null]"), parse(R"([1, "a", [true], null])"));
  EXPECT_EQ(run("[]"), json::value(json::array()));
  EXPECT_EQ(run("[n, n + 1,]"), parse("[5, 6]"));  // trailing comma allowed
  EXPECT_EQ(run(R"({"k": 1, k2: name, "a b": [n]})"),
            parse(R"({"k": 1, "k2": "Ada", "a b": [5]})"));
  EXPECT_EQ(run("{}"), json::value(json::object()));
}

TEST(SyntaxErrors, NameThePositionAndWhatWasFound) {
  EXPECT_EQ(compile_error("(1 + 2))").message, "unexpected `)` at column 8");
  EXPECT_EQ(compile_error("1 +").message,
            "unexpected end of expression at column 4; expected a value");
  EXPECT_EQ(compile_error("a.").message,
            "unexpected end of expression at column 3; expected a field name after `.`");
  EXPECT_EQ(compile_error("[1, 2").message,
            "unexpected end of expression at column 6; expected `,` or `]`");
  EXPECT_EQ(compile_error("a = 1").message,
            "unexpected character `=` at column 3; did you mean `==`?");
  EXPECT_EQ(compile_error("a && b").message, "unexpected character `&` at column 3; use `and`");
  EXPECT_EQ(compile_error("a ? b").message,
            "unexpected end of expression at column 6; expected `:`");
  EXPECT_EQ(compile_error("").message, "empty expression at column 1");
  EXPECT_EQ(compile_error("   ").message, "empty expression at column 4");
  EXPECT_EQ(compile_error("a @ b").message, "unexpected character `@` at column 3");
  EXPECT_EQ(compile_error("{1: 2}").message,
            "unexpected `1` at column 2; expected a key (a name or a string)");
  EXPECT_EQ(compile_error("and").message, "unexpected `and` at column 1; expected a value");
}

TEST(SyntaxErrors, UnknownFilterSuggestsTheClosest) {
  const Error error = compile_error("name | uper");
  EXPECT_EQ(error.code, ErrorCode::expression_error);
  EXPECT_EQ(error.message, "unknown filter `uper` at column 8; did you mean `upper`?");
  EXPECT_EQ(compile_error("name | frobnicate").message, "unknown filter `frobnicate` at column 8");
  EXPECT_EQ(compile_error("items | jion(',')").message,
            "unknown filter `jion` at column 9; did you mean `join`?");
  EXPECT_EQ(compile_error("name |").message,
            "unexpected end of expression at column 7; expected a filter name after `|`");
}

TEST(SyntaxErrors, UnknownFunctionIsACompileError) {
  EXPECT_EQ(compile_error("nwo()").message,
            "unknown function `nwo` at column 1; did you mean `now`?");
  EXPECT_EQ(compile_error("upper(name)").message,
            "unknown function `upper` at column 1; `upper` is a filter: write `x | upper`");
}

TEST(SyntaxErrors, WrongArgumentCountNamesTheFilter) {
  EXPECT_EQ(compile_error("items | join(',', 'x')").message,
            "filter `join` at column 9 takes 0 to 1 arguments, got 2");
  EXPECT_EQ(compile_error("name | replace('a')").message,
            "filter `replace` at column 8 takes 2 arguments, got 1");
  EXPECT_EQ(compile_error("name | upper(1)").message,
            "filter `upper` at column 8 takes no arguments, got 1");
  EXPECT_EQ(compile_error("name | default").message,
            "filter `default` at column 8 takes 1 argument, got 0");
  EXPECT_EQ(compile_error("now(1)").message,
            "function `now` at column 1 takes no arguments, got 1");
}

TEST(SyntaxErrors, NodesNeedsAnId) {
  EXPECT_EQ(compile_error("nodes").message,
            "`nodes` at column 1 must be followed by `.id` or `[\"id\"]`");
  EXPECT_EQ(compile_error("nodes | keys").message,
            "`nodes` at column 1 must be followed by `.id` or `[\"id\"]`");
}

TEST(Limits, DeepParenthesesAreRefusedWithoutCrashing) {
  const std::string source = std::string(10000, '(') + "1" + std::string(10000, ')');
  const Error error = compile_error(source);
  EXPECT_EQ(error.code, ErrorCode::limit_exceeded);
  EXPECT_EQ(error.message, "expression nests deeper than 64 levels at column 65");
}

TEST(Limits, DeepBracketsBracesAndPrefixesAreRefused) {
  EXPECT_EQ(compile_error(std::string(10000, '[')).code, ErrorCode::limit_exceeded);
  EXPECT_EQ(compile_error(std::string(10000, '{') + "a:").code, ErrorCode::expression_error);
  std::string objects;
  for (int i = 0; i < 10000; ++i) {
    objects += "{a:";
  }
  EXPECT_EQ(compile_error(objects).code, ErrorCode::limit_exceeded);
  EXPECT_EQ(compile_error(std::string(10000, '-') + "1").code, ErrorCode::limit_exceeded);
  std::string nots;
  for (int i = 0; i < 10000; ++i) {
    nots += "not ";
  }
  EXPECT_EQ(compile_error(nots + "true").code, ErrorCode::limit_exceeded);
  std::string ternaries;
  for (int i = 0; i < 10000; ++i) {
    ternaries += "a ? b : ";
  }
  EXPECT_EQ(compile_error(ternaries + "c").code, ErrorCode::limit_exceeded);
}

TEST(Limits, NestingUpToTheLimitIsFine) {
  const std::string source = std::string(63, '(') + "1" + std::string(63, ')');
  EXPECT_EQ(run(source), json::value(1));
  Limits tight;
  tight.max_depth = 3;
  EXPECT_EQ(compile_error("[[[[1]]]]", tight).code, ErrorCode::limit_exceeded);
  EXPECT_TRUE(Expression::compile("[[[1]]]", tight).ok());
}

TEST(Limits, LongChainsAreRefusedNotOverflowed) {
  std::string sum = "1";
  for (int i = 0; i < 20000; ++i) {
    sum += "+1";
  }
  EXPECT_EQ(compile_error(sum).code, ErrorCode::limit_exceeded);
  std::string filters = "name";
  for (int i = 0; i < 5000; ++i) {
    filters += "|upper";
  }
  EXPECT_EQ(compile_error(filters).code, ErrorCode::limit_exceeded);
  std::string access = "ticket";
  for (int i = 0; i < 10000; ++i) {
    access += ".a";
  }
  EXPECT_EQ(compile_error(access).code, ErrorCode::limit_exceeded);
  std::string ok = "1";
  for (int i = 0; i < 200; ++i) {
    ok += " + 1";
  }
  EXPECT_EQ(run(ok), json::value(201));
}

TEST(Limits, OversizedSourceIsRefused) {
  const std::string source = "'" + std::string(100 * 1024, 'x') + "'";
  const Error error = compile_error(source);
  EXPECT_EQ(error.code, ErrorCode::limit_exceeded);
  EXPECT_EQ(error.message, "expression is 102402 bytes; the limit is 65536");
}

}  // namespace
}  // namespace weft::expr
