#include "pipeline/parser.hpp"

#include <algorithm>
#include <unordered_set>

#include "pipeline/object_reader.hpp"

namespace weft::pipeline {
namespace {

using std::chrono::milliseconds;

void parse_retry(ObjectReader& node, const DefinitionLimits& limits, RetryPolicy& retry,
                 Problems& problems) {
  const json::object* object = node.object("retry");
  if (object == nullptr) {
    return;
  }
  ObjectReader reader(*object, node.at("retry"), problems);
  reader.only({"max_attempts", "backoff_ms", "max_backoff_ms"});
  if (auto n = reader.integer("max_attempts", 1, limits.max_attempts)) {
    retry.max_attempts = static_cast<int>(*n);
  }
  const std::int64_t max_ms = limits.max_timeout.count();
  if (auto ms = reader.integer("backoff_ms", 0, max_ms)) {
    retry.backoff = milliseconds(*ms);
  }
  if (auto ms = reader.integer("max_backoff_ms", 0, max_ms)) {
    retry.max_backoff = milliseconds(*ms);
  }
}

void parse_on_error(ObjectReader& node, OnError& on_error) {
  auto text = node.string("on_error");
  if (!text) {
    return;
  }
  if (*text == "fail") {
    on_error = OnError::fail;
  } else if (*text == "continue") {
    on_error = OnError::continue_run;
  } else if (*text == "branch") {
    on_error = OnError::branch;
  } else {
    node.problem("on_error", "must be one of fail, continue, branch; got `" + *text + "`");
  }
}

void parse_position(ObjectReader& node, std::optional<Position>& position, Problems& problems) {
  const json::object* object = node.object("position");
  if (object == nullptr) {
    return;
  }
  ObjectReader reader(*object, node.at("position"), problems);
  reader.only({"x", "y"});
  position = Position{reader.number("x").value_or(0), reader.number("y").value_or(0)};
}

NodeDef parse_node(const json::value& value, const std::string& pointer,
                   const DefinitionLimits& limits, Problems& problems) {
  NodeDef node;
  if (!value.is_object()) {
    problems.push_back({pointer, "a node must be an object, not " + std::string(kind_name(value))});
    return node;
  }
  ObjectReader reader(value.get_object(), pointer, problems);
  reader.only(
      {"id", "type", "label", "config", "version", "position", "retry", "timeout_ms", "on_error"});
  if (auto id = reader.string("id")) {
    node.id = *id;
    if (!is_valid_id(node.id, limits.max_id_length)) {
      reader.problem("id", "node id `" + node.id.substr(0, limits.max_id_length) +
                               "` must be 1 to " + std::to_string(limits.max_id_length) +
                               " letters, digits, `_` or `-`");
    }
  } else if (!value.get_object().contains("id")) {
    problems.push_back({pointer, "node has no `id`"});
  }
  if (auto type = reader.string("type")) {
    node.type = *type;
  } else if (!value.get_object().contains("type")) {
    problems.push_back({pointer, "node has no `type`"});
  }
  node.label = reader.string("label").value_or("");
  if (const json::object* config = reader.object("config")) {
    node.config = *config;
  }
  if (auto version = reader.integer("version", 1, 1000)) {
    node.version = static_cast<int>(*version);
  }
  parse_position(reader, node.position, problems);
  parse_retry(reader, limits, node.retry, problems);
  if (auto ms = reader.integer("timeout_ms", 1, limits.max_timeout.count())) {
    node.timeout = milliseconds(*ms);
  }
  parse_on_error(reader, node.on_error);
  return node;
}

EdgeDef parse_edge(const json::value& value, const std::string& pointer, Problems& problems) {
  EdgeDef edge;
  if (!value.is_object()) {
    problems.push_back(
        {pointer, "an edge must be an object, not " + std::string(kind_name(value))});
    return edge;
  }
  ObjectReader reader(value.get_object(), pointer, problems);
  reader.only({"id", "source", "target", "sourceHandle", "targetHandle"});
  reader.string("id");  // the editor's own edge id; only its type is checked
  edge.source = reader.string("source").value_or("");
  edge.target = reader.string("target").value_or("");
  for (const char* key : {"source", "target"}) {
    if (!value.get_object().contains(key)) {
      problems.push_back({pointer, std::string("edge has no `") + key + "`"});
    }
  }
  // The editor writes `null` for a missing handle.
  for (auto [key, slot] : {std::pair{"sourceHandle", &edge.source_handle},
                           std::pair{"targetHandle", &edge.target_handle}}) {
    const json::value* handle = value.get_object().if_contains(key);
    if (handle != nullptr && !handle->is_null()) {
      *slot = reader.string(key).value_or("");
    }
  }
  return edge;
}

void parse_settings(ObjectReader& doc, const DefinitionLimits& limits, Settings& settings,
                    Problems& problems) {
  const json::object* object = doc.object("settings");
  if (object == nullptr) {
    return;
  }
  ObjectReader reader(*object, doc.at("settings"), problems);
  reader.only({"timeout_ms", "max_concurrency", "save_executions", "run_concurrency", "priority",
               "error_pipeline"});
  if (auto ms = reader.integer("timeout_ms", 1, limits.max_timeout.count())) {
    settings.timeout = milliseconds(*ms);
  }
  if (auto n = reader.integer("max_concurrency", 1, limits.max_concurrency)) {
    settings.max_concurrency = static_cast<int>(*n);
  }
  if (auto mode = reader.string("save_executions")) {
    if (*mode == "all" || *mode == "errors" || *mode == "none") {
      settings.save_executions = *mode == "all"      ? SaveExecutions::all
                                 : *mode == "errors" ? SaveExecutions::errors
                                                     : SaveExecutions::none;
    } else {
      reader.problem("save_executions", "must be `all`, `errors` or `none`");
    }
  }
  settings.run_concurrency = reader.integer("run_concurrency", 1, 10'000);
  settings.priority = reader.integer("priority", -1'000, 1'000).value_or(0);
  if (auto id = reader.string("error_pipeline"); id && !id->empty()) {
    if (is_valid_pipeline_id(*id)) {
      settings.error_pipeline = std::move(*id);
    } else {
      reader.problem("error_pipeline", "must be the id of a pipeline of this workspace");
    }
  }
}

}  // namespace

bool is_valid_id(std::string_view id, std::size_t max_length) {
  if (id.empty() || id.size() > max_length) {
    return false;
  }
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

bool is_valid_pipeline_id(std::string_view id) {
  // Words of the literal routes beside /api/pipelines/{id}.
  constexpr std::string_view kReserved[] = {"validate"};
  constexpr std::size_t kMaxLength = 64;
  const bool alphanumeric_start = !id.empty() && id.front() != '_' && id.front() != '-';
  return alphanumeric_start && is_valid_id(id, kMaxLength) &&
         std::find(std::begin(kReserved), std::end(kReserved), id) == std::end(kReserved);
}

void parse_graph(const json::object& doc, std::string_view base, const DefinitionLimits& limits,
                 Definition& out, Problems& problems) {
  ObjectReader reader(doc, std::string(base), problems);
  const json::array* nodes = reader.array("nodes");
  const json::array* edges = reader.array("edges");
  if (!doc.contains("nodes")) {
    problems.push_back({std::string(base), "missing `nodes` (a list of blocks)"});
  }
  if (!doc.contains("edges")) {
    problems.push_back(
        {std::string(base), "missing `edges` (a list of connections; may be empty)"});
  }
  if (nodes != nullptr && nodes->size() > limits.max_nodes) {
    reader.problem("nodes", "has " + std::to_string(nodes->size()) + " nodes; the limit is " +
                                std::to_string(limits.max_nodes));
    nodes = nullptr;
  }
  if (edges != nullptr && edges->size() > limits.max_edges) {
    reader.problem("edges", "has " + std::to_string(edges->size()) + " edges; the limit is " +
                                std::to_string(limits.max_edges));
    edges = nullptr;
  }
  std::unordered_set<std::string> seen;
  // Past max_problems the rest is not read (compile_pipeline says so).
  auto full = [&] { return problems.size() >= limits.max_problems; };
  for (std::size_t i = 0; nodes != nullptr && i < nodes->size() && !full(); ++i) {
    const std::string pointer = pointer_join(reader.at("nodes"), i);
    NodeDef node = parse_node((*nodes)[i], pointer, limits, problems);
    if (!node.id.empty() && !seen.insert(node.id).second) {
      problems.push_back({pointer_join(pointer, "id"), "duplicate node id `" + node.id + "`"});
    }
    out.nodes.push_back(std::move(node));
  }
  for (std::size_t i = 0; edges != nullptr && i < edges->size() && !full(); ++i) {
    out.edges.push_back(parse_edge((*edges)[i], pointer_join(reader.at("edges"), i), problems));
  }
}

/// Each pinned output must be an object and belong to a top-level node.
static void check_pinned(const json::object& pinned, const Definition& out, Problems& problems) {
  for (const auto& [id, output] : pinned) {
    const std::string pointer = pointer_join("/pinned", id);
    const std::string_view node_id = id;  // clang 14 cannot capture a structured binding
    const bool known = std::any_of(out.nodes.begin(), out.nodes.end(),
                                   [node_id](const NodeDef& node) { return node.id == node_id; });
    if (!output.is_object()) {
      problems.push_back({pointer, "a pinned output is a JSON object (the node's output), not " +
                                       std::string(kind_name(output))});
    } else if (!known) {
      problems.push_back({pointer, "pins an output to `" + std::string(id) +
                                       "`, but there is no node with that id"});
    }
  }
}

Definition parse_definition(const json::value& doc, Problems& problems,
                            const DefinitionLimits& limits) {
  Definition out;
  if (!doc.is_object()) {
    problems.push_back(
        {"", "a pipeline must be a JSON object, not " + std::string(kind_name(doc))});
    return out;
  }
  ObjectReader reader(doc.get_object(), "", problems);
  reader.only({"id", "name", "description", "version", "settings", "variables", "pinned", "nodes",
               "edges"});
  out.id = reader.string("id").value_or("");
  out.name = reader.string("name").value_or("");
  out.description = reader.string("description").value_or("");
  out.version = reader.integer("version", 0, INT64_MAX).value_or(0);
  parse_settings(reader, limits, out.settings, problems);
  if (const json::object* variables = reader.object("variables")) {
    out.variables = *variables;
  }
  parse_graph(doc.get_object(), "", limits, out, problems);
  if (const json::object* pinned = reader.object("pinned")) {
    check_pinned(*pinned, out, problems);
    out.pinned = *pinned;
  }
  return out;
}

std::string_view to_string(OnError on_error) {
  switch (on_error) {
    case OnError::fail:
      return "fail";
    case OnError::continue_run:
      return "continue";
    case OnError::branch:
      return "branch";
  }
  return "fail";
}

}  // namespace weft::pipeline
