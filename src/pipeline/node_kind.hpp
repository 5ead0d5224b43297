#pragma once
// What the validator needs to know about a node type. nodes::NodeType
// implements it; pipeline/ never depends on nodes/ (arrows point one way).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json_schema.hpp"

namespace weft::pipeline {

class ConfigReader;

/// A node's config after parsing: typed, immutable, shared by every run of
/// the pipeline version. Each node type derives its own.
class NodeConfig {
 public:
  virtual ~NodeConfig() = default;
};

class NodeKind {
 public:
  virtual ~NodeKind() = default;
  virtual std::string_view type() const = 0;
  virtual int version() const = 0;
  virtual const JsonSchema& config_schema() const = 0;

  /// Target handles; empty for nodes that take no incoming edge (inputs).
  virtual std::vector<std::string> input_handles() const { return {"in"}; }
  /// Named source handles this node chooses between (`true`/`false`, case
  /// names), given its raw config once that compiled; empty when every
  /// outgoing edge is taken on success.
  virtual std::vector<std::string> output_handles(const json::object& /*config*/) const {
    return {};
  }
  /// The key under which this node's output is one of the run's outputs, or
  /// nullopt for nodes that are not output nodes.
  virtual std::optional<std::string> output_name(const NodeConfig&, std::string_view) const {
    return std::nullopt;
  }

  /// Turns the raw config into the typed config, once, at validation. Called
  /// only when the config already matches config_schema(); records further
  /// problems (templates that do not parse, names that are not upstream) on
  /// `reader`. Returns nullptr only when problems were recorded.
  virtual std::unique_ptr<const NodeConfig> compile_config(ConfigReader& reader) const = 0;
};

/// The set of node types a pipeline may use.
class TypeCatalog {
 public:
  virtual ~TypeCatalog() = default;
  virtual const NodeKind* find_kind(std::string_view type) const = 0;
  virtual std::vector<std::string> type_names() const = 0;
};

}  // namespace weft::pipeline
