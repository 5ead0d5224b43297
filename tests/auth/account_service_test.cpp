// Setup, login, refresh, logout, password change and bearer tokens
// (src/auth/account_service.cpp, authenticate.cpp).
#include "auth/account_service.hpp"

#include "auth/api_key.hpp"
#include "auth/encoding.hpp"
#include "auth_fixture.hpp"

namespace weft::auth {
namespace {

using testing::AuthTest;
using testing::contains;

using AccountServiceTest = AuthTest;

TEST_F(AccountServiceTest, SetupCreatesTheFirstOwnerOnceInTheDefaultWorkspace) {
  EXPECT_TRUE(*auth_->accounts().needs_setup());
  Session session = setup_owner();
  EXPECT_FALSE(*auth_->accounts().needs_setup());
  EXPECT_EQ(session.workspace.id, store::kDefaultWorkspace);
  EXPECT_EQ(session.workspace.role, Role::owner);
  EXPECT_EQ(session.user.email, "owner@example.com");
  EXPECT_FALSE(session.access_token.empty());
  EXPECT_FALSE(session.refresh_token.empty());

  auto again = auth_->accounts().setup_owner({"second@example.com", "another one!", ""}, "");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_F(AccountServiceTest, SetupChecksEmailAndPassword) {
  auto short_password = auth_->accounts().setup_owner({"a@example.com", "short", ""}, "");
  ASSERT_FALSE(short_password.ok());
  EXPECT_TRUE(contains(short_password.error().message, "at least 8 characters"));
  auto bad_email = auth_->accounts().setup_owner({"not-an-email", "long enough", ""}, "");
  ASSERT_FALSE(bad_email.ok());
  EXPECT_TRUE(contains(bad_email.error().message, "email"));
  EXPECT_TRUE(*auth_->accounts().needs_setup());
}

TEST_F(AccountServiceTest, LoginGivesTheSameErrorForUnknownEmailAndWrongPassword) {
  Session owner = setup_owner();
  auto wrong = auth_->accounts().login({"owner@example.com", "wrong password", "10.0.0.9"});
  auto unknown = auth_->accounts().login({"nobody@example.com", "correct horse", "10.0.0.9"});
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(unknown.error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);

  auto good = auth_->accounts().login({" Owner@Example.com ", "correct horse", "10.0.0.9"});
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_EQ(good->user.id, owner.user.id);

  // Both failures and the success are in the audit log; the unknown email's
  // failure belongs to no workspace, so only the database has it.
  auto actions = audit_actions(caller_for(*good));
  EXPECT_NE(std::find(actions.begin(), actions.end(), "login.failed"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "login.succeeded"), actions.end());
  EXPECT_EQ(store::testing::query_column(
                dir_.db_path(),
                "SELECT count(*) FROM audit_log WHERE action = 'login.failed' AND "
                "workspace_id IS NULL AND details LIKE '%nobody@example.com%'"),
            std::vector<std::string>{"1"});
}

TEST_F(AccountServiceTest, TooManyFailuresAreRateLimited) {
  setup_owner();
  for (int i = 0; i < 5; ++i) {
    auto failed = auth_->accounts().login({"owner@example.com", "wrong password", "10.0.0.9"});
    ASSERT_EQ(failed.error().code, ErrorCode::unauthenticated);
  }
  // Now even the right password waits.
  auto limited = auth_->accounts().login({"owner@example.com", "correct horse", "10.0.0.9"});
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, ErrorCode::rate_limited);
  // The wait travels with the error (the HTTP answer's Retry-After).
  const auto retry = limited.error().retry_after;
  ASSERT_TRUE(retry.has_value());
  EXPECT_GT(retry->count(), 0);
  EXPECT_LE(retry->count(), 15 * 60);
}

TEST_F(AccountServiceTest, AWrongCurrentPasswordNeverLocksTheLogin) {
  Caller caller = caller_for(setup_owner());
  for (int i = 0; i < 5; ++i) {
    auto wrong =
        auth_->accounts().change_password(caller, "a guess " + std::to_string(i), "a new password");
    ASSERT_EQ(wrong.error().code, ErrorCode::forbidden);
  }
  // Password changes have a limit of their own, with its wait…
  auto limited = auth_->accounts().change_password(caller, "correct horse", "a new password");
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, ErrorCode::rate_limited);
  ASSERT_TRUE(limited.error().retry_after.has_value());
  EXPECT_GT(limited.error().retry_after->count(), 0);
  // …and the login does not feel it, from the same address or another.
  EXPECT_TRUE(auth_->accounts().login({"owner@example.com", "correct horse", "10.0.0.1"}).ok());
  EXPECT_TRUE(auth_->accounts().login({"owner@example.com", "correct horse", "10.0.0.7"}).ok());
}

TEST_F(AccountServiceTest, FailedApiKeysAreLimitedPerAddress) {
  Caller owner = caller_for(setup_owner());
  auto key = auth_->api_keys().create(owner, "ci", ApiKeyScope::full);
  ASSERT_TRUE(key.ok());
  // A well-formed key with a wrong secret, twenty times from one address.
  std::string wrong = key->key;
  wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
  for (int i = 0; i < 20; ++i) {
    auto refused = auth_->accounts().authenticate_bearer(wrong, "198.51.100.9");
    ASSERT_EQ(refused.error().code, ErrorCode::unauthenticated) << i;
  }
  // Now that address waits, even with the right key; others do not.
  auto blocked = auth_->accounts().authenticate_bearer(key->key, "198.51.100.9");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::rate_limited);
  ASSERT_TRUE(blocked.error().retry_after.has_value());
  EXPECT_LE(blocked.error().retry_after->count(), 60);
  EXPECT_TRUE(auth_->accounts().authenticate_bearer(key->key, "198.51.100.10").ok());
  // Access tokens are signed, not guessed: they are not held up.
  Session session = *auth_->accounts().login({"owner@example.com", "correct horse", ""});
  EXPECT_TRUE(auth_->accounts().authenticate_bearer(session.access_token, "198.51.100.9").ok());
}

TEST_F(AccountServiceTest, FailedRefreshTokensAreLimitedPerAddress) {
  Session session = setup_owner();
  for (int i = 0; i < 20; ++i) {
    auto refused =
        auth_->accounts().refresh("guess-" + std::to_string(i), std::nullopt, "10.1.1.1");
    ASSERT_EQ(refused.error().code, ErrorCode::unauthenticated) << i;
  }
  auto blocked = auth_->accounts().refresh(session.refresh_token, std::nullopt, "10.1.1.1");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::rate_limited);
  EXPECT_TRUE(blocked.error().retry_after.has_value());
  // The token was not spent by the refused attempt: it still works elsewhere.
  EXPECT_TRUE(auth_->accounts().refresh(session.refresh_token, std::nullopt, "10.1.1.2").ok());
}

TEST_F(AccountServiceTest, BearerAccessTokensResolveTheCaller) {
  Session session = setup_owner();
  Caller caller = caller_for(session);
  EXPECT_EQ(caller.user_id, session.user.id);
  EXPECT_EQ(caller.workspace_id, store::kDefaultWorkspace);
  EXPECT_EQ(caller.role, Role::owner);
  EXPECT_EQ(caller.remote, "10.0.0.1");
  EXPECT_FALSE(caller.is_api_key());

  for (std::string_view bad : {"", "garbage", "a.b.c", "wft_nope"}) {
    auto refused = auth_->accounts().authenticate_bearer(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
  }
  // Fifteen minutes (and the leeway) later, the access token is spent.
  clock_.advance(std::chrono::minutes(16));
  auto expired = auth_->accounts().authenticate_bearer(session.access_token);
  ASSERT_FALSE(expired.ok());
  EXPECT_TRUE(contains(expired.error().message, "expired"));
}

TEST_F(AccountServiceTest, TheRoleComesFromTheMembershipNow) {
  Caller owner = caller_for(setup_owner());
  Session editor = member(owner, Role::editor, "ed@example.com");
  ASSERT_EQ(caller_for(editor).role, Role::editor);
  ASSERT_TRUE(auth_->members().change_role(owner, editor.user.id, Role::viewer).ok());
  EXPECT_EQ(caller_for(editor).role, Role::viewer);  // the same token
  ASSERT_TRUE(auth_->members().remove(owner, editor.user.id).ok());
  auto removed = auth_->accounts().authenticate_bearer(editor.access_token);
  ASSERT_FALSE(removed.ok());
  EXPECT_EQ(removed.error().code, ErrorCode::unauthenticated);
}

TEST_F(AccountServiceTest, RefreshRotatesTheToken) {
  Session first = setup_owner();
  clock_.advance(std::chrono::seconds(5));
  auto second = auth_->accounts().refresh(first.refresh_token);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_NE(second->refresh_token, first.refresh_token);
  EXPECT_NE(second->access_token, first.access_token);
  EXPECT_EQ(second->workspace.id, store::kDefaultWorkspace);
  EXPECT_TRUE(auth_->accounts().authenticate_bearer(second->access_token).ok());
  auto third = auth_->accounts().refresh(second->refresh_token);
  ASSERT_TRUE(third.ok());
}

TEST_F(AccountServiceTest, AReusedRefreshTokenIsRefusedAndEndsTheFamily) {
  Session first = setup_owner();
  auto second = auth_->accounts().refresh(first.refresh_token);
  ASSERT_TRUE(second.ok());
  auto third = auth_->accounts().refresh(second->refresh_token);
  ASSERT_TRUE(third.ok());

  // Someone replays the first token: refused…
  auto replay = auth_->accounts().refresh(first.refresh_token);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::unauthenticated);
  EXPECT_TRUE(contains(replay.error().message, "used before"));
  // …and the newest token of the family stops working too.
  auto newest = auth_->accounts().refresh(third->refresh_token);
  ASSERT_FALSE(newest.ok());
  EXPECT_EQ(newest.error().code, ErrorCode::unauthenticated);
  // Another login's family is untouched.
  auto other = auth_->accounts().login({"owner@example.com", "correct horse", "10.0.0.1"});
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(auth_->accounts().refresh(other->refresh_token).ok());
  const auto actions = audit_actions(caller_for(*other));
  EXPECT_NE(std::find(actions.begin(), actions.end(), "session.reuse_detected"), actions.end());
}

TEST_F(AccountServiceTest, RefreshTokensExpireAfterThirtyDays) {
  Session session = setup_owner();
  clock_.advance(std::chrono::hours(24 * 30) + std::chrono::seconds(1));
  auto late = auth_->accounts().refresh(session.refresh_token);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::unauthenticated);
  EXPECT_FALSE(auth_->accounts().refresh("not a token").ok());
}

TEST_F(AccountServiceTest, OnlyHashesOfRefreshTokensAreStored) {
  Session session = setup_owner();
  EXPECT_EQ(store::testing::query_column(dir_.db_path(), "SELECT token_hash FROM refresh_tokens"),
            std::vector<std::string>{sha256_hex(session.refresh_token)});
}

TEST_F(AccountServiceTest, RefreshCanSwitchToAnotherWorkspaceOfTheUser) {
  Caller owner = caller_for(setup_owner());
  Session ed = member(owner, Role::editor, "ed@example.com");
  auto own = auth_->accounts().me(caller_for(ed));
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->workspaces.size(), 2u);
  std::string personal;
  for (const auto& ws : own->workspaces) {
    if (ws.id != store::kDefaultWorkspace) {
      personal = ws.id;
    }
  }
  auto switched = auth_->accounts().refresh(ed.refresh_token, personal);
  ASSERT_TRUE(switched.ok()) << switched.error().message;
  EXPECT_EQ(switched->workspace.id, personal);
  EXPECT_EQ(switched->workspace.role, Role::owner);
  // The owner cannot switch into the editor's workspace.
  auto session = auth_->accounts().login({"owner@example.com", "correct horse", ""});
  auto foreign = auth_->accounts().refresh(session->refresh_token, personal);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::forbidden);
}

TEST_F(AccountServiceTest, ALoginLandsInTheTeamJoinedLastUnlessAskedOtherwise) {
  Caller owner = caller_for(setup_owner());
  auto added =
      auth_->members().create(owner, {"new@example.com", "member password", ""}, Role::editor);
  ASSERT_TRUE(added.ok()) << added.error().message;
  // Added by an admin: the team is where their work is, not their empty own workspace.
  auto plain = auth_->accounts().login({"new@example.com", "member password", ""});
  ASSERT_TRUE(plain.ok()) << plain.error().message;
  EXPECT_EQ(plain->workspace.id, store::kDefaultWorkspace);
  EXPECT_EQ(plain->workspace.role, Role::editor);
  // The editor asks for the workspace used last.
  const Caller own = in_own_workspace("new@example.com", "member password");
  EXPECT_NE(own.workspace_id, store::kDefaultWorkspace);
  EXPECT_EQ(own.role, Role::owner);
  // Someone in no team lands in their own workspace.
  EXPECT_EQ(auth_->accounts().login({"owner@example.com", "correct horse", ""})->workspace.id,
            owner.workspace_id);
}

TEST_F(AccountServiceTest, LogoutEndsTheLogin) {
  Session session = setup_owner();
  ASSERT_TRUE(auth_->accounts().logout(session.refresh_token).ok());
  EXPECT_FALSE(auth_->accounts().refresh(session.refresh_token).ok());
  EXPECT_TRUE(auth_->accounts().logout("unknown").ok());
}

TEST_F(AccountServiceTest, ChangingThePasswordEndsOtherSessions) {
  Session first = setup_owner();
  auto other = auth_->accounts().login({"owner@example.com", "correct horse", ""});
  ASSERT_TRUE(other.ok());
  clock_.advance(std::chrono::seconds(2));
  Caller caller = caller_for(first);

  auto wrong = auth_->accounts().change_password(caller, "not it at all", "a new password");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::forbidden);
  auto weak = auth_->accounts().change_password(caller, "correct horse", "short");
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().code, ErrorCode::invalid_argument);

  auto changed = auth_->accounts().change_password(caller, "correct horse", "a new password");
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_TRUE(auth_->accounts().authenticate_bearer(changed->access_token).ok());
  EXPECT_FALSE(auth_->accounts().authenticate_bearer(first.access_token).ok());
  EXPECT_FALSE(auth_->accounts().authenticate_bearer(other->access_token).ok());
  EXPECT_FALSE(auth_->accounts().refresh(other->refresh_token).ok());
  EXPECT_FALSE(auth_->accounts().login({"owner@example.com", "correct horse", ""}).ok());
  EXPECT_TRUE(auth_->accounts().login({"owner@example.com", "a new password", ""}).ok());
}

TEST_F(AccountServiceTest, SignUpIsOffByDefault) {
  setup_owner();
  auto refused = auth_->accounts().register_account({"new@example.com", "a password!", ""}, "");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);

  AuthOptions open = testing::test_options(clock_);
  open.allow_registration = true;
  make_auth(open);
  auto joined = auth_->accounts().register_account({"new@example.com", "a password!", "New"}, "");
  ASSERT_TRUE(joined.ok()) << joined.error().message;
  EXPECT_NE(joined->workspace.id, store::kDefaultWorkspace);
  EXPECT_EQ(joined->workspace.role, Role::owner);
  EXPECT_EQ(joined->workspace.name, "New's workspace");
  auto twice = auth_->accounts().register_account({"NEW@example.com", "a password!", ""}, "");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
}

TEST_F(AccountServiceTest, CreateUserMakesTheFirstOwnerThenMembers) {
  auto editor_first = auth_->accounts().create_user(
      {{"first@example.com", "first password", ""}, Role::editor, "ws_default"});
  ASSERT_FALSE(editor_first.ok());
  EXPECT_TRUE(contains(editor_first.error().message, "first user is the owner"));

  auto first = auth_->accounts().create_user({{"first@example.com", "first password", ""}});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->first_owner);
  EXPECT_EQ(first->workspace.id, store::kDefaultWorkspace);
  EXPECT_EQ(first->workspace.role, Role::owner);

  auto second = auth_->accounts().create_user(
      {{"second@example.com", "second password", ""}, Role::viewer, "ws_default"});
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE(second->first_owner);
  EXPECT_EQ(second->workspace.id, store::kDefaultWorkspace);
  EXPECT_EQ(second->workspace.role, Role::viewer);
}

TEST_F(AccountServiceTest, NoPasswordIsStoredInTheClear) {
  setup_owner();
  auto hashes = store::testing::query_column(dir_.db_path(), "SELECT password_hash FROM users");
  ASSERT_EQ(hashes.size(), 1u);
  EXPECT_EQ(hashes[0].rfind("$argon2id$", 0), 0u);
  EXPECT_FALSE(contains(hashes[0], "correct horse"));
}

}  // namespace
}  // namespace weft::auth
