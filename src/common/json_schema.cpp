#include "common/json_schema.hpp"

#include <exception>
#include <unordered_set>
#include <vector>

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

// valijson lists every violation, so its report grows with the value: past
// this many values only the verdict is asked for.
constexpr std::size_t kMaxValuesForReport = 10'000;
// At most this many problems from one value; one more says how many were left out.
constexpr std::size_t kMaxProblems = 100;

/// Whether `value` holds more than `limit` values (stops counting there).
bool larger_than(const json::value& value, std::size_t limit) {
  std::size_t count = 0;
  std::vector<const json::value*> pending{&value};
  while (!pending.empty()) {
    const json::value* next = pending.back();
    pending.pop_back();
    if (++count > limit) {
      return true;
    }
    if (const auto* object = next->if_object()) {
      for (const auto& entry : *object) {
        pending.push_back(&entry.value());
      }
    } else if (const auto* array = next->if_array()) {
      for (const auto& element : *array) {
        pending.push_back(&element);
      }
    }
  }
  return false;
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
  valijson::adapters::BoostJsonAdapter adapter(value);
  Problems problems;
  // Without a results list valijson stops at the first violation.
  if (validator.validate(compiled_->schema, adapter, nullptr)) {
    return problems;
  }
  if (larger_than(value, kMaxValuesForReport)) {
    problems.push_back({std::string(base_pointer), "does not match its JSON Schema"});
    return problems;
  }
  valijson::ValidationResults results;
  validator.validate(compiled_->schema, adapter, &results);
  std::unordered_set<std::string> seen;
  std::size_t left_out = 0;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    if (is_wrapper(error.description)) {
      continue;
    }
    Problem problem{to_pointer(base_pointer, error.context), error.description};
    if (!seen.insert(problem.pointer + '\n' + problem.message).second) {
      continue;
    }
    if (problems.size() < kMaxProblems) {
      problems.push_back(std::move(problem));
    } else {
      ++left_out;
    }
  }
  if (left_out > 0) {
    problems.push_back({std::string(base_pointer),
                        "and " + std::to_string(left_out) + " more places do not match"});
  }
  if (problems.empty()) {
    problems.push_back({std::string(base_pointer), "does not match its JSON Schema"});
  }
  return problems;
}

}  // namespace weft
