#pragma once
// What the HTTP layer hands back to a person who logs in, and what it shows
// of users and their workspaces. No password hash ever appears here.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "auth/roles.hpp"

namespace weft::auth {

using Time = std::chrono::system_clock::time_point;

struct UserInfo {
  std::string id;
  std::string email;
  std::string name;
  Time created_at;
  bool server_admin = false;
};

struct WorkspaceInfo {
  std::string id;
  std::string name;
  Role role = Role::viewer;  ///< the user's role there
};

/// A login: a short-lived access token (send as `Authorization: Bearer …`)
/// and a refresh token (exchange at /api/auth/refresh before the access
/// token expires; each is good once).
struct Session {
  std::string access_token;
  Time access_expires_at;
  std::string refresh_token;
  Time refresh_expires_at;
  UserInfo user;
  WorkspaceInfo workspace;  ///< the workspace this session acts in
};

/// GET /api/me.
struct Me {
  UserInfo user;
  WorkspaceInfo workspace;                ///< the caller's current one
  std::vector<WorkspaceInfo> workspaces;  ///< every one the user belongs to
  std::optional<std::string> api_key_id;  ///< when the caller is an API key
};

/// What a new account is made of; the password is wiped once hashed.
struct NewAccount {
  std::string email;
  std::string password;
  std::string name;  ///< optional; defaults to the email's local part
};

}  // namespace weft::auth
