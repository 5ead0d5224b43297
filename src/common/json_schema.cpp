#include "common/json_schema.hpp"

#include <algorithm>
#include <exception>

// valijson aborts the process on a bad schema unless told to throw.
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace weft {

struct JsonSchema::Compiled {
  valijson::Schema schema;
};

namespace {

// valijson names a location as {"<root>", "[config]", "[0]"}; we use JSON Pointers.
std::string to_pointer(std::string_view base, const std::vector<std::string>& context) {
  std::string pointer(base);
  for (const auto& part : context) {
    if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
      pointer = pointer_join(pointer, std::string_view(part).substr(1, part.size() - 2));
    }
  }
  return pointer;
}

// valijson reports a chain of errors per failure, from the outermost
// ("Failed to validate against schema associated with property name 'a'") to the
// one that says what is wrong; the outer ones add nothing for a person.
bool is_wrapper(const std::string& description) {
  return description.rfind("Failed to validate against schema", 0) == 0 ||
         description.rfind("Failed to validate item #", 0) == 0 ||
         description.rfind("Failed to validate against child schema", 0) == 0;
}

}  // namespace

Result<JsonSchema> JsonSchema::compile(const json::value& schema) {
  auto compiled = std::make_shared<Compiled>();
  try {
    valijson::SchemaParser parser;
    valijson::adapters::BoostJsonAdapter adapter(schema);
    parser.populateSchema(adapter, compiled->schema);
  } catch (const std::exception& e) {
    return Error::make(ErrorCode::invalid_config, std::string("invalid JSON Schema: ") + e.what());
  }
  JsonSchema out;
  out.compiled_ = std::move(compiled);
  out.source_ = schema;
  return out;
}

Problems JsonSchema::validate(const json::value& value, std::string_view base_pointer) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::BoostJsonAdapter adapter(value);
  Problems problems;
  if (validator.validate(compiled_->schema, adapter, &results)) {
    return problems;
  }
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    if (is_wrapper(error.description)) {
      continue;
    }
    Problem problem{to_pointer(base_pointer, error.context), error.description};
    const bool seen = std::any_of(problems.begin(), problems.end(), [&](const Problem& p) {
      return p.pointer == problem.pointer && p.message == problem.message;
    });
    if (!seen) {
      problems.push_back(std::move(problem));
    }
  }
  if (problems.empty()) {
    problems.push_back({std::string(base_pointer), "does not match its JSON Schema"});
  }
  return problems;
}

}  // namespace weft
