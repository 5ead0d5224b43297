// The master key and the vault: loading, sealing, tampering, rotation
// (src/auth/master_key.cpp, vault.cpp, key_rotation.cpp).
#include "auth/vault.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "auth/encoding.hpp"
#include "auth/key_file.hpp"
#include "auth/key_rotation.hpp"
#include "auth_fixture.hpp"

namespace weft::auth {
namespace {

using store::testing::TempDir;
using testing::contains;

const SealedFor kOwner{"ws_1", "cred_1", "bearer"};

unsigned mode_of(const std::string& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0);
  return info.st_mode & 0777;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Vault, RoundTrip) {
  const Vault vault(MasterKey::generate());
  const auto sealed = vault.seal(kOwner, R"({"token":"s3cret"})");
  EXPECT_EQ(sealed.key_id, vault.key_id());
  EXPECT_FALSE(contains(sealed.ciphertext, "s3cret"));
  auto opened = vault.open(kOwner, sealed);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->view(), R"({"token":"s3cret"})");
  // A fresh nonce each time.
  EXPECT_NE(vault.seal(kOwner, "same").nonce, vault.seal(kOwner, "same").nonce);
}

TEST(Vault, TamperedCiphertextIsRefused) {
  const Vault vault(MasterKey::generate());
  auto sealed = vault.seal(kOwner, R"({"token":"s3cret"})");
  auto bytes = *base64url_decode(sealed.ciphertext);
  bytes[3] ^= 0x01;
  auto tampered = sealed;
  tampered.ciphertext = base64url_encode(bytes);
  auto opened = vault.open(kOwner, tampered);
  ASSERT_FALSE(opened.ok());
  EXPECT_TRUE(contains(opened.error().message, "altered"));

  auto other_nonce = sealed;
  other_nonce.nonce = vault.seal(kOwner, "x").nonce;
  EXPECT_FALSE(vault.open(kOwner, other_nonce).ok());
  auto truncated = sealed;
  truncated.ciphertext = sealed.ciphertext.substr(0, 10);
  EXPECT_FALSE(vault.open(kOwner, truncated).ok());
  auto junk = sealed;
  junk.nonce = "!!";
  EXPECT_TRUE(contains(vault.open(kOwner, junk).error().message, "damaged"));
}

TEST(Vault, ACiphertextMovedToAnotherCredentialOrWorkspaceIsRefused) {
  const Vault vault(MasterKey::generate());
  const auto sealed = vault.seal(kOwner, R"({"token":"s3cret"})");
  EXPECT_FALSE(vault.open({"ws_1", "cred_2", "bearer"}, sealed).ok());
  EXPECT_FALSE(vault.open({"ws_2", "cred_1", "bearer"}, sealed).ok());
  EXPECT_FALSE(vault.open({"ws_1", "cred_1", "api_key"}, sealed).ok());
  // Length prefixes keep ("ws_1c", "red_1") apart from ("ws_1", "cred_1").
  EXPECT_FALSE(vault.open({"ws_1c", "red_1", "bearer"}, sealed).ok());
}

TEST(Vault, AnotherKeyCannotOpenIt) {
  const Vault one(MasterKey::generate());
  const Vault two(MasterKey::generate());
  auto opened = two.open(kOwner, one.seal(kOwner, "x"));
  ASSERT_FALSE(opened.ok());
  EXPECT_TRUE(contains(opened.error().message, "vault rotate"));
}

TEST(MasterKeyTest, SubkeysDifferFromEachOtherAndTheKey) {
  const auto key = MasterKey::generate();
  const auto vault = key.vault_key();
  const auto token = key.token_key();
  EXPECT_EQ(vault.size(), 32u);
  EXPECT_FALSE(vault.equals(token.span()));
  auto again = MasterKey::parse(key.encoded(), KeySource::environment, "test");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->vault_key().equals(vault.span()));
  EXPECT_EQ(again->id(), key.id());
  EXPECT_EQ(key.id().size(), 16u);
  EXPECT_NE(MasterKey::generate().id(), key.id());
}

TEST(MasterKeyTest, AcceptsHexAndBase64Of32Bytes) {
  const std::string hex(64, 'a');
  EXPECT_TRUE(MasterKey::parse(hex, KeySource::environment, "WEFT_SECRET_KEY").ok());
  EXPECT_TRUE(MasterKey::parse(" " + hex + "\n", KeySource::environment, "x").ok());
  const auto key = MasterKey::generate();
  const std::string standard = key.encoded();
  EXPECT_TRUE(MasterKey::parse(standard, KeySource::environment, "x").ok());
  std::string unpadded = standard;
  unpadded.pop_back();
  EXPECT_TRUE(MasterKey::parse(unpadded, KeySource::environment, "x").ok());
  EXPECT_TRUE(
      MasterKey::parse(base64url_encode(key.vault_key().span()), KeySource::environment, "x").ok());
}

TEST(MasterKeyTest, ABadSecretKeyIsRefusedWithAMessage) {
  for (const std::string& bad :
       {std::string(""), std::string("hunter2"), std::string(62, 'a'),
        base64_encode(std::vector<std::uint8_t>(16, 1)), std::string(64, 'z')}) {
    auto parsed = MasterKey::parse(bad, KeySource::environment, "WEFT_SECRET_KEY");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
    EXPECT_TRUE(contains(parsed.error().message, "WEFT_SECRET_KEY")) << parsed.error().message;
    EXPECT_TRUE(contains(parsed.error().message, "openssl rand -base64 32"));
    if (!bad.empty()) {
      EXPECT_FALSE(contains(parsed.error().message, bad)) << "the value leaked";
    }
  }
  auto short_key = MasterKey::parse(base64_encode(std::vector<std::uint8_t>(16, 1)),
                                    KeySource::environment, "WEFT_SECRET_KEY");
  EXPECT_TRUE(contains(short_key.error().message, "16 bytes, not 32"));
}

TEST(MasterKeyTest, TheKeyFileIsCreatedPrivateAndReused) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  auto first = load_keys(data, std::nullopt);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->current.source(), KeySource::key_file);
  EXPECT_TRUE(first->current.is_real_secret());
  EXPECT_EQ(mode_of(data + "/secret.key"), 0600u);
  EXPECT_FALSE(first->pending.has_value());

  auto second = load_keys(data, std::nullopt);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->current.id(), first->current.id());
  // No temporary file is left behind.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data)) {
    files += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(files, 1);
}

TEST(MasterKeyTest, AWorldReadableKeyFileIsRefused) {
  TempDir dir;
  ASSERT_TRUE(load_keys(dir.path(), std::nullopt).ok());
  const std::string path = dir.path() + "/secret.key";
  for (mode_t mode : {0644, 0640, 0604, 0660}) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    auto refused = load_keys(dir.path(), std::nullopt);
    ASSERT_FALSE(refused.ok()) << std::oct << mode;
    EXPECT_TRUE(contains(refused.error().message, "chmod 600")) << refused.error().message;
  }
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);
  EXPECT_TRUE(load_keys(dir.path(), std::nullopt).ok());
}

TEST(MasterKeyTest, TheEnvironmentWinsAndCreatesNoFile) {
  TempDir dir;
  const auto key = MasterKey::generate();
  auto ring = load_keys(dir.path(), key.encoded());
  ASSERT_TRUE(ring.ok());
  EXPECT_EQ(ring->current.id(), key.id());
  EXPECT_EQ(ring->current.source(), KeySource::environment);
  EXPECT_TRUE(ring->current.is_real_secret());
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/secret.key"));
  auto bad = load_keys(dir.path(), std::string("too short"));
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(contains(bad.error().message, "WEFT_SECRET_KEY"));
  // An empty variable counts as unset.
  EXPECT_EQ(load_keys(dir.path(), std::string())->current.source(), KeySource::key_file);
}

TEST(MasterKeyTest, AnEphemeralKeyIsNoRealSecret) {
  EXPECT_FALSE(MasterKey::generate().is_real_secret());
}

class RotationTest : public testing::AuthTest {
 protected:
  /// An Auth over keys loaded from the data directory, like `weft serve`.
  void SetUp() override {
    auto ring = load_keys(dir_.path(), std::nullopt);
    ASSERT_TRUE(ring.ok());
    auto made = Auth::create(*store_, std::move(*ring), testing::test_options(clock_));
    ASSERT_TRUE(made.ok());
    auth_ = std::move(*made);
    owner_ = caller_for(setup_owner());
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(auth_->credentials()
                      .create(owner_, "cred " + std::to_string(i), "bearer",
                              json::object{{"token", "canary-" + std::to_string(i)}})
                      .ok());
    }
  }

  std::vector<std::string> key_ids() {
    return store::testing::query_column(dir_.db_path(), "SELECT DISTINCT key_id FROM credentials");
  }

  Caller owner_;
};

TEST_F(RotationTest, RotateReencryptsEverythingAndTheOldKeyNoLongerOpens) {
  auto old_ring = load_keys(dir_.path(), std::nullopt);
  ASSERT_TRUE(old_ring.ok());
  const std::string old_id = old_ring->current.id();
  const auto old_ciphertexts =
      store::testing::query_column(dir_.db_path(), "SELECT ciphertext FROM credentials");

  auto report = rotate_key_file(store_->auth(), *old_ring, dir_.path());
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->credentials, 3);
  EXPECT_EQ(report->old_key_id, old_id);
  EXPECT_NE(report->new_key_id, old_id);
  EXPECT_EQ(key_ids(), std::vector<std::string>{report->new_key_id});
  EXPECT_NE(store::testing::query_column(dir_.db_path(), "SELECT ciphertext FROM credentials"),
            old_ciphertexts);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/secret.key.next"));
  EXPECT_EQ(mode_of(dir_.path() + "/secret.key"), 0600u);

  // The old key opens nothing any more; the new one (from the file) opens all.
  const Vault old_vault(old_ring->current);
  const std::string first_id = auth_->credentials().list(owner_)->front().id;
  auto record = store_->auth().get_credential("ws_default", first_id);
  ASSERT_TRUE(record.ok());
  EXPECT_FALSE(old_vault.open({"ws_default", record->id, "bearer"}, record->sealed).ok());
  auto new_ring = load_keys(dir_.path(), std::nullopt);
  ASSERT_TRUE(new_ring.ok());
  EXPECT_EQ(new_ring->current.id(), report->new_key_id);
  auto rebuilt = Auth::create(*store_, std::move(*new_ring), testing::test_options(clock_));
  ASSERT_TRUE(rebuilt.ok());
  auto resolved = (*rebuilt)->credentials().resolve("ws_default", record->id);
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_TRUE(contains(to_json_string(resolved->data), "canary-"));
}

TEST_F(RotationTest, AServerWithAnotherKeySaysSo) {
  EXPECT_TRUE(auth_->check_keys().ok());
  auto other = Auth::create(*store_, testing::test_keys(), testing::test_options(clock_));
  ASSERT_TRUE(other.ok());
  auto checked = (*other)->check_keys();
  ASSERT_FALSE(checked.ok());
  EXPECT_TRUE(contains(checked.error().message, "3 stored credentials")) << checked.error().message;
  EXPECT_TRUE(contains(checked.error().message, "WEFT_SECRET_KEY"));
}

TEST_F(RotationTest, AFailedRotationChangesNothing) {
  // A credential sealed with a key nobody holds any more cannot be re-sealed.
  store::CredentialRecord stray;
  stray.workspace_id = "ws_default";
  stray.id = "cred_stray";
  stray.name = "stray";
  stray.kind = "bearer";
  stray.fields = {"token"};
  stray.sealed = Vault(MasterKey::generate()).seal({"ws_default", "cred_stray", "bearer"}, "{}");
  stray.created_at = clock_.now();
  ASSERT_TRUE(store_->auth().insert_credential(stray).ok());
  const auto before =
      store::testing::query_column(dir_.db_path(), "SELECT ciphertext FROM credentials");
  const std::string key_file = read_file(dir_.path() + "/secret.key");

  auto ring = load_keys(dir_.path(), std::nullopt);
  auto report = rotate_key_file(store_->auth(), *ring, dir_.path());
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(contains(report.error().message, "cred_stray"));
  EXPECT_EQ(store::testing::query_column(dir_.db_path(), "SELECT ciphertext FROM credentials"),
            before);
  EXPECT_EQ(read_file(dir_.path() + "/secret.key"), key_file);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/secret.key.next"));
}

TEST_F(RotationTest, ARotationCutShortIsReadableAndFinishes) {
  auto ring = load_keys(dir_.path(), std::nullopt);
  // Cut short after the commit, before the rename: the database is sealed
  // with the key in secret.key.next.
  const auto next = MasterKey::generate(KeySource::key_file);
  ASSERT_TRUE(write_key_file(dir_.path() + "/secret.key.next", next, false).ok());
  ASSERT_TRUE(reseal_all(store_->auth(), *ring, next).ok());

  auto interrupted = load_keys(dir_.path(), std::nullopt);
  ASSERT_TRUE(interrupted.ok());
  ASSERT_TRUE(interrupted->pending.has_value());
  EXPECT_EQ(interrupted->pending->id(), next.id());
  // A server started now reads every credential.
  KeyRing both{interrupted->current.copy(), interrupted->pending->copy(), false, ""};
  auto server = Auth::create(*store_, std::move(both), testing::test_options(clock_));
  ASSERT_TRUE(server.ok());
  const auto listed = (*server)->credentials().list(owner_);
  ASSERT_TRUE(listed.ok());
  for (const auto& info : *listed) {
    EXPECT_TRUE((*server)->credentials().resolve("ws_default", info.id).ok()) << info.name;
  }
  // Running the rotation again finishes it, with that key.
  auto report = rotate_key_file(store_->auth(), *interrupted, dir_.path());
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->new_key_id, next.id());
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/secret.key.next"));
  EXPECT_EQ(load_keys(dir_.path(), std::nullopt)->current.id(), next.id());
  EXPECT_EQ(key_ids(), std::vector<std::string>{next.id()});
}

}  // namespace
}  // namespace weft::auth
