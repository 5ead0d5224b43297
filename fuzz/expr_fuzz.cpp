// libFuzzer target for the template and expression language: any input must
// compile or fail cleanly, and render or fail cleanly, within the limits.

#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "expr/expr.hpp"

namespace {

const weft::expr::MapScope& fuzz_scope() {
  // Built once; rendering only reads it, so sharing it between inputs is safe.
  static const weft::expr::MapScope scope(boost::json::parse(R"({
    "ticket": {"text": "Printer on fire", "tags": ["urgent", "hw"], "n": 3, "meta": {"a": null}},
    "items": [1, 2.5, "three", [4], {"five": 5}, null, true],
    "people": [{"name": "Ada", "age": 36}, {"name": "Alan"}],
    "name": "Ada Lovelace",
    "unicode": "héllo 日本",
    "n": 42,
    "x": -0.125,
    "big": 9223372036854775807,
    "nothing": null,
    "input": {"question": "Why?"},
    "vars": {"limit": 10},
    "my-node": {"text": "dashed"}
  })")
                                              .as_object());
  return scope;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  weft::expr::Limits limits;
  limits.max_output_bytes = 64 * 1024;  // keeps each run fast; the checks are the same
  if (auto tmpl = weft::expr::Template::compile(source, limits)) {
    (void)tmpl->render(fuzz_scope());
    (void)tmpl->render_text(fuzz_scope());
  }
  if (auto expression = weft::expr::Expression::compile(source, limits)) {
    (void)expression->evaluate(fuzz_scope());
  }
  return 0;
}
