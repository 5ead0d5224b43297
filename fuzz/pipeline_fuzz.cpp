// libFuzzer target: any bytes through the pipeline JSON reader, the strict
// parser and the validator must give problems, never a crash, leak or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/json.hpp"
#include "nodes/registry.hpp"
#include "pipeline/validator.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const weft::nodes::Registry registry = weft::nodes::make_core_registry();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = weft::parse_json(text, weft::JsonLimits{.max_bytes = 1 << 20, .max_depth = 64});
  if (!doc) {
    return 0;
  }
  auto outcome = weft::pipeline::compile_pipeline(*doc, registry);
  (void)outcome;
  return 0;
}
