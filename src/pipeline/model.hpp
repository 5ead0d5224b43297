#pragma once
// The pipeline definition as written by a user (DESIGN §3), after parsing.
// Plain data: no behaviour, no references into other objects.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"

namespace weft::pipeline {

enum class OnError { fail, continue_run, branch };

std::string_view to_string(OnError on_error);

struct RetryPolicy {
  int max_attempts = 1;                    ///< 1 = no retry
  std::chrono::milliseconds backoff{500};  ///< first delay; doubles each attempt
  std::chrono::milliseconds max_backoff{30'000};
};

struct Position {
  double x = 0;
  double y = 0;
};

struct NodeDef {
  std::string id;
  std::string type;
  std::string label;  ///< display name in the editor; optional
  json::object config;
  int version = 1;
  std::optional<Position> position;
  RetryPolicy retry;
  std::optional<std::chrono::milliseconds> timeout;
  OnError on_error = OnError::fail;
};

struct EdgeDef {
  std::string source;
  std::string target;
  std::string source_handle;  ///< "" = the node's normal output
  std::string target_handle;  ///< "" = the node's input
};

/// Which finished runs are kept (`settings.save_executions`).
enum class SaveExecutions { all, errors, none };

struct Settings {
  std::chrono::milliseconds timeout{60 * 60 * 1000};
  int max_concurrency = 8;  ///< blocks of one run at once
  SaveExecutions save_executions = SaveExecutions::all;
  std::optional<std::int64_t> run_concurrency;  ///< runs of the pipeline at once; none: no limit
  std::int64_t priority = 0;                    ///< higher runs first when runs wait
  /// Run when a run of this pipeline fails, with what failed (n8n's error workflow).
  std::optional<std::string> error_pipeline;
};

struct Definition {
  std::string id;
  std::string name;
  std::string description;
  std::int64_t version = 0;
  Settings settings;
  json::object pinned;     ///< node id -> output used instead of running it (editor runs only)
  json::object variables;  ///< `vars` in expressions
  std::vector<NodeDef> nodes;
  std::vector<EdgeDef> edges;
};

/// Hard bounds on what a definition may hold, and on the work of checking it:
/// whatever a document holds, validation does a bounded amount of work and
/// reports a bounded list.
struct DefinitionLimits {
  std::size_t max_nodes = 2'000;  ///< blocks per graph (a pipeline, or a loop body)
  std::size_t max_edges = 10'000;
  std::size_t max_id_length = 128;
  int max_attempts = 10;
  std::chrono::milliseconds max_timeout{24 * 60 * 60 * 1000};
  int max_concurrency = 256;
  std::size_t max_config_keys = 1'000;  ///< keys of any one object inside a block's config
  std::size_t max_config_values =
      10'000;  ///< keys and values in one block's config, nested ones too
  /// Keys and values in the whole document; past it nothing is read into a
  /// Definition (which copies configs, variables and pins).
  std::size_t max_document_values = 250'000;
  std::size_t max_problems = 1'000;  ///< validation stops once it has found this many
};

}  // namespace weft::pipeline
