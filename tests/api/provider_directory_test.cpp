// The two levels of LLM providers: a workspace's own before the server's,
// keys only from the workspace's own vault, the address guard on workspace
// providers, and no fallback to the server when a workspace's own is broken.
#include "api/provider_directory.hpp"

#include <gtest/gtest.h>

#include "auth/auth_fixture.hpp"

namespace weft::api {
namespace {

using auth::testing::AuthTest;

class ProviderDirectoryTest : public AuthTest {
 protected:
  std::string credential(const auth::Caller& caller, std::string name, std::string token) {
    auto made = auth_->credentials().create(caller, std::move(name), "bearer",
                                            json::object{{"token", std::move(token)}});
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message);
    return made.ok() ? made->id : "";
  }

  std::string key_of(const std::shared_ptr<llm::Provider>& provider) {
    return provider == nullptr ? "<none>" : provider->config().api_key;
  }

  void SetUp() override {
    AuthTest::SetUp();
    directory = std::make_unique<ProviderDirectory>(*store_, *auth_, integrations::AddressGuard{});
  }

  std::unique_ptr<ProviderDirectory> directory;
};

TEST_F(ProviderDirectoryTest, AWorkspaceProviderComesBeforeTheServersOfTheSameName) {
  const auth::Caller owner = caller_for(setup_owner());
  ASSERT_TRUE(directory->load_server().ok());
  const std::string key = credential(owner, "mine", "sk-workspace");
  ASSERT_TRUE(directory
                  ->put_workspace(owner.workspace_id,
                                  {{"ollama", "openai", "https://llm.example/v1", key, ""}})
                  .ok());

  EXPECT_EQ(key_of(directory->resolve(owner.workspace_id, "ollama")), "sk-workspace");
  EXPECT_EQ(directory->resolve("ws_other", "ollama")->config().base_url, "http://127.0.0.1:11434")
      << "another workspace sees the server's";
  EXPECT_EQ(directory->visible_names(owner.workspace_id), std::vector<std::string>{"ollama"});
}

TEST_F(ProviderDirectoryTest, AKeyComesOnlyFromTheWorkspacesOwnVault) {
  const auth::Caller owner = caller_for(setup_owner());
  const std::string foreign = credential(owner, "owner's", "sk-owner");
  auto saved = directory->put_workspace("ws_someone_else",
                                        {{"steal", "openai", "https://x.example/v1", foreign, ""}});
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.error().pointer, "/items/0/credential");
  EXPECT_EQ(directory->resolve("ws_someone_else", "steal"), nullptr);
}

TEST_F(ProviderDirectoryTest, ABrokenWorkspaceProviderNeverFallsBackToTheServers) {
  const auth::Caller owner = caller_for(setup_owner());
  ASSERT_TRUE(directory->load_server().ok());
  const std::string key = credential(owner, "mine", "sk-workspace");
  ASSERT_TRUE(directory
                  ->put_workspace(owner.workspace_id,
                                  {{"ollama", "openai", "https://llm.example/v1", key, ""}})
                  .ok());
  ASSERT_TRUE(auth_->credentials().remove(owner, key).ok());
  directory->forget(owner.workspace_id);

  EXPECT_EQ(directory->resolve(owner.workspace_id, "ollama"), nullptr)
      << "the workspace's prompts must not go to the server's provider instead";
  auto own = directory->workspace(owner.workspace_id);
  ASSERT_TRUE(own.ok());
  EXPECT_TRUE(own->problems.contains("ollama"));
}

TEST_F(ProviderDirectoryTest, AChangedKeyIsOpenedAgainAfterForget) {
  const auth::Caller owner = caller_for(setup_owner());
  const std::string key = credential(owner, "mine", "sk-one");
  ASSERT_TRUE(directory
                  ->put_workspace(owner.workspace_id,
                                  {{"mine", "openai", "https://llm.example/v1", key, ""}})
                  .ok());
  EXPECT_EQ(key_of(directory->resolve(owner.workspace_id, "mine")), "sk-one");
  ASSERT_TRUE(auth_->credentials()
                  .update(owner, key, {std::nullopt, json::object{{"token", "sk-two"}}})
                  .ok());
  directory->forget(owner.workspace_id);
  EXPECT_EQ(key_of(directory->resolve(owner.workspace_id, "mine")), "sk-two");
}

TEST_F(ProviderDirectoryTest, ALiteralInternalAddressIsRefusedWhenSaved) {
  const auth::Caller owner = caller_for(setup_owner());
  for (const char* url : {"http://127.0.0.1:11434", "http://localhost/v1", "http://[::1]/v1",
                          "http://169.254.169.254/", "http://10.1.2.3/v1"}) {
    auto saved = directory->put_workspace(owner.workspace_id, {{"p", "openai", url, "", ""}});
    ASSERT_FALSE(saved.ok()) << url;
    EXPECT_EQ(saved.error().code, ErrorCode::address_refused) << url;
    EXPECT_EQ(saved.error().pointer, "/items/0/base_url") << url;
  }
  EXPECT_TRUE(
      directory->put_workspace(owner.workspace_id, {{"p", "openai", "https://8.8.8.8/v1", "", ""}})
          .ok());
}

TEST_F(ProviderDirectoryTest, ServerProvidersKeepTheAdminsVaultAcrossARestart) {
  const auth::Caller owner = caller_for(setup_owner());
  const std::string key = credential(owner, "server key", "sk-server");
  ASSERT_TRUE(
      directory
          ->put_server({{"shared", "openai", "http://10.0.0.5/v1", key, ""}}, owner.workspace_id)
          .ok())
      << "the operator's providers may reach private addresses";
  ProviderDirectory restarted{*store_, *auth_, integrations::AddressGuard{}};
  ASSERT_TRUE(restarted.load_server().ok());
  EXPECT_EQ(key_of(restarted.resolve("ws_any", "shared")), "sk-server");
  ASSERT_EQ(restarted.server_settings().size(), 1u);
  EXPECT_EQ(restarted.server_settings()[0].credential_workspace, owner.workspace_id);
}

}  // namespace
}  // namespace weft::api
