// parse_json and find_non_finite (src/common/json.cpp).
#include "common/json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace weft {
namespace {

std::string object_with_keys(std::size_t count) {
  std::string text = "{";
  for (std::size_t i = 0; i < count; ++i) {
    text += (i == 0 ? "\"k" : ",\"k") + std::to_string(i) + "\":0";
  }
  return text + "}";
}

TEST(ParseJson, RefusesANumberNoDoubleCanHoldNamingWhereItIs) {
  auto parsed = parse_json(R"({"a": [1, {"b~/c": 1e999}]})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::invalid_json);
  EXPECT_EQ(parsed.error().pointer, "/a/1/b~0~1c");
  EXPECT_NE(parsed.error().message.find("/a/1/b~0~1c"), std::string::npos)
      << parsed.error().message;
  EXPECT_NE(parsed.error().message.find("finite"), std::string::npos);
}

TEST(ParseJson, RefusesNegativeAndTopLevelOverflowToo) {
  EXPECT_EQ(parse_json(R"({"x": -1e999})").error().pointer, "/x");
  auto top = parse_json("1e400");
  ASSERT_FALSE(top.ok());
  EXPECT_EQ(top.error().pointer, "");
  EXPECT_EQ(top.error().message.rfind("the number is out of range", 0), 0u) << top.error().message;
  // A 400-digit integer overflows a double as well.
  EXPECT_FALSE(parse_json("[" + std::string(400, '9') + "]").ok());
}

TEST(ParseJson, TheCallerChoosesTheCodeOfANumberOutOfRange) {
  auto parsed = parse_json(R"({"x": 1e999})", {.out_of_range = ErrorCode::invalid_input});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
}

TEST(ParseJson, KeepsLargeFiniteNumbers) {
  auto parsed = parse_json(R"({"big": 1.7976931348623157e308, "small": -1e-400})");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_DOUBLE_EQ(parsed->at("big").as_double(), std::numeric_limits<double>::max());
}

TEST(ParseJson, StopsAtAnObjectWithTooManyKeys) {
  const JsonLimits limits{.max_object_keys = 100};
  EXPECT_TRUE(parse_json(object_with_keys(100), limits).ok());
  auto parsed = parse_json(R"({"outer": )" + object_with_keys(101) + "}", limits);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::limit_exceeded);
  EXPECT_NE(parsed.error().message.find("more than 100 keys"), std::string::npos)
      << parsed.error().message;
  EXPECT_NE(parsed.error().message.find("line 1, column"), std::string::npos);
}

TEST(ParseJson, CountsKeysPerObjectNotPerDocument) {
  // Two objects of 60 keys each are within 100 keys per object.
  const std::string two = "[" + object_with_keys(60) + "," + object_with_keys(60) + "]";
  EXPECT_TRUE(parse_json(two, {.max_object_keys = 100}).ok());
}

TEST(ParseJson, StopsAtADocumentWithTooManyValues) {
  std::string array = "[";
  for (int i = 0; i < 1000; ++i) {
    array += i == 0 ? "0" : ",0";
  }
  array += "]";
  EXPECT_TRUE(parse_json(array, {.max_values = 1001}).ok());  // the array counts too
  auto parsed = parse_json(array, {.max_values = 1000});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::limit_exceeded);
  EXPECT_NE(parsed.error().message.find("more than 1000 values"), std::string::npos)
      << parsed.error().message;
}

TEST(ParseJson, StillNamesTheLineOfASyntaxError) {
  auto parsed = parse_json("{\n\"a\": [,]}");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::invalid_json);
  EXPECT_NE(parsed.error().message.find("line 2"), std::string::npos) << parsed.error().message;
  EXPECT_FALSE(parse_json("{} x").ok());
  EXPECT_FALSE(parse_json(R"({"a": 1)").ok());
}

TEST(FindNonFinite, NamesTheFirstOneOrNothing) {
  json::value value = json::object{{"a", json::array{1, 2.5, "x"}}, {"b", nullptr}};
  EXPECT_FALSE(find_non_finite(value).has_value());
  value.as_object()["b"] = json::object{{"c/d", std::numeric_limits<double>::quiet_NaN()}};
  EXPECT_EQ(find_non_finite(value), std::optional<std::string>("/b/c~1d"));
  EXPECT_EQ(find_non_finite(json::value(std::numeric_limits<double>::infinity())),
            std::optional<std::string>(""));
}

TEST(FindNonFinite, WalksDeepValuesWithoutRecursion) {
  json::value value = -std::numeric_limits<double>::infinity();
  for (int i = 0; i < 10'000; ++i) {
    json::array wrapper;
    wrapper.emplace_back(std::move(value));
    value = std::move(wrapper);
  }
  auto pointer = find_non_finite(value);
  ASSERT_TRUE(pointer.has_value());
  EXPECT_EQ(pointer->size(), 20'000u);  // "/0" per level
}

}  // namespace
}  // namespace weft
