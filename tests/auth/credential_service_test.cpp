// Credentials: kinds, write-only values, merging updates, the canary in the
// database file (src/auth/credential_service.cpp, credential_kinds.cpp).
#include "auth/credential_service.hpp"

#include <fstream>

#include "auth_fixture.hpp"

namespace weft::auth {
namespace {

using testing::AuthTest;
using testing::contains;

constexpr std::string_view kCanary = "CANARY-7f3a9c-do-not-leak";

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class CredentialServiceTest : public AuthTest {
 protected:
  void SetUp() override {
    AuthTest::SetUp();
    owner_ = caller_for(setup_owner());
  }

  json::object data_of(const std::string& id) {
    auto resolved = auth_->credentials().resolve(owner_.workspace_id, id);
    EXPECT_TRUE(resolved.ok()) << (resolved.ok() ? "" : resolved.error().message);
    return resolved.ok() ? resolved->data : json::object{};
  }

  Caller owner_;
};

TEST_F(CredentialServiceTest, CreateShowsFieldNamesNeverValues) {
  auto created = auth_->credentials().create(
      owner_, "OpenAI", "api_key", json::object{{"key", kCanary}, {"header", "X-Api-Key"}});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->kind, "api_key");
  EXPECT_EQ(created->fields, (std::vector<std::string>{"header", "key"}));
  auto got = auth_->credentials().get(owner_, created->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "OpenAI");
  EXPECT_EQ(got->fields, created->fields);
  EXPECT_EQ(data_of(created->id).at("key").as_string(), kCanary);
}

TEST_F(CredentialServiceTest, TheCanaryIsNowhereInTheDatabaseFile) {
  for (const char* kind : {"bearer", "basic", "oauth2"}) {
    json::object data;
    if (std::string_view(kind) == "bearer") {
      data = {{"token", kCanary}};
    } else if (std::string_view(kind) == "basic") {
      data = {{"username", "me"}, {"password", kCanary}};
    } else {
      data = {{"access_token", kCanary}, {"client_secret", kCanary}};
    }
    auto created = auth_->credentials().create(owner_, kind, kind, data);
    ASSERT_TRUE(created.ok()) << created.error().message;
    CredentialUpdate update;
    update.data = json::object{{created->fields.front(), std::string(kCanary) + "-2"}};
    ASSERT_TRUE(auth_->credentials().update(owner_, created->id, update).ok());
  }
  store_->flush();
  // Every byte of the database, its WAL and its shared memory file.
  for (const std::string suffix : {"", "-wal", "-shm"}) {
    const std::string bytes = file_bytes(dir_.db_path() + suffix);
    EXPECT_FALSE(contains(bytes, kCanary)) << "weft.db" << suffix;
    EXPECT_FALSE(contains(bytes, "do-not-leak")) << "weft.db" << suffix;
  }
  // And no column of any credential row holds it.
  for (const char* column :
       {"name", "kind", "fields", "ciphertext", "nonce", "key_id", "created_by"}) {
    for (const auto& value : store::testing::query_column(
             dir_.db_path(), std::string("SELECT ") + column + " FROM credentials")) {
      EXPECT_FALSE(contains(value, "CANARY")) << column;
    }
  }
  for (const auto& value :
       store::testing::query_column(dir_.db_path(), "SELECT details FROM audit_log")) {
    EXPECT_FALSE(contains(value, "CANARY")) << value;
  }
}

TEST_F(CredentialServiceTest, DataIsCheckedAgainstTheKindsSchema) {
  auto missing = auth_->credentials().create(owner_, "mail", "smtp", json::object{{"host", "x"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(contains(missing.error().message, "port")) << missing.error().message;
  auto wrong_security = auth_->credentials().create(
      owner_, "mail", "smtp",
      json::object{{"host", "smtp.example.com"}, {"port", 587}, {"security", "ssl"}});
  ASSERT_FALSE(wrong_security.ok());
  EXPECT_EQ(wrong_security.error().pointer, "/data/security");
  auto extra =
      auth_->credentials().create(owner_, "t", "bearer", json::object{{"token", "t"}, {"oops", 1}});
  ASSERT_FALSE(extra.ok());
  EXPECT_TRUE(contains(extra.error().message, "oops"));
  auto unknown = auth_->credentials().create(owner_, "x", "ftp", json::object{{"a", "b"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(contains(unknown.error().message, "smtp"));
  EXPECT_FALSE(auth_->credentials().create(owner_, "x", "bearer", json::array{}).ok());
  EXPECT_FALSE(
      auth_->credentials().create(owner_, "", "bearer", json::object{{"token", "t"}}).ok());

  auto mail = auth_->credentials().create(owner_, "mail", "smtp",
                                          json::object{{"host", "smtp.example.com"},
                                                       {"port", 587},
                                                       {"security", "starttls"},
                                                       {"username", "me"},
                                                       {"password", "pw"}});
  ASSERT_TRUE(mail.ok()) << mail.error().message;
  auto headers = auth_->credentials().create(
      owner_, "hdrs", "headers", json::object{{"headers", json::object{{"X-Token", "abc"}}}});
  ASSERT_TRUE(headers.ok()) << headers.error().message;
  EXPECT_EQ(auth_->credentials().kinds().all().size(), 7u);
}

TEST_F(CredentialServiceTest, AnUpdateMergesFields) {
  auto created = auth_->credentials().create(owner_, "basic", "basic",
                                             json::object{{"username", "me"}, {"password", "old"}});
  ASSERT_TRUE(created.ok());
  clock_.advance(std::chrono::seconds(1));
  CredentialUpdate update;
  update.data = json::object{{"password", "new"}};
  auto updated = auth_->credentials().update(owner_, created->id, update);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_GT(updated->updated_at, updated->created_at);
  EXPECT_EQ(data_of(created->id), (json::object{{"username", "me"}, {"password", "new"}}));

  CredentialUpdate rename;
  rename.name = "renamed";
  ASSERT_TRUE(auth_->credentials().update(owner_, created->id, rename).ok());
  EXPECT_EQ(auth_->credentials().get(owner_, created->id)->name, "renamed");
  EXPECT_EQ(data_of(created->id).at("password"), "new");

  // Removing a required field breaks the schema: refused, nothing changes.
  CredentialUpdate remove;
  remove.data = json::object{{"password", nullptr}};
  auto refused = auth_->credentials().update(owner_, created->id, remove);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(data_of(created->id).at("password"), "new");

  // An optional field may go.
  auto key = auth_->credentials().create(owner_, "k", "api_key",
                                         json::object{{"key", "k"}, {"header", "X-Key"}});
  CredentialUpdate drop_header;
  drop_header.data = json::object{{"header", nullptr}};
  auto dropped = auth_->credentials().update(owner_, key->id, drop_header);
  ASSERT_TRUE(dropped.ok());
  EXPECT_EQ(dropped->fields, std::vector<std::string>{"key"});
}

TEST_F(CredentialServiceTest, NamesAreUniqueInAWorkspace) {
  ASSERT_TRUE(
      auth_->credentials().create(owner_, "one", "bearer", json::object{{"token", "t"}}).ok());
  auto twice = auth_->credentials().create(owner_, "one", "bearer", json::object{{"token", "t"}});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
}

TEST_F(CredentialServiceTest, ViewersAndEditorsReadMetadataOnly) {
  auto created =
      auth_->credentials().create(owner_, "t", "bearer", json::object{{"token", "secret"}});
  ASSERT_TRUE(created.ok());
  for (Role role : {Role::viewer, Role::editor}) {
    Caller c = caller_for(member(owner_, role, std::string(to_string(role)) + "@example.com"));
    EXPECT_TRUE(auth_->credentials().list(c).ok());
    EXPECT_TRUE(auth_->credentials().get(c, created->id).ok());
    EXPECT_EQ(
        auth_->credentials().create(c, "x", "bearer", json::object{{"token", "t"}}).error().code,
        ErrorCode::forbidden);
    EXPECT_EQ(auth_->credentials().update(c, created->id, {}).error().code, ErrorCode::forbidden);
    EXPECT_EQ(auth_->credentials().remove(c, created->id).error().code, ErrorCode::forbidden);
  }
}

TEST_F(CredentialServiceTest, AnotherWorkspaceSeesNothing) {
  auto created =
      auth_->credentials().create(owner_, "t", "bearer", json::object{{"token", "secret"}});
  ASSERT_TRUE(created.ok());
  auto other = auth_->accounts().create_user(
      {{"b@example.com", "b password", ""}, Role::viewer, "ws_default"});
  ASSERT_TRUE(other.ok());
  Caller b = in_own_workspace("b@example.com", "b password");
  ASSERT_NE(b.workspace_id, owner_.workspace_id);
  EXPECT_TRUE(auth_->credentials().list(b)->empty());
  EXPECT_EQ(auth_->credentials().get(b, created->id).error().code, ErrorCode::not_found);
  EXPECT_EQ(auth_->credentials().remove(b, created->id).error().code, ErrorCode::not_found);
  EXPECT_EQ(auth_->credentials().resolve(b.workspace_id, created->id).error().code,
            ErrorCode::not_found);
}

TEST_F(CredentialServiceTest, DeletingAndAuditing) {
  auto created = auth_->credentials().create(owner_, "t", "bearer", json::object{{"token", "x"}});
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(auth_->credentials().remove(owner_, created->id).ok());
  EXPECT_EQ(auth_->credentials().remove(owner_, created->id).error().code, ErrorCode::not_found);
  const auto actions = audit_actions(owner_);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "credential.created"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "credential.deleted"), actions.end());
}

}  // namespace
}  // namespace weft::auth
