// GET /api/ws: the WebSocket of live run events (DESIGN §9).
#include "api/auth_gate.hpp"
#include "api/handlers/support.hpp"
#include "api/http/upgraded_connection.hpp"
#include "api/ws/websocket_service.hpp"

namespace weft::api {
namespace {

/// Checks the connection's token again as the gate did at the upgrade: the
/// same token must still stand for a reader of the same workspace.
StillAllowed still_allowed(auth::Auth* auth, const Request& request) {
  if (auth == nullptr || !request.caller) {
    return {};
  }
  return [auth, token = std::string(bearer_token(request)), remote = request.remote,
          workspace = request.caller->workspace_id]() -> Status {
    auto caller = auth->accounts().authenticate_bearer(token, remote);
    if (!caller) {
      return std::move(caller).error();
    }
    if (caller->workspace_id != workspace || !caller->may(auth::Action::read)) {
      return Error::make(ErrorCode::forbidden, "you may no longer read this workspace");
    }
    return Ok{};
  };
}

}  // namespace

void add_live_routes(Router& router, ApiContext& context) {
  ApiContext* ctx = &context;
  router.add_websocket(
      "/api/ws", sync_handler([ctx](Request&) {
        if (ctx->websockets == nullptr) {
          return Response::error(503, "unavailable", "live events are not served here");
        }
        Response response = Response::error(
            426, "upgrade_required",
            "/api/ws is a WebSocket: connect with a WebSocket client (Upgrade: websocket)");
        response.headers.emplace_back("Upgrade", "websocket");
        return response;
      }),
      [ctx](std::unique_ptr<UpgradedConnection> connection, Request& request) {
        if (ctx->websockets != nullptr) {
          ctx->websockets->accept(std::move(connection), std::string(workspace_of(request)),
                                  still_allowed(ctx->auth, request));
        }
      });
}

}  // namespace weft::api
