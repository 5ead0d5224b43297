#include "api/run_body.hpp"

#include <algorithm>
#include <cctype>

#include "api/handlers/support.hpp"
#include "files/file_name.hpp"
#include "files/file_store.hpp"
#include "files/multipart.hpp"

namespace weft::api {
namespace {

/// Bytes of the body handed to the multipart parser at a time.
constexpr std::size_t kChunkBytes = 64 * 1024;

std::string lower_media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  std::string type;
  for (char c : content_type) {
    if (c != ' ' && c != '\t') {
      type += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return type;
}

std::string_view kind_name(BodyKind kind) {
  switch (kind) {
    case BodyKind::json:
      return "application/json";
    case BodyKind::form:
      return "application/x-www-form-urlencoded";
    case BodyKind::multipart:
      return "multipart/form-data";
    case BodyKind::text:
      return "text/plain";
  }
  return "";
}

/// Adds `value` under `name`; a name given again makes a list.
void add_input(json::object& inputs, const std::string& name, json::value value) {
  auto it = inputs.find(name);
  if (it == inputs.end()) {
    inputs.emplace(name, std::move(value));
    return;
  }
  if (!it->value().is_array()) {
    it->value() = json::array{std::move(it->value())};
  }
  it->value().get_array().push_back(std::move(value));
}

Error not_text(std::string_view what) {
  return Error::make(ErrorCode::invalid_argument, std::string(what) + " is not UTF-8 text");
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/// `+` as a space and `%XX` as its byte (application/x-www-form-urlencoded).
Result<std::string> form_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%') {
      const int high = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return Error::make(ErrorCode::invalid_argument,
                           "the form body has a `%` not followed by two hex digits");
      }
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

Result<json::object> read_form(std::string_view body) {
  json::object inputs;
  while (!body.empty()) {
    const auto amp = std::min(body.find('&'), body.size());
    const std::string_view pair = body.substr(0, amp);
    body.remove_prefix(std::min(amp + 1, body.size()));
    if (pair.empty()) {
      continue;
    }
    const auto equals = std::min(pair.find('='), pair.size());
    auto name = form_decode(pair.substr(0, equals));
    auto value = form_decode(equals < pair.size() ? pair.substr(equals + 1) : "");
    if (!name || !value) {
      return !name ? std::move(name).error() : std::move(value).error();
    }
    if (!files::is_utf8(*name) || !files::is_utf8(*value)) {
      return not_text("a form field");
    }
    add_input(inputs, *name, json::value(std::move(*value)));
  }
  return inputs;
}

Result<json::object> read_multipart(ApiContext& context, const Request& request,
                                    std::string_view workspace, const BodyRules& rules) {
  if (context.files == nullptr) {
    return Error::make(ErrorCode::unavailable, "this server keeps no files");
  }
  auto boundary = files::multipart_boundary(request.header("content-type"));
  if (!boundary) {
    return std::move(boundary).error();
  }
  files::MultipartLimits limits;
  limits.max_total_bytes = context.limits.max_body_bytes;
  limits.max_part_bytes = context.limits.max_body_bytes;
  std::size_t opened = 0;
  files::MultipartParser parser(
      std::move(*boundary), limits, [&]() -> Result<std::unique_ptr<files::Upload>> {
        if (++opened > rules.max_files) {
          return Error::make(ErrorCode::limit_exceeded,
                             "multipart body: more than " + std::to_string(rules.max_files) +
                                 " files (file " + std::to_string(opened) + ")");
        }
        return context.files->begin();
      });
  const std::string_view body = request.body;
  for (std::size_t at = 0; at < body.size(); at += kChunkBytes) {
    if (auto fed = parser.feed(body.substr(at, kChunkBytes)); !fed) {
      return std::move(fed).error();
    }
  }
  if (auto finished = parser.finish(); !finished) {
    return std::move(finished).error();
  }
  json::object inputs;
  for (files::FormField& field : parser.fields()) {
    if (!files::is_utf8(field.name)) {
      return not_text("a multipart field name");
    }
    if (files::is_utf8(field.value)) {
      add_input(inputs, field.name, json::value(std::move(field.value)));
      continue;
    }
    // Bytes that are not text, sent without a file name (clients that mark
    // binary parts by their content alone): a file, never a text input.
    auto stored = context.files->put(
        {std::string(workspace), field.name, "application/octet-stream", std::nullopt},
        field.value);
    if (!stored) {
      return std::move(stored).error();
    }
    add_input(inputs, field.name, files::file_value(*stored));
  }
  for (files::FormFile& part : parser.files()) {
    if (!files::is_utf8(part.field)) {
      return not_text("a multipart field name");
    }
    // A form's file input left empty still sends a part: no name, no bytes.
    if (part.filename.empty() && part.upload->size() == 0) {
      continue;
    }
    auto stored = context.files->commit(
        std::move(part.upload), {std::string(workspace), part.filename, part.mime, std::nullopt});
    if (!stored) {
      return std::move(stored).error();
    }
    add_input(inputs, part.field, files::file_value(*stored));
  }
  return inputs;
}

}  // namespace

std::optional<BodyKind> body_kind(std::string_view content_type) {
  const std::string type = lower_media_type(content_type);
  if (type.empty() || type == "application/json" || type.ends_with("+json")) {
    return BodyKind::json;
  }
  if (type == "application/x-www-form-urlencoded") {
    return BodyKind::form;
  }
  if (type == "multipart/form-data") {
    return BodyKind::multipart;
  }
  if (type.starts_with("text/")) {
    return BodyKind::text;
  }
  return std::nullopt;
}

Result<json::object> read_run_inputs(ApiContext& context, const Request& request,
                                     std::string_view workspace, const BodyRules& rules) {
  auto kind = body_kind(request.header("content-type"));
  const auto takes = [&](BodyKind k) {
    return std::find(rules.allowed.begin(), rules.allowed.end(), k) != rules.allowed.end();
  };
  if (kind == BodyKind::form && !takes(BodyKind::form) && takes(BodyKind::json)) {
    // `curl -d '{…}'` labels its JSON form-encoded: where forms are not
    // taken, such a body is read as the JSON it claims to be elsewhere.
    kind = BodyKind::json;
  }
  const bool allowed =
      kind && std::find(rules.allowed.begin(), rules.allowed.end(), *kind) != rules.allowed.end() &&
      (*kind != BodyKind::text || rules.text_input);
  if (!allowed) {
    std::string accepted;
    for (BodyKind each : rules.allowed) {
      if (each != BodyKind::text || rules.text_input) {
        accepted += (accepted.empty() ? "" : ", ") + std::string(kind_name(each));
      }
    }
    return Error::make(ErrorCode::unsupported_media_type,
                       "this route takes " + accepted + " bodies, not `" +
                           std::string(request.header("content-type")) + "`");
  }
  switch (*kind) {
    case BodyKind::json:
      return body_object(request, context.limits, true);
    case BodyKind::form:
      return read_form(request.body);
    case BodyKind::multipart:
      return read_multipart(context, request, workspace, rules);
    case BodyKind::text:
      if (!files::is_utf8(request.body)) {
        return not_text("the body");
      }
      return json::object{{*rules.text_input, request.body}};
  }
  return json::object{};
}

}  // namespace weft::api
