#include <CLI/CLI.hpp>
#include <iostream>

#include "app/commands.hpp"

namespace weft::app {

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

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = cli.exit(e);
    return status == 0 ? 0 : 2;
  }
  if (run_cmd->parsed()) {
    return run_command(run);
  }
  return validate_command(validate);
}

}  // namespace weft::app
