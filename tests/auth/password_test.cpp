// Argon2id hashing and the password policy (src/auth/password.cpp).
#include "auth/password.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace weft::auth {
namespace {

TEST(Password, HashesVerifyAndWrongOnesDoNot) {
  const PasswordHasher hasher(PasswordCost::minimum());
  auto hash = hasher.hash("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
  EXPECT_TRUE(hasher.verify(*hash, "correct horse battery"));
  EXPECT_FALSE(hasher.verify(*hash, "correct horse batterY"));
  EXPECT_FALSE(hasher.verify(*hash, ""));
  EXPECT_FALSE(hasher.verify("not a hash", "correct horse battery"));
  EXPECT_FALSE(hasher.verify("", ""));
}

TEST(Password, TheSamePasswordHashesDifferentlyEachTime) {
  const PasswordHasher hasher(PasswordCost::minimum());
  EXPECT_NE(*hasher.hash("same password"), *hasher.hash("same password"));
}

TEST(Password, AHashOfAnotherCostNeedsARehash) {
  const PasswordHasher cheap(PasswordCost::minimum());
  const PasswordHasher dearer({PasswordCost::minimum().ops + 1, PasswordCost::minimum().memory});
  auto hash = cheap.hash("a fine password");
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(cheap.needs_rehash(*hash));
  EXPECT_TRUE(dearer.needs_rehash(*hash));
  EXPECT_TRUE(dearer.verify(*hash, "a fine password"));
}

TEST(Password, TheInteractiveCostIsLibsodiumsInteractiveLimit) {
  EXPECT_EQ(PasswordCost::interactive().ops, 2u);
  EXPECT_EQ(PasswordCost::interactive().memory, 64u * 1024 * 1024);
}

TEST(Password, PolicyNamesWhatIsWrong) {
  auto short_one = check_password_policy("seven77");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(short_one.error().message.find("at least 8 characters"), std::string::npos);
  // Eight characters, more bytes: characters count, not bytes.
  EXPECT_FALSE(check_password_policy("ééé").ok());
  EXPECT_TRUE(check_password_policy("éééééééé").ok());
  EXPECT_TRUE(check_password_policy("eight888").ok());
  auto long_one = check_password_policy(std::string(1025, 'x'));
  ASSERT_FALSE(long_one.ok());
  EXPECT_NE(long_one.error().message.find("at most 1024 bytes"), std::string::npos);
  EXPECT_TRUE(check_password_policy(std::string(1024, 'x')).ok());
}

TEST(Password, ManyThreadsHashAtOnce) {
  const PasswordHasher hasher(PasswordCost::minimum(), 2);
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      const std::string password = "password number " + std::to_string(i);
      auto hash = hasher.hash(password);
      good += hash.ok() && hasher.verify(*hash, password) ? 1 : 0;
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(good.load(), 8);
}

}  // namespace
}  // namespace weft::auth
