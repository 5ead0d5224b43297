#pragma once
// The REST API of DESIGN §9: routes and what they share.

#include <chrono>

#include "api/http/router.hpp"
#include "api/http/server.hpp"
#include "api/metrics.hpp"
#include "nodes/registry.hpp"
#include "runs/pipeline_cache.hpp"
#include "runs/run_manager.hpp"
#include "store/store.hpp"

namespace boost::asio {
class thread_pool;
}
namespace weft::auth {
class Auth;
}
namespace weft::runs {
class RunService;
}
namespace weft::triggers {
class RateLimiter;
class Scheduler;
}  // namespace weft::triggers
namespace weft::files {
class FileStore;
}
namespace weft::api {

class ProviderDirectory;
class ServerSettings;
class WebSocketService;

struct ApiContext {
  store::Store& store;
  runs::RunManager& runs;
  runs::PipelineCache& pipelines;
  const nodes::Registry& registry;
  Metrics& metrics;
  ServerLimits limits;
  const Server* server = nullptr;          ///< for request counts in /metrics; set once listening
  WebSocketService* websockets = nullptr;  ///< `GET /api/ws`; 503 when absent
  auth::Auth* auth = nullptr;              ///< accounts, keys, credentials; 503 when absent
  ProviderDirectory* providers = nullptr;  ///< LLM providers; 503 when absent
  ServerSettings* server_settings = nullptr;     ///< sign-up, metrics token; 503 when absent
  boost::asio::thread_pool* blocking = nullptr;  ///< for password hashing
  std::chrono::milliseconds max_wait{30'000};    ///< longest a `wait=true` run request waits
  runs::RunService* run_service = nullptr;       ///< starts `/run` and retries; 503 when absent
  triggers::Scheduler* scheduler = nullptr;      ///< woken when a schedule changes (may be absent)
  triggers::RateLimiter* trigger_limits =
      nullptr;                        ///< webhooks' and forms' rate limits (may be absent)
  files::FileStore* files = nullptr;  ///< uploads and downloads (`/api/files`); 503 when absent
};

/// Registers every route on `router`.
void add_routes(Router& router, ApiContext& context);

// One function per resource, each in handlers/<resource>.cpp.
void add_pipeline_routes(Router& router, ApiContext& context);
void add_run_routes(Router& router, ApiContext& context);
void add_test_run_routes(Router& router, ApiContext& context);
void add_live_routes(Router& router, ApiContext& context);
void add_account_routes(Router& router, ApiContext& context);
void add_member_routes(Router& router, ApiContext& context);
void add_api_key_routes(Router& router, ApiContext& context);
void add_credential_routes(Router& router, ApiContext& context);
void add_settings_routes(Router& router, ApiContext& context);
void add_server_routes(Router& router, ApiContext& context);
void add_execution_routes(Router& router, ApiContext& context);
void add_queue_routes(Router& router, ApiContext& context);
void add_trigger_routes(Router& router, ApiContext& context);
void add_webhook_routes(Router& router, ApiContext& context);
void add_form_routes(Router& router, ApiContext& context);
void add_system_routes(Router& router, ApiContext& context);
void add_file_routes(Router& router, ApiContext& context);

/// The OpenAPI 3.1 document describing every route.
json::value openapi_document();

/// The workspace of the request's caller ("" without one: no rows match).
std::string_view workspace_of(const Request& request);

}  // namespace weft::api
