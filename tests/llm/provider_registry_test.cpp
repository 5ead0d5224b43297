// The provider registry: providers from the environment, changes at run
// time while readers use it, and the address guard's view of providers.
#include "llm/provider_registry.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "integrations/http_client.hpp"
#include "llm_test_util.hpp"

namespace weft::llm {
namespace {

using testing::LlmPeer;
using testing::run_coro;

/// Sets (or unsets) an environment variable for one test.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) {
      old_ = old;
    }
    value == nullptr ? unsetenv(name) : setenv(name, value, 1);
  }
  ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(OllamaUrl, TakesOllamasOwnSpellings) {
  EXPECT_EQ(ollama_url(""), "http://127.0.0.1:11434");
  EXPECT_EQ(ollama_url("0.0.0.0"), "http://127.0.0.1:11434");
  EXPECT_EQ(ollama_url("0.0.0.0:8000"), "http://127.0.0.1:8000");
  EXPECT_EQ(ollama_url("gpu-box:1234"), "http://gpu-box:1234");
  EXPECT_EQ(ollama_url("http://10.0.0.5"), "http://10.0.0.5:11434");
  EXPECT_EQ(ollama_url("https://ollama.example.com/"), "https://ollama.example.com");
}

TEST(ConfigsFromEnv, OllamaAlwaysOpenAiWhenConfigured) {
  ScopedEnv host("OLLAMA_HOST", nullptr);
  ScopedEnv base("OPENAI_BASE_URL", nullptr);
  ScopedEnv key("OPENAI_API_KEY", nullptr);
  auto configs = configs_from_env();
  ASSERT_EQ(configs.size(), 1u);
  EXPECT_EQ(configs[0].name, "ollama");
  EXPECT_EQ(configs[0].base_url, "http://127.0.0.1:11434");

  ScopedEnv with_key("OPENAI_API_KEY", "sk-abc");
  configs = configs_from_env();
  ASSERT_EQ(configs.size(), 2u);
  EXPECT_EQ(configs[1].name, "openai");
  EXPECT_EQ(configs[1].kind, ProviderKind::openai_compatible);
  EXPECT_EQ(configs[1].base_url, "https://api.openai.com/v1");
  EXPECT_EQ(configs[1].api_key, "sk-abc");

  ScopedEnv local("OPENAI_BASE_URL", "http://localhost:8080/v1");
  ScopedEnv ollama("OLLAMA_HOST", "gpu-box");
  configs = configs_from_env();
  EXPECT_EQ(configs[0].base_url, "http://gpu-box:11434");
  EXPECT_EQ(configs[1].base_url, "http://localhost:8080/v1");
}

TEST(ProviderKind, UnknownKindsAreOpenAiCompatible) {
  EXPECT_EQ(provider_kind("ollama"), ProviderKind::ollama);
  EXPECT_EQ(provider_kind("vllm"), ProviderKind::openai_compatible);
  EXPECT_EQ(provider_kind("lmstudio"), ProviderKind::openai_compatible);
}

TEST(ProviderRegistry, AddsReplacesAndRemovesProviders) {
  ProviderRegistry registry{integrations::AddressGuard{}};
  ASSERT_TRUE(registry.replace(configs_from_env()).ok());
  EXPECT_NE(registry.find("ollama"), nullptr);
  ASSERT_TRUE(registry
                  .put({.name = "lmstudio",
                        .kind = provider_kind("lmstudio"),
                        .base_url = "http://192.168.1.20:1234"})
                  .ok());
  auto lmstudio = registry.find("lmstudio");
  ASSERT_NE(lmstudio, nullptr);
  EXPECT_EQ(lmstudio->config().base_url, "http://192.168.1.20:1234/v1");
  EXPECT_EQ(describe(lmstudio->config()),
            "`lmstudio` (OpenAI-compatible) at http://192.168.1.20:1234/v1");
  EXPECT_EQ(registry.names(), (std::vector<std::string>{"lmstudio", "ollama"}));
  EXPECT_TRUE(registry.remove("lmstudio"));
  EXPECT_FALSE(registry.remove("lmstudio"));
  EXPECT_EQ(registry.find("lmstudio"), nullptr);
  EXPECT_EQ(lmstudio->config().name, "lmstudio") << "a provider in use outlives its removal";
}

TEST(ProviderRegistry, ABadConfigChangesNothing) {
  ProviderRegistry registry{integrations::AddressGuard{}};
  ASSERT_TRUE(registry.replace(configs_from_env()).ok());
  auto bad_url = registry.put({.name = "x", .kind = ProviderKind::ollama, .base_url = "ftp://h"});
  ASSERT_FALSE(bad_url.ok());
  EXPECT_EQ(bad_url.error().code, ErrorCode::invalid_argument);
  auto twice = registry.replace(
      {{.name = "a", .base_url = "http://h:1"}, {.name = "a", .base_url = "http://h:2"}});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message, "two LLM providers are named `a`");
  EXPECT_FALSE(registry.put({.name = "has space", .base_url = "http://h:1"}).ok());
  EXPECT_EQ(registry.names(), std::vector<std::string>{"ollama"});
}

TEST(ProviderRegistry, ReadersSeeACompleteSetWhileItIsReplaced) {
  ProviderRegistry registry{integrations::AddressGuard{}};
  ASSERT_TRUE(registry.replace(configs_from_env()).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> missing{0};
  std::thread reader([&] {
    while (!stop) {
      auto provider = registry.find("ollama");
      missing += provider == nullptr ? 1 : 0;
      if (provider != nullptr && provider->config().base_url.empty()) {
        ++missing;
      }
    }
  });
  for (int i = 0; i < 500; ++i) {
    ASSERT_TRUE(registry
                    .put({.name = "ollama",
                          .base_url = "http://10.0.0." + std::to_string(i % 250 + 1) + ":11434"})
                    .ok());
  }
  stop = true;
  reader.join();
  EXPECT_EQ(missing.load(), 0);
}

TEST(ProviderRegistry, AProviderOnLoopbackIsAdmittedWhileTheSharedClientStillRefusesIt) {
  LlmPeer peer;
  ProviderRegistry registry{integrations::AddressGuard{}};
  ASSERT_TRUE(registry.replace({{.name = "ollama", .base_url = peer.url()}}).ok());
  auto provider = registry.find("ollama");
  auto models = run_coro([&] { return provider->list_models(); });
  EXPECT_TRUE(models.ok()) << models.error().message;

  auto shared = integrations::make_http_client(integrations::AddressGuard{});
  auto refused = run_coro([&] { return shared->send({.url = peer.url("/api/tags")}); });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::address_refused);
}

TEST(ProviderRegistry, AWorkspaceProviderOnLoopbackIsRefusedLikeHttpRequest) {
  LlmPeer peer;
  ProviderRegistry registry{integrations::AddressGuard{}, ProviderTrust::guarded};
  ASSERT_TRUE(registry.replace({{.name = "mine", .base_url = peer.url()}}).ok());
  auto models = run_coro([&] { return registry.find("mine")->list_models(); });
  ASSERT_FALSE(models.ok());
  EXPECT_EQ(models.error().code, ErrorCode::address_refused) << models.error().message;

  auto allowed = integrations::AddressGuard::create({"127.0.0.1/32"});
  ASSERT_TRUE(allowed.ok());
  ProviderRegistry permitted{*allowed, ProviderTrust::guarded};
  ASSERT_TRUE(permitted.replace({{.name = "mine", .base_url = peer.url()}}).ok());
  models = run_coro([&] { return permitted.find("mine")->list_models(); });
  EXPECT_TRUE(models.ok()) << models.error().message;
}

TEST(ProviderRegistry, IsAOneLevelSourceForTheCommandLine) {
  ProviderRegistry registry{integrations::AddressGuard{}};
  ASSERT_TRUE(registry.replace({{.name = "ollama", .base_url = "http://gpu-box:11434"}}).ok());
  const ProviderSource& source = registry;
  EXPECT_NE(source.resolve("any workspace", "ollama"), nullptr);
  EXPECT_EQ(source.resolve("any workspace", "openai"), nullptr);
  EXPECT_EQ(source.visible_names(""), std::vector<std::string>{"ollama"});
}

}  // namespace
}  // namespace weft::llm
