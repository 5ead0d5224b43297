#include "engine/graph_run.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>

#include "engine/node_runner.hpp"
#include "engine/redact.hpp"

namespace weft::engine {
namespace {

const json::value kNull;  // what a skipped node's output reads as

}  // namespace

GraphRun::GraphRun(RunShared& shared, const pipeline::CompiledGraph& graph, GraphPlace place,
                   boost::asio::any_io_executor executor)
    : shared_(shared),
      graph_(graph),
      place_(std::move(place)),
      executor_(executor),
      states_(graph.nodes.size()),
      latch_(executor) {
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    const auto& node = graph.nodes[i];
    states_[i].record.node_id = node.def->id;
    states_[i].record.type = node.def->type;
    states_[i].unsettled_inputs = node.in_edges.size();
  }
}

boost::asio::awaitable<GraphOutcome> GraphRun::run() {
  co_await boost::asio::this_coro::throw_if_cancelled(false);
  for (std::size_t i : graph_.order) {
    if (graph_.nodes[i].in_edges.empty()) {
      ready_.push_back(i);
    }
  }
  launch_ready();
  while (!done()) {
    if (!co_await latch_.wait()) {
      stop(Error::make(ErrorCode::cancelled, "the run was cancelled"), RunStatus::cancelled);
    }
  }
  finish_pending();
  co_return outcome();
}

void GraphRun::stop(Error reason, RunStatus status) {
  if (stopping_) {
    return;
  }
  stopping_ = true;
  stop_status_ = status;
  stop_reason_ = std::move(reason);
  ready_.clear();
  for (auto& state : states_) {
    if (state.record.status == NodeStatus::running && state.signal) {
      state.signal->emit(boost::asio::cancellation_type::terminal);
    }
  }
  if (done()) {
    latch_.notify();
  }
}

void GraphRun::launch_ready() {
  const auto limit = static_cast<std::size_t>(graph_.definition.settings.max_concurrency);
  while (!stopping_ && !ready_.empty() && running_ < limit) {
    const std::size_t node = ready_.front();
    ready_.pop_front();
    if (place_.emit_events && shared_.skip.contains(states_[node].record.node_id)) {
      // Settled from a fresh handler, not from inside this loop.
      boost::asio::post(executor_, [self = shared_from_this(), node] { self->skip_held(node); });
      continue;
    }
    ++running_;
    states_[node].record.status = NodeStatus::running;
    if (place_.emit_events && reuse_output(node)) {
      continue;
    }
    start_node(shared_from_this(), node);
  }
}

bool GraphRun::edge_taken(const pipeline::CompiledEdge& edge) const {
  const NodeState& source = states_[edge.source];
  const auto on_error = graph_.nodes[edge.source].def->on_error;
  switch (source.record.status) {
    case NodeStatus::succeeded:
      if (source.record.handles.empty()) {
        return edge.source_handle.empty();
      }
      return std::find(source.record.handles.begin(), source.record.handles.end(),
                       edge.source_handle) != source.record.handles.end();
    case NodeStatus::failed:
      if (on_error == pipeline::OnError::branch) {
        return edge.source_handle == "error";
      }
      return on_error == pipeline::OnError::continue_run && edge.source_handle.empty();
    default:
      return false;
  }
}

void GraphRun::release_edges(std::size_t node) {
  for (std::size_t e : graph_.nodes[node].out_edges) {
    const auto& edge = graph_.edges[e];
    NodeState& target = states_[edge.target];
    --target.unsettled_inputs;
    if (edge_taken(edge)) {
      ++target.taken_inputs;
    }
    if (target.unsettled_inputs == 0) {
      if (target.taken_inputs > 0) {
        ready_.push_back(edge.target);
      } else {
        skip(edge.target);
      }
    }
  }
}

bool GraphRun::reuse_output(std::size_t node) {
  auto found = shared_.reuse.find(states_[node].record.node_id);
  if (found == shared_.reuse.end()) {
    return false;
  }
  NodeRun& record = states_[node].record;
  record.output = found->second.output;
  record.handles = found->second.handles;
  record.reused = true;
  record.status = NodeStatus::succeeded;
  record.started_at = record.finished_at = std::chrono::system_clock::now();
  // Settled from a fresh handler, not from inside launch_ready's loop.
  boost::asio::post(executor_, [self = shared_from_this(), node] { self->on_node_done(node); });
  return true;
}

void GraphRun::settle(std::size_t node) {
  ++settled_;
  // Before anything reads the record: downstream nodes (which may re-case or
  // space out what they read), the loop that collects a body's outputs, the
  // run's failure reason. A loop body is scrubbed exactly like the top level.
  redact(states_[node].record, shared_.secrets);
  if (!place_.emit_events) {
    return;
  }
  const NodeRun& record = states_[node].record;
  if (shared_.on_node_settled) {
    shared_.on_node_settled(record);
  }
  json::object data{{"status", to_string(record.status)}, {"attempts", record.attempts}};
  if (record.started_at && record.finished_at) {
    data["duration_ms"] =
        std::chrono::duration<double, std::milli>(*record.finished_at - *record.started_at).count();
  }
  if (record.output) {
    data["output"] = *record.output;
  }
  if (record.error) {
    data["error"] = to_json(*record.error);
  }
  if (record.reused) {
    data["reused"] = true;
  }
  if (!record.handles.empty()) {
    data["handles"] = json::array(record.handles.begin(), record.handles.end());
  }
  shared_.emit("node.finished", record.node_id, std::move(data));
}

void GraphRun::skip_held(std::size_t node) {
  skip(node);
  launch_ready();
  if (done()) {
    latch_.notify();
  }
}

void GraphRun::skip(std::size_t node) {
  states_[node].record.status = NodeStatus::skipped;
  settle(node);
  release_edges(node);
}

void GraphRun::on_node_done(std::size_t node) {
  --running_;
  NodeState& state = states_[node];
  settle(node);
  const bool fails_run = state.record.status == NodeStatus::failed &&
                         graph_.nodes[node].def->on_error == pipeline::OnError::fail;
  if (fails_run && state.record.error) {
    stop(*state.record.error, RunStatus::failed);
  } else if (!stopping_) {
    release_edges(node);
  }
  launch_ready();
  if (done()) {
    latch_.notify();
  }
}

bool GraphRun::done() const {
  return running_ == 0 && (stopping_ || settled_ == states_.size());
}

void GraphRun::finish_pending() {
  for (std::size_t i = 0; i < states_.size(); ++i) {
    if (states_[i].record.status == NodeStatus::pending) {
      states_[i].record.status =
          stop_status_ == RunStatus::cancelled ? NodeStatus::cancelled : NodeStatus::skipped;
      settle(i);
    }
  }
}

GraphOutcome GraphRun::outcome() const {
  GraphOutcome out;
  if (stopping_) {
    out.status = stop_status_;
    out.error = stop_reason_;
  }
  const bool by_output_nodes = graph_.has_output_nodes();
  for (std::size_t i = 0; i < states_.size(); ++i) {
    const auto& node = graph_.nodes[i];
    const auto& output = states_[i].record.output;
    if (!output) {
      continue;
    }
    if (by_output_nodes && node.output_name) {
      const auto* object = output->if_object();
      const auto* value = object != nullptr ? object->if_contains("value") : nullptr;
      out.outputs[*node.output_name] = value != nullptr ? *value : *output;
    } else if (!by_output_nodes && node.out_edges.empty()) {
      out.outputs[node.def->id] = *output;
    }
  }
  return out;
}

const json::value* GraphRun::find(std::string_view name) const {
  if (name == "input") {
    return &shared_.inputs;
  }
  if (name == "vars") {
    return &shared_.vars;
  }
  if (place_.item && name == "item") {
    return &*place_.item;
  }
  if (place_.item && name == "index") {
    return &place_.index;
  }
  return find_node(name);
}

const json::value* GraphRun::find_node(std::string_view id) const {
  if (auto index = graph_.find(id)) {
    const NodeRun& record = states_[*index].record;
    if (record.output) {
      return record.output.get();
    }
    return record.status == NodeStatus::skipped ? &kNull : nullptr;
  }
  return place_.outer != nullptr ? place_.outer->find_node(id) : nullptr;
}

void GraphRun::for_each_name(const std::function<void(std::string_view)>& visit) const {
  visit("input");
  visit("vars");
  if (place_.item) {
    visit("item");
    visit("index");
  }
  for (const auto& state : states_) {
    if (state.record.output) {
      visit(state.record.node_id);
    }
  }
  if (place_.outer != nullptr) {
    place_.outer->for_each_name(visit);
  }
}

}  // namespace weft::engine
