#include "auth/credential_service.hpp"

#include <algorithm>

#include "auth/auth_core.hpp"
#include "common/ids.hpp"
#include "common/text.hpp"

namespace weft::auth {

namespace {

constexpr std::size_t kMaxNameChars = 200;
constexpr std::size_t kMaxDataBytes = 64 * 1024;
constexpr JsonLimits kDataLimits{kMaxDataBytes, 8};

CredentialInfo info_of(const store::CredentialRecord& record) {
  return {record.id,         record.name,       record.kind,      record.fields,
          record.created_by, record.created_at, record.updated_at};
}

Status check_name(std::string_view name) {
  const bool control = std::any_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (name.empty() || utf8_length(name) > kMaxNameChars || control) {
    return Error::make(
        ErrorCode::invalid_argument,
        "a credential needs a name of 1 to 200 characters without control characters");
  }
  return Ok{};
}

std::vector<std::string> field_names(const json::object& data) {
  std::vector<std::string> names;
  for (const auto& [key, value] : data) {
    names.emplace_back(key);
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// Overwrites every string in `value` before it is freed.
void scrub(json::value& value) {
  if (value.is_string()) {
    auto& text = value.as_string();
    std::fill(text.begin(), text.end(), '\0');
  } else if (value.is_object()) {
    for (auto& [key, child] : value.as_object()) {
      scrub(child);
    }
  } else if (value.is_array()) {
    for (auto& child : value.as_array()) {
      scrub(child);
    }
  }
}

/// Whole numbers written with a fraction (`587.0`) as integers: JSON Schema
/// counts them as integers, and so must the kind's schema and the blocks that
/// read the field.
void integral_numbers(json::value& value) {
  if (value.is_double()) {
    boost::system::error_code inexact;
    const auto whole = value.to_number<std::int64_t>(inexact);
    if (!inexact) {
      value = whole;
    }
  } else if (value.is_object()) {
    for (auto& [key, child] : value.as_object()) {
      integral_numbers(child);
    }
  } else if (value.is_array()) {
    for (auto& child : value.as_array()) {
      integral_numbers(child);
    }
  }
}

/// The pointer of the first string in `value` that holds a NUL, or "" (the
/// kinds' schemas refuse NUL, but their validator reads a string only up to one).
std::string nul_at(const json::value& value, const std::string& pointer) {
  if (value.is_string()) {
    return value.get_string().find('\0') == json::string::npos ? "" : pointer;
  }
  if (value.is_object()) {
    for (const auto& [key, child] : value.get_object()) {
      if (auto found = nul_at(child, pointer_join(pointer, key)); !found.empty()) {
        return found;
      }
    }
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.get_array().size(); ++i) {
      if (auto found = nul_at(value.get_array()[i], pointer_join(pointer, i)); !found.empty()) {
        return found;
      }
    }
  }
  return "";
}

Error data_problems(std::string_view kind, const Problems& problems) {
  std::string message = "the data does not fit a `" + std::string(kind) + "` credential:";
  for (const auto& problem : problems) {
    message += " " + problem.pointer + ": " + problem.message + ";";
  }
  message.pop_back();
  Error error = Error::make(ErrorCode::invalid_input, std::move(message));
  error.pointer = problems.front().pointer;
  return error;
}

}  // namespace

const CredentialKinds& CredentialService::kinds() const {
  return core_.kinds;
}

Result<CredentialInfo> CredentialService::create(const Caller& caller, std::string name,
                                                 std::string kind, json::value data) {
  auto fail = [&](Error error) {
    scrub(data);
    return error;
  };
  if (!caller.may(Action::manage)) {
    return fail(Error::make(ErrorCode::forbidden, "creating credentials needs the admin role"));
  }
  if (auto valid = check_name(name); !valid) {
    return fail(std::move(valid).error());
  }
  if (!data.is_object()) {
    return fail(Error::make(ErrorCode::invalid_input, "a credential's data is a JSON object"));
  }
  store::CredentialRecord record;
  record.workspace_id = caller.workspace_id;
  record.id = new_id("cred");
  record.name = std::move(name);
  record.kind = std::move(kind);
  record.created_by = caller.user_id;
  record.created_at = core_.now();
  record.updated_at = record.created_at;
  auto sealed = seal(std::move(record), std::move(data.as_object()));
  if (!sealed) {
    return std::move(sealed).error();
  }
  auto stored = core_.db.insert_credential(std::move(*sealed));
  if (!stored) {
    return std::move(stored).error();
  }
  core_.audit.record(AuditEvent::by(caller, "credential.created", stored->id,
                                    {{"name", stored->name}, {"kind", stored->kind}}));
  return info_of(*stored);
}

Result<CredentialInfo> CredentialService::update(const Caller& caller, std::string_view id,
                                                 CredentialUpdate update) {
  auto fail = [&](Error error) {
    if (update.data) {
      json::value doomed = std::move(*update.data);
      scrub(doomed);
    }
    return error;
  };
  if (!caller.may(Action::manage)) {
    return fail(Error::make(ErrorCode::forbidden, "changing credentials needs the admin role"));
  }
  auto current = core_.db.get_credential(caller.workspace_id, id);
  if (!current) {
    return fail(std::move(current).error());
  }
  if (update.name) {
    if (auto valid = check_name(*update.name); !valid) {
      return fail(std::move(valid).error());
    }
    current->name = std::move(*update.name);
  }
  auto data = open(*current);
  if (!data) {
    return fail(std::move(data).error());
  }
  if (update.data) {
    for (auto& [key, value] : *update.data) {
      if (value.is_null()) {
        data->erase(key);
      } else {
        (*data)[key] = std::move(value);
      }
    }
  }
  current->updated_at = core_.now();
  auto sealed = seal(std::move(*current), std::move(*data));
  if (!sealed) {
    return fail(std::move(sealed).error());
  }
  auto stored = core_.db.update_credential(std::move(*sealed));
  if (!stored) {
    return fail(std::move(stored).error());
  }
  core_.audit.record(AuditEvent::by(caller, "credential.updated", stored->id,
                                    {{"name", stored->name}, {"kind", stored->kind}}));
  return info_of(*stored);
}

Result<store::CredentialRecord> CredentialService::seal(store::CredentialRecord record,
                                                        json::object data) {
  json::value value = std::move(data);
  auto scrubbed = [&](auto result) {
    scrub(value);
    return result;
  };
  integral_numbers(value);
  const CredentialKind* kind = core_.kinds.find(record.kind);
  if (kind == nullptr) {
    std::string known;
    for (const auto& k : core_.kinds.all()) {
      known += (known.empty() ? "" : ", ") + k.name;
    }
    return scrubbed(
        Error::make(ErrorCode::invalid_argument,
                    "unknown credential kind `" + record.kind + "`; use one of " + known));
  }
  auto problems = core_.kinds.validate(*kind, value);
  if (auto nul = nul_at(value, "/data"); !nul.empty()) {
    problems.insert(problems.begin(), {nul, "must not contain a NUL character"});
  }
  if (!problems.empty()) {
    return scrubbed(data_problems(kind->name, problems));
  }
  std::string plaintext = to_json_string(value);
  if (plaintext.size() > kMaxDataBytes) {
    wipe(plaintext);
    return scrubbed(
        Error::make(ErrorCode::limit_exceeded, "a credential's data may have at most 64 KiB"));
  }
  record.fields = field_names(value.as_object());
  record.sealed = core_.vault.seal({record.workspace_id, record.id, record.kind}, plaintext);
  wipe(plaintext);
  return scrubbed(std::move(record));
}

Result<json::object> CredentialService::open(const store::CredentialRecord& record) {
  auto plaintext = core_.vault.open({record.workspace_id, record.id, record.kind}, record.sealed);
  if (!plaintext) {
    return std::move(plaintext).error();
  }
  auto parsed = parse_json(plaintext->view(), kDataLimits);
  if (!parsed || !parsed->is_object()) {
    return Error::make(ErrorCode::internal,
                       "credential `" + record.id + "` decrypted to something not an object");
  }
  return std::move(parsed->as_object());
}

Result<std::vector<CredentialInfo>> CredentialService::list(const Caller& caller) {
  if (!caller.may(Action::read)) {
    return Error::make(ErrorCode::forbidden, "listing credentials needs a member's access");
  }
  auto records = core_.db.list_credentials(caller.workspace_id);
  if (!records) {
    return std::move(records).error();
  }
  std::vector<CredentialInfo> out;
  out.reserve(records->size());
  for (const auto& record : *records) {
    out.push_back(info_of(record));
  }
  return out;
}

Result<CredentialInfo> CredentialService::get(const Caller& caller, std::string_view id) {
  if (!caller.may(Action::read)) {
    return Error::make(ErrorCode::forbidden, "reading credentials needs a member's access");
  }
  auto record = core_.db.get_credential(caller.workspace_id, id);
  if (!record) {
    return std::move(record).error();
  }
  return info_of(*record);
}

Status CredentialService::remove(const Caller& caller, std::string_view id) {
  if (!caller.may(Action::manage)) {
    return Error::make(ErrorCode::forbidden, "deleting credentials needs the admin role");
  }
  if (auto deleted = core_.db.delete_credential(caller.workspace_id, id); !deleted) {
    return deleted;
  }
  core_.audit.record(AuditEvent::by(caller, "credential.deleted", std::string(id)));
  return Ok{};
}

Result<ResolvedCredential> CredentialService::resolve(std::string_view workspace,
                                                      std::string_view id) {
  auto record = core_.db.get_credential(workspace, id);
  if (!record) {
    return std::move(record).error();
  }
  auto data = open(*record);
  if (!data) {
    return std::move(data).error();
  }
  return ResolvedCredential{record->id, record->kind, std::move(*data)};
}

}  // namespace weft::auth
