#pragma once
// Roles in a workspace and what each may do. Each role may do everything
// the one below it may:
//   viewer  read, run
//   editor  + build (pipelines, templates, triggers, knowledge bases)
//   admin   + manage (members, API keys, credentials, the audit log)
//   owner   + own (owners, the workspace itself)

#include <optional>
#include <string_view>

namespace weft::auth {

enum class Role { viewer, editor, admin, owner };  ///< ascending: compare with < and >

enum class Action { read, run, build, manage, own };

/// Whether `role` may do `action`.
bool allows(Role role, Action action);

std::string_view to_string(Role role);
/// "owner", "admin", "editor" or "viewer" exactly; nullopt otherwise.
std::optional<Role> parse_role(std::string_view text);

std::string_view to_string(Action action);

}  // namespace weft::auth
