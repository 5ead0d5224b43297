// input_file: one file (or several) of the run's inputs, as file values.
// Only a value naming a file stored in the run's workspace is taken: a JSON
// object that merely looks like one, or carries a `path`, is refused
// (file_source.hpp).
#include <algorithm>
#include <cctype>

#include "nodes/file_source.hpp"
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

struct InputFileConfig final : pipeline::NodeConfig {
  RunInput input;
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return out;
}

/// Whether `file` fits one entry of `accept`: `.ext`, `type/*` or `type/subtype`.
bool accepted(const std::vector<std::string>& accept, const FileValue& file) {
  if (accept.empty()) {
    return true;
  }
  const std::string name = lower(file.name);
  const std::string mime = lower(file.mime);
  return std::any_of(accept.begin(), accept.end(), [&](const std::string& raw) {
    const std::string entry = lower(raw);
    if (entry.starts_with(".")) {
      return name.ends_with(entry);
    }
    if (entry.ends_with("/*")) {
      return mime.starts_with(entry.substr(0, entry.size() - 1));
    }
    return mime == entry;
  });
}

/// The values given for the input, one per file; a problem when the shape is wrong.
Problems values_of(const RunInput& input, const json::value& given,
                   std::vector<const json::value*>& out) {
  const std::string pointer = "/" + pointer_token(input.name);
  if (!given.is_array()) {
    out.push_back(&given);
    return {};
  }
  if (!input.multiple) {
    return {{pointer, "`" + input.name + "` takes one file, not a list"}};
  }
  for (const auto& item : given.get_array()) {
    out.push_back(&item);
  }
  return {};
}

class InputFile final : public NodeType {
 public:
  InputFile()
      : NodeType(
            {.type = "input_file",
             .category = Category::input,
             .title = "File input",
             .description = "A file (or several) the caller uploads when the pipeline runs.",
             .icon = "paperclip",
             .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false,
                    "properties": {
                      "name": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$",
                               "description": "Input field name; defaults to the node id"},
                      "label": {"type": "string"},
                      "description": {"type": "string"},
                      "required": {"type": "boolean", "default": true},
                      "multiple": {"type": "boolean", "default": false,
                                   "description": "Take several files: a list of file values"},
                      "accept": {"type": "array", "items": {"type": "string", "minLength": 1},
                                 "description": "MIME types (text/csv, image/*) or extensions (.pdf); empty: any"},
                      "max_bytes": {"type": "integer", "minimum": 0,
                                    "description": "Largest file, in bytes"}
                    }})"),
             .output_example = literal(
                 R"({"file": {"id": "file_…", "name": "report.pdf", "mime": "application/pdf", "size": 1024, "sha256": "…"},
                          "files": []})"),
             .inputs = {},
             .run_inputs = {{.type = "file",
                             .name_at = "/name",
                             .label_at = "/label",
                             .description_at = "/description",
                             .required_at = "/required",
                             .accept_at = "/accept",
                             .max_bytes_at = "/max_bytes",
                             .multiple_at = "/multiple"}}}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<InputFileConfig>();
    config->input = run_inputs(reader.raw(), reader.node_id()).front();
    return config;
  }

  /// The shape only: whether the ids exist is for execute, which has the file store.
  Problems check_input(const pipeline::NodeConfig& raw, const json::object& inputs) const override {
    const RunInput& input = static_cast<const InputFileConfig&>(raw).input;
    const std::string pointer = "/" + pointer_token(input.name);
    const json::value* given = inputs.if_contains(input.name);
    if (given == nullptr || given->is_null()) {
      return input.required ? Problems{{pointer, "`" + input.name + "` (" + input.label +
                                                     ") is required: upload a file"}}
                            : Problems{};
    }
    std::vector<const json::value*> values;
    if (auto problems = values_of(input, *given, values); !problems.empty()) {
      return problems;
    }
    for (const json::value* value : values) {
      if (auto id = file_id_of(*value, input.name); !id) {
        return {{pointer, id.error().message}};
      }
    }
    return {};
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    const RunInput& input = static_cast<const InputFileConfig&>(raw).input;
    if (auto problems = check_input(raw, context.run_inputs()); !problems.empty()) {
      co_return node_error(ErrorCode::invalid_input, problems.front().message);
    }
    json::array files;
    const json::value* given = context.run_inputs().if_contains(input.name);
    if (given != nullptr && !given->is_null()) {
      auto found = stored_files(context, input, *given);
      if (!found) {
        co_return std::move(found).error();
      }
      files = std::move(*found);
    }
    json::value first = files.empty() ? json::value(nullptr) : files.front();
    co_return NodeOutput{json::object{{"file", std::move(first)}, {"files", std::move(files)}}, {}};
  }

 private:
  /// The stored file of each value, checked against the config and given to this run.
  static Result<json::array> stored_files(NodeContext& context, const RunInput& input,
                                          const json::value& given) {
    const FileSource* source = context.services().files;
    if (source == nullptr) {
      return node_error(ErrorCode::invalid_input, "files are only available in `weft serve`");
    }
    std::vector<const json::value*> values;
    (void)values_of(input, given, values);
    json::array files;
    for (const json::value* value : values) {
      auto id = file_id_of(*value, input.name);
      auto file = source->find(context.workspace(), *id);
      if (!file) {
        return node_error(ErrorCode::invalid_input,
                          "`" + input.name + "` names no uploaded file of this workspace (`" + *id +
                              "`); upload it first");
      }
      if (!accepted(input.accept, *file)) {
        return node_error(ErrorCode::invalid_input, "`" + input.name + "`: `" + file->name + "` (" +
                                                        file->mime +
                                                        ") is not a type this input accepts");
      }
      if (input.max_bytes && file->size > *input.max_bytes) {
        return node_error(ErrorCode::invalid_input,
                          "`" + input.name + "`: `" + file->name + "` holds " +
                              std::to_string(file->size) + " bytes; at most " +
                              std::to_string(*input.max_bytes) + " are allowed");
      }
      if (auto claimed = source->claim(context.workspace(), file->id, context.execution_id());
          !claimed) {
        return std::move(claimed).error();
      }
      files.push_back(to_json(*file));
    }
    return files;
  }
};

}  // namespace

std::unique_ptr<NodeType> make_input_file() {
  return std::make_unique<InputFile>();
}

}  // namespace weft::nodes
