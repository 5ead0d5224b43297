// JsonTemplate: templates in every string of a JSON value (src/expr/json_template.cpp).

#include "expr_test_util.hpp"

namespace weft::expr {
namespace {

using testing::parse;

TEST(JsonTemplate, RendersStringsAtAnyDepthAndKeepsTypes) {
  auto compiled = JsonTemplate::compile(parse(R"({
    "title": "Ticket: {{ ticket.text }}",
    "meta": "{{ ticket.meta }}",
    "count": "{{ n }}",
    "list": [1, "{{ items[0] }}", {"deep": ["{{ name | upper }}"]}],
    "{{ key }}": "keys are not templates",
    "plain": true
  })"));
  ASSERT_TRUE(compiled.ok()) << compiled.error().message;
  EXPECT_FALSE(compiled->is_literal());
  auto rendered = compiled->render(testing::sample_scope());
  ASSERT_TRUE(rendered.ok()) << rendered.error().message;
  EXPECT_EQ(rendered.value(), parse(R"({
    "title": "Ticket: Printer on fire",
    "meta": {"lang": "en"},
    "count": 5,
    "list": [1, 10, {"deep": ["ADA"]}],
    "{{ key }}": "keys are not templates",
    "plain": true
  })"));
}

TEST(JsonTemplate, LiteralValuesComeBackUnchanged) {
  const json::value value = parse(R"({"a": [1, "two", {"b": null}]})");
  auto compiled = JsonTemplate::compile(value);
  ASSERT_TRUE(compiled.ok());
  EXPECT_TRUE(compiled->is_literal());
  EXPECT_EQ(compiled->render(MapScope()).value(), value);
  EXPECT_TRUE(compiled->references().empty());
}

TEST(JsonTemplate, CompileErrorCarriesThePointer) {
  auto compiled =
      JsonTemplate::compile(parse(R"({"a": [{"ok": "{{ n }}"}, {"b/c": "x {{ name | uper }}"}]})"));
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.error().code, ErrorCode::expression_error);
  EXPECT_EQ(compiled.error().pointer, "/a/1/b~1c");
  EXPECT_EQ(compiled.error().message, "unknown filter `uper` at column 13; did you mean `upper`?");
}

TEST(JsonTemplate, RenderErrorCarriesThePointer) {
  auto compiled = JsonTemplate::compile(parse(R"({"body": {"text": "{{ ticket.txt }}"}})"));
  ASSERT_TRUE(compiled.ok());
  auto rendered = compiled->render(testing::sample_scope());
  ASSERT_FALSE(rendered.ok());
  EXPECT_EQ(rendered.error().pointer, "/body/text");
  EXPECT_EQ(rendered.error().message,
            "`ticket.txt` at column 4: `txt` is not a field of `ticket`; did you mean "
            "`ticket.text`?");
}

TEST(JsonTemplate, ReferencesFromEveryString) {
  auto compiled = JsonTemplate::compile(parse(R"(["{{ a }}", {"k": "{{ nodes.b + c }}"}])"));
  ASSERT_TRUE(compiled.ok());
  const auto& refs = compiled->references();
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].name, "a");
  EXPECT_EQ(refs[1].name, "b");
  EXPECT_TRUE(refs[1].via_nodes);
  EXPECT_EQ(refs[2].name, "c");
}

TEST(JsonTemplate, AStringTemplateOnItsOwn) {
  auto compiled = JsonTemplate::compile(json::value("{{ items }}"));
  ASSERT_TRUE(compiled.ok());
  EXPECT_EQ(compiled->render(testing::sample_scope()).value(), parse("[10, 20, 30]"));
}

}  // namespace
}  // namespace weft::expr
