#include <CLI/CLI.hpp>
#include <iostream>

#include <cstdlib>

#include "app/commands.hpp"
#include "app/seed_examples.hpp"

namespace weft::app {
namespace {

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : std::move(fallback);
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
  serve.port = static_cast<unsigned short>(std::stoi(env_or("WEFT_PORT", "8080")));
  serve.data = env_or("WEFT_DATA", serve.data);
  serve.examples = default_examples_dir(argv[0]);
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the API and the editor");
  serve_cmd->add_option("--host", serve.host, "Address to listen on (WEFT_HOST)");
  serve_cmd->add_option("--port", serve.port, "Port to listen on (WEFT_PORT)");
  serve_cmd->add_option("--data", serve.data, "Data directory (WEFT_DATA)");
  serve_cmd->add_option("--examples", serve.examples, "Pipelines to load into a new data directory");

  std::string migrate_data = serve.data;
  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations");
  migrate_cmd->add_option("--data", migrate_data, "Data directory (WEFT_DATA)");

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
    return serve_command(serve);
  }
  if (migrate_cmd->parsed()) {
    return migrate_command(migrate_data);
  }
  return validate_command(validate);
}

}  // namespace weft::app
