#pragma once
// The template and expression language of DESIGN §4: `{{ expression }}` holes in
// text. Compiled once per pipeline version into an immutable tree; evaluated
// many times against a Scope. Nothing outside the Scope is reachable.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"

namespace weft::expr {

/// Bounds on compilation and evaluation. Breaking one is an ErrorCode::limit_exceeded.
struct Limits {
  std::size_t max_template_bytes = 64 * 1024;  ///< source text of one template
  std::size_t max_output_bytes = 1024 * 1024;  ///< rendered text / serialized value
  std::size_t max_depth = 64;  ///< expression nesting (parentheses, literals, calls)
};

/// The names an expression can see. Implemented by the engine over a run's state.
class Scope {
 public:
  virtual ~Scope() = default;
  /// Value bound to a top-level name: a node id (its output), `input`, `vars`,
  /// `item`, `index`. nullptr when the name is not bound.
  virtual const json::value* find(std::string_view name) const = 0;
  /// Output of node `id`, for `nodes["id"]` / `nodes.id`; nullptr when unknown.
  virtual const json::value* find_node(std::string_view id) const = 0;
  /// Calls `visit` with every name `find` knows, for "did you mean" suggestions.
  virtual void for_each_name(const std::function<void(std::string_view)>& visit) const = 0;
};

/// A Scope over a plain map of names, for tests, tools and simple callers.
class MapScope final : public Scope {
 public:
  MapScope() = default;
  explicit MapScope(json::object names) : names_(std::move(names)) {}
  void set(std::string_view name, json::value value) { names_[name] = std::move(value); }
  const json::value* find(std::string_view name) const override { return names_.if_contains(name); }
  const json::value* find_node(std::string_view id) const override {
    return names_.if_contains(id);
  }
  void for_each_name(const std::function<void(std::string_view)>& visit) const override {
    for (const auto& entry : names_) {
      visit(entry.key());
    }
  }

 private:
  json::object names_;
};

/// A top-level name an expression reads, with the byte offset in the source
/// where it appears. `nodes["x"]` / `nodes.x` with a literal key is reported
/// as a reference to `x` with `via_nodes` set.
struct Reference {
  std::string name;
  std::size_t offset = 0;
  bool via_nodes = false;
};

class Node;  // the compiled tree; defined in the implementation

/// One compiled expression (the text between `{{` and `}}`, or an `if:` field).
class Expression {
 public:
  /// Parses `source`. Errors (ErrorCode::expression_error / limit_exceeded)
  /// name the position: "unexpected `)` at column 7", "unknown filter `uper` at
  /// column 5; did you mean `upper`?".
  static Result<Expression> compile(std::string_view source, const Limits& limits = {});

  /// Evaluates against `scope`. Errors name the position and suggest names:
  /// "`ticket.txt` at column 1: `txt` is not a field of `ticket`; did you mean `ticket.text`?".
  Result<json::value> evaluate(const Scope& scope) const;

  const std::vector<Reference>& references() const { return references_; }
  const std::string& source() const { return source_; }

 private:
  std::shared_ptr<const Node> root_;
  std::vector<Reference> references_;
  std::string source_;
  Limits limits_;
  friend class Template;
};

/// Literal text with `{{ expression }}` holes.
class Template {
 public:
  /// Compiles `source`; a template without holes is a literal.
  static Result<Template> compile(std::string_view source, const Limits& limits = {});

  /// Renders against `scope`. A template that is exactly one hole (surrounding
  /// whitespace allowed) keeps the expression's JSON type; otherwise the result
  /// is a string, with non-string values written as JSON (strings as is, null as "").
  Result<json::value> render(const Scope& scope) const;

  /// Renders and always returns text (a whole-hole object becomes its JSON).
  Result<std::string> render_text(const Scope& scope) const;

  bool is_literal() const;
  /// Every name read by any hole; offsets are relative to the template source.
  const std::vector<Reference>& references() const { return references_; }
  const std::string& source() const { return source_; }

 private:
  struct Part;  // literal text or a compiled expression
  std::shared_ptr<const std::vector<Part>> parts_;
  std::vector<Reference> references_;
  std::string source_;
  Limits limits_;
  bool single_hole_ = false;
};

/// A JSON value whose strings (at any depth, not keys) are templates: the
/// `value` of `transform`, the headers/query/body of `http_request`.
class JsonTemplate {
 public:
  /// Compiles every string in `value`. On failure the error's `pointer` is the
  /// JSON Pointer of the offending string relative to `value` ("/a/0/b").
  static Result<JsonTemplate> compile(const json::value& value, const Limits& limits = {});

  /// Renders every template; non-string parts are copied as they are.
  Result<json::value> render(const Scope& scope) const;

  bool is_literal() const;
  const std::vector<Reference>& references() const { return references_; }

 private:
  struct Slot;  // location of a template in the value and the compiled template
  json::value shape_;
  std::shared_ptr<const std::vector<Slot>> slots_;
  std::vector<Reference> references_;
};

/// Truthiness used by `if`, `and`, `or`, `not`, `?:` and `condition` nodes:
/// false, null, 0, "", [] and {} are false; everything else is true.
bool truthy(const json::value& value);

/// The closest of `candidates` to `name` by edit distance, or "" if none is close.
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace weft::expr
