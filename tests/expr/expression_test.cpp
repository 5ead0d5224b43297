// Expression::references() and closest_name (src/expr/expression.cpp,
// src/expr/suggest.cpp).

#include "expr_test_util.hpp"

namespace weft::expr {
namespace {

std::vector<Reference> references_of(std::string_view source) {
  auto compiled = Expression::compile(source);
  EXPECT_TRUE(compiled.ok()) << compiled.error().message;
  return compiled.ok() ? compiled->references() : std::vector<Reference>{};
}

TEST(References, TopLevelNamesWithOffsets) {
  const auto refs = references_of("kind.json.priority == 'high' and input.x > vars.limit");
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].name, "kind");
  EXPECT_EQ(refs[0].offset, 0u);
  EXPECT_EQ(refs[1].name, "input");
  EXPECT_EQ(refs[1].offset, 33u);
  EXPECT_EQ(refs[2].name, "vars");
  EXPECT_EQ(refs[2].offset, 43u);
}

TEST(References, NodesLookupsReportTheId) {
  const auto refs = references_of(R"(nodes["fetch-1"].body + nodes.summary.text)");
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].name, "fetch-1");
  EXPECT_EQ(refs[0].offset, 0u);
  EXPECT_TRUE(refs[0].via_nodes);
  EXPECT_EQ(refs[1].name, "summary");
  EXPECT_EQ(refs[1].offset, 24u);
  EXPECT_TRUE(refs[1].via_nodes);
}

TEST(References, SkipKeysMembersFiltersAndComputedIds) {
  const auto refs = references_of(
      "{name: a.b, 'c': 1} | map('x') | default(d) ? nodes[e].f : now() + true + item[index]");
  std::vector<std::string> names;
  for (const auto& ref : refs) {
    names.push_back(ref.name);
    EXPECT_FALSE(ref.via_nodes);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"a", "d", "e", "item", "index"}));
}

TEST(References, EveryOccurrenceIsReported) {
  const auto refs = references_of("a + a");
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[1].offset, 4u);
}

TEST(ClosestName, SuggestsOnlyCloseNames) {
  const std::vector<std::string> names = {"ticket", "items", "input", "vars"};
  EXPECT_EQ(closest_name("tikcet", names), "ticket");  // a swap counts once
  EXPECT_EQ(closest_name("iems", names), "items");
  EXPECT_EQ(closest_name("itme", names), "");  // two edits are too many for four letters
  EXPECT_EQ(closest_name("jion", {"json", "join"}), "join");  // a swap beats a substitution
  EXPECT_EQ(closest_name("var", names), "vars");
  EXPECT_EQ(closest_name("zzz", names), "");
  EXPECT_EQ(closest_name("ticket", names), "");  // the same name is no suggestion
  EXPECT_EQ(closest_name("x", {"y"}), "y");      // distance 1 is always allowed
  EXPECT_EQ(closest_name("xy", {"ab"}), "");
  EXPECT_EQ(closest_name("anything", {}), "");
}

TEST(Expression, CompiledSourceIsKept) {
  auto compiled = Expression::compile("  n  ");
  ASSERT_TRUE(compiled.ok());
  EXPECT_EQ(compiled->source(), "  n  ");
  EXPECT_EQ(Expression().evaluate(MapScope()).error().code, ErrorCode::expression_error);
}

}  // namespace
}  // namespace weft::expr
