// output_file: a file made from upstream data (text, Markdown, JSON, or CSV
// from a list of objects), stored with the run; its output is the file value.
#include "nodes/file_source.hpp"
#include "nodes/node_support.hpp"
#include "nodes/output/csv_writer.hpp"

namespace weft::nodes {
namespace {

/// The largest file one block makes (it is built in memory).
constexpr std::size_t kMaxFileBytes = 32 * 1024 * 1024;

enum class Format { text, markdown, json, csv };

struct FormatInfo {
  std::string_view name;
  std::string_view extension;
  std::string_view mime;
};

constexpr FormatInfo kFormats[] = {
    {"text", "txt", "text/plain"},
    {"markdown", "md", "text/markdown"},
    {"json", "json", "application/json"},
    {"csv", "csv", "text/csv"},
};

struct OutputFileConfig final : pipeline::NodeConfig {
  std::string name;
  Format format = Format::text;
  std::optional<expr::Template> content;    // text, Markdown: absent = the upstream text
  std::optional<expr::Template> file_name;  // absent: "<node id>.<extension>"
};

const FormatInfo& info(Format format) {
  return kFormats[static_cast<int>(format)];
}

/// The rows a CSV is made of: the upstream value when it is a list, or the
/// one list an upstream object holds (`{"json": [...]}` from input_json).
Result<json::array> csv_rows(const json::value& value) {
  if (value.is_array()) {
    return value.get_array();
  }
  if (value.is_object() && value.get_object().size() == 1 &&
      value.get_object().begin()->value().is_array()) {
    return value.get_object().begin()->value().get_array();
  }
  return node_error(ErrorCode::invalid_input,
                    "a CSV file is made from a list of objects; the upstream output is " +
                        std::string(kind_name(value)));
}

class OutputFile final : public NodeType {
 public:
  OutputFile()
      : NodeType(
            {.type = "output_file",
             .category = Category::output,
             .title = "File output",
             .description = "Makes a file (text, Markdown, JSON or CSV) the caller can "
                            "download; returns it as one of the run's outputs.",
             .icon = "file-down",
             .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false,
                    "properties": {
                      "name": {"type": "string", "minLength": 1,
                               "description": "Output key; defaults to the node id"},
                      "format": {"enum": ["text", "markdown", "json", "csv"], "default": "text"},
                      "file_name": {"type": "string", "x-weft-widget": "template",
                                    "description": "The download's name; defaults to the output key and the format's extension"},
                      "content": {"type": "string", "x-weft-widget": "template",
                                  "description": "Text and Markdown: defaults to the upstream block's text. JSON and CSV are made from the upstream output"}
                    }})"),
             .output_example = literal(
                 R"({"id": "file_…", "name": "report.csv", "mime": "text/csv", "size": 120, "sha256": "…"})")}) {
  }

  std::optional<std::string> output_name(const pipeline::NodeConfig& raw,
                                         std::string_view) const override {
    return static_cast<const OutputFileConfig&>(raw).name;
  }

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<OutputFileConfig>();
    config->name = reader.string("name").value_or(reader.node_id());
    const std::string format = reader.string("format").value_or("text");
    for (const auto& each : kFormats) {
      if (each.name == format) {
        config->format = static_cast<Format>(&each - kFormats);
      }
    }
    if (reader.string("file_name")) {
      config->file_name = reader.text_template("file_name");
      if (!config->file_name) {
        return nullptr;
      }
    }
    const bool textual = config->format == Format::text || config->format == Format::markdown;
    if (textual &&
        !read_text_or_upstream(reader, "content", "Content", Fallback::any, config->content)) {
      return nullptr;
    }
    return config;
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    const auto& config = static_cast<const OutputFileConfig&>(raw);
    const FileSource* files = context.services().files;
    if (files == nullptr) {
      co_return node_error(ErrorCode::invalid_config, "files are only available in `weft serve`");
    }
    auto bytes = content(context, config);
    if (!bytes) {
      co_return std::move(bytes).error();
    }
    if (bytes->size() > kMaxFileBytes) {
      co_return node_error(ErrorCode::limit_exceeded,
                           "the file would hold " + std::to_string(bytes->size()) +
                               " bytes; at most " + std::to_string(kMaxFileBytes));
    }
    std::string name = config.name + "." + std::string(info(config.format).extension);
    if (config.file_name) {
      auto rendered = config.file_name->render_text(context.scope());
      if (!rendered) {
        co_return std::move(rendered).error();
      }
      name = std::move(*rendered);
    }
    auto stored = files->store(context.workspace(), context.execution_id(), name,
                               info(config.format).mime, *bytes);
    if (!stored) {
      co_return std::move(stored).error();
    }
    co_return NodeOutput{to_json(*stored), {}};
  }

 private:
  static Result<std::string> content(NodeContext& context, const OutputFileConfig& config) {
    switch (config.format) {
      case Format::text:
      case Format::markdown:
        if (!config.content) {
          return text_of(upstream_value(context));
        }
        return config.content->render_text(context.scope());
      case Format::json:
        return to_json_string(upstream_value(context));
      case Format::csv: {
        auto rows = csv_rows(upstream_value(context));
        if (!rows) {
          return std::move(rows).error();
        }
        return write_csv(*rows);
      }
    }
    return std::string();
  }
};

}  // namespace

std::unique_ptr<NodeType> make_output_file() {
  return std::make_unique<OutputFile>();
}

}  // namespace weft::nodes
