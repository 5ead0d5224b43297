#pragma once
// The parts of a descriptor that depend on a node's config, written as data:
// which output handles a node has, which one its output chose, and which run
// inputs it contributes. `GET /api/node-types` sends the rules as they are;
// the functions here are their one C++ evaluator (the editor has the same one
// in web/src/features/editor/model/descriptorRules.ts), so neither the HTTP
// layer nor the editor names a block type to know its handles or inputs.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"

namespace weft::nodes {

/// One rule of a node's output handles; the rules are read in order.
/// Either a fixed handle (`name`) or one handle per entry of a config list.
struct HandleRule {
  std::string name;     ///< a fixed handle (`true`, `default`); empty for a list rule
  std::string each;     ///< JSON Pointer to a config list (`/cases`)
  std::string name_at;  ///< JSON Pointer, inside each entry, to the handle's name (`/name`)
};

/// One rule of the run inputs a node contributes: one input, or one per entry
/// of a config list. Every `*_at` is a JSON Pointer into the config (into the
/// entry with `each`); empty, or pointing at nothing of the right kind, means
/// the default written next to it.
struct RunInputRule {
  std::string each;            ///< JSON Pointer to a config list; empty: one input
  std::string type;            ///< JSON type of the value (`string`); empty: any JSON
  std::string name_at;         ///< default: the node id
  std::string label_at;        ///< default: the name
  std::string description_at;  ///< default: none
  std::string type_at;         ///< default: `type`
  std::string required_at;     ///< default: true
  std::string default_at;      ///< default: none (an input with a default may be left out)
  std::string multiline_at;    ///< default: false (an editor hint for text)
  std::string schema_at;       ///< a JSON Schema the value must match; default: none
  // File inputs (type "file"): what the run form's file field offers.
  std::string accept_at;     ///< list of MIME types or extensions; default: any
  std::string max_bytes_at;  ///< largest file; default: the server's body limit
  std::string multiple_at;   ///< several files (a list of file values); default: false
};

/// One run input, as a rule gives it for one node's config.
struct RunInput {
  std::string name;
  std::string label;
  std::string description;
  std::string type;  ///< empty: any JSON value
  bool required = true;
  std::optional<json::value> default_value;
  bool multiline = false;
  std::optional<json::value> schema;
  std::vector<std::string> accept;        ///< file inputs: MIME types (`text/*`) or `.csv`
  std::optional<std::int64_t> max_bytes;  ///< file inputs: largest file
  bool multiple = false;                  ///< file inputs: a list of files
};

/// The named handles of a node with this config, in rule order, each once;
/// empty when the rules are (one unnamed output). `error` (for
/// `on_error: "branch"`) is not a rule: it belongs to every type alike.
std::vector<std::string> handles_of(const std::vector<HandleRule>& rules,
                                    const json::object& config);

/// The handles an output chose, read at `chosen_at` (a JSON Pointer into the
/// output): a string names one handle, `true`/`false` the handles of those
/// names, an array of strings several. Empty when nothing is there.
std::vector<std::string> chosen_handles(std::string_view chosen_at, const json::value& output);

/// The run inputs of a node with this config and id, in rule order.
std::vector<RunInput> run_inputs_of(const std::vector<RunInputRule>& rules,
                                    const json::object& config, std::string_view node_id);

/// The rules as `GET /api/node-types` shows them (empty pointers left out).
json::array to_json(const std::vector<HandleRule>& rules);
json::array to_json(const std::vector<RunInputRule>& rules);

/// The value at JSON Pointer `pointer` in `config`; null when there is none.
/// The empty pointer (and `/`) names nothing here: a rule never means the whole config.
const json::value* find_at(const json::object& config, std::string_view pointer);

}  // namespace weft::nodes
