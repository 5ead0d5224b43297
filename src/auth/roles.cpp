#include "auth/roles.hpp"

#include <array>
#include <utility>

namespace weft::auth {

namespace {

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoleNames{{
    {Role::viewer, "viewer"},
    {Role::editor, "editor"},
    {Role::admin, "admin"},
    {Role::owner, "owner"},
}};

/// The least role that may do `action`.
Role least_role_for(Action action) {
  switch (action) {
    case Action::read:
    case Action::run:
      return Role::viewer;
    case Action::build:
      return Role::editor;
    case Action::manage:
      return Role::admin;
    case Action::own:
      return Role::owner;
  }
  return Role::owner;
}

}  // namespace

bool allows(Role role, Action action) {
  return role >= least_role_for(action);
}

std::string_view to_string(Role role) {
  for (const auto& [known, name] : kRoleNames) {
    if (known == role) {
      return name;
    }
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
  for (const auto& [role, name] : kRoleNames) {
    if (name == text) {
      return role;
    }
  }
  return std::nullopt;
}

std::string_view to_string(Action action) {
  switch (action) {
    case Action::read:
      return "read";
    case Action::run:
      return "run";
    case Action::build:
      return "build";
    case Action::manage:
      return "manage";
    case Action::own:
      return "own";
  }
  return "read";
}

}  // namespace weft::auth
