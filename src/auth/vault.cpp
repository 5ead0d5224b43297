#include "auth/vault.hpp"

#include <sodium.h>

#include "auth/encoding.hpp"

namespace weft::auth {

namespace {

constexpr std::string_view kAssociatedVersion = "weft.credential.v1";

/// Length-prefixed fields, so no two owners share associated data.
std::string associated_data(const SealedFor& owner) {
  std::string data(kAssociatedVersion);
  for (std::string_view part : {owner.workspace, owner.credential_id, owner.kind}) {
    data += '\0';
    data += std::to_string(part.size());
    data += ':';
    data += part;
  }
  return data;
}

Error unopenable(const SealedFor& owner, std::string why) {
  return Error::make(ErrorCode::internal, "credential `" + std::string(owner.credential_id) +
                                              "` cannot be decrypted: " + std::move(why));
}

}  // namespace

Vault::Vault(const KeyRing& ring) : Vault(ring.current) {
  if (ring.pending) {
    keys_.push_back({ring.pending->id(), ring.pending->vault_key()});
  }
}

Vault::Vault(const MasterKey& key) {
  ensure_sodium();
  keys_.push_back({key.id(), key.vault_key()});
}

store::SealedSecret Vault::seal(const SealedFor& owner, std::string_view plaintext) const {
  static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == 32);
  const Key& key = keys_.front();
  const std::string ad = associated_data(owner);
  std::uint8_t nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  randombytes_buf(nonce, sizeof nonce);
  std::vector<std::uint8_t> ciphertext(plaintext.size() +
                                       crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      ciphertext.data(), &length, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
      nonce, key.key.data());
  ciphertext.resize(length);
  return {base64url_encode(ciphertext), base64url_encode(std::span(nonce)), key.id};
}

Result<SecretBytes> Vault::open(const SealedFor& owner, const store::SealedSecret& sealed) const {
  const Key* key = nullptr;
  for (const Key& candidate : keys_) {
    if (candidate.id == sealed.key_id) {
      key = &candidate;
    }
  }
  if (key == nullptr) {
    return unopenable(owner, "it was encrypted with key " + sealed.key_id +
                                 " and this server holds key " + key_id() +
                                 "; was WEFT_SECRET_KEY or secret.key replaced without "
                                 "`weft vault rotate`?");
  }
  auto ciphertext = base64url_decode(sealed.ciphertext);
  auto nonce = base64url_decode(sealed.nonce);
  if (!ciphertext || !nonce || nonce->size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
      ciphertext->size() < crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return unopenable(owner, "its stored form is damaged");
  }
  const std::string ad = associated_data(owner);
  SecretBytes plaintext(ciphertext->size() - crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(plaintext.data(), &length, nullptr,
                                                 ciphertext->data(), ciphertext->size(),
                                                 reinterpret_cast<const unsigned char*>(ad.data()),
                                                 ad.size(), nonce->data(), key->key.data()) != 0) {
    return unopenable(owner, "it was altered, or belongs to another credential or workspace");
  }
  return plaintext;
}

}  // namespace weft::auth
