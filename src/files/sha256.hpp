#pragma once
// SHA-256 over bytes fed in pieces (OpenSSL EVP), for content-addressed blobs.

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace weft::files {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  void update(std::string_view bytes);
  /// The digest as 64 lowercase hex digits; the hasher is spent afterwards.
  std::string hex();

 private:
  struct Free {
    void operator()(evp_md_ctx_st* context) const;
  };
  std::unique_ptr<evp_md_ctx_st, Free> context_;
};

/// Whether `text` is 64 lowercase hex digits (a digest this code wrote).
bool is_sha256_hex(std::string_view text);

}  // namespace weft::files
