// API keys: format, storage and authentication (src/auth/api_key*.cpp).
#include "auth/api_key.hpp"

#include "auth/api_key_service.hpp"
#include "auth/encoding.hpp"
#include "auth_fixture.hpp"

namespace weft::auth {
namespace {

using testing::AuthTest;
using testing::contains;

TEST(ApiKeyFormat, KeysHaveAPrefixAndASecret) {
  const auto generated = generate_api_key();
  EXPECT_EQ(generated.key.rfind("wft_", 0), 0u);
  EXPECT_EQ(generated.key.size(), 4u + 8 + 1 + 43);
  EXPECT_EQ(api_key_prefix(generated.key), generated.prefix);
  EXPECT_EQ(generated.hash, sha256_hex(generated.key));
  EXPECT_TRUE(api_key_matches(generated.key, generated.hash));
  EXPECT_NE(generate_api_key().key, generated.key);
  EXPECT_TRUE(looks_like_api_key(generated.key));
  EXPECT_FALSE(looks_like_api_key("eyJhbGciOi.x.y"));
}

TEST(ApiKeyFormat, MalformedKeysHaveNoPrefix) {
  const std::string good = generate_api_key().key;
  for (const std::string& bad :
       {std::string("wft_"), good.substr(0, good.size() - 1), good + "A",
        "wft_ABCDEFGH_" + good.substr(13), "xyz_" + good.substr(4),
        good.substr(0, 12) + "-" + good.substr(13), good.substr(0, 20) + "=" + good.substr(21)}) {
    EXPECT_FALSE(api_key_prefix(bad).has_value()) << bad;
  }
}

class ApiKeyServiceTest : public AuthTest {
 protected:
  void SetUp() override {
    AuthTest::SetUp();
    owner_ = caller_for(setup_owner());
    store::PipelineRecord pipeline;
    pipeline.id = "hello";
    pipeline.name = "Hello";
    pipeline.definition = json::object{{"nodes", json::array{}}, {"edges", json::array{}}};
    ASSERT_TRUE(store_->create_pipeline(store::kDefaultWorkspace, pipeline).ok());
  }
  Caller owner_;
};

TEST_F(ApiKeyServiceTest, AKeyRoundTripsAndIsShownOnce) {
  auto created = auth_->api_keys().create(owner_, "CI", ApiKeyScope::full);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->info.name, "CI");
  EXPECT_EQ(created->key.substr(4, 8), created->info.prefix);

  auto caller = auth_->accounts().authenticate_bearer(created->key, "192.0.2.1");
  ASSERT_TRUE(caller.ok()) << caller.error().message;
  EXPECT_EQ(caller->workspace_id, store::kDefaultWorkspace);
  EXPECT_EQ(caller->user_id, owner_.user_id);
  EXPECT_EQ(caller->api_key_id, created->info.id);
  EXPECT_EQ(caller->api_key_scope, ApiKeyScope::full);
  // A full key acts as its owner creator, capped at editor.
  EXPECT_EQ(caller->role, Role::editor);
  EXPECT_TRUE(caller->may(Action::build));
  EXPECT_FALSE(caller->may(Action::manage));

  // Only the prefix and the hash are stored; the key is nowhere in the file.
  EXPECT_EQ(store::testing::query_column(dir_.db_path(), "SELECT secret_hash FROM api_keys"),
            std::vector<std::string>{sha256_hex(created->key)});
  auto listed = auth_->api_keys().list(owner_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE(listed->front().last_used_at.has_value());
}

TEST_F(ApiKeyServiceTest, ARevokedKeyIsRefused) {
  auto created = auth_->api_keys().create(owner_, "CI", ApiKeyScope::run);
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(auth_->api_keys().revoke(owner_, created->info.id).ok());
  auto refused = auth_->accounts().authenticate_bearer(created->key);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
  EXPECT_TRUE(contains(refused.error().message, "revoked"));
  EXPECT_TRUE(auth_->api_keys().list(owner_)->front().revoked_at.has_value());
}

TEST_F(ApiKeyServiceTest, TheRightPrefixWithAWrongSecretIsRefused) {
  auto created = auth_->api_keys().create(owner_, "CI", ApiKeyScope::full);
  ASSERT_TRUE(created.ok());
  const std::string forged =
      "wft_" + created->info.prefix + "_" + random_token(32);  // same prefix, other secret
  auto refused = auth_->accounts().authenticate_bearer(forged);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
  // The same answer as for a prefix nobody has.
  auto unknown = auth_->accounts().authenticate_bearer(generate_api_key().key);
  EXPECT_EQ(refused.error().message, unknown.error().message);
}

TEST_F(ApiKeyServiceTest, ARunKeyOnlyRunsItsPipeline) {
  auto created = auth_->api_keys().create(owner_, "hook", ApiKeyScope::run, "hello");
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto caller = auth_->accounts().authenticate_bearer(created->key);
  ASSERT_TRUE(caller.ok());
  EXPECT_TRUE(caller->may(Action::run, "hello"));
  EXPECT_FALSE(caller->may(Action::run, "other"));
  EXPECT_FALSE(caller->may(Action::run));
  EXPECT_FALSE(caller->may(Action::read, "hello"));
  EXPECT_FALSE(caller->may(Action::build, "hello"));
  // Where a route lets it read executions, only its pipeline's.
  EXPECT_TRUE(caller->may_read_execution("hello"));
  EXPECT_FALSE(caller->may_read_execution("other"));

  auto unknown = auth_->api_keys().create(owner_, "hook", ApiKeyScope::run, "missing");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
}

TEST_F(ApiKeyServiceTest, KeysNeedTheAdminRoleAndDieWithTheirCreatorsMembership) {
  Session admin_session = member(owner_, Role::admin, "admin@example.com");
  Caller admin = caller_for(admin_session);
  Caller editor = caller_for(member(owner_, Role::editor, "ed@example.com"));
  EXPECT_EQ(auth_->api_keys().create(editor, "x", ApiKeyScope::run).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(auth_->api_keys().list(editor).error().code, ErrorCode::forbidden);
  auto created = auth_->api_keys().create(admin, "admin's", ApiKeyScope::full);
  ASSERT_TRUE(created.ok());
  // An API key cannot make keys, even a full one of an owner.
  Caller key_caller = *auth_->accounts().authenticate_bearer(created->key);
  EXPECT_EQ(auth_->api_keys().create(key_caller, "y", ApiKeyScope::run).error().code,
            ErrorCode::forbidden);

  ASSERT_TRUE(auth_->members().remove(owner_, admin.user_id).ok());
  auto refused = auth_->accounts().authenticate_bearer(created->key);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
}

TEST_F(ApiKeyServiceTest, KeysBelongToTheirWorkspace) {
  auto created = auth_->api_keys().create(owner_, "CI", ApiKeyScope::full);
  ASSERT_TRUE(created.ok());
  auto other = auth_->accounts().create_user(
      {{"other@example.com", "other password", ""}, Role::viewer, "ws_default"});
  ASSERT_TRUE(other.ok());
  Caller elsewhere = in_own_workspace("other@example.com", "other password");
  ASSERT_NE(elsewhere.workspace_id, store::kDefaultWorkspace);
  EXPECT_TRUE(auth_->api_keys().list(elsewhere)->empty());
  EXPECT_EQ(auth_->api_keys().revoke(elsewhere, created->info.id).error().code,
            ErrorCode::not_found);
  const auto actions = audit_actions(owner_);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "api_key.created"), actions.end());
}

}  // namespace
}  // namespace weft::auth
