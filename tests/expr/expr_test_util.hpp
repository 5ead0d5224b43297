#pragma once
// Shared helpers for the expression tests: a sample scope and one-line
// compile-and-evaluate calls that report failures where they happen.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>
#include <string_view>

#include "expr/expr.hpp"

namespace weft::expr::testing {

inline MapScope sample_scope() {
  return MapScope(json::parse(R"({
    "ticket": {"text": "Printer on fire", "priority": "high", "tags": ["urgent", "hw"],
               "words": 3, "meta": {"lang": "en"}},
    "items": [10, 20, 30],
    "people": [{"name": "Ada", "age": 36}, {"name": "Alan", "age": 41}, {"name": "Grace"}],
    "n": 5,
    "x": 2.5,
    "name": "Ada",
    "blank": "",
    "nothing": null,
    "flag": true,
    "input": {"question": "Why?", "count": 2},
    "vars": {"greeting": "Hello"},
    "my-node": {"text": "dashed id"},
    "1": {"text": "numeric id"}
  })")
                      .as_object());
}

/// The value of `source`, or null after recording a test failure.
inline json::value run(std::string_view source, const Scope& scope, const Limits& limits = {}) {
  auto compiled = Expression::compile(source, limits);
  if (!compiled) {
    ADD_FAILURE() << "compile `" << source << "`: " << compiled.error().message;
    return nullptr;
  }
  auto value = compiled->evaluate(scope);
  if (!value) {
    ADD_FAILURE() << "evaluate `" << source << "`: " << value.error().message;
    return nullptr;
  }
  return std::move(value).value();
}

inline json::value run(std::string_view source) {
  return run(source, sample_scope());
}

/// The error of compiling or evaluating `source`; records a failure if there is none.
inline Error error_of(std::string_view source, const Scope& scope, const Limits& limits = {}) {
  auto compiled = Expression::compile(source, limits);
  if (!compiled) {
    return compiled.error();
  }
  auto value = compiled->evaluate(scope);
  if (value) {
    ADD_FAILURE() << "`" << source << "` gave " << value.value() << ", expected an error";
    return Error{};
  }
  return value.error();
}

inline Error error_of(std::string_view source) {
  return error_of(source, sample_scope());
}

/// Only the message of error_of.
inline std::string message_of(std::string_view source) {
  return error_of(source).message;
}

/// The error of compiling `source` (not evaluating it).
inline Error compile_error(std::string_view source, const Limits& limits = {}) {
  auto compiled = Expression::compile(source, limits);
  if (compiled) {
    ADD_FAILURE() << "`" << source << "` compiled, expected an error";
    return Error{};
  }
  return compiled.error();
}

inline json::value parse(std::string_view text) {
  return json::parse(text);
}

}  // namespace weft::expr::testing
