#pragma once
// What a client calls its file is shown, never trusted: files are stored
// under their SHA-256, and a name only travels with the file value.

#include <string>
#include <string_view>

namespace weft::files {

/// Longest display name, in bytes.
inline constexpr std::size_t kMaxNameBytes = 255;

/// `sent` made safe to show and to offer as a download name: the part after
/// the last `/` or `\`, without NUL, control characters or broken UTF-8,
/// trimmed, at most kMaxNameBytes (never cut inside a character); "file"
/// when nothing (or only `.`/`..`) is left.
std::string display_name(std::string_view sent);

/// Whether `text` is well-formed UTF-8 (what a JSON string may hold).
bool is_utf8(std::string_view text);

/// A MIME type as sent (`type/subtype`, parameters dropped, lower-cased);
/// `application/octet-stream` when it is not one.
std::string clean_mime(std::string_view sent);

}  // namespace weft::files
