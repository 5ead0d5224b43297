// Invitations as their invitee sees them (src/auth/invitation_service.cpp).
#include "auth/invitation_service.hpp"

#include "auth_fixture.hpp"

namespace weft::auth {
namespace {

using testing::AuthTest;

/// The owner of the default workspace, and Solo: an account of its own that
/// is no member there.
class InvitationServiceTest : public AuthTest {
 protected:
  void SetUp() override {
    AuthTest::SetUp();
    owner_ = caller_for(setup_owner());
    auto created = auth_->accounts().create_user(
        {{"solo@example.com", "solo password", "Solo"}, Role::viewer, "ws_default"});
    ASSERT_TRUE(created.ok());
    ASSERT_TRUE(auth_->members().remove(owner_, created->user.id).ok());
    solo_ = in_own_workspace("solo@example.com", "solo password");
  }

  Invitation only_invitation(const Caller& caller) {
    auto items = auth_->invitations().list(caller);
    EXPECT_TRUE(items.ok());
    EXPECT_EQ(items.ok() ? items->size() : 0u, 1u);
    return items.ok() && !items->empty() ? items->front() : Invitation{};
  }

  Caller owner_;
  Caller solo_;
};

TEST_F(InvitationServiceTest, TheInviteeSeesAcceptsAndThenLogsInThere) {
  EXPECT_TRUE(auth_->invitations().list(solo_)->empty());
  ASSERT_TRUE(auth_->members().invite_email(owner_, "Solo@Example.com", Role::editor).ok());
  const Invitation invitation = only_invitation(solo_);
  EXPECT_EQ(invitation.workspace_id, store::kDefaultWorkspace);
  EXPECT_EQ(invitation.workspace_name, "Default");
  EXPECT_EQ(invitation.role, Role::editor);
  EXPECT_EQ(invitation.invited_by, "Owner");

  auto joined = auth_->invitations().accept(solo_, invitation.id);
  ASSERT_TRUE(joined.ok()) << joined.error().message;
  EXPECT_EQ(joined->id, store::kDefaultWorkspace);
  EXPECT_EQ(joined->role, Role::editor);
  EXPECT_TRUE(auth_->invitations().list(solo_)->empty());
  EXPECT_TRUE(auth_->members().list_invites(owner_)->empty());
  // Accepted, the team is where a login lands.
  auto login = auth_->accounts().login({"solo@example.com", "solo password", ""});
  EXPECT_EQ(login->workspace.id, store::kDefaultWorkspace);
  auto again = auth_->invitations().accept(solo_, invitation.id);
  EXPECT_EQ(again.error().code, ErrorCode::not_found);
}

TEST_F(InvitationServiceTest, DecliningWithdrawsIt) {
  ASSERT_TRUE(auth_->members().invite_email(owner_, "solo@example.com", Role::viewer).ok());
  const Invitation invitation = only_invitation(solo_);
  ASSERT_TRUE(auth_->invitations().decline(solo_, invitation.id).ok());
  EXPECT_TRUE(auth_->invitations().list(solo_)->empty());
  EXPECT_TRUE(auth_->members().list_invites(owner_)->empty());
  EXPECT_EQ(auth_->invitations().accept(solo_, invitation.id).error().code, ErrorCode::not_found);
  EXPECT_FALSE(auth_->members().list(owner_)->size() > 1u);
  const auto actions = audit_actions(owner_);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "invite.declined"), actions.end());
}

TEST_F(InvitationServiceTest, OnlyTheAddresseeMayAnswer) {
  ASSERT_TRUE(auth_->members().invite_email(owner_, "solo@example.com", Role::admin).ok());
  const Invitation invitation = only_invitation(solo_);
  // Another account sees none and cannot take it: as if it did not exist.
  auto other = auth_->accounts().create_user(
      {{"other@example.com", "other password", ""}, Role::viewer, "ws_default"});
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(auth_->members().remove(owner_, other->user.id).ok());
  Caller intruder = in_own_workspace("other@example.com", "other password");
  EXPECT_TRUE(auth_->invitations().list(intruder)->empty());
  EXPECT_EQ(auth_->invitations().accept(intruder, invitation.id).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(auth_->invitations().decline(intruder, invitation.id).error().code,
            ErrorCode::not_found);
  // An API key of Solo's has no invitations to answer.
  auto key = auth_->api_keys().create(solo_, "ci", ApiKeyScope::full);
  ASSERT_TRUE(key.ok());
  Caller key_caller = *auth_->accounts().authenticate_bearer(key->key);
  EXPECT_EQ(auth_->invitations().list(key_caller).error().code, ErrorCode::forbidden);
  EXPECT_EQ(auth_->invitations().accept(key_caller, invitation.id).error().code,
            ErrorCode::forbidden);
  EXPECT_TRUE(auth_->invitations().accept(solo_, invitation.id).ok());
}

TEST_F(InvitationServiceTest, WithdrawnOrExpiredInvitationsAreGone) {
  ASSERT_TRUE(auth_->members().invite_email(owner_, "solo@example.com", Role::viewer).ok());
  const Invitation withdrawn = only_invitation(solo_);
  ASSERT_TRUE(auth_->members().revoke_invite(owner_, withdrawn.id).ok());
  EXPECT_EQ(auth_->invitations().accept(solo_, withdrawn.id).error().code, ErrorCode::not_found);

  ASSERT_TRUE(auth_->members().invite_email(owner_, "solo@example.com", Role::viewer).ok());
  const Invitation later = only_invitation(solo_);
  clock_.advance(std::chrono::hours(24 * 7 + 1));
  EXPECT_TRUE(auth_->invitations().list(solo_)->empty());
  EXPECT_EQ(auth_->invitations().accept(solo_, later.id).error().code, ErrorCode::not_found);
}

TEST_F(InvitationServiceTest, AnInviteLinkForTheAddressIsAnInvitationToo) {
  auto link = auth_->members().invite(owner_, Role::editor, "solo@example.com");
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(only_invitation(solo_).id, link->invite.id);
}

}  // namespace
}  // namespace weft::auth
