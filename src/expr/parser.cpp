#include "expr/parser.hpp"

#include <algorithm>
#include <limits>

#include "expr/call.hpp"
#include "expr/errors.hpp"
#include "expr/parser_impl.hpp"

namespace weft::expr {
namespace {

// Chains such as `a + b + c` or `x | f | g` do not recurse in the parser but
// do when evaluated: the tree may be this many times deeper than max_depth.
constexpr std::size_t tree_height_factor = 4;

std::string arity_text(std::size_t min_args, std::size_t max_args) {
  if (max_args == 0) {
    return "takes no arguments";
  }
  std::string count = min_args == max_args
                          ? std::to_string(min_args)
                          : std::to_string(min_args) + " to " + std::to_string(max_args);
  return "takes " + count + (min_args == 1 && max_args == 1 ? " argument" : " arguments");
}

}  // namespace

Result<ParseOutput> parse(const std::vector<Token>& tokens, std::string_view source,
                          const Limits& limits) {
  return Parser(tokens, source, limits).run();
}

Result<ParseOutput> parse_expression_source(std::string_view source, const Limits& limits) {
  if (source.size() > limits.max_template_bytes) {
    return limit_error("expression is " + std::to_string(source.size()) + " bytes; the limit is " +
                       std::to_string(limits.max_template_bytes));
  }
  auto lexed = lex_expression(source, 0);
  if (!lexed) {
    return std::move(lexed).error();
  }
  return parse(lexed->tokens, source, limits);
}

Result<ParseOutput> Parser::run() {
  if (at(TokenKind::end)) {
    return expression_error("empty expression " + at_column(peek().offset));
  }
  auto root = parse_ternary();
  if (!root) {
    return std::move(root).error();
  }
  if (!at(TokenKind::end)) {
    return unexpected(peek());
  }
  return ParseOutput{std::shared_ptr<const Node>(std::move(root).value()), std::move(references_)};
}

// A sub-expression inside parentheses, brackets, braces, call arguments or `?:`.
Result<NodePtr> Parser::parse_nested() {
  if (depth_ >= limits_.max_depth) {
    return too_deep(next_ > 0 ? tokens_[next_ - 1].offset : 0);  // the bracket that opened it
  }
  ++depth_;
  auto node = parse_ternary();
  --depth_;
  return node;
}

Result<NodePtr> Parser::parse_ternary() {
  auto condition = parse_or();
  if (!condition || !at(TokenKind::question)) {
    return condition;
  }
  const Token& question = advance();
  auto then_branch = parse_nested();
  if (!then_branch) {
    return then_branch;
  }
  if (auto colon = expect(TokenKind::colon, "`:`"); !colon) {
    return std::move(colon).error();
  }
  auto else_branch = parse_nested();  // right-associative: `a ? b : c ? d : e`
  if (!else_branch) {
    return else_branch;
  }
  NodePtr node =
      make(NodeKind::conditional, (*condition)->begin, (*else_branch)->end, question.offset);
  adopt(*node, std::move(condition).value());
  adopt(*node, std::move(then_branch).value());
  adopt(*node, std::move(else_branch).value());
  return checked(std::move(node));
}

Result<NodePtr> Parser::parse_or() {
  auto left = parse_and();
  while (left && at_keyword("or")) {
    const Token& op = advance();
    auto right = parse_and();
    if (!right) {
      return right;
    }
    left = checked(make_binary(NodeKind::logical_or, BinaryOp::add, op, std::move(left).value(),
                               std::move(right).value()));
  }
  return left;
}

Result<NodePtr> Parser::parse_and() {
  auto left = parse_not();
  while (left && at_keyword("and")) {
    const Token& op = advance();
    auto right = parse_not();
    if (!right) {
      return right;
    }
    left = checked(make_binary(NodeKind::logical_and, BinaryOp::add, op, std::move(left).value(),
                               std::move(right).value()));
  }
  return left;
}

Result<NodePtr> Parser::parse_not() {
  if (!at_keyword("not")) {
    return parse_comparison();
  }
  if (depth_ >= limits_.max_depth) {
    return too_deep(peek().offset);
  }
  const Token& op = advance();
  ++depth_;
  auto operand = parse_not();
  --depth_;
  if (!operand) {
    return operand;
  }
  NodePtr node = make(NodeKind::logical_not, op.offset, (*operand)->end, op.offset);
  adopt(*node, std::move(operand).value());
  return checked(std::move(node));
}

bool Parser::at_comparison(BinaryOp& op, std::size_t& width) const {
  width = 1;
  switch (peek().kind) {
    case TokenKind::eq:
      op = BinaryOp::eq;
      return true;
    case TokenKind::ne:
      op = BinaryOp::ne;
      return true;
    case TokenKind::lt:
      op = BinaryOp::lt;
      return true;
    case TokenKind::le:
      op = BinaryOp::le;
      return true;
    case TokenKind::gt:
      op = BinaryOp::gt;
      return true;
    case TokenKind::ge:
      op = BinaryOp::ge;
      return true;
    default:
      break;
  }
  if (at_keyword("in")) {
    op = BinaryOp::in;
    return true;
  }
  if (at_keyword("not") && at_keyword("in", 1)) {
    op = BinaryOp::not_in;
    width = 2;
    return true;
  }
  return false;
}

// Comparisons do not chain: `a < b < c` is an error rather than a surprise.
Result<NodePtr> Parser::parse_comparison() {
  auto left = parse_additive();
  BinaryOp op{};
  std::size_t width = 0;
  if (!left || !at_comparison(op, width)) {
    return left;
  }
  const Token& op_token = advance();
  if (width == 2) {
    advance();
  }
  auto right = parse_additive();
  if (!right) {
    return right;
  }
  if (at_comparison(op, width)) {
    return expression_error("comparisons cannot be chained " + at_column(peek().offset) +
                            "; combine them with `and`");
  }
  return checked(make_binary(NodeKind::binary, op, op_token, std::move(left).value(),
                             std::move(right).value()));
}

Result<NodePtr> Parser::parse_additive() {
  auto left = parse_multiplicative();
  while (left && (at(TokenKind::plus) || at(TokenKind::minus))) {
    const Token& op = advance();
    auto right = parse_multiplicative();
    if (!right) {
      return right;
    }
    const BinaryOp kind = op.kind == TokenKind::plus ? BinaryOp::add : BinaryOp::sub;
    left = checked(
        make_binary(NodeKind::binary, kind, op, std::move(left).value(), std::move(right).value()));
  }
  return left;
}

Result<NodePtr> Parser::parse_multiplicative() {
  auto left = parse_unary();
  while (left && (at(TokenKind::star) || at(TokenKind::slash) || at(TokenKind::percent))) {
    const Token& op = advance();
    auto right = parse_unary();
    if (!right) {
      return right;
    }
    const BinaryOp kind = op.kind == TokenKind::star    ? BinaryOp::mul
                          : op.kind == TokenKind::slash ? BinaryOp::div
                                                        : BinaryOp::mod;
    left = checked(
        make_binary(NodeKind::binary, kind, op, std::move(left).value(), std::move(right).value()));
  }
  return left;
}

// Unary minus binds looser than filters: `-x | abs` is `-(x | abs)`.
Result<NodePtr> Parser::parse_unary() {
  if (!at(TokenKind::minus)) {
    return parse_filtered();
  }
  if (depth_ >= limits_.max_depth) {
    return too_deep(peek().offset);
  }
  const Token& op = advance();
  ++depth_;
  auto operand = parse_unary();
  --depth_;
  if (!operand) {
    return operand;
  }
  NodePtr& inner = operand.value();
  // Fold `-2` into a literal so `a[-1]` costs nothing extra.
  if (inner->kind == NodeKind::literal && inner->constant.is_int64() &&
      inner->constant.get_int64() != std::numeric_limits<std::int64_t>::min()) {
    inner->constant = -inner->constant.get_int64();
    inner->begin = op.offset;
    return operand;
  }
  if (inner->kind == NodeKind::literal && inner->constant.is_double()) {
    inner->constant = -inner->constant.get_double();
    inner->begin = op.offset;
    return operand;
  }
  NodePtr node = make(NodeKind::negate, op.offset, inner->end, op.offset);
  adopt(*node, std::move(inner));
  return checked(std::move(node));
}

// Filters bind tighter than every binary operator and looser than access:
// `a + b | upper` is `a + (b | upper)`, `a.b | upper` is `(a.b) | upper`.
Result<NodePtr> Parser::parse_filtered() {
  auto node = parse_postfix();
  while (node && at(TokenKind::pipe)) {
    advance();
    node = parse_filter(std::move(node).value());
  }
  return node;
}

Result<NodePtr> Parser::parse_filter(NodePtr input) {
  if (!at(TokenKind::name)) {
    return unexpected(peek(), "a filter name after `|`");
  }
  const Token& name = advance();
  const FilterSpec* spec = find_filter(name.text);
  if (spec == nullptr) {
    return expression_error("unknown filter " + quote(name.text) + " " + at_column(name.offset) +
                            did_you_mean(closest_name(name.text, filter_names())));
  }
  NodePtr node = make(NodeKind::filter, input->begin, name.offset + name.length, name.offset);
  node->filter = spec;
  node->text = name.text;
  adopt(*node, std::move(input));
  if (at(TokenKind::lparen)) {
    if (auto status = parse_arguments(*node); !status) {
      return std::move(status).error();
    }
  }
  auto arity = check_arity("filter", spec->name, name.offset, node->children.size() - 1,
                           spec->min_args, spec->max_args);
  if (!arity) {
    return std::move(arity).error();
  }
  return checked(std::move(node));
}

const Token& Parser::peek(std::size_t ahead) const {
  return tokens_[std::min(next_ + ahead, tokens_.size() - 1)];
}

const Token& Parser::advance() {
  const Token& token = tokens_[next_];
  if (next_ + 1 < tokens_.size()) {
    ++next_;
  }
  return token;
}

bool Parser::at_keyword(std::string_view word, std::size_t ahead) const {
  const Token& token = peek(ahead);
  return token.kind == TokenKind::name && token.text == word;
}

Result<const Token*> Parser::expect(TokenKind kind, std::string_view what) {
  if (!at(kind)) {
    return unexpected(peek(), what);
  }
  return &advance();
}

Error Parser::unexpected(const Token& token, std::string_view expected) const {
  std::string found = token.kind == TokenKind::end
                          ? std::string("end of expression")
                          : quote(source_.substr(token.offset, token.length));
  std::string message = "unexpected " + found + " " + at_column(token.offset);
  if (!expected.empty()) {
    message += "; expected " + std::string(expected);
  }
  return expression_error(std::move(message));
}

Error Parser::too_deep(std::size_t offset) const {
  return limit_error("expression nests deeper than " + std::to_string(limits_.max_depth) +
                     " levels " + at_column(offset));
}

Status Parser::check_arity(std::string_view what, std::string_view name, std::size_t offset,
                           std::size_t count, std::size_t min_args, std::size_t max_args) const {
  if (count >= min_args && count <= max_args) {
    return Ok{};
  }
  return expression_error(std::string(what) + " " + quote(name) + " " + at_column(offset) + " " +
                          arity_text(min_args, max_args) + ", got " + std::to_string(count));
}

Result<NodePtr> Parser::checked(NodePtr node) const {
  if (node->height > limits_.max_depth * tree_height_factor) {
    return limit_error("expression nests too deeply " + at_column(node->position) + ": more than " +
                       std::to_string(limits_.max_depth * tree_height_factor) +
                       " operators, filters and accesses inside each other");
  }
  return node;
}

NodePtr Parser::make(NodeKind kind, std::size_t begin, std::size_t end,
                     std::size_t position) const {
  auto node = std::make_unique<Node>();
  node->kind = kind;
  node->begin = begin;
  node->end = end;
  node->position = position;
  return node;
}

NodePtr Parser::make_binary(NodeKind kind, BinaryOp op, const Token& op_token, NodePtr left,
                            NodePtr right) const {
  NodePtr node = make(kind, left->begin, right->end, op_token.offset);
  node->op = op;
  adopt(*node, std::move(left));
  adopt(*node, std::move(right));
  return node;
}

void Parser::adopt(Node& parent, NodePtr child) {
  parent.height = std::max(parent.height, child->height + 1);
  parent.children.push_back(std::move(child));
}

std::size_t Parser::end_of_previous() const {
  if (next_ == 0) {
    return 0;
  }
  const Token& previous = tokens_[next_ - 1];
  return previous.offset + previous.length;
}

}  // namespace weft::expr
