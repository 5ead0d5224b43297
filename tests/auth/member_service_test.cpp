// Members, roles and invites (src/auth/member_service.cpp).
#include "auth/member_service.hpp"

#include "auth_fixture.hpp"

namespace weft::auth {
namespace {

using testing::AuthTest;
using testing::contains;

class MemberServiceTest : public AuthTest {
 protected:
  void SetUp() override {
    AuthTest::SetUp();
    owner_ = caller_for(setup_owner());
  }
  Caller owner_;
};

TEST_F(MemberServiceTest, TheLastOwnerCannotBeRemovedOrDemoted) {
  auto demoted = auth_->members().change_role(owner_, owner_.user_id, Role::admin);
  ASSERT_FALSE(demoted.ok());
  EXPECT_EQ(demoted.error().code, ErrorCode::conflict);
  EXPECT_TRUE(contains(demoted.error().message, "last owner"));
  auto left = auth_->members().remove(owner_, owner_.user_id);
  ASSERT_FALSE(left.ok());
  EXPECT_EQ(left.error().code, ErrorCode::conflict);

  // With a second owner, the first may leave.
  Session second = member(owner_, Role::owner, "second@example.com");
  ASSERT_TRUE(auth_->members().remove(owner_, owner_.user_id).ok());
  auto last = auth_->members().remove(caller_for(second), second.user.id);
  EXPECT_EQ(last.error().code, ErrorCode::conflict);
}

TEST_F(MemberServiceTest, AdminsManageButNeverAboveTheirOwnRole) {
  Caller admin = caller_for(member(owner_, Role::admin, "admin@example.com"));
  Session editor = member(owner_, Role::editor, "ed@example.com");

  EXPECT_TRUE(auth_->members().change_role(admin, editor.user.id, Role::admin).ok());
  auto make_owner = auth_->members().change_role(admin, editor.user.id, Role::owner);
  ASSERT_FALSE(make_owner.ok());
  EXPECT_EQ(make_owner.error().code, ErrorCode::forbidden);
  auto touch_owner = auth_->members().change_role(admin, owner_.user_id, Role::viewer);
  ASSERT_FALSE(touch_owner.ok());
  EXPECT_EQ(touch_owner.error().code, ErrorCode::forbidden);
  EXPECT_EQ(auth_->members().remove(admin, owner_.user_id).error().code, ErrorCode::forbidden);
  auto owner_invite = auth_->members().invite(admin, Role::owner);
  EXPECT_EQ(owner_invite.error().code, ErrorCode::forbidden);
}

TEST_F(MemberServiceTest, EditorsAndViewersCannotManageButMayLeave) {
  Caller editor = caller_for(member(owner_, Role::editor, "ed@example.com"));
  Caller viewer = caller_for(member(owner_, Role::viewer, "vi@example.com"));
  for (const Caller& c : {editor, viewer}) {
    EXPECT_EQ(auth_->members().change_role(c, owner_.user_id, Role::viewer).error().code,
              ErrorCode::forbidden);
    EXPECT_EQ(auth_->members().invite_email(c, "owner@example.com", Role::viewer).error().code,
              ErrorCode::forbidden);
    EXPECT_EQ(auth_->members().invite(c, Role::viewer).error().code, ErrorCode::forbidden);
    EXPECT_TRUE(auth_->members().list(c).ok());
  }
  EXPECT_EQ(auth_->members().remove(viewer, editor.user_id).error().code, ErrorCode::forbidden);
  EXPECT_TRUE(auth_->members().remove(viewer, viewer.user_id).ok());
  EXPECT_EQ(auth_->members().list(owner_)->size(), 2u);
}

TEST_F(MemberServiceTest, AddingAnExistingAccountInvitesItAndTellsNothing) {
  auto created = auth_->accounts().create_user(
      {{"solo@example.com", "solo password", ""}, Role::viewer, "ws_default"});
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(auth_->members().remove(owner_, created->user.id).ok());

  auto known = auth_->members().invite_email(owner_, "SOLO@example.com", Role::editor);
  auto unknown = auth_->members().invite_email(owner_, "ghost@example.com", Role::editor);
  ASSERT_TRUE(known.ok()) << known.error().message;
  ASSERT_TRUE(unknown.ok()) << unknown.error().message;
  EXPECT_EQ(known->outcome, AddOutcome::invited);
  EXPECT_EQ(unknown->outcome, AddOutcome::invited);
  EXPECT_EQ(known->email, "solo@example.com");
  // Nobody joined: both are pending invitations for their address.
  EXPECT_EQ(auth_->members().list(owner_)->size(), 1u);
  auto pending = auth_->members().list_invites(owner_);
  ASSERT_EQ(pending->size(), 2u);
  for (const auto& invite : *pending) {
    EXPECT_TRUE(invite.email == "solo@example.com" || invite.email == "ghost@example.com");
  }

  // A login does not land in a workspace it did not accept, nor may ask for it.
  auto login = auth_->accounts().login({"solo@example.com", "solo password", ""});
  ASSERT_TRUE(login.ok());
  EXPECT_NE(login->workspace.id, store::kDefaultWorkspace);
  auto asked = auth_->accounts().login({"solo@example.com", "solo password", "", "ws_default"});
  EXPECT_EQ(asked.error().code, ErrorCode::forbidden);
  auto switched = auth_->accounts().refresh(login->refresh_token, "ws_default");
  EXPECT_EQ(switched.error().code, ErrorCode::forbidden);

  // Inviting again replaces the pending invitation (the newest role wins).
  ASSERT_TRUE(auth_->members().invite_email(owner_, "solo@example.com", Role::viewer).ok());
  EXPECT_EQ(auth_->members().list_invites(owner_)->size(), 2u);
  auto solo = caller_for(*login);
  auto mine = auth_->invitations().list(solo);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().role, Role::viewer);
  ASSERT_TRUE(auth_->invitations().accept(solo, mine->front().id).ok());
  // A member now: adding them again says so (the member list shows it anyway).
  EXPECT_EQ(auth_->members().invite_email(owner_, "solo@example.com", Role::editor).error().code,
            ErrorCode::conflict);
}

TEST_F(MemberServiceTest, AddingWithAPasswordCreatesOnlyAnAccountThatDidNotExist) {
  auto created = auth_->accounts().create_user(
      {{"solo@example.com", "solo password", ""}, Role::viewer, "ws_default"});
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(auth_->members().remove(owner_, created->user.id).ok());

  auto fresh =
      auth_->members().create(owner_, {"new@example.com", "given password", "New"}, Role::editor);
  ASSERT_TRUE(fresh.ok()) << fresh.error().message;
  EXPECT_EQ(fresh->outcome, AddOutcome::created);
  // The existing account is invited; its password stays its own.
  auto existing =
      auth_->members().create(owner_, {"solo@example.com", "given password", ""}, Role::editor);
  ASSERT_TRUE(existing.ok()) << existing.error().message;
  EXPECT_EQ(existing->outcome, AddOutcome::invited);
  EXPECT_EQ(existing->email, "solo@example.com");
  EXPECT_EQ(existing->role, fresh->role);
  EXPECT_FALSE(auth_->accounts().login({"solo@example.com", "given password", ""}).ok());
  EXPECT_TRUE(auth_->accounts().login({"solo@example.com", "solo password", ""}).ok());
  EXPECT_EQ(auth_->members().list(owner_)->size(), 2u);  // the owner and the new account
  // A bad password is refused the same way for both.
  auto weak_known =
      auth_->members().create(owner_, {"solo@example.com", "short", ""}, Role::editor);
  auto weak_new = auth_->members().create(owner_, {"else@example.com", "short", ""}, Role::editor);
  EXPECT_EQ(weak_known.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(weak_known.error().message, weak_new.error().message);
}

TEST_F(MemberServiceTest, AnInviteIsAcceptedOnceByANewAccount) {
  auto invite = auth_->members().invite(owner_, Role::editor);
  ASSERT_TRUE(invite.ok()) << invite.error().message;
  EXPECT_FALSE(invite->token.empty());
  auto described = auth_->members().describe_invite(invite->token);
  ASSERT_TRUE(described.ok());
  EXPECT_EQ(described->workspace_name, "Default");
  EXPECT_EQ(described->role, Role::editor);
  EXPECT_EQ(auth_->members().list_invites(owner_)->size(), 1u);

  auto session =
      auth_->members().accept_invite(invite->token, {"new@example.com", "new password", ""}, "");
  ASSERT_TRUE(session.ok()) << session.error().message;
  EXPECT_EQ(session->workspace.id, store::kDefaultWorkspace);
  EXPECT_EQ(session->workspace.role, Role::editor);

  auto again =
      auth_->members().accept_invite(invite->token, {"other@example.com", "new password", ""}, "");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::not_found);
  EXPECT_TRUE(auth_->members().list_invites(owner_)->empty());
  EXPECT_EQ(store::testing::query_column(dir_.db_path(), "SELECT token_hash FROM invites")
                .front()
                .find(invite->token),
            std::string::npos);
}

TEST_F(MemberServiceTest, AnExistingAccountAcceptsWithItsPassword) {
  auto created = auth_->accounts().create_user(
      {{"solo@example.com", "solo password", ""}, Role::viewer, "ws_default"});
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(auth_->members().remove(owner_, created->user.id).ok());
  auto invite = auth_->members().invite(owner_, Role::admin, "solo@example.com");
  ASSERT_TRUE(invite.ok());
  auto wrong =
      auth_->members().accept_invite(invite->token, {"solo@example.com", "not the one", ""}, "");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
  auto other =
      auth_->members().accept_invite(invite->token, {"else@example.com", "solo password", ""}, "");
  EXPECT_EQ(other.error().code, ErrorCode::forbidden);
  auto joined =
      auth_->members().accept_invite(invite->token, {"solo@example.com", "solo password", ""}, "");
  ASSERT_TRUE(joined.ok()) << joined.error().message;
  EXPECT_EQ(joined->workspace.role, Role::admin);
}

TEST_F(MemberServiceTest, InvitesExpireAndCanBeWithdrawn) {
  auto invite = auth_->members().invite(owner_, Role::viewer);
  ASSERT_TRUE(invite.ok());
  ASSERT_TRUE(auth_->members().revoke_invite(owner_, invite->invite.id).ok());
  EXPECT_EQ(auth_->members().describe_invite(invite->token).error().code, ErrorCode::not_found);

  auto later = auth_->members().invite(owner_, Role::viewer);
  ASSERT_TRUE(later.ok());
  clock_.advance(std::chrono::hours(24 * 7 + 1));
  auto expired =
      auth_->members().accept_invite(later->token, {"late@example.com", "late password", ""}, "");
  EXPECT_EQ(expired.error().code, ErrorCode::not_found);
}

TEST_F(MemberServiceTest, MemberChangesAreAudited) {
  Session ed = member(owner_, Role::editor, "ed@example.com");
  ASSERT_TRUE(auth_->members().change_role(owner_, ed.user.id, Role::viewer).ok());
  ASSERT_TRUE(auth_->members().remove(owner_, ed.user.id).ok());
  ASSERT_TRUE(auth_->members().invite_email(owner_, "guest@example.com", Role::viewer).ok());
  const auto actions = audit_actions(owner_);
  for (const char* action :
       {"member.created", "member.role_changed", "member.removed", "invite.created"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
  }
  // Reading the audit log needs the admin role.
  Caller viewer = caller_for(member(owner_, Role::viewer, "vi@example.com"));
  EXPECT_EQ(auth_->audit().list(viewer, 0, 10).error().code, ErrorCode::forbidden);
}

}  // namespace
}  // namespace weft::auth
