#include "pipeline/validator.hpp"

#include <algorithm>
#include <unordered_set>

#include "expr/expr.hpp"
#include "pipeline/config_bounds.hpp"
#include "pipeline/config_reader.hpp"
#include "pipeline/parser.hpp"
#include "pipeline/topological_order.hpp"

namespace weft::pipeline {
namespace {

// Names every expression may read, whatever the graph.
constexpr std::string_view kBuiltinNames[] = {"input", "vars"};

std::string edge_pointer(std::size_t i, std::string_view base, std::string_view key) {
  return pointer_join(pointer_join(std::string(base) + "/edges", i), key);
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

/// Compiles one graph (a pipeline, or a loop body nested in one).
class GraphCompiler {
 public:
  GraphCompiler(const TypeCatalog& catalog, const DefinitionLimits& limits, Problems& problems,
                std::string base, std::vector<std::string> outer_names)
      : catalog_(catalog),
        limits_(limits),
        problems_(problems),
        base_(std::move(base)),
        outer_names_(std::move(outer_names)) {}

  std::shared_ptr<CompiledGraph> compile(std::shared_ptr<CompiledGraph> graph) {
    graph_ = std::move(graph);
    const std::size_t before = problems_.size();
    index_nodes();
    link_edges();
    order_nodes();
    compute_ancestors();
    compile_configs();
    check_handles();
    if (problems_.size() != before) {
      return nullptr;
    }
    return std::move(graph_);
  }

 private:
  std::string node_pointer(std::size_t i) const { return pointer_join(base_ + "/nodes", i); }

  /// Past max_problems the rest is not looked at: the report stays bounded
  /// whatever the document holds.
  bool full() const { return problems_.size() >= limits_.max_problems; }

  void index_nodes() {
    auto& g = *graph_;
    g.nodes.resize(g.definition.nodes.size());
    for (std::size_t i = 0; i < g.nodes.size() && !full(); ++i) {
      const NodeDef& def = g.definition.nodes[i];
      g.nodes[i].def = &def;
      if (!def.id.empty()) {
        g.index.emplace(def.id, i);
      }
      if (def.type.empty()) {
        continue;
      }
      g.nodes[i].kind = catalog_.find_kind(def.type);
      if (g.nodes[i].kind == nullptr) {
        std::string message = "unknown node type `" + def.type + "`";
        if (auto guess = expr::closest_name(def.type, catalog_.type_names()); !guess.empty()) {
          message += "; did you mean `" + guess + "`?";
        }
        problems_.push_back({pointer_join(node_pointer(i), "type"), std::move(message)});
      } else if (def.version > g.nodes[i].kind->version()) {
        problems_.push_back({pointer_join(node_pointer(i), "version"),
                             "node type `" + def.type + "` is at version " +
                                 std::to_string(g.nodes[i].kind->version()) +
                                 "; this pipeline was made for version " +
                                 std::to_string(def.version) + " by a newer Weft"});
      }
    }
  }

  std::optional<std::size_t> endpoint(std::size_t edge, std::string_view key,
                                      const std::string& id) {
    if (id.empty()) {
      return std::nullopt;
    }
    if (auto found = graph_->find(id)) {
      return found;
    }
    std::vector<std::string> ids;
    for (const auto& def : graph_->definition.nodes) {
      ids.push_back(def.id);
    }
    std::string message = "edge " + std::string(key) + " `" + id + "` is not a node";
    if (auto guess = expr::closest_name(id, ids); !guess.empty()) {
      message += "; did you mean `" + guess + "`?";
    }
    problems_.push_back({edge_pointer(edge, base_, key), std::move(message)});
    return std::nullopt;
  }

  void link_edges() {
    auto& g = *graph_;
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < g.definition.edges.size() && !full(); ++i) {
      const EdgeDef& def = g.definition.edges[i];
      auto source = endpoint(i, "source", def.source);
      auto target = endpoint(i, "target", def.target);
      if (!source || !target) {
        continue;
      }
      const std::string key =
          def.source + "\n" + def.source_handle + "\n" + def.target + "\n" + def.target_handle;
      if (!seen.insert(key).second) {
        problems_.push_back({edge_pointer(i, base_, ""),
                             "duplicate edge from `" + def.source + "` to `" + def.target + "`"});
        continue;
      }
      g.edges.push_back({*source, *target, def.source_handle, def.target_handle});
      edge_origin_.push_back(i);
      g.nodes[*source].out_edges.push_back(g.edges.size() - 1);
      g.nodes[*target].in_edges.push_back(g.edges.size() - 1);
    }
  }

  void order_nodes() {
    auto& g = *graph_;
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (const auto& e : g.edges) {
      pairs.emplace_back(e.source, e.target);
    }
    auto result = topological_order(g.nodes.size(), pairs);
    g.order = std::move(result.order);
    if (result.cycle.empty()) {
      return;
    }
    std::string path;
    for (std::size_t n : result.cycle) {
      path += g.definition.nodes[n].id + " → ";
    }
    path += g.definition.nodes[result.cycle.front()].id;
    problems_.push_back({base_ + "/edges", "the edges form a cycle: " + path +
                                               "; a pipeline must flow one way (use a loop node "
                                               "to repeat work)"});
    in_cycle_ = true;
  }

  void compute_ancestors() {
    auto& g = *graph_;
    ancestors_.assign(g.nodes.size(), std::vector<bool>(g.nodes.size(), false));
    for (std::size_t n : g.order) {
      for (std::size_t e : g.nodes[n].in_edges) {
        const std::size_t parent = g.edges[e].source;
        ancestors_[n][parent] = true;
        for (std::size_t k = 0; k < g.nodes.size(); ++k) {
          if (ancestors_[parent][k]) {
            ancestors_[n][k] = true;
          }
        }
      }
    }
  }

  // Names visible from node `n`: builtins, outer names (for loop bodies) and
  // every ancestor.
  std::vector<std::string> visible_from(std::size_t n) const {
    std::vector<std::string> names(std::begin(kBuiltinNames), std::end(kBuiltinNames));
    names.insert(names.end(), outer_names_.begin(), outer_names_.end());
    for (std::size_t k = 0; k < graph_->nodes.size(); ++k) {
      if (ancestors_[n][k]) {
        names.push_back(graph_->definition.nodes[k].id);
      }
    }
    return names;
  }

  bool is_visible(std::size_t n, const std::string& name) const {
    if (std::find(std::begin(kBuiltinNames), std::end(kBuiltinNames), name) !=
            std::end(kBuiltinNames) ||
        std::find(outer_names_.begin(), outer_names_.end(), name) != outer_names_.end()) {
      return true;
    }
    auto found = graph_->find(name);
    return found && ancestors_[n][*found];
  }

  void check_reference(std::size_t n, const expr::Reference& ref, const std::string& pointer,
                       std::size_t column_base) {
    if (ref.name == "input" && !ref.via_nodes && outer_names_.empty() &&
        graph_->nodes[n].in_edges.empty()) {
      // `input` is what flows in through the block's connections: with none,
      // a template that reads it only worked because run inputs are global,
      // and the canvas would not show where its text comes from.
      problems_.push_back({pointer,
                           "`input` refers to the blocks connected into this block, and none is; "
                           "connect the block it should read from"});
      return;
    }
    if (is_visible(n, ref.name)) {
      return;
    }
    const std::string where =
        "`" + ref.name + "` at column " + std::to_string(column_base + ref.offset + 1);
    const std::string& self = graph_->definition.nodes[n].id;
    std::string message;
    if (ref.name == self) {
      message = where + ": a node cannot read its own output";
    } else if (graph_->find(ref.name)) {
      if (in_cycle_) {
        return;  // the cycle is already reported; upstream is undefined
      }
      message = where + " is not upstream of `" + self + "`; connect `" + ref.name + "` to `" +
                self + "` (directly or through other blocks) to use its output";
    } else {
      message = where + " is not a node or a known name";
      if (auto guess = expr::closest_name(ref.name, visible_from(n)); !guess.empty()) {
        message += "; did you mean `" + guess + "`?";
      }
    }
    problems_.push_back({pointer, std::move(message)});
  }

  std::shared_ptr<const CompiledGraph> compile_body(std::size_t n, const json::object& body,
                                                    const std::string& pointer) {
    auto names = visible_from(n);
    names.push_back("item");
    names.push_back("index");
    auto graph = std::make_shared<CompiledGraph>();
    graph->definition.settings = graph_->definition.settings;
    const std::size_t before = problems_.size();
    parse_graph(body, pointer, limits_, graph->definition, problems_);
    if (problems_.size() != before) {
      return nullptr;
    }
    GraphCompiler inner(catalog_, limits_, problems_, pointer, std::move(names));
    return inner.compile(std::move(graph));
  }

  void compile_configs() {
    auto& g = *graph_;
    for (std::size_t n = 0; n < g.nodes.size() && !full(); ++n) {
      CompiledNode& node = g.nodes[n];
      if (node.kind == nullptr) {
        continue;
      }
      const std::string pointer = pointer_join(node_pointer(n), "config");
      if (auto oversized = check_config_size(node.def->config, pointer, limits_)) {
        problems_.push_back(std::move(*oversized));
        continue;
      }
      const json::value config(node.def->config);
      Problems schema_problems = node.kind->config_schema().validate(config, pointer);
      if (!schema_problems.empty()) {
        problems_.insert(problems_.end(), schema_problems.begin(), schema_problems.end());
        continue;
      }
      ConfigReader reader(
          node.def->config, pointer, node.def->id, problems_,
          [this, n](const expr::Reference& ref, const std::string& p, std::size_t base) {
            check_reference(n, ref, p, base);
          },
          [this, n](const json::object& body, const std::string& p) {
            return compile_body(n, body, p);
          },
          node.in_edges.size());
      node.config = node.kind->compile_config(reader);
      if (node.config) {
        node.output_name = node.kind->output_name(*node.config, node.def->id);
      }
    }
  }

  void check_handles() {
    auto& g = *graph_;
    for (std::size_t i = 0; i < g.edges.size() && !full(); ++i) {
      const CompiledEdge& edge = g.edges[i];
      check_source_handle(g.nodes[edge.source], edge, edge_origin_[i]);
      check_target_handle(g.nodes[edge.target], edge, edge_origin_[i]);
    }
  }

  void check_source_handle(const CompiledNode& node, const CompiledEdge& edge, std::size_t origin) {
    if (node.kind == nullptr || node.config == nullptr) {
      return;
    }
    std::vector<std::string> handles = node.kind->output_handles(node.def->config);
    const bool named = !handles.empty();
    if (node.def->on_error == OnError::branch) {
      handles.push_back("error");
    }
    const std::string& handle = edge.source_handle;
    if (handle.empty() && !named) {
      return;
    }
    if (std::find(handles.begin(), handles.end(), handle) != handles.end()) {
      return;
    }
    std::string message;
    if (handle.empty()) {
      message = "an edge from `" + node.def->id + "` (" + node.def->type +
                ") must name its sourceHandle: one of " + quoted_list(handles);
    } else if (handle == "error") {
      message = "the `error` handle of `" + node.def->id +
                "` exists only when the node has \"on_error\": \"branch\"";
    } else {
      message = "`" + node.def->id + "` has no output handle `" + handle + "`";
      message += handles.empty() ? "" : "; its handles are " + quoted_list(handles);
    }
    problems_.push_back({edge_pointer(origin, base_, "sourceHandle"), std::move(message)});
  }

  void check_target_handle(const CompiledNode& node, const CompiledEdge& edge, std::size_t origin) {
    if (node.kind == nullptr) {
      return;
    }
    const auto handles = node.kind->input_handles();
    if (handles.empty()) {
      problems_.push_back({edge_pointer(origin, base_, "target"),
                           "`" + node.def->id + "` is an input (" + node.def->type +
                               ") and takes no incoming edges"});
      return;
    }
    const std::string& handle = edge.target_handle;
    if (!handle.empty() && std::find(handles.begin(), handles.end(), handle) == handles.end()) {
      problems_.push_back({edge_pointer(origin, base_, "targetHandle"),
                           "`" + node.def->id + "` has no input handle `" + handle +
                               "`; its handles are " + quoted_list(handles)});
    }
  }

  const TypeCatalog& catalog_;
  const DefinitionLimits& limits_;
  Problems& problems_;
  std::string base_;
  std::vector<std::string> outer_names_;
  std::shared_ptr<CompiledGraph> graph_;
  std::vector<std::size_t> edge_origin_;  // compiled edge -> index in the definition
  std::vector<std::vector<bool>> ancestors_;
  bool in_cycle_ = false;
};

/// Keeps `problems` at the bound (a step may overshoot it by a few) and says
/// that checking stopped there; true when it did.
bool cut_at_limit(Problems& problems, const DefinitionLimits& limits) {
  if (problems.size() < limits.max_problems) {
    return false;
  }
  problems.resize(limits.max_problems);
  problems.push_back({"", "validation stopped after " + std::to_string(limits.max_problems) +
                              " problems; fix these and validate again"});
  return true;
}

}  // namespace

bool CompiledGraph::has_output_nodes() const {
  return std::any_of(nodes.begin(), nodes.end(),
                     [](const CompiledNode& n) { return n.output_name.has_value(); });
}

CompileOutcome compile_pipeline(const json::value& doc, const TypeCatalog& catalog,
                                const DefinitionLimits& limits) {
  CompileOutcome outcome;
  if (auto oversized = check_document_size(doc, limits)) {
    outcome.problems.push_back(std::move(*oversized));
    return outcome;
  }
  auto graph = std::make_shared<CompiledGraph>();
  graph->definition = parse_definition(doc, outcome.problems, limits);
  if (!outcome.problems.empty() && graph->definition.nodes.empty()) {
    return outcome;
  }
  if (cut_at_limit(outcome.problems, limits)) {
    return outcome;
  }
  GraphCompiler compiler(catalog, limits, outcome.problems, "", {});
  auto compiled = compiler.compile(std::move(graph));
  if (outcome.problems.empty()) {
    outcome.pipeline = std::move(compiled);
  }
  cut_at_limit(outcome.problems, limits);
  return outcome;
}

}  // namespace weft::pipeline
