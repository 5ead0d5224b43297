// The verified-caller cache (src/auth/caller_cache.cpp) and that every change
// narrowing access applies at once despite it (src/auth/authenticate.cpp).
#include "auth/caller_cache.hpp"

#include "auth/api_key_service.hpp"
#include "auth/member_service.hpp"
#include "auth_fixture.hpp"

namespace weft::auth {
namespace {

using namespace std::chrono_literals;
using testing::AuthTest;
using Time = CallerCache::Time;

Caller someone(std::string user) {
  Caller caller;
  caller.user_id = std::move(user);
  caller.workspace_id = "ws_1";
  caller.role = Role::editor;
  return caller;
}

const Time kNow{std::chrono::seconds{1'700'000'000}};

TEST(CallerCache, RemembersACallerForItsLifeOnly) {
  CallerCache cache(5s, 100);
  cache.remember(cache.ticket(), "token-a", someone("u_a"), kNow);
  ASSERT_TRUE(cache.find("token-a", kNow + 4s).has_value());
  EXPECT_EQ(cache.find("token-a", kNow + 4s)->user_id, "u_a");
  EXPECT_FALSE(cache.find("token-a", kNow + 5s).has_value());
  EXPECT_FALSE(cache.find("token-b", kNow).has_value());
  EXPECT_FALSE(cache.find("token-", kNow).has_value());
}

TEST(CallerCache, NeverOutlivesTheToken) {
  CallerCache cache(5s, 100);
  cache.remember(cache.ticket(), "token-a", someone("u_a"), kNow, kNow + 1s);
  EXPECT_TRUE(cache.find("token-a", kNow).has_value());
  EXPECT_FALSE(cache.find("token-a", kNow + 1s).has_value());
}

TEST(CallerCache, ACallerReadAcrossAChangeIsNotKept) {
  CallerCache cache(5s, 100);
  const auto ticket = cache.ticket();
  cache.forget_all();  // a role changed while the caller was being read
  cache.remember(ticket, "token-a", someone("u_a"), kNow);
  EXPECT_FALSE(cache.find("token-a", kNow).has_value());
  cache.remember(cache.ticket(), "token-a", someone("u_a"), kNow);
  EXPECT_TRUE(cache.find("token-a", kNow).has_value());
  cache.forget_all();
  EXPECT_FALSE(cache.find("token-a", kNow).has_value());
}

TEST(CallerCache, StaysWithinItsCapacity) {
  CallerCache cache(5s, 3);
  for (const char* token : {"t1", "t2", "t3", "t4"}) {
    cache.remember(cache.ticket(), token, someone(token), kNow);
  }
  int remembered = 0;
  for (const char* token : {"t1", "t2", "t3", "t4"}) {
    remembered += cache.find(token, kNow).has_value() ? 1 : 0;
  }
  EXPECT_LE(remembered, 3);
  EXPECT_TRUE(cache.find("t4", kNow).has_value());
}

TEST(CallerCache, AZeroLifeTurnsItOff) {
  CallerCache cache(0ms, 100);
  cache.remember(cache.ticket(), "token-a", someone("u_a"), kNow);
  EXPECT_FALSE(cache.find("token-a", kNow).has_value());
}

class CachedCallerTest : public AuthTest {
 protected:
  void SetUp() override {
    AuthTest::SetUp();
    owner_ = caller_for(setup_owner());
  }
  Result<Caller> authenticate(std::string_view token) {
    return auth_->accounts().authenticate_bearer(token, "10.0.0.9");
  }
  Caller owner_;
};

TEST_F(CachedCallerTest, ARevokedKeyIsRefusedAtOnce) {
  auto created = auth_->api_keys().create(owner_, "CI", ApiKeyScope::full);
  ASSERT_TRUE(created.ok()) << created.error().message;
  ASSERT_TRUE(authenticate(created->key).ok());
  ASSERT_TRUE(authenticate(created->key).ok());  // now from the cache
  ASSERT_TRUE(auth_->api_keys().revoke(owner_, created->info.id).ok());
  auto after = authenticate(created->key);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().message, "the API key was revoked");
}

TEST_F(CachedCallerTest, ARoleChangeAndARemovalApplyAtOnce) {
  const Session session = member(owner_, Role::editor, "ed@example.com");
  auto before = authenticate(session.access_token);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->role, Role::editor);
  EXPECT_EQ(before->remote, "10.0.0.9");

  ASSERT_TRUE(auth_->members().change_role(owner_, before->user_id, Role::viewer).ok());
  auto demoted = authenticate(session.access_token);
  ASSERT_TRUE(demoted.ok());
  EXPECT_EQ(demoted->role, Role::viewer);

  ASSERT_TRUE(auth_->members().remove(owner_, before->user_id).ok());
  auto removed = authenticate(session.access_token);
  ASSERT_FALSE(removed.ok());
  EXPECT_EQ(removed.error().code, ErrorCode::unauthenticated);
}

TEST_F(CachedCallerTest, APasswordChangeEndsOlderTokensAtOnce) {
  const Session session = member(owner_, Role::editor, "pw@example.com");
  auto caller = authenticate(session.access_token);
  ASSERT_TRUE(caller.ok());
  clock_.advance(2s);  // the new session's tokens are issued after the old one's
  ASSERT_TRUE(
      auth_->accounts().change_password(*caller, "member password", "a new passphrase").ok());
  EXPECT_FALSE(authenticate(session.access_token).ok());
}

TEST_F(CachedCallerTest, AnExpiredTokenIsRefusedEvenIfRemembered) {
  const Session session = member(owner_, Role::editor, "ex@example.com");
  ASSERT_TRUE(authenticate(session.access_token).ok());
  clock_.advance(16min);
  EXPECT_FALSE(authenticate(session.access_token).ok());
}

}  // namespace
}  // namespace weft::auth
