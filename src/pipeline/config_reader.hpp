#pragma once
// Given to NodeKind::compile_config: typed access to one node's raw config,
// compiling template fields once and checking the names they read.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/problem.hpp"
#include "expr/expr.hpp"
#include "pipeline/compiled.hpp"

namespace weft::pipeline {

/// Checks one name read by an expression; records a problem at `pointer` if
/// the name is not visible from the node being compiled.
using ReferenceCheck = std::function<void(const expr::Reference&, const std::string& pointer,
                                          std::size_t column_base)>;

/// Compiles an inline sub-graph (a loop body) found at `pointer`.
using SubgraphCompile = std::function<std::shared_ptr<const CompiledGraph>(
    const json::object& graph, const std::string& pointer)>;

class ConfigReader {
 public:
  /// `connected`: how many edges come into the node (its upstream blocks).
  ConfigReader(const json::object& config, std::string pointer, std::string node_id,
               Problems& problems, ReferenceCheck check, SubgraphCompile subgraph,
               std::size_t connected = 0)
      : config_(config),
        pointer_(std::move(pointer)),
        node_id_(std::move(node_id)),
        problems_(problems),
        check_(std::move(check)),
        subgraph_(std::move(subgraph)),
        connected_(connected) {}

  const json::object& raw() const { return config_; }
  const std::string& node_id() const { return node_id_; }
  /// How many edges come into the node: a field that defaults to "the block
  /// connected to this one" is empty at run time when none is.
  std::size_t connected() const { return connected_; }
  bool has(std::string_view key) const { return config_.contains(key); }

  // Plain values. The schema has checked types, so a mismatch just yields nullopt.
  std::optional<std::string> string(std::string_view key) const;
  std::optional<std::int64_t> integer(std::string_view key) const;
  std::optional<double> number(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key) const;
  const json::value* value(std::string_view key) const { return config_.if_contains(key); }

  /// A text field compiled as a template; nullopt when absent or broken (a problem is recorded).
  std::optional<expr::Template> text_template(std::string_view key);
  /// A field holding one expression, written `{{ expr }}` or bare `expr`.
  std::optional<expr::Expression> expression(std::string_view key);
  /// A JSON field whose strings are templates.
  std::optional<expr::JsonTemplate> json_template(std::string_view key);
  /// A string inside the config at `sub_pointer` (relative, e.g. "/cases/0/equals") as a template.
  std::optional<expr::Template> text_template_at(const json::value& text,
                                                 std::string_view sub_pointer);
  /// An inline graph (`{nodes, edges}`) compiled with the same rules.
  std::shared_ptr<const CompiledGraph> subgraph(std::string_view key);

  void problem(std::string_view key, std::string message);
  std::string at(std::string_view key) const { return pointer_join(pointer_, key); }

 private:
  void check_references(const std::vector<expr::Reference>& refs, const std::string& pointer,
                        std::size_t column_base);
  const json::object& config_;
  std::string pointer_;
  std::string node_id_;
  Problems& problems_;
  ReferenceCheck check_;
  SubgraphCompile subgraph_;
  std::size_t connected_ = 0;
};

}  // namespace weft::pipeline
