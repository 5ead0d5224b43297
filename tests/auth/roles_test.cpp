// Roles and what they allow (src/auth/roles.cpp, caller.cpp).
#include "auth/roles.hpp"

#include <gtest/gtest.h>

#include "auth/caller.hpp"

namespace weft::auth {
namespace {

TEST(Roles, EachRoleAllowsWhatTheOneBelowDoesAndMore) {
  struct Row {
    Role role;
    bool read, run, build, manage, own;
  };
  const Row rows[] = {
      {Role::viewer, true, true, false, false, false},
      {Role::editor, true, true, true, false, false},
      {Role::admin, true, true, true, true, false},
      {Role::owner, true, true, true, true, true},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(allows(row.role, Action::read), row.read) << to_string(row.role);
    EXPECT_EQ(allows(row.role, Action::run), row.run) << to_string(row.role);
    EXPECT_EQ(allows(row.role, Action::build), row.build) << to_string(row.role);
    EXPECT_EQ(allows(row.role, Action::manage), row.manage) << to_string(row.role);
    EXPECT_EQ(allows(row.role, Action::own), row.own) << to_string(row.role);
  }
}

TEST(Roles, NamesRoundTripAndNothingElseParses) {
  for (Role role : {Role::viewer, Role::editor, Role::admin, Role::owner}) {
    EXPECT_EQ(parse_role(to_string(role)), role);
  }
  for (const char* bad : {"", "Owner", "root", "admin ", "superuser"}) {
    EXPECT_FALSE(parse_role(bad).has_value()) << bad;
  }
}

TEST(Caller, ApiKeyLimitsNarrowTheRole) {
  Caller person{"u", "ws", Role::editor};
  EXPECT_TRUE(person.may(Action::build));
  EXPECT_TRUE(person.may(Action::read, "any"));
  EXPECT_FALSE(person.may(Action::manage));

  Caller run_key = person;
  run_key.api_key_id = "key_1";
  run_key.api_key_scope = ApiKeyScope::run;
  EXPECT_TRUE(run_key.may(Action::run, "p1"));
  EXPECT_FALSE(run_key.may(Action::read, "p1"));
  EXPECT_FALSE(run_key.may(Action::build, "p1"));

  Caller pinned = person;
  pinned.api_key_id = "key_2";
  pinned.api_key_scope = ApiKeyScope::full;
  pinned.api_key_pipeline = "p1";
  EXPECT_TRUE(pinned.may(Action::build, "p1"));
  EXPECT_FALSE(pinned.may(Action::build, "p2"));
  EXPECT_FALSE(pinned.may(Action::read));
}

}  // namespace
}  // namespace weft::auth
