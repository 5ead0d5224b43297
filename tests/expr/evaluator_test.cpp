// Names, access, `nodes[...]`, `default` and the errors a user sees when a
// value is not there (src/expr/evaluator*.cpp).

#include <string>
#include <thread>
#include <vector>

#include "expr_test_util.hpp"

namespace weft::expr {
namespace {

using testing::error_of;
using testing::message_of;
using testing::parse;
using testing::run;

TEST(Access, DotBracketsAndIndexes) {
  EXPECT_EQ(run("ticket.text"), json::value("Printer on fire"));
  EXPECT_EQ(run("ticket['text']"), json::value("Printer on fire"));
  EXPECT_EQ(run("ticket.meta.lang"), json::value("en"));
  EXPECT_EQ(run("items[0]"), json::value(10));
  EXPECT_EQ(run("items[-1]"), json::value(30));
  EXPECT_EQ(run("items[-3]"), json::value(10));
  EXPECT_EQ(run("people[1].name"), json::value("Alan"));
  EXPECT_EQ(run("people[n - 4]['name']"), json::value("Alan"));
  EXPECT_EQ(run("ticket[ticket.tags[0] == 'urgent' ? 'priority' : 'text']"), json::value("high"));
}

TEST(Access, KeysWithSpacesAndOnBuiltValues) {
  MapScope scope;
  scope.set("row", parse(R"({"first name": "Ada", "and": 1})"));
  EXPECT_EQ(run(R"(row["first name"])", scope), json::value("Ada"));
  EXPECT_EQ(run("row.and", scope), json::value(1));  // keywords are fine after `.`
  EXPECT_EQ(run("{a: {b: [1, n]}}.a.b[-1]"), json::value(5));
  EXPECT_EQ(run("(items + [40])[3]"), json::value(40));
  EXPECT_EQ(run("[1, 2, 3][1]"), json::value(2));
}

TEST(Access, NodesByIdIncludingDashedIds) {
  EXPECT_EQ(run(R"(nodes["my-node"].text)"), json::value("dashed id"));
  EXPECT_EQ(run(R"(nodes["1"].text)"), json::value("numeric id"));
  EXPECT_EQ(run("nodes.ticket.priority"), json::value("high"));
  EXPECT_EQ(run("nodes['my' + '-node'].text"), json::value("dashed id"));  // computed id
}

TEST(Access, InputVarsAndTopLevelNames) {
  EXPECT_EQ(run("input.question"), json::value("Why?"));
  EXPECT_EQ(run("vars.greeting + ', ' + name"), json::value("Hello, Ada"));
}

TEST(Errors, MissingFieldSuggestsTheClosestKey) {
  const Error error = error_of("ticket.txt");
  EXPECT_EQ(error.code, ErrorCode::expression_error);
  EXPECT_EQ(error.message,
            "`ticket.txt` at column 1: `txt` is not a field of `ticket`; did you mean "
            "`ticket.text`?");
  EXPECT_EQ(message_of("1 + ticket.meta.lnag"),
            "`ticket.meta.lnag` at column 5: `lnag` is not a field of `ticket.meta`; did you "
            "mean `ticket.meta.lang`?");
  EXPECT_EQ(message_of("ticket.zzzzzz"),
            "`ticket.zzzzzz` at column 1: `zzzzzz` is not a field of `ticket`");
}

TEST(Errors, UnknownNameSuggestsTheClosestName) {
  EXPECT_EQ(message_of("tickt.text"), "unknown name `tickt` at column 1; did you mean `ticket`?");
  EXPECT_EQ(message_of("n + itmes[0]"), "unknown name `itmes` at column 5; did you mean `items`?");
  EXPECT_EQ(message_of("zebra"), "unknown name `zebra` at column 1");
  EXPECT_EQ(message_of(R"(nodes["my-nod"])"),
            "unknown node `my-nod` at column 1; did you mean `my-node`?");
}

TEST(Errors, IndexOutOfRangeNamesIndexAndLength) {
  EXPECT_EQ(message_of("items[3]"),
            "`items[3]` at column 1: index 3 is out of range; `items` has 3 elements");
  EXPECT_EQ(message_of("items[-4]"),
            "`items[-4]` at column 1: index -4 is out of range; `items` has 3 elements");
  EXPECT_EQ(message_of("items['a']"),
            "`items['a']` at column 1: `items` is an array, not an object");
  EXPECT_EQ(message_of("items[1.5]"),
            "`items[1.5]` at column 1: an array index must be an integer, got number");
  EXPECT_EQ(message_of("ticket[0]"),
            "`ticket[0]` at column 1: an object key must be a string, got integer");
}

TEST(Errors, AccessOnTheWrongKindNamesTheKind) {
  EXPECT_EQ(message_of("ticket.text.size"),
            "`ticket.text.size` at column 1: `ticket.text` is a string, not an object");
  EXPECT_EQ(message_of("n[0]"), "`n[0]` at column 1: `n` is an integer, not an array or object");
  EXPECT_EQ(message_of("items.length"),
            "`items.length` at column 1: `items` is an array, not an object; use `| length`");
  EXPECT_EQ(message_of("nothing.a"), "`nothing.a` at column 1: `nothing` is null");
}

TEST(Default, ReplacesMissingValuesAndNull) {
  EXPECT_EQ(run("ticket.missing | default('n/a')"), json::value("n/a"));
  EXPECT_EQ(run("ticket.missing.deeper | default('n/a')"), json::value("n/a"));
  EXPECT_EQ(run("unbound_name | default(0)"), json::value(0));
  EXPECT_EQ(run("items[10] | default(-1)"), json::value(-1));
  EXPECT_EQ(run("nothing | default('none')"), json::value("none"));
  EXPECT_EQ(run("nothing.field | default('none')"), json::value("none"));
  EXPECT_EQ(run("nodes['ghost'].text | default('?')"), json::value("?"));
  EXPECT_EQ(run("ticket.missing | upper | default('x')"), json::value("x"));
  EXPECT_EQ(run("(ticket.missing + 1) | default(0)"), json::value(0));
}

TEST(Default, KeepsPresentValuesEvenWhenFalsy) {
  EXPECT_EQ(run("blank | default('x')"), json::value(""));
  EXPECT_EQ(run("0 | default(1)"), json::value(0));
  EXPECT_EQ(run("ticket.text | default('x')"), json::value("Printer on fire"));
}

TEST(Default, DoesNotHideRealErrors) {
  EXPECT_EQ(message_of("(1 / 0) | default(0)"), "division by zero at column 4");
  EXPECT_EQ(message_of("(name + 1) | default(0)"), "cannot add string and integer at column 7");
  EXPECT_EQ(message_of("ticket.text.x | default(0)"),
            "`ticket.text.x` at column 1: `ticket.text` is a string, not an object");
  // A missing value that `default` already replaced does not excuse a later error.
  EXPECT_EQ(message_of("((ticket.nope | default(1)) | upper) | default('z')"),
            "filter `upper` at column 31: expects a string, got integer");
}

TEST(Evaluation, ExamplesFromTheDocumentation) {
  EXPECT_EQ(run("'ÀB' | lower"), json::value("Àb"));
  EXPECT_EQ(run("'  hi \n' | trim"), json::value("hi"));
  EXPECT_EQ(run("{a: 1} + {a: 2, b: 3}"), parse(R"({"a": 2, "b": 3})"));
  EXPECT_EQ(run("name + (1 | json)"), json::value("Ada1"));
  EXPECT_EQ(run("ticket.owner.name | upper | default('nobody')"), json::value("nobody"));
  EXPECT_EQ(run("[3, 1, 3, 1.0] | unique"), parse("[3, 1]"));
  EXPECT_EQ(run("'priority' in ticket"), json::value(true));
  EXPECT_EQ(run("date('2026-11-24T02:03:04Z', '%d/%m/%Y')"), json::value("24/11/2026"));
  EXPECT_EQ(run("1e21 | json"), json::value("1e+21"));
}

TEST(Evaluation, ReturnsCopiesThatOutliveTheScope) {
  json::value value;
  {
    MapScope scope;
    scope.set("a", parse(R"({"b": {"c": [1, 2]}})"));
    value = run("a.b", scope);
  }
  EXPECT_EQ(value, parse(R"({"c": [1, 2]})"));
}

TEST(Evaluation, OneTreeFromManyThreads) {
  auto compiled = Expression::compile("ticket.text | upper + ' ' + ((n * 2) | json)");
  ASSERT_TRUE(compiled.ok());
  const Expression expression = compiled.value();
  const MapScope scope = testing::sample_scope();
  std::vector<std::thread> threads;
  std::vector<int> good(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        auto value = expression.evaluate(scope);
        good[t] += value.ok() && value.value() == json::value("PRINTER ON FIRE 10") ? 1 : 0;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (int count : good) {
    EXPECT_EQ(count, 2000);
  }
}

TEST(Evaluation, CopiesShareTheTree) {
  auto compiled = Expression::compile("n + 1");
  ASSERT_TRUE(compiled.ok());
  const Expression copy = compiled.value();
  EXPECT_EQ(copy.source(), "n + 1");
  EXPECT_EQ(copy.evaluate(testing::sample_scope()).value(), json::value(6));
}

}  // namespace
}  // namespace weft::expr
