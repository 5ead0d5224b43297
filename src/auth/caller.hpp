#pragma once
// Who is making a request, as AccountService::authenticate_bearer resolved
// it: the user, the workspace the request acts in, the role there, and, for
// an API key, what the key is limited to. Handlers take the workspace from
// here, never from the request.

#include <optional>
#include <string>
#include <string_view>

#include "auth/roles.hpp"

namespace weft::auth {

enum class ApiKeyScope {
  run,   ///< only POST /api/pipelines/{id}/run and reading executions (see may_read_execution)
  full,  ///< what the creating member's role allows, capped at editor
};

std::string_view to_string(ApiKeyScope scope);
std::optional<ApiKeyScope> parse_api_key_scope(std::string_view text);

struct Caller {
  std::string user_id;       ///< for an API key: the member who created it
  std::string workspace_id;  ///< every handler scopes its queries by this
  Role role = Role::viewer;  ///< for an API key: already capped as its scope says
  std::string remote;        ///< peer address, for the audit log
  /// A signed-in server admin (never an API key): may manage what belongs to
  /// the server rather than to a workspace.
  bool server_admin = false;

  // Set when the caller authenticated with an API key.
  std::optional<std::string> api_key_id;
  std::optional<ApiKeyScope> api_key_scope;
  std::optional<std::string> api_key_pipeline;  ///< the one pipeline the key may touch

  bool is_api_key() const { return api_key_id.has_value(); }

  /// Whether the caller may do `action`, on `pipeline_id` when the route names
  /// one ("" when it names none). A run-scoped key may only run; a key limited
  /// to a pipeline may act on that pipeline only, never on routes that name none.
  bool may(Action action, std::string_view pipeline_id = {}) const;

  /// Whether the caller may read an execution of `pipeline_id`, once the
  /// route let it read executions: a key limited to a pipeline reads that
  /// pipeline's executions only (a run key not limited to one runs, and so
  /// reads, every pipeline's).
  bool may_read_execution(std::string_view pipeline_id) const;
};

}  // namespace weft::auth
