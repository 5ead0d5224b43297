// `weft user create` and `weft vault rotate`, run as the real binary
// (src/app/user_command.cpp, vault_command.cpp).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "auth/key_rotation.hpp"
#include "auth_fixture.hpp"
#include "fixtures/paths.hpp"
#include "fixtures/process.hpp"

namespace weft::auth {
namespace {

using testing::contains;
using weft::testing::run_weft;

/// Runs `weft args` through a shell with `input` on stdin; stdout and stderr together.
std::pair<int, std::string> run_with_stdin(const std::string& input, const std::string& args) {
  const std::string command =
      "printf '%s\\n' '" + input + "' | " + weft::testing::weft_binary() + " " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string output;
  char buffer[256];
  while (pipe != nullptr && std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
    output += buffer;
  }
  const int status = pipe == nullptr ? -1 : ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

class UserCommandTest : public ::testing::Test {
 protected:
  /// Logs in against the data directory with its own Auth.
  Result<Session> login(const std::string& email, const std::string& password) {
    auto store = store::testing::open_store(dir_.path());
    testing::TestClock clock;
    auto made = Auth::create(*store, testing::test_keys(), testing::test_options(clock));
    return (*made)->accounts().login({email, password, ""});
  }

  store::testing::TempDir dir_;
};

TEST_F(UserCommandTest, TheFirstAccountIsTheOwnerOfTheDefaultWorkspace) {
  auto r = run_weft({"user", "create", "--email", "Admin@Example.com", "--password",
                     "a long password", "--name", "Ada", "--data", dir_.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "created the owner admin@example.com")) << r.out;
  EXPECT_TRUE(contains(r.out, "owner of workspace ws_default")) << r.out;
  auto session = login("admin@example.com", "a long password");
  ASSERT_TRUE(session.ok()) << session.error().message;
  EXPECT_EQ(session->workspace.id, store::kDefaultWorkspace);
  EXPECT_EQ(session->user.name, "Ada");
  // An in-memory key sufficed: no key file was made.
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/secret.key"));
}

TEST_F(UserCommandTest, LaterAccountsJoinWithARole) {
  ASSERT_EQ(run_weft({"user", "create", "--email", "a@example.com", "--password", "password a",
                      "--data", dir_.path()})
                .exit_code,
            0);
  auto viewer = run_weft(
      {"user", "create", "--email", "v@example.com", "--role", "viewer", "--data", dir_.path()},
      {"WEFT_PASSWORD=password v"});
  ASSERT_EQ(viewer.exit_code, 0) << viewer.err;
  EXPECT_TRUE(contains(viewer.out, "viewer of workspace ws_default")) << viewer.out;
  EXPECT_TRUE(login("v@example.com", "password v").ok());

  auto taken = run_weft({"user", "create", "--email", "V@example.com", "--password", "password v",
                         "--data", dir_.path()});
  EXPECT_EQ(taken.exit_code, 1);
  EXPECT_TRUE(contains(taken.err, "exists already")) << taken.err;
}

TEST_F(UserCommandTest, ThePasswordCanComeFromStdin) {
  auto [status, output] = run_with_stdin(
      "from stdin 123", "user create --email s@example.com --password - --data " + dir_.path());
  ASSERT_EQ(status, 0) << output;
  EXPECT_TRUE(login("s@example.com", "from stdin 123").ok());
}

TEST_F(UserCommandTest, BadArgumentsExit2WithAMessage) {
  auto no_password =
      run_weft({"user", "create", "--email", "a@example.com", "--data", dir_.path()});
  EXPECT_EQ(no_password.exit_code, 2);
  EXPECT_TRUE(contains(no_password.err, "WEFT_PASSWORD")) << no_password.err;
  auto short_one = run_weft(
      {"user", "create", "--email", "a@example.com", "--password", "short", "--data", dir_.path()});
  EXPECT_EQ(short_one.exit_code, 2);
  EXPECT_TRUE(contains(short_one.err, "at least 8 characters")) << short_one.err;
  auto not_owner = run_weft({"user", "create", "--email", "a@example.com", "--password",
                             "long enough", "--role", "editor", "--data", dir_.path()});
  EXPECT_EQ(not_owner.exit_code, 2);
  EXPECT_TRUE(contains(not_owner.err, "first user is the owner")) << not_owner.err;
  auto bad_role = run_weft({"user", "create", "--email", "a@example.com", "--password",
                            "long enough", "--role", "root", "--data", dir_.path()});
  EXPECT_EQ(bad_role.exit_code, 2);
  auto bad_email = run_weft(
      {"user", "create", "--email", "nobody", "--password", "long enough", "--data", dir_.path()});
  EXPECT_EQ(bad_email.exit_code, 2);
}

class VaultCommandTest : public testing::AuthTest {
 protected:
  /// An Auth over the data directory's keys, with two credentials.
  void SetUp() override {
    auto ring = load_keys(dir_.path(), std::nullopt);
    ASSERT_TRUE(ring.ok());
    old_id_ = ring->current.id();
    auto made = Auth::create(*store_, std::move(*ring), testing::test_options(clock_));
    ASSERT_TRUE(made.ok());
    auth_ = std::move(*made);
    owner_ = caller_for(setup_owner());
    for (const char* name : {"one", "two"}) {
      auto created = auth_->credentials().create(owner_, name, "bearer",
                                                 json::object{{"token", "canary-token"}});
      ASSERT_TRUE(created.ok());
      ids_.push_back(created->id);
    }
  }

  /// Whether an Auth holding `ring` opens every credential.
  bool opens_all(KeyRing ring) {
    auto made = Auth::create(*store_, std::move(ring), testing::test_options(clock_));
    for (const auto& id : ids_) {
      if (!(*made)->credentials().resolve(owner_.workspace_id, id).ok()) {
        return false;
      }
    }
    return true;
  }

  Caller owner_;
  std::string old_id_;
  std::vector<std::string> ids_;
};

TEST_F(VaultCommandTest, RotatesTheKeyFile) {
  auto r = run_weft({"vault", "rotate", "--data", dir_.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "re-encrypted 2 credentials")) << r.out;
  EXPECT_TRUE(contains(r.out, "back it up")) << r.out;
  auto ring = load_keys(dir_.path(), std::nullopt);
  ASSERT_TRUE(ring.ok());
  EXPECT_NE(ring->current.id(), old_id_);
  EXPECT_TRUE(opens_all(std::move(*ring)));
  // The Auth built on the old key opens nothing any more.
  EXPECT_FALSE(auth_->credentials().resolve(owner_.workspace_id, ids_[0]).ok());
}

TEST_F(VaultCommandTest, RotatesAnEnvironmentKeyAndPrintsTheNewOne) {
  // Start over with the credentials under an environment key.
  const MasterKey env_key = MasterKey::generate(KeySource::environment);
  auto ring = load_keys(dir_.path(), std::nullopt);
  ASSERT_TRUE(reseal_all(store_->auth(), *ring, env_key).ok());
  std::filesystem::remove(dir_.path() + "/secret.key");

  auto r = run_weft({"vault", "rotate", "--data", dir_.path()},
                    {"WEFT_SECRET_KEY=" + env_key.encoded()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "Set WEFT_SECRET_KEY to the new key")) << r.err;
  auto next = MasterKey::parse(r.out, KeySource::environment, "stdout");
  ASSERT_TRUE(next.ok()) << r.out;
  EXPECT_NE(next->id(), env_key.id());
  EXPECT_TRUE(opens_all({next->copy(), std::nullopt, false, ""}));
  EXPECT_FALSE(opens_all({env_key.copy(), std::nullopt, false, ""}));
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/secret.key"));
}

TEST_F(VaultCommandTest, ABadEnvironmentKeyIsRefused) {
  auto r = run_weft({"vault", "rotate", "--data", dir_.path()}, {"WEFT_SECRET_KEY=hunter2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "WEFT_SECRET_KEY")) << r.err;
  EXPECT_FALSE(contains(r.err, "hunter2"));
  // The wrong (but well-formed) key changes nothing either.
  auto wrong = run_weft({"vault", "rotate", "--data", dir_.path()},
                        {"WEFT_SECRET_KEY=" + MasterKey::generate().encoded()});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_TRUE(contains(wrong.err, "nothing was changed")) << wrong.err;
  auto unchanged = load_keys(dir_.path(), std::nullopt);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_TRUE(opens_all(std::move(*unchanged)));
}

TEST(VaultCommand, WithoutAKeyFileThereIsNothingToRotate) {
  store::testing::TempDir dir;
  auto r = run_weft({"vault", "rotate", "--data", dir.path()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "no key file")) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/secret.key"));
}

}  // namespace
}  // namespace weft::auth
