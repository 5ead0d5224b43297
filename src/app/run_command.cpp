#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>

#include "app/commands.hpp"
#include "app/pipeline_file.hpp"
#include "common/ids.hpp"
#include "engine/engine.hpp"
#include "integrations/http_client.hpp"
#include "llm/provider_registry.hpp"
#include "nodes/registry.hpp"

namespace weft::app {
namespace {

constexpr std::size_t kMaxInputsFileBytes = 16 * 1024 * 1024;

/// Writes each event as one JSON line on stderr.
class StderrEvents final : public engine::EventSink {
 public:
  void on_event(const engine::Event& event) override {
    std::cerr << to_json_string(engine::to_json(event)) << "\n";
  }
};

void print_problems(const std::string& where, const Problems& problems) {
  for (const auto& p : problems) {
    std::cerr << where << ": " << (p.pointer.empty() ? "/" : p.pointer) << ": " << p.message
              << "\n";
  }
}

// --inputs FILE first, then each --input NAME=VALUE on top.
Result<json::object> collect_inputs(const RunArgs& args) {
  json::object inputs;
  if (!args.inputs_file.empty()) {
    auto text = read_file(args.inputs_file, kMaxInputsFileBytes);
    if (!text) {
      return std::move(text).error();
    }
    auto doc = parse_json(*text, JsonLimits{.max_bytes = kMaxInputsFileBytes, .max_depth = 64});
    if (!doc) {
      return Error::make(ErrorCode::invalid_argument,
                         args.inputs_file + ": " + doc.error().message);
    }
    if (!doc->is_object()) {
      return Error::make(ErrorCode::invalid_argument,
                         args.inputs_file + " must hold a JSON object of inputs");
    }
    inputs = std::move(doc->get_object());
  }
  for (const auto& pair : args.inputs) {
    const auto equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) {
      return Error::make(ErrorCode::invalid_argument,
                         "--input takes NAME=VALUE; got `" + pair + "`");
    }
    inputs[pair.substr(0, equals)] = pair.substr(equals + 1);
  }
  return inputs;
}

}  // namespace

int run_command(const RunArgs& args) {
  namespace asio = boost::asio;
  const nodes::Registry registry = nodes::make_core_registry();
  auto loaded = load_pipeline_file(args.file, registry);
  if (!loaded.pipeline) {
    print_problems(args.file, loaded.problems);
    return 2;
  }
  auto inputs = collect_inputs(args);
  if (!inputs) {
    std::cerr << "weft run: " << inputs.error().message << "\n";
    return 2;
  }
  if (auto problems = engine::check_inputs(*loaded.pipeline, *inputs); !problems.empty()) {
    print_problems("input", problems);
    return 2;
  }
  auto guard = integrations::AddressGuard::from_env();
  if (!guard) {
    std::cerr << "weft run: " << guard.error().message << "\n";
    return 2;
  }
  llm::ProviderRegistry providers(guard.value());
  if (auto configured = providers.replace(llm::configs_from_env()); !configured) {
    std::cerr << "weft run: " << configured.error().message << "\n";
    return 2;
  }
  auto http = integrations::make_http_client(std::move(guard).value());
  const engine::Engine engine({.http = http.get(), .llm = &providers});
  StderrEvents events;
  engine::RunOptions options{new_id("run"), std::move(*inputs), args.events ? &events : nullptr};

  asio::io_context context(1);
  asio::cancellation_signal cancel;
  asio::signal_set signals(context, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code ec, int) {
    if (!ec) {
      cancel.emit(asio::cancellation_type::terminal);
    }
  });
  std::optional<engine::RunResult> result;
  asio::co_spawn(
      context, engine.run(loaded.pipeline, std::move(options)),
      asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, engine::RunResult r) {
        signals.cancel();
        if (!e) {
          result = std::move(r);
        }
      }));
  context.run();
  if (!result) {
    std::cerr << "weft run: the engine stopped unexpectedly\n";
    return 1;
  }
  std::cout << to_json_string(result->outputs) << "\n";
  if (result->status != engine::RunStatus::succeeded) {
    const auto& error = result->error;
    std::cerr << "run " << to_string(result->status);
    if (error) {
      std::cerr << (error->node_id.empty() ? "" : " in `" + error->node_id + "`") << ": "
                << error->message;
    }
    std::cerr << "\n";
    return 1;
  }
  return 0;
}

}  // namespace weft::app
