#include "nodes/node_type.hpp"

#include <cstdlib>
#include <iostream>

namespace weft::nodes {

std::string_view to_string(Category category) {
  switch (category) {
    case Category::input:
      return "Input";
    case Category::llm:
      return "LLM";
    case Category::knowledge:
      return "Knowledge";
    case Category::logic:
      return "Logic";
    case Category::integration:
      return "Integration";
    case Category::output:
      return "Output";
  }
  return "Logic";
}

std::string_view to_string(LogLevel level) {
  switch (level) {
    case LogLevel::debug:
      return "debug";
    case LogLevel::info:
      return "info";
    case LogLevel::warn:
      return "warn";
    case LogLevel::error:
      return "error";
  }
  return "info";
}

namespace {

JsonSchema compile_or_die(const Descriptor& descriptor) {
  auto schema = JsonSchema::compile(descriptor.config_schema);
  if (!schema) {
    // A node type shipping a broken schema is our bug, found by any test run.
    std::cerr << "bug: node type " << descriptor.type << ": " << schema.error().message << "\n";
    std::abort();
  }
  return std::move(schema).value();
}

}  // namespace

NodeType::NodeType(Descriptor descriptor)
    : descriptor_(std::move(descriptor)), schema_(compile_or_die(descriptor_)) {}

Error node_error(ErrorCode code, std::string message, bool retryable) {
  Error error = Error::make(code, std::move(message));
  error.retryable = retryable;
  return error;
}

}  // namespace weft::nodes
