#pragma once
// A small router: `GET /api/pipelines/{id}/versions` style patterns, matched
// segment by segment. The route table is data, so the OpenAPI test can check
// that the document lists exactly the routes the server serves.

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "api/http/message.hpp"

namespace weft::api {

using Handler = std::function<boost::asio::awaitable<Response>(Request&)>;

/// A connection handed over after a WebSocket upgrade request (defined in
/// upgraded_connection.hpp, which pulls in Beast).
struct UpgradedConnection;
/// Takes over an upgraded connection; called on the connection's strand.
using UpgradeHandler = std::function<void(std::unique_ptr<UpgradedConnection>, Request&)>;

/// The pattern of the fallback route (the editor's files), as logs and the auth gate see it.
inline constexpr std::string_view kFallbackPattern = "static files";

struct Route {
  std::string method;   ///< GET, POST, PUT, PATCH, DELETE
  std::string pattern;  ///< "/api/pipelines/{id}"
  Handler handler;
  /// Set for WebSocket endpoints: upgrade requests go here, plain ones to `handler`.
  UpgradeHandler upgrade;
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);
  /// A GET route that accepts WebSocket upgrades (`plain` answers other requests).
  void add_websocket(std::string pattern, Handler plain, UpgradeHandler upgrade);

  struct Match {
    const Route* route = nullptr;  ///< null: no route for this path+method
    bool path_known = false;       ///< true when another method exists for the path (405)
  };
  /// Finds the route for `method` + `path` and fills `params`.
  Match match(std::string_view method, std::string_view path,
              std::unordered_map<std::string, std::string>& params) const;

  /// Methods routed for `path`, sorted, with HEAD wherever GET is (for `Allow`).
  std::vector<std::string> allowed_methods(std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

  /// Answers GET and HEAD requests outside /api that no route matches (the editor's files).
  void set_fallback(Handler handler);
  /// The fallback route for `method` + `path`, or null.
  const Route* fallback(std::string_view method, std::string_view path) const;

 private:
  std::vector<Route> routes_;
  std::optional<Route> fallback_;
};

}  // namespace weft::api
