#include "pipeline/topological_order.hpp"

#include <gtest/gtest.h>

namespace weft::pipeline {
namespace {

TEST(TopologicalOrder, PutsDependenciesFirst) {
  auto result = topological_order(4, {{2, 1}, {1, 0}, {3, 0}});
  ASSERT_EQ(result.order.size(), 4u);
  auto pos = [&](std::size_t n) {
    return std::find(result.order.begin(), result.order.end(), n) - result.order.begin();
  };
  EXPECT_LT(pos(2), pos(1));
  EXPECT_LT(pos(1), pos(0));
  EXPECT_LT(pos(3), pos(0));
  EXPECT_TRUE(result.cycle.empty());
}

TEST(TopologicalOrder, FindsACycleBehindOtherNodes) {
  auto result = topological_order(5, {{0, 1}, {1, 2}, {2, 3}, {3, 1}, {3, 4}});
  EXPECT_EQ(result.order, std::vector<std::size_t>{0});
  EXPECT_EQ(result.cycle, (std::vector<std::size_t>{1, 2, 3}));
}

}  // namespace
}  // namespace weft::pipeline
