// Template: literal text with `{{ expression }}` holes.

#include "expr/errors.hpp"
#include "expr/evaluator.hpp"
#include "expr/expr.hpp"
#include "expr/parser.hpp"
#include "expr/text.hpp"
#include "expr/values.hpp"

namespace weft::expr {
namespace {

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos;
}

Error text_too_large(const Limits& limits) {
  return limit_error("rendered text is larger than the limit of " +
                     std::to_string(limits.max_output_bytes) + " bytes");
}

// Appends `value` by the template rule, refusing to grow `out` past the limit.
Status append_bounded(std::string& out, const json::value& value, const Limits& limits) {
  const std::size_t cap = limits.max_output_bytes;
  if (!value.is_string() && out.size() + estimate_size(value, cap) > cap + 2) {
    return text_too_large(limits);
  }
  append_text(out, value);
  if (out.size() > cap) {
    return text_too_large(limits);
  }
  return Ok{};
}

}  // namespace

/// Literal text (when `tree` is null) or one hole's compiled expression.
struct Template::Part {
  std::string text;
  std::shared_ptr<const Node> tree;
};

Result<Template> Template::compile(std::string_view source, const Limits& limits) {
  if (source.size() > limits.max_template_bytes) {
    return limit_error("template is " + std::to_string(source.size()) + " bytes; the limit is " +
                       std::to_string(limits.max_template_bytes));
  }
  Template compiled;
  auto parts = std::make_shared<std::vector<Part>>();
  std::size_t holes = 0;
  bool blank_text = true;
  std::size_t pos = 0;
  while (pos < source.size()) {
    const std::size_t open = source.find("{{", pos);
    const std::string_view text = source.substr(pos, open - pos);  // npos: to the end
    if (!text.empty()) {
      parts->push_back(Part{std::string(text), nullptr});
      blank_text = blank_text && is_blank(text);
    }
    if (open == std::string_view::npos) {
      break;
    }
    auto lexed = lex_hole(source, open);
    if (!lexed) {
      return std::move(lexed).error();
    }
    if (lexed->tokens.size() == 1) {
      return expression_error("empty `{{ }}` " + at_column(open));
    }
    auto parsed = parse(lexed->tokens, source, limits);
    if (!parsed) {
      return std::move(parsed).error();
    }
    parts->push_back(Part{std::string(), std::move(parsed->root)});
    for (auto& reference : parsed->references) {
      compiled.references_.push_back(std::move(reference));
    }
    ++holes;
    pos = lexed->next;
  }
  compiled.parts_ = std::move(parts);
  compiled.source_ = std::string(source);
  compiled.limits_ = limits;
  compiled.single_hole_ = holes == 1 && blank_text;
  return compiled;
}

Result<json::value> Template::render(const Scope& scope) const {
  if (single_hole_) {
    for (const Part& part : *parts_) {
      if (part.tree) {
        auto value = evaluate_node(*part.tree, EvalContext{scope, source_, limits_});
        if (!value) {
          return std::move(value).error();
        }
        return finite_result(std::move(value).value().take(), source_);
      }
    }
  }
  auto text = render_text(scope);
  if (!text) {
    return std::move(text).error();
  }
  return json::value(json::string(*text));
}

Result<std::string> Template::render_text(const Scope& scope) const {
  if (!parts_) {
    return source_;
  }
  std::string out;
  out.reserve(source_.size());
  for (const Part& part : *parts_) {
    if (!part.tree) {
      // A whole-hole template drops the blanks around its hole, as render() does.
      if (!single_hole_) {
        out += part.text;
      }
      continue;
    }
    auto value = evaluate_node(*part.tree, EvalContext{scope, source_, limits_});
    if (!value) {
      return std::move(value).error();
    }
    if (auto status = append_bounded(out, value->get(), limits_); !status) {
      return std::move(status).error();
    }
  }
  if (out.size() > limits_.max_output_bytes) {
    return text_too_large(limits_);
  }
  return out;
}

bool Template::is_literal() const {
  if (!parts_) {
    return true;
  }
  for (const Part& part : *parts_) {
    if (part.tree) {
      return false;
    }
  }
  return true;
}

}  // namespace weft::expr
