#pragma once
// The compiled expression tree (private to src/expr). A tree is built once by
// the parser and never changed afterwards, so any number of threads may
// evaluate it at the same time.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/json.hpp"

namespace weft::expr {

struct FilterSpec;
struct FunctionSpec;

enum class NodeKind : std::uint8_t {
  literal,      ///< `constant`
  name,         ///< top-level name `text`, looked up with Scope::find
  node_ref,     ///< `nodes.text` / `nodes["text"]`, or `nodes[children[0]]` when not constant
  member,       ///< `children[0].text`
  index,        ///< `children[0][children[1]]`
  negate,       ///< `-children[0]`
  logical_not,  ///< `not children[0]`
  binary,       ///< `children[0] op children[1]`
  logical_and,  ///< `children[0] and children[1]`
  logical_or,   ///< `children[0] or children[1]`
  conditional,  ///< `children[0] ? children[1] : children[2]`
  array,        ///< `[children...]`
  object,       ///< `{keys[i]: children[i]}`
  filter,       ///< `children[0] | filter(children[1..])`
  call,         ///< `function(children...)`
};

enum class BinaryOp : std::uint8_t { add, sub, mul, div, mod, eq, ne, lt, le, gt, ge, in, not_in };

/// One node of the tree. Offsets are byte offsets into the source the tree
/// was compiled from (the template source for a template hole).
class Node {
 public:
  NodeKind kind = NodeKind::literal;
  BinaryOp op = BinaryOp::add;
  std::size_t begin = 0;          ///< first byte of the node's source text
  std::size_t end = 0;            ///< one past its last byte
  std::size_t position = 0;       ///< what an error points at: operator, filter or field name
  std::size_t height = 1;         ///< levels in this subtree, bounded at compile time
  std::string text;               ///< name, field name, node id
  json::value constant;           ///< value of a literal
  std::vector<std::string> keys;  ///< keys of an object literal, one per child
  std::vector<std::unique_ptr<const Node>> children;
  const FilterSpec* filter = nullptr;
  const FunctionSpec* function = nullptr;
};

using NodePtr = std::unique_ptr<Node>;

}  // namespace weft::expr
