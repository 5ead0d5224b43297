#include "engine/node_runner.hpp"

#include <algorithm>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "engine/backoff.hpp"
#include "engine/loop_runner.hpp"
#include "engine/redact.hpp"
#include "llm/provider_source.hpp"

namespace weft::engine {

namespace asio = boost::asio;
using std::chrono::system_clock;

constexpr std::size_t kMaxLogLinesPerNode = 1000;

/// The NodeContext of one attempt. Lives in run_node's frame.
namespace {

// Runs the node's execute, turning exceptions into errors: a node's bug must
// fail the node, not the process.
asio::awaitable<nodes::NodeResult> guarded_execute(const nodes::NodeType& type,
                                                   nodes::NodeContext& context,
                                                   const pipeline::NodeConfig& config) {
  try {
    co_return co_await type.execute(context, config);
  } catch (const std::exception& e) {
    co_return Error::make(ErrorCode::internal,
                          std::string("the block stopped unexpectedly: ") + e.what());
  }
}

Error timeout_error(std::string_view node_id, std::chrono::milliseconds limit) {
  Error error =
      Error::make(ErrorCode::timeout, "`" + std::string(node_id) + "` did not finish within " +
                                          std::to_string(limit.count()) + " ms");
  error.retryable = true;
  return error;
}

/// Credential fields that hold settings, not secrets ("Bearer", a header
/// name, "starttls", a date): scrubbing them in every letter case would eat
/// ordinary words from every record.
bool names_a_setting(std::string_view field) {
  constexpr std::string_view kSettings[] = {"header", "token_type", "expires_at", "security",
                                            "token_url"};
  return std::find(std::begin(kSettings), std::end(kSettings), field) != std::end(kSettings);
}

/// Adds each string value of `data` (long enough to be a secret) to `secrets`.
void remember_secrets(const json::value& data, std::vector<std::string>& secrets) {
  constexpr std::size_t kShortest = 4;  // shorter values would scrub ordinary words
  if (data.is_string() && data.get_string().size() >= kShortest) {
    std::string value(data.get_string());
    if (std::find(secrets.begin(), secrets.end(), value) == secrets.end()) {
      secrets.push_back(std::move(value));
    }
  } else if (data.is_object()) {
    for (const auto& [key, item] : data.get_object()) {
      remember_secrets(item, secrets);
    }
  } else if (data.is_array()) {
    for (const auto& item : data.get_array()) {
      remember_secrets(item, secrets);
    }
  }
}

}  // namespace

class NodeRunner final : public nodes::NodeContext {
 public:
  NodeRunner(std::shared_ptr<GraphRun> graph, std::size_t node, int attempt,
             const std::vector<nodes::Upstream>& upstream)
      : graph_(std::move(graph)), node_(node), attempt_(attempt), upstream_(upstream) {}

  std::string_view node_id() const override { return record().node_id; }
  int attempt() const override { return attempt_; }
  const expr::Scope& scope() const override { return graph_->scope(); }
  const std::vector<nodes::Upstream>& upstream() const override { return upstream_; }
  const json::object& run_inputs() const override { return graph_->shared_.inputs.get_object(); }
  std::string_view workspace() const override { return graph_->shared_.workspace; }
  const nodes::NodeServices& services() const override { return *graph_->shared_.services; }
  integrations::HttpClient& http() override { return *services().http; }

  Result<nodes::Credential> credential(std::string_view id) override {
    RunShared& shared = graph_->shared_;
    const auto* credentials = services().credentials;
    if (credentials == nullptr) {
      return nodes::NodeContext::credential(id);
    }
    auto opened = credentials->resolve(shared.workspace, id);
    if (opened) {
      for (const auto& [field, value] : opened->data) {
        if (!names_a_setting(field)) {
          remember_secrets(value, shared.secrets);
        }
      }
      // What goes on the wire may be derived (Basic auth is base64): keep
      // those spellings out of the record too.
      if (auto headers = nodes::credential_headers(*opened)) {
        for (const auto& [name, value] : *headers) {
          remember_secrets(json::value(value), shared.secrets);
          if (auto space = value.find(' '); space != std::string::npos) {
            remember_secrets(json::value(value.substr(space + 1)), shared.secrets);
          }
        }
      }
    }
    return opened;
  }
  std::shared_ptr<llm::Provider> llm_provider(std::string_view name) const override {
    const auto* llm = services().llm;
    return llm != nullptr ? llm->resolve(workspace(), name) : nullptr;
  }
  std::vector<std::string> llm_provider_names() const override {
    const auto* llm = services().llm;
    return llm != nullptr ? llm->visible_names(workspace()) : std::vector<std::string>{};
  }
  void add_usage(std::int64_t prompt_tokens, std::int64_t completion_tokens) override {
    graph_->shared_.usage.prompt_tokens += prompt_tokens;
    graph_->shared_.usage.completion_tokens += completion_tokens;
  }

  void log(nodes::LogLevel level, std::string message) override {
    append_log(*graph_, node_, level, std::move(message));
  }

  void token(std::string_view text) override {
    if (!graph_->place_.emit_events) {
      return;
    }
    RunShared& shared = graph_->shared_;
    if (shared.secrets.empty()) {
      shared.emit("node.token", record().node_id, {{"text", text}});
      return;
    }
    std::string piece(text);
    redact_text(piece, shared.secrets);
    shared.emit("node.token", record().node_id, {{"text", piece}});
  }

  std::string_view execution_id() const override { return graph_->shared_.execution_id; }

  std::string idempotency_key() const override {
    return graph_->shared_.execution_id + ":" + record().node_id + ":" + std::to_string(attempt_);
  }

  /// The whole life of one node: attempts, timeouts, retries.
  static asio::awaitable<void> run(std::shared_ptr<GraphRun> graph, std::size_t node);

  asio::awaitable<Result<json::array>> run_each(const pipeline::CompiledGraph& body,
                                                const json::array& items,
                                                int concurrency) override {
    co_return co_await run_loop(graph_->shared_, graph_->scope(), body, items, concurrency);
  }

 private:
  static std::vector<nodes::Upstream> collect_upstream(const GraphRun& graph, std::size_t node);
  static asio::awaitable<bool> wait_before_retry(GraphRun& graph, std::size_t node,
                                                 int next_attempt);
  static asio::awaitable<void> attempt(std::shared_ptr<GraphRun> graph, std::size_t node,
                                       int attempt, const std::vector<nodes::Upstream>& upstream);
  friend void start_node(std::shared_ptr<GraphRun> graph, std::size_t node);

  static void append_log(GraphRun& graph, std::size_t node, nodes::LogLevel level,
                         std::string message) {
    NodeRun& run = graph.states_[node].record;
    if (run.logs.size() >= kMaxLogLinesPerNode) {
      return;
    }
    redact_text(message, graph.shared_.secrets);
    if (graph.place_.emit_events) {
      graph.shared_.emit("node.log", run.node_id,
                         {{"level", to_string(level)}, {"message", message}});
    }
    run.logs.push_back({system_clock::now(), std::string(to_string(level)), std::move(message)});
  }

  const NodeRun& record() const { return graph_->states_[node_].record; }
  std::shared_ptr<GraphRun> graph_;
  std::size_t node_;
  int attempt_;
  const std::vector<nodes::Upstream>& upstream_;
};

std::vector<nodes::Upstream> NodeRunner::collect_upstream(const GraphRun& graph, std::size_t node) {
  std::vector<nodes::Upstream> upstream;
  for (std::size_t e : graph.graph_.nodes[node].in_edges) {
    const auto& edge = graph.graph_.edges[e];
    const NodeRun& source = graph.states_[edge.source].record;
    const bool seen = std::any_of(upstream.begin(), upstream.end(),
                                  [&](const auto& u) { return u.node_id == source.node_id; });
    if (source.output && !seen && graph.edge_taken(edge)) {
      upstream.push_back({source.node_id, source.output});
    }
  }
  return upstream;
}

asio::awaitable<bool> NodeRunner::wait_before_retry(GraphRun& graph, std::size_t node,
                                                    int next_attempt) {
  const auto& def = *graph.graph_.nodes[node].def;
  const auto delay = retry_delay(def.retry, next_attempt, graph.shared_.random);
  append_log(graph, node, nodes::LogLevel::warn,
             "attempt " + std::to_string(next_attempt - 1) +
                 " failed: " + graph.states_[node].record.error->message + "; retrying in " +
                 std::to_string(delay.count()) + " ms");
  asio::steady_timer timer(graph.executor_, delay);
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  auto cancelled = (co_await asio::this_coro::cancellation_state).cancelled();
  if (cancelled != asio::cancellation_type::none) {
    co_await asio::this_coro::reset_cancellation_state();
  }
  co_return !graph.stopping_;
}

// One attempt: execute under the node's timeout. Outcome lands in the record.
asio::awaitable<void> NodeRunner::attempt(std::shared_ptr<GraphRun> graph, std::size_t node,
                                          int attempt,
                                          const std::vector<nodes::Upstream>& upstream) {
  const auto& compiled = graph->graph_.nodes[node];
  NodeState& state = graph->states_[node];
  NodeRun& record = state.record;
  record.attempts = attempt;
  record.error.reset();
  state.timed_out = false;
  if (graph->place_.emit_events) {
    graph->shared_.emit("node.started", record.node_id,
                        {{"attempt", attempt}, {"type", record.type}});
  }
  // The timer cancels the attempt through the node's own signal; the
  // attempt number keeps a late timer from touching the next attempt.
  std::optional<asio::steady_timer> timer;
  if (compiled.def->timeout) {
    timer.emplace(graph->executor_, *compiled.def->timeout);
    timer->async_wait([graph, node, attempt](boost::system::error_code ec) {
      NodeState& s = graph->states_[node];
      if (!ec && s.record.attempts == attempt && s.record.status == NodeStatus::running) {
        s.timed_out = true;
        s.signal->emit(asio::cancellation_type::terminal);
      }
    });
  }
  NodeRunner context(graph, node, attempt, upstream);
  const auto& type = static_cast<const nodes::NodeType&>(*compiled.kind);
  auto result = co_await guarded_execute(type, context, *compiled.config);
  if (timer) {
    timer->cancel();
  }
  if ((co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none) {
    co_await asio::this_coro::reset_cancellation_state();
  }
  if (result) {
    record.output = std::make_shared<const json::value>(std::move(result->value));
    record.handles = std::move(result->handles);
    record.status = NodeStatus::succeeded;
    co_return;
  }
  Error error = std::move(result).error();
  if (state.timed_out) {
    error = timeout_error(record.node_id, *compiled.def->timeout);
  } else if (graph->stopping_) {
    error = Error::make(ErrorCode::cancelled, "cancelled: " + graph->stop_reason_->message);
  }
  error.node_id = record.node_id;
  record.error = std::move(error);
  record.status = graph->stopping_ && !state.timed_out ? NodeStatus::cancelled : NodeStatus::failed;
}

asio::awaitable<void> NodeRunner::run(std::shared_ptr<GraphRun> graph, std::size_t node) {
  co_await asio::this_coro::throw_if_cancelled(false);
  const auto& def = *graph->graph_.nodes[node].def;
  NodeRun& record = graph->states_[node].record;
  const auto upstream = collect_upstream(*graph, node);
  record.started_at = system_clock::now();
  for (int attempt = 1;; ++attempt) {
    co_await NodeRunner::attempt(graph, node, attempt, upstream);
    const bool retry = record.status == NodeStatus::failed && record.error->retryable &&
                       attempt < def.retry.max_attempts && !graph->stopping_;
    if (!retry) {
      break;
    }
    record.status = NodeStatus::running;
    if (!co_await wait_before_retry(*graph, node, attempt + 1)) {
      record.status = NodeStatus::cancelled;
      record.error = Error::make(ErrorCode::cancelled, "cancelled while waiting to retry");
      record.error->node_id = record.node_id;
      break;
    }
  }
  if (record.status == NodeStatus::failed && def.on_error == pipeline::OnError::continue_run) {
    // `continue`: the error becomes the output and downstream runs on.
    record.output =
        std::make_shared<const json::value>(json::object{{"error", to_json(*record.error)}});
  }
  record.finished_at = system_clock::now();
}

void start_node(std::shared_ptr<GraphRun> graph, std::size_t node) {
  auto& signal = graph->states_[node].signal;
  signal = std::make_unique<asio::cancellation_signal>();
  auto executor = graph->executor_;
  asio::co_spawn(executor, NodeRunner::run(graph, node),
                 asio::bind_cancellation_slot(signal->slot(), [graph, node](std::exception_ptr e) {
                   if (e) {
                     NodeRun& record = graph->states_[node].record;
                     record.status = NodeStatus::failed;
                     record.error =
                         Error::make(ErrorCode::internal, "the engine failed to run this block");
                     record.error->node_id = record.node_id;
                   }
                   graph->on_node_done(node);
                 }));
}

}  // namespace weft::engine
