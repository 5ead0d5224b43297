#include "common/json_schema.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace weft {
namespace {

JsonSchema schema_of(std::string_view text) {
  auto schema = JsonSchema::compile(json::parse(text));
  EXPECT_TRUE(schema.ok());
  return std::move(schema).value();
}

TEST(JsonSchema, AcceptsMatchingValue) {
  auto schema = schema_of(R"({"type":"object","properties":{"ms":{"type":"integer"}}})");
  EXPECT_TRUE(schema.validate(json::parse(R"({"ms": 5})")).empty());
}

TEST(JsonSchema, ReportsEachViolationWithPointer) {
  auto schema = schema_of(R"({"type":"object","required":["url"],
    "properties":{"ms":{"type":"integer","minimum":0},"tags":{"type":"array","items":{"type":"string"}}},
    "additionalProperties":false})");
  auto problems = schema.validate(json::parse(R"({"ms": -1, "tags": ["a", 3], "extra": 1})"),
                                  "/nodes/2/config");
  std::vector<std::string> pointers;
  for (const auto& p : problems) {
    pointers.push_back(p.pointer);
  }
  EXPECT_NE(std::find(pointers.begin(), pointers.end(), "/nodes/2/config/ms"), pointers.end());
  EXPECT_NE(std::find(pointers.begin(), pointers.end(), "/nodes/2/config/tags/1"), pointers.end());
  EXPECT_GE(problems.size(), 3u);
}

TEST(JsonSchema, RejectsUnusableSchema) {
  auto schema = JsonSchema::compile(json::parse(R"({"type": 12})"));
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.error().code, ErrorCode::invalid_config);
}

TEST(Json, ParseErrorNamesLineAndColumn) {
  auto value = parse_json("{\n  \"a\": tru }");
  ASSERT_FALSE(value.ok());
  EXPECT_NE(value.error().message.find("line 2"), std::string::npos) << value.error().message;
}

TEST(Json, DeepNestingIsRefused) {
  std::string deep(10'000, '[');
  auto value = parse_json(deep);
  ASSERT_FALSE(value.ok());
  EXPECT_NE(value.error().message.find("nesting deeper than 64"), std::string::npos);
}

TEST(Json, OversizedDocumentIsRefused) {
  auto value = parse_json(std::string(100, ' '), JsonLimits{.max_bytes = 10, .max_depth = 64});
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.error().code, ErrorCode::limit_exceeded);
}

}  // namespace
}  // namespace weft
