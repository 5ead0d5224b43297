// Operands of the grammar: literals, names, `nodes[...]`, access, calls.

#include "expr/call.hpp"
#include "expr/errors.hpp"
#include "expr/parser_impl.hpp"

namespace weft::expr {
namespace {

bool is_reserved(std::string_view word) {
  return word == "and" || word == "or" || word == "not" || word == "in";
}

bool all_literal(const Node& node) {
  for (const auto& child : node.children) {
    if (child->kind != NodeKind::literal) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<NodePtr> Parser::parse_postfix() {
  auto node = parse_primary();
  while (node) {
    if (at(TokenKind::dot)) {
      node = parse_member(std::move(node).value());
    } else if (at(TokenKind::lbracket)) {
      node = parse_index(std::move(node).value());
    } else {
      break;
    }
  }
  return node;
}

Result<NodePtr> Parser::parse_primary() {
  const Token& token = peek();
  switch (token.kind) {
    case TokenKind::number:
    case TokenKind::string: {
      advance();
      NodePtr node =
          make(NodeKind::literal, token.offset, token.offset + token.length, token.offset);
      if (token.kind == TokenKind::number) {
        node->constant = token.number;
      } else {
        node->constant = json::string(token.text);
      }
      return node;
    }
    case TokenKind::name:
      return parse_name();
    case TokenKind::lparen:
      return parse_group();
    case TokenKind::lbracket:
      return parse_array();
    case TokenKind::lbrace:
      return parse_object();
    default:
      return unexpected(token, "a value");
  }
}

Result<NodePtr> Parser::parse_name() {
  const Token& token = peek();
  if (is_reserved(token.text)) {
    return unexpected(token, "a value");
  }
  if (token.text == "nodes") {
    return parse_nodes_ref();
  }
  if (peek(1).kind == TokenKind::lparen) {
    return parse_call();
  }
  advance();
  NodePtr node = make(NodeKind::literal, token.offset, token.offset + token.length, token.offset);
  if (token.text == "true" || token.text == "false") {
    node->constant = token.text == "true";
  } else if (token.text != "null") {
    node->kind = NodeKind::name;
    node->text = token.text;
    references_.push_back(Reference{token.text, token.offset, false});
  }
  return node;
}

// `nodes.id`, `nodes["id"]` (both reported as references) or `nodes[expression]`.
Result<NodePtr> Parser::parse_nodes_ref() {
  const Token& nodes = advance();
  NodePtr node = make(NodeKind::node_ref, nodes.offset, nodes.offset + nodes.length, nodes.offset);
  if (at(TokenKind::dot)) {
    advance();
    if (!at(TokenKind::name)) {
      return unexpected(peek(), "a node id after `nodes.`");
    }
    node->text = advance().text;
  } else if (at(TokenKind::lbracket)) {
    advance();
    auto key = parse_nested();
    if (!key) {
      return key;
    }
    if (auto close = expect(TokenKind::rbracket, "`]`"); !close) {
      return std::move(close).error();
    }
    if ((*key)->kind == NodeKind::literal && (*key)->constant.is_string()) {
      node->text = std::string((*key)->constant.get_string());
    } else {
      adopt(*node, std::move(key).value());
    }
  } else {
    return expression_error("`nodes` " + at_column(nodes.offset) +
                            " must be followed by `.id` or `[\"id\"]`");
  }
  node->end = end_of_previous();
  if (node->children.empty()) {
    references_.push_back(Reference{node->text, nodes.offset, true});
  }
  return checked(std::move(node));
}

Result<NodePtr> Parser::parse_member(NodePtr object) {
  advance();  // `.`
  if (!at(TokenKind::name)) {
    return unexpected(peek(), "a field name after `.`");
  }
  const Token& name = advance();
  NodePtr node = make(NodeKind::member, object->begin, name.offset + name.length, name.offset);
  node->text = name.text;
  adopt(*node, std::move(object));
  return checked(std::move(node));
}

Result<NodePtr> Parser::parse_index(NodePtr object) {
  const Token& open = advance();  // `[`
  auto key = parse_nested();
  if (!key) {
    return key;
  }
  if (auto close = expect(TokenKind::rbracket, "`]`"); !close) {
    return std::move(close).error();
  }
  NodePtr node = make(NodeKind::index, object->begin, end_of_previous(), open.offset);
  // `a["b"]` is the same access as `a.b`.
  if ((*key)->kind == NodeKind::literal && (*key)->constant.is_string()) {
    node->kind = NodeKind::member;
    node->text = std::string((*key)->constant.get_string());
    adopt(*node, std::move(object));
    return checked(std::move(node));
  }
  adopt(*node, std::move(object));
  adopt(*node, std::move(key).value());
  return checked(std::move(node));
}

Result<NodePtr> Parser::parse_group() {
  const Token& open = advance();  // `(`
  auto inner = parse_nested();
  if (!inner) {
    return inner;
  }
  if (auto close = expect(TokenKind::rparen, "`)`"); !close) {
    return std::move(close).error();
  }
  // Keep the parentheses in the span so quoted source reads well: `(a + b).c`.
  (*inner)->begin = open.offset;
  (*inner)->end = end_of_previous();
  return inner;
}

Result<NodePtr> Parser::parse_array() {
  const Token& open = advance();  // `[`
  NodePtr node = make(NodeKind::array, open.offset, open.offset + 1, open.offset);
  while (!at(TokenKind::rbracket)) {
    auto element = parse_nested();
    if (!element) {
      return element;
    }
    adopt(*node, std::move(element).value());
    if (!at(TokenKind::comma)) {
      break;
    }
    advance();
  }
  if (auto close = expect(TokenKind::rbracket, "`,` or `]`"); !close) {
    return std::move(close).error();
  }
  node->end = end_of_previous();
  if (all_literal(*node)) {
    json::array values;
    values.reserve(node->children.size());
    for (const auto& child : node->children) {
      values.push_back(child->constant);
    }
    node->children.clear();
    node->kind = NodeKind::literal;
    node->constant = std::move(values);
    node->height = 1;
  }
  return checked(std::move(node));
}

Result<NodePtr> Parser::parse_object() {
  const Token& open = advance();  // `{`
  NodePtr node = make(NodeKind::object, open.offset, open.offset + 1, open.offset);
  while (!at(TokenKind::rbrace)) {
    if (!at(TokenKind::name) && !at(TokenKind::string)) {
      return unexpected(peek(), "a key (a name or a string)");
    }
    node->keys.push_back(advance().text);
    if (auto colon = expect(TokenKind::colon, "`:`"); !colon) {
      return std::move(colon).error();
    }
    auto value = parse_nested();
    if (!value) {
      return value;
    }
    adopt(*node, std::move(value).value());
    if (!at(TokenKind::comma)) {
      break;
    }
    advance();
  }
  if (auto close = expect(TokenKind::rbrace, "`,` or `}`"); !close) {
    return std::move(close).error();
  }
  node->end = end_of_previous();
  if (all_literal(*node)) {
    json::object values;
    for (std::size_t i = 0; i < node->keys.size(); ++i) {
      values[node->keys[i]] = node->children[i]->constant;
    }
    node->children.clear();
    node->keys.clear();
    node->kind = NodeKind::literal;
    node->constant = std::move(values);
    node->height = 1;
  }
  return checked(std::move(node));
}

Result<NodePtr> Parser::parse_call() {
  const Token& name = advance();
  const FunctionSpec* spec = find_function(name.text);
  if (spec == nullptr) {
    std::string hint = find_filter(name.text) != nullptr
                           ? "; " + quote(name.text) + " is a filter: write `x | " + name.text + "`"
                           : did_you_mean(closest_name(name.text, function_names()));
    return expression_error("unknown function " + quote(name.text) + " " + at_column(name.offset) +
                            hint);
  }
  NodePtr node = make(NodeKind::call, name.offset, name.offset + name.length, name.offset);
  node->function = spec;
  node->text = name.text;
  if (auto status = parse_arguments(*node); !status) {
    return std::move(status).error();
  }
  auto arity = check_arity("function", spec->name, name.offset, node->children.size(),
                           spec->min_args, spec->max_args);
  if (!arity) {
    return std::move(arity).error();
  }
  return checked(std::move(node));
}

// `(a, b, …)` after a filter or function name; the arguments become children.
Status Parser::parse_arguments(Node& call) {
  advance();  // `(`
  while (!at(TokenKind::rparen)) {
    auto argument = parse_nested();
    if (!argument) {
      return std::move(argument).error();
    }
    adopt(call, std::move(argument).value());
    if (!at(TokenKind::comma)) {
      break;
    }
    advance();
  }
  if (auto close = expect(TokenKind::rparen, "`,` or `)`"); !close) {
    return std::move(close).error();
  }
  call.end = end_of_previous();
  return Ok{};
}

}  // namespace weft::expr
