#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdlib>
#include <iostream>

#include "app/commands.hpp"
#include "app/seed_examples.hpp"

namespace weft::app {
namespace {

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : std::move(fallback);
}

// An integer from the environment; false (and a message) when it is not one.
bool int_from_env(const char* name, int min, int max, int& out) {
  const std::string text = env_or(name, "");
  if (text.empty()) {
    return true;
  }
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    std::cerr << "weft: " << name << " must be a whole number from " << min << " to " << max
              << "; got `" << text << "`\n";
    return false;
  }
  out = value;
  return true;
}

}  // namespace

int main_command(int argc, char** argv) {
  CLI::App cli{"weft: low-code AI workflows"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", "weft 0.1.0");

  RunArgs run;
  auto* run_cmd = cli.add_subcommand("run", "Run a pipeline file and print its outputs as JSON");
  run_cmd->add_option("file", run.file, "Pipeline JSON file")->required();
  run_cmd->add_option("--input", run.inputs, "An input as NAME=VALUE (repeatable)");
  run_cmd->add_option("--inputs", run.inputs_file, "A JSON file holding an object of inputs");
  run_cmd->add_flag("--events", run.events, "Write the run's events as JSON lines on stderr");

  ValidateArgs validate;
  auto* validate_cmd =
      cli.add_subcommand("validate", "Check a pipeline file and list every problem");
  validate_cmd->add_option("file", validate.file, "Pipeline JSON file")->required();
  validate_cmd->add_flag("--json", validate.json, "Print the problems as JSON");

  ServeArgs serve;
  serve.host = env_or("WEFT_HOST", serve.host);
  serve.data = env_or("WEFT_DATA", serve.data);
  serve.examples = default_source_dir(argv[0], "WEFT_EXAMPLES", "examples");
  serve.web = default_source_dir(argv[0], "WEFT_WEB", "web/dist");
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the API and the editor");
  serve_cmd->add_option("--host", serve.host, "Address to listen on (WEFT_HOST)");
  serve_cmd->add_option("--port", serve.port, "Port to listen on (WEFT_PORT)");
  serve_cmd->add_option("--data", serve.data, "Data directory (WEFT_DATA)");
  serve_cmd->add_option("--examples", serve.examples,
                        "Pipelines to load into a new data directory");
  serve_cmd->add_option("--web", serve.web, "The editor's built files (WEFT_WEB)");
  serve.allow_signup = env_or("WEFT_ALLOW_SIGNUP", "") == "1";
  serve.access_log = env_or("WEFT_ACCESS_LOG", serve.access_log);
  serve_cmd->add_option("--access-log", serve.access_log,
                        "Access log lines: all, errors (4xx/5xx and slow, the default), sample:N "
                        "(errors and one request in N) or off (WEFT_ACCESS_LOG)");
  serve_cmd->add_option("--db", serve.db, "Scale-out: PostgreSQL URL (not available yet)");
  serve_cmd->add_option("--queue", serve.queue, "Scale-out: Redis URL (not available yet)");
  serve_cmd->add_flag("--allow-signup", serve.allow_signup,
                      "Let anyone create an account (WEFT_ALLOW_SIGNUP=1); off by default");
  serve_cmd
      ->add_option("--keep-days", serve.keep_days,
                   "Prune executions older than this many days; 0 keeps them (WEFT_KEEP_DAYS)")
      ->check(CLI::Range(0, 36500));
  serve_cmd
      ->add_option("--keep-per-pipeline", serve.keep_per_pipeline,
                   "Keep at most this many executions per pipeline; 0 for no limit "
                   "(WEFT_KEEP_PER_PIPELINE)")
      ->check(CLI::Range(0, 100000000));
  serve_cmd
      ->add_option("--keep-per-workspace", serve.keep_per_workspace,
                   "Keep at most this many executions per workspace; 0 for no limit "
                   "(WEFT_KEEP_PER_WORKSPACE)")
      ->check(CLI::Range(0, 100000000));
  serve_cmd
      ->add_option("--run-workers", serve.run_workers,
                   "Queued runs this process runs at once (WEFT_RUN_WORKERS)")
      ->check(CLI::Range(1, 100000));

  std::string migrate_data = serve.data;
  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations");
  migrate_cmd->add_option("--data", migrate_data, "Data directory (WEFT_DATA)");

  UserCreateArgs user;
  user.data = serve.data;
  auto* user_cmd = cli.add_subcommand("user", "Manage accounts");
  user_cmd->require_subcommand(1);
  auto* user_create_cmd =
      user_cmd->add_subcommand("create", "Create an account; the first one is the owner");
  user_create_cmd->add_option("--email", user.email, "Email address to log in with")->required();
  user_create_cmd->add_option("--password", user.password,
                              "Password; - reads it from stdin (else WEFT_PASSWORD)");
  user_create_cmd->add_option("--name", user.name, "Display name");
  user_create_cmd
      ->add_option("--role", user.role,
                   "owner, admin, editor or viewer (default: owner for the first account, "
                   "else editor)")
      ->check(CLI::IsMember({"owner", "admin", "editor", "viewer"}));
  user_create_cmd->add_option("--workspace", user.workspace,
                              "Workspace to join (after the first account)");
  user_create_cmd->add_option("--data", user.data, "Data directory (WEFT_DATA)");
  user_create_cmd->add_flag("--server-admin", user.server_admin,
                            "Make the account a server admin (server LLM providers, sign-up, the "
                            "metrics token); the first account is one anyway");

  std::string vault_data = serve.data;
  auto* vault_cmd = cli.add_subcommand("vault", "The credential vault");
  vault_cmd->require_subcommand(1);
  auto* rotate_cmd = vault_cmd->add_subcommand(
      "rotate", "Re-encrypt every credential with a new master key (stop the server first)");
  rotate_cmd->add_option("--data", vault_data, "Data directory (WEFT_DATA)");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = cli.exit(e);
    return status == 0 ? 0 : 2;
  }
  if (run_cmd->parsed()) {
    return run_command(run);
  }
  if (serve_cmd->parsed()) {
    // The environment fills what the command line left out.
    int port = serve.port;
    const bool env_ok =
        (serve_cmd->count("--port") > 0 || int_from_env("WEFT_PORT", 0, 65535, port)) &&
        (serve_cmd->count("--keep-days") > 0 ||
         int_from_env("WEFT_KEEP_DAYS", 0, 36500, serve.keep_days)) &&
        (serve_cmd->count("--keep-per-pipeline") > 0 ||
         int_from_env("WEFT_KEEP_PER_PIPELINE", 0, 100'000'000, serve.keep_per_pipeline)) &&
        (serve_cmd->count("--keep-per-workspace") > 0 ||
         int_from_env("WEFT_KEEP_PER_WORKSPACE", 0, 100'000'000, serve.keep_per_workspace)) &&
        (serve_cmd->count("--run-workers") > 0 ||
         int_from_env("WEFT_RUN_WORKERS", 1, 100'000, serve.run_workers));
    if (!env_ok) {
      return 2;
    }
    serve.port = static_cast<unsigned short>(port);
    return serve_command(serve);
  }
  if (migrate_cmd->parsed()) {
    return migrate_command(migrate_data);
  }
  if (user_create_cmd->parsed()) {
    return user_create_command(user);
  }
  if (rotate_cmd->parsed()) {
    return vault_rotate_command(vault_data);
  }
  return validate_command(validate);
}

}  // namespace weft::app
