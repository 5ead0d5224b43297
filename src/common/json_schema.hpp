#pragma once
// JSON Schema (draft 7) validation through valijson, for node configs, input
// schemas and structured LLM output. Compiled once, used many times.

#include <memory>
#include <string_view>

#include "common/json.hpp"
#include "common/problem.hpp"
#include "common/result.hpp"

namespace weft {

class JsonSchema {
 public:
  /// Compiles `schema`; an unusable schema is an ErrorCode::invalid_config naming the cause.
  static Result<JsonSchema> compile(const json::value& schema);

  /// Every violation of `value`, each with a JSON Pointer that starts with `base_pointer`.
  Problems validate(const json::value& value, std::string_view base_pointer = "") const;

  const json::value& source() const { return source_; }

 private:
  struct Compiled;
  std::shared_ptr<const Compiled> compiled_;  // immutable, shared across copies and threads
  json::value source_;
};

}  // namespace weft
