#include "engine/redact.hpp"

#include <optional>
#include <string_view>

namespace weft::engine {
namespace {

/// At most this many separator characters between two characters of a
/// secret still make a copy of it (", " between letters is two).
constexpr std::size_t kMaxGap = 3;

char fold(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// What a copy may put between a secret's characters ("s e c r e t",
/// "s-e-c-r-e-t", "s, e, c"). Kept to whitespace and punctuation people
/// join characters with, so ordinary text around a secret is not eaten.
bool is_separator(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '-':
    case '_':
    case '.':
    case ',':
    case ':':
    case ';':
    case '|':
    case '/':
      return true;
    default:
      return false;
  }
}

/// The end of a copy of `secret` starting at `text[at]`, if one starts there.
std::optional<std::size_t> copy_end(std::string_view text, std::size_t at,
                                    std::string_view secret) {
  std::size_t i = at;
  std::size_t gap = 0;
  for (std::size_t k = 0; k < secret.size();) {
    if (i >= text.size()) {
      return std::nullopt;
    }
    if (fold(text[i]) == fold(secret[k])) {
      ++i;
      ++k;
      gap = 0;
    } else if (k > 0 && gap < kMaxGap && is_separator(text[i])) {
      ++i;
      ++gap;
    } else {
      return std::nullopt;
    }
  }
  return i;
}

bool redact_one(std::string& text, std::string_view secret) {
  if (secret.empty()) {
    return false;
  }
  bool changed = false;
  const char first = fold(secret.front());
  for (std::size_t at = 0; at < text.size();) {
    if (fold(text[at]) != first) {
      ++at;
      continue;
    }
    const auto end = copy_end(text, at, secret);
    if (!end) {
      ++at;
      continue;
    }
    text.replace(at, *end - at, kRedacted);
    at += kRedacted.size();
    changed = true;
  }
  return changed;
}

}  // namespace

bool redact_text(std::string& text, const std::vector<std::string>& secrets) {
  bool changed = false;
  for (const auto& secret : secrets) {
    changed |= redact_one(text, secret);
  }
  return changed;
}

bool redact_json(json::value& value, const std::vector<std::string>& secrets) {
  bool changed = false;
  if (value.is_string()) {
    std::string text(value.get_string());
    if (redact_text(text, secrets)) {
      value = json::string(text);
      changed = true;
    }
  } else if (value.is_array()) {
    for (auto& item : value.get_array()) {
      changed |= redact_json(item, secrets);
    }
  } else if (value.is_object()) {
    json::object scrubbed;
    for (auto& [key, item] : value.get_object()) {
      std::string name(key);
      changed |= redact_text(name, secrets);
      changed |= redact_json(item, secrets);
      scrubbed[name] = std::move(item);
    }
    value = std::move(scrubbed);
  }
  return changed;
}

void redact(Error& error, const std::vector<std::string>& secrets) {
  redact_text(error.message, secrets);
}

void redact(NodeRun& record, const std::vector<std::string>& secrets) {
  if (secrets.empty()) {
    return;
  }
  if (record.output) {
    json::value copy = *record.output;
    if (redact_json(copy, secrets)) {
      record.output = std::make_shared<const json::value>(std::move(copy));
    }
  }
  if (record.error) {
    redact(*record.error, secrets);
  }
  for (auto& line : record.logs) {
    redact_text(line.message, secrets);
  }
}

}  // namespace weft::engine
