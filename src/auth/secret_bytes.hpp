#pragma once
// Key material and other secrets in memory: a buffer that is wiped
// (sodium_memzero) when it is freed or overwritten, never copied by accident
// (move-only; copy() says it), and compared in constant time.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace weft::auth {

/// Initialises libsodium once (thread-safe); every function here calls it.
/// Aborts when the library cannot start (no randomness source): no secret
/// may be made without one.
void ensure_sodium();

class SecretBytes {
 public:
  SecretBytes() = default;
  /// `size` zero bytes.
  explicit SecretBytes(std::size_t size) : bytes_(size) {}
  /// A copy of `bytes`.
  explicit SecretBytes(std::span<const std::uint8_t> bytes) : bytes_(bytes.begin(), bytes.end()) {}
  /// Takes `text` and wipes the argument.
  static SecretBytes take(std::string& text);
  /// `size` bytes from the operating system's random source.
  static SecretBytes random(std::size_t size);

  ~SecretBytes() { wipe(); }
  SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) { other.wipe(); }
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  /// An explicit copy (a second place holding the secret).
  SecretBytes copy() const { return SecretBytes(std::span(bytes_)); }

  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  std::span<const std::uint8_t> span() const { return bytes_; }
  /// The bytes as text (for decrypted JSON); the view dies with this object.
  std::string_view view() const {
    return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()};
  }

  /// Constant-time equality (the sizes are not secret).
  bool equals(std::span<const std::uint8_t> other) const;

 private:
  void wipe() noexcept;

  std::vector<std::uint8_t> bytes_;
};

/// Overwrites `text` with zeros (for passwords held in std::string).
void wipe(std::string& text) noexcept;

/// Constant-time comparison of two byte strings (false when sizes differ).
bool constant_time_equal(std::string_view a, std::string_view b);
bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

}  // namespace weft::auth
