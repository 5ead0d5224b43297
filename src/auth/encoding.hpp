#pragma once
// Encodings of bytes as text (libsodium's, strict: no whitespace, no
// padding where none belongs, canonical trailing bits) and SHA-256 digests.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace weft::auth {

/// base64url without padding (RFC 4648 §5), as JWTs and our tokens use.
std::string base64url_encode(std::span<const std::uint8_t> bytes);
std::string base64url_encode(std::string_view bytes);
/// Strict decoding: nullopt on any character outside the alphabet, `=`,
/// or bits left over.
std::optional<std::vector<std::uint8_t>> base64url_decode(std::string_view text);

/// Standard base64 (RFC 4648 §4), with or without `=` padding.
std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);
std::string base64_encode(std::span<const std::uint8_t> bytes);

/// Lower-case hexadecimal.
std::string hex_encode(std::span<const std::uint8_t> bytes);
/// Either case; nullopt on an odd length or a non-hex character.
std::optional<std::vector<std::uint8_t>> hex_decode(std::string_view text);

/// SHA-256 of `data`, in lower-case hex: how tokens and keys are stored.
std::string sha256_hex(std::string_view data);

/// `size` random bytes as base64url: a bearer secret (refresh token, invite).
std::string random_token(std::size_t size = 32);

}  // namespace weft::auth
