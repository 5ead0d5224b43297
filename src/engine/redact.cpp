#include "engine/redact.hpp"

namespace weft::engine {
namespace {

/// Scrubs every string and key of `value`; true when any changed.
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

}  // namespace

bool redact_text(std::string& text, const std::vector<std::string>& secrets) {
  bool changed = false;
  for (const auto& secret : secrets) {
    for (auto at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + kRedacted.size())) {
      text.replace(at, secret.size(), kRedacted);
      changed = true;
    }
  }
  return changed;
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
    redact_text(record.error->message, secrets);
  }
  for (auto& line : record.logs) {
    redact_text(line.message, secrets);
  }
}

}  // namespace weft::engine
