#pragma once
// Builds the expression tree from tokens (precedence climbing; see
// docs/expressions.md for the table), resolving filters and functions and
// collecting references on the way.

#include <memory>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "expr/expr.hpp"
#include "expr/lexer.hpp"
#include "expr/node.hpp"

namespace weft::expr {

struct ParseOutput {
  std::shared_ptr<const Node> root;
  std::vector<Reference> references;
};

/// Parses `tokens` (which end with TokenKind::end) taken from `source`.
Result<ParseOutput> parse(const std::vector<Token>& tokens, std::string_view source,
                          const Limits& limits);

/// Lexes and parses the expression `source` (errors name columns within it).
Result<ParseOutput> parse_expression_source(std::string_view source, const Limits& limits);

}  // namespace weft::expr
