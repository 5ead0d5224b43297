#pragma once
// The subcommands of `weft` (DESIGN §7). Each returns the process exit status.

#include <string>
#include <vector>

namespace weft::app {

struct RunArgs {
  std::string file;
  std::vector<std::string> inputs;  ///< NAME=VALUE
  std::string inputs_file;
  bool events = false;
};

struct ValidateArgs {
  std::string file;
  bool json = false;
};

struct ServeArgs {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string data = "./data";
  std::string examples;          ///< pipelines loaded into a new data directory
  std::string web;               ///< the editor's production build (web/dist)
  bool allow_signup = false;     ///< open sign-up (POST /api/auth/register)
  std::string db;                ///< scale-out: a PostgreSQL URL ("" = embedded SQLite)
  std::string queue;             ///< scale-out: a Redis URL
  int keep_days = 14;            ///< executions older than this are pruned (0: keep)
  int keep_per_pipeline = 1000;  ///< and beyond this many per pipeline (0: no limit)
  /// and beyond this many per workspace (0: no limit)
  int keep_per_workspace = 10000;
  int run_workers = 256;  ///< queued runs this process runs at once
  /// Access log lines: all, errors (4xx/5xx and slow requests), sample:N or off.
  std::string access_log = "errors";
};

/// Serves until SIGINT/SIGTERM; 0 after a clean stop, 1 when it cannot start.
int serve_command(const ServeArgs& args);
/// Applies pending schema migrations to the data directory.
int migrate_command(const std::string& data);

struct UserCreateArgs {
  std::string data = "./data";
  std::string email;
  std::string password;  ///< "-" reads a line from stdin; "" takes WEFT_PASSWORD
  std::string name;
  std::string role;  ///< "": owner for the first user, editor after that
  std::string workspace = "ws_default";
  bool server_admin = false;
};

/// `weft user create`: 0 created, 1 refused (email taken, store), 2 bad arguments.
int user_create_command(const UserCreateArgs& args);
/// `weft vault rotate`: re-encrypts every credential with a new master key; 0 done, 1 not.
int vault_rotate_command(const std::string& data);

/// 0 succeeded, 1 the run failed, 2 the pipeline or the arguments are invalid.
int run_command(const RunArgs& args);
/// 0 valid, 2 invalid.
int validate_command(const ValidateArgs& args);

/// Parses argv and dispatches.
int main_command(int argc, char** argv);

}  // namespace weft::app
