// Templates: holes in text, the whole-hole rule, references and limits
// (src/expr/template.cpp).

#include <string>

#include "expr_test_util.hpp"

namespace weft::expr {
namespace {

using testing::parse;

json::value render(std::string_view source, const Limits& limits = {}) {
  auto compiled = Template::compile(source, limits);
  if (!compiled) {
    ADD_FAILURE() << "compile `" << source << "`: " << compiled.error().message;
    return nullptr;
  }
  auto value = compiled->render(testing::sample_scope());
  if (!value) {
    ADD_FAILURE() << "render `" << source << "`: " << value.error().message;
    return nullptr;
  }
  return std::move(value).value();
}

Error render_error(std::string_view source, const Limits& limits = {}) {
  auto compiled = Template::compile(source, limits);
  if (!compiled) {
    return compiled.error();
  }
  auto value = compiled->render(testing::sample_scope());
  if (value) {
    ADD_FAILURE() << "`" << source << "` rendered " << value.value();
    return Error{};
  }
  return value.error();
}

TEST(WholeHole, KeepsTheJsonType) {
  EXPECT_EQ(render("{{ ticket.meta }}"), parse(R"({"lang": "en"})"));
  EXPECT_EQ(render("{{ items }}"), parse("[10, 20, 30]"));
  EXPECT_EQ(render("{{ n }}"), json::value(5));
  EXPECT_EQ(render("{{ nothing }}"), json::value(nullptr));
  EXPECT_EQ(render("  {{ ticket.meta }}\n"), parse(R"({"lang": "en"})"));
  EXPECT_EQ(render("{{n}}"), json::value(5));
}

TEST(WholeHole, TextAroundMakesAString) {
  EXPECT_EQ(render("a {{ ticket.meta }}"), json::value(R"(a {"lang":"en"})"));
  EXPECT_EQ(render("{{ n }}{{ n }}"), json::value("55"));
  EXPECT_EQ(render("n={{ n }}, x={{ x }}, none=[{{ nothing }}], flag={{ flag }}"),
            json::value("n=5, x=2.5, none=[], flag=true"));
  EXPECT_EQ(render("Hi {{ name }}!"), json::value("Hi Ada!"));
  EXPECT_EQ(render("{{ [0.1, 'q\"'] }}!"), json::value(R"([0.1,"q\""]!)"));
}

TEST(Template, LiteralTextHasNoHoles) {
  auto compiled = Template::compile("just text } { here");
  ASSERT_TRUE(compiled.ok());
  EXPECT_TRUE(compiled->is_literal());
  EXPECT_EQ(compiled->render(MapScope()).value(), json::value("just text } { here"));
  EXPECT_FALSE(Template::compile("{{ 1 }}")->is_literal());
  EXPECT_EQ(render(""), json::value(""));
}

TEST(Template, BracesInsideHolesDoNotCloseThem) {
  EXPECT_EQ(render("{{ '}}' }}"), json::value("}}"));
  EXPECT_EQ(render("{{ {a: {b: 1}} }}"), parse(R"({"a": {"b": 1}})"));
  EXPECT_EQ(render("{{ {a: {b: n}}.a.b }} items"), json::value("5 items"));
}

TEST(Template, RenderTextAlwaysGivesText) {
  auto compiled = Template::compile(" {{ ticket.meta }} ");
  ASSERT_TRUE(compiled.ok());
  EXPECT_EQ(compiled->render_text(testing::sample_scope()).value(), R"({"lang":"en"})");
  EXPECT_EQ(Template::compile("{{ nothing }}")->render_text(testing::sample_scope()).value(), "");
  EXPECT_EQ(Template::compile("{{ name }}")->render_text(testing::sample_scope()).value(), "Ada");
  EXPECT_EQ(Template::compile("x{{ n }}y")->render_text(testing::sample_scope()).value(), "x5y");
}

TEST(TemplateErrors, UnterminatedHoleNamesItsColumn) {
  const Error error = render_error("Hello {{ name");
  EXPECT_EQ(error.code, ErrorCode::expression_error);
  EXPECT_EQ(error.message, "unterminated `{{` at column 7: missing `}}`");
  EXPECT_EQ(render_error("a }} b {{").message, "unterminated `{{` at column 8: missing `}}`");
  EXPECT_EQ(render_error("{{ 'abc }}").message, "unterminated string at column 4");
}

TEST(TemplateErrors, ColumnsCountFromTheStartOfTheTemplate) {
  EXPECT_EQ(render_error("Dear {{ ticket.txt }}").message,
            "`ticket.txt` at column 9: `txt` is not a field of `ticket`; did you mean "
            "`ticket.text`?");
  EXPECT_EQ(render_error("ok {{ n }} then {{ name | uper }}").message,
            "unknown filter `uper` at column 27; did you mean `upper`?");
  EXPECT_EQ(render_error("{{ }}").message, "empty `{{ }}` at column 1");
  EXPECT_EQ(render_error("x {{ 1 + }}").message,
            "unexpected end of expression at column 10; expected a value");
  EXPECT_EQ(render_error("{{ n / 0 }}").message, "division by zero at column 6");
}

TEST(TemplateReferences, OffsetsAreInTheTemplate) {
  auto compiled = Template::compile("Hi {{ name }}, {{ nodes['my-node'].text + ticket.text }}");
  ASSERT_TRUE(compiled.ok());
  const auto& refs = compiled->references();
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].name, "name");
  EXPECT_EQ(refs[0].offset, 6u);
  EXPECT_FALSE(refs[0].via_nodes);
  EXPECT_EQ(refs[1].name, "my-node");
  EXPECT_EQ(refs[1].offset, 18u);
  EXPECT_TRUE(refs[1].via_nodes);
  EXPECT_EQ(refs[2].name, "ticket");
  EXPECT_EQ(refs[2].offset, 42u);
}

TEST(TemplateLimits, OversizedTemplateIsRefusedAtCompile) {
  const std::string source(100 * 1024, 'x');
  auto compiled = Template::compile(source);
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.error().code, ErrorCode::limit_exceeded);
  EXPECT_EQ(compiled.error().message, "template is 102400 bytes; the limit is 65536");
}

TEST(TemplateLimits, RenderedTextIsBounded) {
  Limits limits;
  limits.max_output_bytes = 40;
  EXPECT_EQ(render("{{ ticket.text }} {{ ticket.text }}", limits),
            json::value("Printer on fire Printer on fire"));
  const Error error = render_error("{{ ticket.text }} {{ ticket.text }} {{ ticket.text }}", limits);
  EXPECT_EQ(error.code, ErrorCode::limit_exceeded);
  EXPECT_EQ(error.message, "rendered text is larger than the limit of 40 bytes");
  EXPECT_EQ(render_error("x{{ people }}", limits).code, ErrorCode::limit_exceeded);
}

TEST(TemplateLimits, ManyHolesAreFine) {
  std::string source;
  for (int i = 0; i < 1000; ++i) {
    source += "{{ n }},";
  }
  const json::value out = render(source);
  ASSERT_TRUE(out.is_string());
  EXPECT_EQ(out.get_string().size(), 2000u);
}

}  // namespace
}  // namespace weft::expr
