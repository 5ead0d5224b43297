#pragma once
// The set of node types a server or CLI knows. Built in app/ and passed down.

#include <memory>
#include <string_view>
#include <vector>

#include "nodes/node_type.hpp"

namespace weft::nodes {

class Registry final : public pipeline::TypeCatalog {
 public:
  void add(std::unique_ptr<NodeType> type);

  const NodeType* find(std::string_view type) const;
  const pipeline::NodeKind* find_kind(std::string_view type) const override { return find(type); }
  std::vector<std::string> type_names() const override;
  const std::vector<std::unique_ptr<NodeType>>& types() const { return types_; }

  /// The catalogue as JSON: one object per type with its descriptor.
  json::array catalogue() const;

 private:
  std::vector<std::unique_ptr<NodeType>> types_;
};

/// Every node type of this build: the one list (DESIGN §6).
Registry make_core_registry();

}  // namespace weft::nodes
