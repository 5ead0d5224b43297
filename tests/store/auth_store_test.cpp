// The auth tables through the AuthStore interface (src/store/sqlite/auth_*.cpp).

#include <gtest/gtest.h>

#include "store/store_fixture.hpp"

namespace weft::store {
namespace {

using testing::at_ms;
using testing::kBaseMs;
using testing::TempDir;

const Time kNow = at_ms(kBaseMs);

NewUser person(std::string id, std::string email) {
  NewUser user;
  user.user.id = std::move(id);
  user.user.email = std::move(email);
  user.user.name = "Person " + user.user.id;
  user.user.password_hash = "$argon2id$not-a-real-hash";
  return user;
}

CredentialRecord credential(std::string workspace, std::string id, std::string name) {
  CredentialRecord record;
  record.workspace_id = std::move(workspace);
  record.id = std::move(id);
  record.name = std::move(name);
  record.kind = "bearer";
  record.fields = {"token"};
  record.sealed = {"c1pher", "n0nce", "kid1"};
  record.created_at = kNow;
  return record;
}

RefreshTokenRecord token(std::string hash, std::string user, std::string workspace,
                         std::string family, Time expires = at_ms(kBaseMs + 60'000)) {
  RefreshTokenRecord record;
  record.token_hash = std::move(hash);
  record.user_id = std::move(user);
  record.workspace_id = std::move(workspace);
  record.family_id = std::move(family);
  record.created_at = kNow;
  record.expires_at = expires;
  return record;
}

class AuthStoreTest : public ::testing::Test {
 protected:
  /// A first owner (of ws_default) and a second user with a workspace of their own.
  void SetUp() override {
    ASSERT_NE(store_, nullptr);
    NewUser first = person("u_a", "a@example.com");
    first.first_owner = true;
    auto a = auth().create_user(first, kNow);
    ASSERT_TRUE(a.ok()) << a.error().message;
    a_ = *a;
    auto b = auth().create_user(person("u_b", "b@example.com"), kNow);
    ASSERT_TRUE(b.ok()) << b.error().message;
    b_ = *b;
  }

  AuthStore& auth() { return store_->auth(); }

  TempDir dir_;
  std::unique_ptr<Store> store_ = testing::open_store(dir_.path());
  UserRecord a_;
  UserRecord b_;
};

TEST_F(AuthStoreTest, TheFirstOwnerOwnsTheDefaultWorkspaceOthersGetTheirOwn) {
  EXPECT_EQ(a_.personal_workspace_id, kDefaultWorkspace);
  EXPECT_NE(b_.personal_workspace_id, kDefaultWorkspace);
  auto owner = auth().get_membership(kDefaultWorkspace, "u_a");
  ASSERT_TRUE(owner.ok()) << owner.error().message;
  EXPECT_EQ(owner->role, "owner");
  EXPECT_EQ(owner->email, "a@example.com");
  auto own = auth().get_membership(b_.personal_workspace_id, "u_b");
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->role, "owner");
  EXPECT_EQ(own->workspace_name, "Person u_b's workspace");
  EXPECT_FALSE(auth().get_membership(kDefaultWorkspace, "u_b").ok());
}

TEST_F(AuthStoreTest, ASecondFirstOwnerAndATakenEmailAreConflicts) {
  NewUser again = person("u_c", "c@example.com");
  again.first_owner = true;
  auto second = auth().create_user(again, kNow);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::conflict);

  auto taken = auth().create_user(person("u_d", "a@example.com"), kNow);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::conflict);
  // Nothing of the refused users was kept, not even a workspace.
  EXPECT_EQ(testing::count_rows(dir_.db_path(), "users"), 2);
  EXPECT_EQ(testing::count_rows(dir_.db_path(), "workspaces"), 2);
}

TEST_F(AuthStoreTest, FindsUsersByEmail) {
  auto found = auth().find_user_by_email("b@example.com");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, "u_b");
  auto missing = auth().find_user_by_email("nobody@example.com");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_F(AuthStoreTest, TheLastOwnerCannotBeDemotedOrRemoved) {
  auto demoted = auth().set_role(kDefaultWorkspace, "u_a", "admin");
  ASSERT_FALSE(demoted.ok());
  EXPECT_EQ(demoted.error().code, ErrorCode::conflict);
  EXPECT_NE(demoted.error().message.find("last owner"), std::string::npos);
  auto removed = auth().remove_member(kDefaultWorkspace, "u_a", kNow);
  ASSERT_FALSE(removed.ok());
  EXPECT_EQ(removed.error().code, ErrorCode::conflict);

  // With a second owner, the first may step down.
  ASSERT_TRUE(auth().add_member(kDefaultWorkspace, "u_b", "owner", kNow).ok());
  auto stepped = auth().set_role(kDefaultWorkspace, "u_a", "viewer");
  ASSERT_TRUE(stepped.ok()) << stepped.error().message;
  EXPECT_EQ(stepped->role, "viewer");
  auto again = auth().remove_member(kDefaultWorkspace, "u_b", kNow);
  EXPECT_FALSE(again.ok());
}

TEST_F(AuthStoreTest, MembersListAndAddingTwiceIsAConflict) {
  ASSERT_TRUE(auth().add_member(kDefaultWorkspace, "u_b", "editor", kNow).ok());
  auto twice = auth().add_member(kDefaultWorkspace, "u_b", "viewer", kNow);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  auto members = auth().list_members(kDefaultWorkspace);
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ(members->at(1).role, "editor");
  auto of_b = auth().list_memberships_of("u_b");
  ASSERT_TRUE(of_b.ok());
  EXPECT_EQ(of_b->size(), 2u);
  auto unknown = auth().add_member(kDefaultWorkspace, "u_nobody", "viewer", kNow);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
}

TEST_F(AuthStoreTest, RemovingAMemberRevokesTheirTokensAndKeysThere) {
  ASSERT_TRUE(auth().add_member(kDefaultWorkspace, "u_b", "admin", kNow).ok());
  ASSERT_TRUE(auth().insert_refresh_token(token("h1", "u_b", "ws_default", "f1")).ok());
  ApiKeyRecord key;
  key.workspace_id = "ws_default";
  key.id = "key_1";
  key.prefix = "abcd1234";
  key.secret_hash = "hash";
  key.name = "ci";
  key.created_by = "u_b";
  key.scope = "full";
  key.created_at = kNow;
  ASSERT_TRUE(auth().insert_api_key(key).ok());

  ASSERT_TRUE(auth().remove_member(kDefaultWorkspace, "u_b", kNow).ok());
  auto found = auth().find_api_key("abcd1234");
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->revoked_at.has_value());
  auto rotated = auth().rotate_refresh_token("h1", token("h2", "", "", ""), kNow);
  ASSERT_TRUE(rotated.ok());
  EXPECT_EQ(rotated->outcome, RefreshOutcome::revoked);
}

TEST_F(AuthStoreTest, RefreshRotationAndReuse) {
  ASSERT_TRUE(auth().insert_refresh_token(token("h1", "u_a", "ws_default", "fam")).ok());
  auto first =
      auth().rotate_refresh_token("h1", token("h2", "", "", "", at_ms(kBaseMs + 90'000)), kNow);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->outcome, RefreshOutcome::rotated);
  EXPECT_EQ(first->next.family_id, "fam");
  EXPECT_EQ(first->next.user_id, "u_a");
  EXPECT_EQ(first->next.workspace_id, "ws_default");

  // h1 again: reuse; the family (h2 too) is revoked, and stays revoked.
  auto reused = auth().rotate_refresh_token("h1", token("h3", "", "", ""), kNow);
  ASSERT_TRUE(reused.ok());
  EXPECT_EQ(reused->outcome, RefreshOutcome::reused);
  auto newest = auth().rotate_refresh_token("h2", token("h4", "", "", ""), kNow);
  ASSERT_TRUE(newest.ok());
  EXPECT_EQ(newest->outcome, RefreshOutcome::revoked);
  EXPECT_EQ(testing::count_rows(dir_.db_path(), "refresh_tokens"), 2);
}

TEST_F(AuthStoreTest, RefreshRefusesUnknownExpiredAndForeignWorkspaces) {
  auto unknown = auth().rotate_refresh_token("nope", token("x", "", "", ""), kNow);
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->outcome, RefreshOutcome::unknown);

  ASSERT_TRUE(auth().insert_refresh_token(token("old", "u_a", "ws_default", "f", kNow)).ok());
  auto expired = auth().rotate_refresh_token("old", token("y", "", "", ""), kNow);
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(expired->outcome, RefreshOutcome::expired);

  ASSERT_TRUE(auth().insert_refresh_token(token("hb", "u_a", "ws_default", "g")).ok());
  auto foreign =
      auth().rotate_refresh_token("hb", token("z", "", b_.personal_workspace_id, ""), kNow);
  ASSERT_TRUE(foreign.ok());
  EXPECT_EQ(foreign->outcome, RefreshOutcome::no_membership);

  ASSERT_TRUE(auth().revoke_refresh_family("hb", kNow).ok());
  auto logged_out = auth().rotate_refresh_token("hb", token("w", "", "", ""), kNow);
  ASSERT_TRUE(logged_out.ok());
  EXPECT_EQ(logged_out->outcome, RefreshOutcome::revoked);
}

TEST_F(AuthStoreTest, ChangingThePasswordEndsSessions) {
  ASSERT_TRUE(auth().insert_refresh_token(token("h1", "u_a", "ws_default", "f")).ok());
  ASSERT_TRUE(auth().set_password("u_a", "$argon2id$new", 1'700'000'000, kNow).ok());
  auto user = auth().get_user("u_a");
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->password_hash, "$argon2id$new");
  EXPECT_EQ(user->sessions_valid_after, 1'700'000'000);
  auto rotated = auth().rotate_refresh_token("h1", token("h2", "", "", ""), kNow);
  ASSERT_TRUE(rotated.ok());
  EXPECT_EQ(rotated->outcome, RefreshOutcome::revoked);
}

TEST_F(AuthStoreTest, CredentialsRoundTripAndNamesAreUniquePerWorkspace) {
  auto created = auth().insert_credential(credential("ws_default", "cred_1", "OpenAI"));
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto got = auth().get_credential("ws_default", "cred_1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->fields, std::vector<std::string>{"token"});
  EXPECT_EQ(got->sealed.ciphertext, "c1pher");
  EXPECT_EQ(got->sealed.key_id, "kid1");

  auto same_name = auth().insert_credential(credential("ws_default", "cred_2", "OpenAI"));
  ASSERT_FALSE(same_name.ok());
  EXPECT_EQ(same_name.error().code, ErrorCode::conflict);
  // Another workspace may use the name.
  EXPECT_TRUE(
      auth().insert_credential(credential(b_.personal_workspace_id, "cred_3", "OpenAI")).ok());

  auto renamed = credential("ws_default", "cred_1", "OpenAI prod");
  renamed.fields = {"token", "extra"};
  renamed.updated_at = at_ms(kBaseMs + 5);
  auto updated = auth().update_credential(renamed);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->created_at, kNow);
  EXPECT_EQ(auth().get_credential("ws_default", "cred_1")->name, "OpenAI prod");

  ASSERT_TRUE(auth().delete_credential("ws_default", "cred_1").ok());
  auto gone = auth().delete_credential("ws_default", "cred_1");
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::not_found);
}

TEST_F(AuthStoreTest, ResealIsAllOrNothing) {
  ASSERT_TRUE(auth().insert_credential(credential("ws_default", "cred_1", "one")).ok());
  ASSERT_TRUE(auth().insert_credential(credential(b_.personal_workspace_id, "cred_2", "two")).ok());
  int calls = 0;
  auto failed = auth().reseal_credentials([&](const CredentialRecord&) -> Result<SealedSecret> {
    if (++calls == 2) {
      return Error::make(ErrorCode::internal, "boom");
    }
    return SealedSecret{"new", "n", "kid2"};
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(testing::query_column(dir_.db_path(), "SELECT DISTINCT key_id FROM credentials"),
            std::vector<std::string>{"kid1"});

  EXPECT_EQ(*auth().count_by_key(),
            (std::vector<std::pair<std::string, std::int64_t>>{{"kid1", 2}}));
  auto done = auth().reseal_credentials([](const CredentialRecord& record) {
    return Result<SealedSecret>(SealedSecret{"new-" + record.id, "n", "kid2"});
  });
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(*done, 2);
  EXPECT_EQ(auth().get_credential("ws_default", "cred_1")->sealed.ciphertext, "new-cred_1");
  EXPECT_EQ(*auth().count_by_key(),
            (std::vector<std::pair<std::string, std::int64_t>>{{"kid2", 2}}));
}

TEST_F(AuthStoreTest, InvitesAreAcceptedOnce) {
  InviteRecord invite;
  invite.workspace_id = "ws_default";
  invite.id = "inv_1";
  invite.token_hash = "th";
  invite.role = "editor";
  invite.created_by = "u_a";
  invite.created_at = kNow;
  invite.expires_at = at_ms(kBaseMs + 60'000);
  ASSERT_TRUE(auth().insert_invite(invite).ok());
  EXPECT_EQ(auth().list_invites("ws_default", kNow)->size(), 1u);
  auto found = auth().find_invite("th");
  ASSERT_TRUE(found.ok());

  auto joined = auth().accept_invite(*found, "u_b", kNow);
  ASSERT_TRUE(joined.ok()) << joined.error().message;
  EXPECT_EQ(joined->role, "editor");
  auto twice = auth().accept_invite(*found, "u_b", kNow);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  EXPECT_TRUE(auth().list_invites("ws_default", kNow)->empty());
}

TEST_F(AuthStoreTest, ANewUserCanJoinThroughAnInvite) {
  InviteRecord invite;
  invite.workspace_id = "ws_default";
  invite.id = "inv_2";
  invite.token_hash = "th2";
  invite.role = "viewer";
  invite.created_by = "u_a";
  invite.created_at = kNow;
  invite.expires_at = at_ms(kBaseMs + 60'000);
  ASSERT_TRUE(auth().insert_invite(invite).ok());
  NewUser c = person("u_c", "c@example.com");
  c.join_workspace = "ws_default";
  c.join_role = "viewer";
  c.invite_id = "inv_2";
  ASSERT_TRUE(auth().create_user(c, kNow).ok());
  EXPECT_EQ(auth().get_membership("ws_default", "u_c")->role, "viewer");

  // The invite is spent: a second newcomer with it creates nothing.
  NewUser d = person("u_d", "d@example.com");
  d.join_workspace = "ws_default";
  d.join_role = "viewer";
  d.invite_id = "inv_2";
  auto refused = auth().create_user(d, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_FALSE(auth().get_user("u_d").ok());
}

TEST_F(AuthStoreTest, AuditIsPagedNewestFirst) {
  for (int i = 0; i < 5; ++i) {
    AuditRecord record;
    record.workspace_id = "ws_default";
    record.created_at = at_ms(kBaseMs + i);
    record.action = "event." + std::to_string(i);
    record.details = json::object{{"i", i}};
    ASSERT_TRUE(auth().append_audit(record).ok());
  }
  auto page = auth().list_audit("ws_default", 0, 3);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].action, "event.4");
  EXPECT_EQ(page->items[0].details.at("i"), 4);
  ASSERT_NE(page->next_before, 0);
  auto rest = auth().list_audit("ws_default", page->next_before, 3);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->items.size(), 2u);
  EXPECT_EQ(rest->items[1].action, "event.0");
  EXPECT_EQ(rest->next_before, 0);
}

TEST_F(AuthStoreTest, PruneDropsWhatExpired) {
  ASSERT_TRUE(auth().insert_refresh_token(token("old", "u_a", "ws_default", "f", kNow)).ok());
  ASSERT_TRUE(auth().insert_refresh_token(token("new", "u_a", "ws_default", "g")).ok());
  auto pruned = auth().prune_auth(kNow, std::nullopt);
  ASSERT_TRUE(pruned.ok());
  EXPECT_EQ(*pruned, 1);
  EXPECT_EQ(testing::count_rows(dir_.db_path(), "refresh_tokens"), 1);
}

// User B's workspace queries never see A's rows.
TEST_F(AuthStoreTest, WorkspacesDoNotSeeEachOthersRows) {
  const std::string ws_b = b_.personal_workspace_id;
  ASSERT_TRUE(auth().insert_credential(credential("ws_default", "cred_a", "A's")).ok());
  ApiKeyRecord key;
  key.workspace_id = "ws_default";
  key.id = "key_a";
  key.prefix = "aaaa1111";
  key.secret_hash = "h";
  key.name = "A's key";
  key.created_by = "u_a";
  key.scope = "run";
  key.created_at = kNow;
  ASSERT_TRUE(auth().insert_api_key(key).ok());
  AuditRecord record;
  record.workspace_id = "ws_default";
  record.created_at = kNow;
  record.action = "credential.created";
  ASSERT_TRUE(auth().append_audit(record).ok());

  EXPECT_TRUE(auth().list_credentials(ws_b)->empty());
  EXPECT_EQ(auth().get_credential(ws_b, "cred_a").error().code, ErrorCode::not_found);
  EXPECT_EQ(auth().update_credential(credential(ws_b, "cred_a", "mine")).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(auth().delete_credential(ws_b, "cred_a").error().code, ErrorCode::not_found);
  EXPECT_TRUE(auth().list_api_keys(ws_b)->empty());
  EXPECT_EQ(auth().revoke_api_key(ws_b, "key_a", kNow).error().code, ErrorCode::not_found);
  EXPECT_TRUE(auth().list_audit(ws_b, 0, 50)->items.empty());
  ASSERT_EQ(auth().list_members(ws_b)->size(), 1u);
  EXPECT_EQ(auth().list_members(ws_b)->front().user_id, "u_b");
  EXPECT_FALSE(auth().find_api_key("aaaa1111")->revoked_at.has_value());
  EXPECT_EQ(auth().get_credential("ws_default", "cred_a")->name, "A's");
}

}  // namespace
}  // namespace weft::store
