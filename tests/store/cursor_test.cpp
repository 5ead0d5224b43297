#include "store/sqlite/cursor.hpp"

#include <gtest/gtest.h>

namespace weft::store::sqlite {
namespace {

TEST(Cursor, RoundTrips) {
  const Cursor cursor{1'700'000'000'123, "ex_abc:def"};
  const auto back = decode_cursor(encode_cursor(cursor));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->created_at_ms, cursor.created_at_ms);
  EXPECT_EQ(back->id, cursor.id);
}

TEST(Cursor, RefusesWhatItDidNotWrite) {
  for (const char* text :
       {"", "x", ":", "1:", ":a", "1.5:a", "99999999999999999999:a", "1:a b", "-:a",
        // what the OpenAPI pattern ^[0-9]{1,18}:[!-~]{1,128}$ refuses
        "-5:a", "+5:a", "1234567890123456789:a", "1:\xc3\xa9"}) {
    EXPECT_FALSE(decode_cursor(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace weft::store::sqlite
