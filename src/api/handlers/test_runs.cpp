// Editor runs: POST /api/pipelines/{id}/test-run. Like a run, plus what a
// builder needs: an unsaved draft runs instead of the published version,
// pinned outputs stand in for their nodes, a run can start from any node
// reusing what an earlier run recorded upstream of it, and a single node can
// run alone with the inputs it last received.
#include <unordered_set>

#include "api/handlers/run_start.hpp"
#include "api/handlers/support.hpp"
#include "pipeline/document_shape.hpp"
#include "runs/node_records.hpp"

namespace weft::api {
namespace {

namespace asio = boost::asio;

Error bad_field(std::string message, std::string pointer) {
  Error error = Error::make(ErrorCode::invalid_argument, std::move(message));
  error.pointer = std::move(pointer);
  return error;
}

/// A well-formed request naming a node or run this pipeline does not have.
Error unusable(std::string message, std::string pointer) {
  Error error = Error::make(ErrorCode::invalid_input, std::move(message));
  error.pointer = std::move(pointer);
  return error;
}

struct TestRunBody {
  std::optional<json::object> document;  ///< an unsaved draft to run instead
  std::optional<json::object> inputs;
  bool use_pinned = true;
  std::string from_execution;
  std::string from_node;
  std::string only_node;
};

Result<TestRunBody> parse_body(const json::object& body) {
  TestRunBody out;
  for (const auto& [key, value] : body) {
    const std::string pointer = pointer_join("", key);
    const std::string name(key);  // clang 14 cannot capture a structured binding
    auto wrong = [&name, &pointer](std::string_view expected) {
      return bad_field("`" + name + "` must be " + std::string(expected), pointer);
    };
    if (key == "document") {
      if (!value.is_object()) {
        return wrong("a pipeline document (an object)");
      }
      out.document = value.get_object();
    } else if (key == "inputs") {
      if (!value.is_object()) {
        return wrong("an object of inputs by name");
      }
      out.inputs = value.get_object();
    } else if (key == "use_pinned") {
      if (!value.is_bool()) {
        return wrong("true or false");
      }
      out.use_pinned = value.get_bool();
    } else if (key == "from_execution" || key == "from_node" || key == "only_node") {
      if (!value.is_string()) {
        return wrong("a string");
      }
      std::string& field = key == "from_execution" ? out.from_execution
                           : key == "from_node"    ? out.from_node
                                                   : out.only_node;
      field = value.get_string();
    } else {
      return bad_field("unknown field `" + std::string(key) +
                           "`; a test run takes document, inputs, use_pinned, from_execution, "
                           "from_node and only_node",
                       pointer);
    }
  }
  if (!out.from_node.empty() && !out.only_node.empty()) {
    return bad_field("give either `from_node` or `only_node`, not both", "/only_node");
  }
  return out;
}

/// `start` and every node reachable from it.
std::unordered_set<std::size_t> downstream(const pipeline::CompiledGraph& graph,
                                           std::size_t start) {
  std::unordered_set<std::size_t> seen{start};
  std::vector<std::size_t> frontier{start};  // reached, edges not yet followed
  while (!frontier.empty()) {
    const std::size_t node = frontier.back();
    frontier.pop_back();
    for (std::size_t e : graph.nodes[node].out_edges) {
      if (seen.insert(graph.edges[e].target).second) {
        frontier.push_back(graph.edges[e].target);
      }
    }
  }
  return seen;
}

/// A pinned output as the engine reuses it. A pin is only the output, so the
/// handles it takes are read from it where its type's descriptor says.
engine::ReusedOutput pinned_output(const nodes::Registry& registry,
                                   const pipeline::CompiledNode& node, const json::value& output) {
  const nodes::NodeType* type = registry.find(node.def->type);
  return {std::make_shared<const json::value>(output),
          type != nullptr ? type->chosen_handles(output) : std::vector<std::string>{}};
}

/// The execution whose recorded outputs a partial run reuses: the one named,
/// else the pipeline's newest.
Result<store::ExecutionRecord> source_execution(ApiContext& context, std::string_view workspace,
                                                std::string_view pipeline_id,
                                                const std::string& named) {
  if (!named.empty()) {
    auto execution = context.store.get_execution(workspace, named);
    if (execution && execution->pipeline_id != pipeline_id) {
      return unusable("execution `" + named + "` is a run of another pipeline", "/from_execution");
    }
    return execution;
  }
  store::ExecutionFilter filter;
  filter.pipeline_id = std::string(pipeline_id);
  filter.limit = 1;
  auto page = context.store.list_executions(workspace, filter);
  if (!page) {
    return page.error();
  }
  if (page->items.empty()) {
    return Error::make(ErrorCode::conflict,
                       "this pipeline has not run yet, so there are no recorded outputs to "
                       "start from; run it once first");
  }
  return std::move(page->items.front());
}

/// Adds to `run` what a partial run (from or only `target`) reuses and skips.
Status plan_partial(ApiContext& context, const pipeline::CompiledGraph& graph,
                    const store::ExecutionRecord& source, const std::string& target, bool only,
                    runs::Submission& run) {
  auto node = graph.find(target);
  if (!node) {
    return unusable("no node `" + target + "` in this pipeline",
                    only ? "/only_node" : "/from_node");
  }
  const auto rerun = downstream(graph, *node);
  auto node_runs = context.store.list_node_runs(run.job.workspace, source.id);
  if (!node_runs) {
    return node_runs.error();
  }
  for (const auto& recorded : *node_runs) {
    if (recorded.unreadable) {
      return unreadable_execution(source.id);
    }
    auto index = graph.find(recorded.node_id);
    if (index && !rerun.contains(*index) && recorded.status == "succeeded") {
      run.reuse.try_emplace(recorded.node_id, runs::reused_output(recorded));
    }
  }
  if (only) {
    for (std::size_t i : rerun) {
      if (i != *node) {
        run.skip.insert(graph.nodes[i].def->id);
      }
    }
  }
  return Ok{};
}

/// The version a draft says it was edited from, when it is one that was
/// stored; else the current one.
std::int64_t draft_base(const json::object& draft, std::int64_t current) {
  const json::value* version = draft.if_contains("version");
  if (version == nullptr || !version->is_number()) {
    return current;
  }
  boost::system::error_code inexact;
  const auto base = version->to_number<std::int64_t>(inexact);
  return !inexact && base >= 1 && base <= current ? base : current;
}

/// The compiled draft: checked by the validator a save uses, never cached
/// (it has no version of its own). The 422 when it cannot run.
Result<std::shared_ptr<const pipeline::CompiledGraph>> compiled_draft(ApiContext& context,
                                                                      json::object& draft,
                                                                      std::string_view id,
                                                                      Problems& problems) {
  const json::value* named = draft.if_contains("id");
  if (named != nullptr && !(named->is_string() && named->get_string() == id)) {
    problems = {{"/document/id", "the draft's id must be this pipeline's (`" + std::string(id) +
                                     "`); a test run cannot run another pipeline"}};
    return Error::make(ErrorCode::invalid_input, "the draft is of another pipeline");
  }
  draft["id"] = id;
  Problems shape = pipeline::check_document_shape(draft, context.limits.max_problems_shown);
  if (!shape.empty()) {
    problems = std::move(shape);
    return Error::make(ErrorCode::invalid_input,
                       "the draft has fields of the wrong type or missing; see docs/pipelines.md");
  }
  auto outcome = context.pipelines.compile(json::value(draft));
  if (!outcome.pipeline) {
    problems = first_problems(outcome.problems, context.limits);
    return Error::make(ErrorCode::invalid_input,
                       "the draft has problems; fix them before running it");
  }
  return outcome.pipeline;
}

asio::awaitable<Response> test_run(ApiContext& context, Request& request) {
  const std::string_view workspace = workspace_of(request);
  auto stored = context.store.get_pipeline(workspace, request.param("id"));
  if (!stored) {
    co_return Response::from_error(stored.error());
  }
  auto raw = body_object(request, context.limits, true);
  if (!raw) {
    co_return Response::from_error(raw.error());
  }
  auto body = parse_body(*raw);
  if (!body) {
    co_return Response::from_error(body.error());
  }
  // A draft is a pipeline the caller wrote: running one is building, not
  // running what editors published (a viewer could otherwise send the
  // workspace's credentials wherever a draft's blocks point).
  if (body->document && request.caller && !request.caller->may(auth::Action::build, stored->id)) {
    co_return Response::from_error(Error::make(
        ErrorCode::forbidden, "your role (" + std::string(auth::to_string(request.caller->role)) +
                                  ") may run the published version only, not an unsaved draft"));
  }
  Problems problems;
  const std::int64_t version =
      body->document ? draft_base(*body->document, stored->version) : stored->version;
  auto pipeline =
      body->document
          ? compiled_draft(context, *body->document, stored->id, problems)
          : compiled_version(context, {workspace, stored->id, version, stored->updated_at},
                             stored->definition, problems);
  if (!pipeline) {
    co_return invalid_pipeline(pipeline.error(), problems);
  }
  const auto& graph = **pipeline;
  // A draft's run is recorded against the version it was edited from.
  runs::Submission run{
      runs::job_for(workspace, stored->id, version, graph, {}, runs::Trigger::editor), *pipeline};
  // Whatever the pipeline keeps of its runs, the one the editor shows is kept.
  run.job.save = runs::SaveMode::all;
  const std::string& target = body->only_node.empty() ? body->from_node : body->only_node;
  std::optional<store::ExecutionRecord> source;
  if (!target.empty() || !body->from_execution.empty()) {
    auto found = source_execution(context, workspace, stored->id, body->from_execution);
    if (!found) {
      co_return Response::from_error(found.error());
    }
    if (found->unreadable) {
      co_return Response::from_error(unreadable_execution(found->id));
    }
    source = std::move(*found);
  }
  if (body->use_pinned) {
    for (const auto& [id, output] : graph.definition.pinned) {
      auto node = graph.find(id);
      if (node && output.is_object()) {
        run.reuse.emplace(std::string(id),
                          pinned_output(context.registry, graph.nodes[*node], output));
      }
    }
  }
  if (!target.empty()) {
    if (auto planned = plan_partial(context, graph, *source, target, !body->only_node.empty(), run);
        !planned) {
      co_return Response::from_error(planned.error());
    }
  }
  if (body->inputs) {
    run.job.inputs = std::move(*body->inputs);
  } else if (source && source->inputs.is_object()) {
    run.job.inputs = source->inputs.get_object();
  }
  if (auto bad = check_run_inputs(graph, run.job.inputs)) {
    co_return std::move(*bad);
  }
  co_return co_await submit_run(context, request, std::move(run), /*wait_default=*/false);
}

}  // namespace

void add_test_run_routes(Router& router, ApiContext& context) {
  ApiContext* ctx = &context;
  router.add("POST", "/api/pipelines/{id}/test-run",
             [ctx](Request& request) { return test_run(*ctx, request); });
}

}  // namespace weft::api
