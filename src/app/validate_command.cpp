#include <iostream>

#include "app/commands.hpp"
#include "app/pipeline_file.hpp"
#include "nodes/registry.hpp"

namespace weft::app {

int validate_command(const ValidateArgs& args) {
  const nodes::Registry registry = nodes::make_core_registry();
  auto loaded = load_pipeline_file(args.file, registry);
  if (args.json) {
    json::array list;
    for (const auto& p : loaded.problems) {
      list.push_back(json::object{{"pointer", p.pointer}, {"message", p.message}});
    }
    std::cout << to_json_string(json::object{{"valid", loaded.problems.empty()},
                                             {"problems", std::move(list)}})
              << "\n";
  } else if (loaded.problems.empty()) {
    std::cout << args.file << ": valid\n";
  } else {
    for (const auto& p : loaded.problems) {
      std::cout << args.file << ": " << (p.pointer.empty() ? "/" : p.pointer) << ": " << p.message
                << "\n";
    }
    std::cout << loaded.problems.size()
              << (loaded.problems.size() == 1 ? " problem\n" : " problems\n");
  }
  return loaded.problems.empty() ? 0 : 2;
}

}  // namespace weft::app
