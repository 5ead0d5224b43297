// GET /api/ws: the WebSocket of live run events (DESIGN §9).
#include "api/handlers/support.hpp"
#include "api/http/upgraded_connection.hpp"
#include "api/ws/websocket_service.hpp"

namespace weft::api {

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
          ctx->websockets->accept(std::move(connection), std::string(workspace_of(request)));
        }
      });
}

}  // namespace weft::api
