#pragma once
// The Parser class, split over parser.cpp (operators, lowest precedence to
// highest) and parser_primary.cpp (operands: literals, names, access, calls).

#include <cstddef>
#include <string_view>
#include <vector>

#include "expr/parser.hpp"

namespace weft::expr {

class Parser {
 public:
  Parser(const std::vector<Token>& tokens, std::string_view source, const Limits& limits)
      : tokens_(tokens), source_(source), limits_(limits) {}

  Result<ParseOutput> run();

 private:
  // parser.cpp: one function per precedence level.
  Result<NodePtr> parse_nested();
  Result<NodePtr> parse_ternary();
  Result<NodePtr> parse_or();
  Result<NodePtr> parse_and();
  Result<NodePtr> parse_not();
  Result<NodePtr> parse_comparison();
  Result<NodePtr> parse_additive();
  Result<NodePtr> parse_multiplicative();
  Result<NodePtr> parse_unary();
  Result<NodePtr> parse_filtered();
  Result<NodePtr> parse_filter(NodePtr input);
  bool at_comparison(BinaryOp& op, std::size_t& width) const;

  // parser_primary.cpp: operands.
  Result<NodePtr> parse_postfix();
  Result<NodePtr> parse_primary();
  Result<NodePtr> parse_name();
  Result<NodePtr> parse_nodes_ref();
  Result<NodePtr> parse_member(NodePtr object);
  Result<NodePtr> parse_index(NodePtr object);
  Result<NodePtr> parse_group();
  Result<NodePtr> parse_array();
  Result<NodePtr> parse_object();
  Result<NodePtr> parse_call();
  Status parse_arguments(Node& call);

  // Helpers (parser.cpp).
  const Token& peek(std::size_t ahead = 0) const;
  const Token& advance();
  bool at(TokenKind kind) const { return peek().kind == kind; }
  bool at_keyword(std::string_view word, std::size_t ahead = 0) const;
  Result<const Token*> expect(TokenKind kind, std::string_view what);
  Error unexpected(const Token& token, std::string_view expected = {}) const;
  Error too_deep(std::size_t offset) const;
  Status check_arity(std::string_view what, std::string_view name, std::size_t offset,
                     std::size_t count, std::size_t min_args, std::size_t max_args) const;
  Result<NodePtr> checked(NodePtr node) const;
  NodePtr make(NodeKind kind, std::size_t begin, std::size_t end, std::size_t position) const;
  NodePtr make_binary(NodeKind kind, BinaryOp op, const Token& op_token, NodePtr left,
                      NodePtr right) const;
  static void adopt(Node& parent, NodePtr child);
  std::size_t end_of_previous() const;

  const std::vector<Token>& tokens_;
  std::string_view source_;
  const Limits& limits_;
  std::size_t next_ = 0;   // index of the next token
  std::size_t depth_ = 0;  // nesting of parentheses, brackets, braces and prefix operators
  std::vector<Reference> references_;
};

}  // namespace weft::expr
