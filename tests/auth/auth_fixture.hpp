#pragma once
// A store in a temporary data directory with an Auth over it: cheap password
// hashing, an in-memory key, and a clock the test moves.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "auth/auth.hpp"
#include "store/store_fixture.hpp"

namespace weft::auth::testing {

using store::testing::TempDir;

/// A clock that stands still until the test moves it.
class TestClock {
 public:
  store::Time now() const { return store::Time(std::chrono::milliseconds(ms_.load())); }
  void advance(std::chrono::milliseconds by) { ms_ += by.count(); }

 private:
  std::atomic<std::int64_t> ms_{1'700'000'000'000};
};

inline AuthOptions test_options(TestClock& clock) {
  AuthOptions options;
  options.password_cost = PasswordCost::minimum();
  options.clock = [&clock] { return clock.now(); };
  return options;
}

inline KeyRing test_keys() {
  return KeyRing{MasterKey::generate(), std::nullopt, false, ""};
}

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override { make_auth(); }

  /// (Re)builds the Auth, e.g. with other options.
  void make_auth(std::optional<AuthOptions> options = std::nullopt) {
    ASSERT_NE(store_, nullptr);
    auto made = Auth::create(*store_, test_keys(), options ? *options : test_options(clock_));
    ASSERT_TRUE(made.ok()) << made.error().message;
    auth_ = std::move(*made);
  }

  /// The first owner, logged in.
  Session setup_owner(std::string email = "owner@example.com") {
    auto session = auth_->accounts().setup_owner({email, "correct horse", "Owner"}, "10.0.0.1");
    EXPECT_TRUE(session.ok()) << (session.ok() ? "" : session.error().message);
    return session.ok() ? *session : Session{};
  }

  Caller caller_for(const Session& session) {
    auto caller = auth_->accounts().authenticate_bearer(session.access_token, "10.0.0.1");
    EXPECT_TRUE(caller.ok()) << (caller.ok() ? "" : caller.error().message);
    return caller.ok() ? *caller : Caller{};
  }

  /// `email` logged in to their own workspace (a login without one lands in
  /// the team they joined last).
  Caller in_own_workspace(const std::string& email, const std::string& password) {
    auto first = auth_->accounts().login({email, password, ""});
    EXPECT_TRUE(first.ok()) << (first.ok() ? "" : first.error().message);
    if (!first.ok()) {
      return Caller{};
    }
    auto me = auth_->accounts().me(caller_for(*first));
    EXPECT_TRUE(me.ok());
    for (const auto& workspace : me.ok() ? me->workspaces : std::vector<WorkspaceInfo>{}) {
      if (workspace.role == Role::owner) {
        return caller_for(*auth_->accounts().login({email, password, "", workspace.id}));
      }
    }
    ADD_FAILURE() << email << " owns no workspace";
    return Caller{};
  }

  /// A member of the owner's workspace with `role`, logged in there.
  Session member(const Caller& owner, Role role, std::string email) {
    auto added = auth_->members().create(owner, {email, "member password", ""}, role);
    EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error().message);
    LoginRequest login{email, "member password", "10.0.0.2", owner.workspace_id};
    auto session = auth_->accounts().login(login);
    EXPECT_TRUE(session.ok()) << (session.ok() ? "" : session.error().message);
    return session.ok() ? *session : Session{};
  }

  std::vector<std::string> audit_actions(const Caller& caller) {
    std::vector<std::string> actions;
    auto page = auth_->audit().list(caller, 0, 200);
    EXPECT_TRUE(page.ok());
    for (const auto& item : page.ok() ? page->items : std::vector<store::AuditRecord>{}) {
      actions.push_back(item.action);
    }
    return actions;
  }

  TestClock clock_;
  TempDir dir_;
  std::unique_ptr<store::Store> store_ = store::testing::open_store(dir_.path());
  std::unique_ptr<Auth> auth_;
};

inline bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace weft::auth::testing
