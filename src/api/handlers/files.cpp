// /api/files: uploads for the editor's run form (POST, multipart) and
// downloads of file values (GET /api/files/{id}), authorised like the
// execution that owns the file.
#include <cctype>

#include "api/handlers/support.hpp"
#include "api/run_body.hpp"
#include "files/file_store.hpp"

namespace weft::api {
namespace {

/// The largest file a download answers with: what a request body may hold,
/// times this (output_file makes files of up to its own limit).
constexpr std::size_t kMaxDownloadBytes = 64 * 1024 * 1024;

Error no_files() {
  return Error::make(ErrorCode::unavailable, "this server keeps no files");
}

/// `filename*=UTF-8''…` (RFC 8187): every byte but unreserved ones percent-encoded.
std::string content_disposition(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string ascii;
  std::string encoded;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain =
        std::isalnum(byte) != 0 || std::string_view("-._~").find(c) != std::string_view::npos;
    encoded += plain ? std::string(1, c) : std::string{'%', kHex[byte >> 4], kHex[byte & 15]};
    ascii += byte >= 0x20 && byte < 0x7f && c != '"' && c != '\\' ? c : '_';
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

/// forbidden unless the caller may read the execution owning the file: a key
/// limited to one pipeline reads that pipeline's runs' files only.
std::optional<Error> refused(ApiContext& context, const Request& request,
                             const store::FileRecord& record) {
  if (!request.caller || !request.caller->api_key_pipeline) {
    return std::nullopt;
  }
  if (record.execution_id) {
    auto execution = context.store.get_execution(record.workspace_id, *record.execution_id);
    if (execution && request.caller->may_read_execution(execution->pipeline_id)) {
      return std::nullopt;
    }
  }
  return Error::make(ErrorCode::forbidden, "this API key reads the files of pipeline `" +
                                               *request.caller->api_key_pipeline + "`'s runs only");
}

Response download(ApiContext& context, const Request& request) {
  if (context.files == nullptr) {
    return Response::from_error(no_files());
  }
  auto record = context.files->find(workspace_of(request), request.param("id"));
  if (!record) {
    return Response::from_error(record.error());
  }
  if (auto no = refused(context, request, *record)) {
    return Response::from_error(*no);
  }
  auto bytes = context.files->read(*record, kMaxDownloadBytes);
  if (!bytes) {
    return Response::from_error(bytes.error());
  }
  Response response;
  response.content_type = record->mime;
  response.body = std::move(*bytes);
  response.headers.emplace_back("Content-Disposition", content_disposition(record->name));
  response.headers.emplace_back("Cache-Control", "private, no-store");
  return response;
}

Response upload(ApiContext& context, const Request& request) {
  BodyRules rules;
  rules.allowed = {BodyKind::multipart};
  auto inputs = read_run_inputs(context, request, workspace_of(request), rules);
  if (!inputs) {
    return Response::from_error(inputs.error());
  }
  json::array uploaded;
  // Text fields are not kept: only files are uploaded here.
  for (const auto& entry : *inputs) {
    const json::value& value = entry.value();
    const auto add = [&](const json::value& each) {
      if (each.is_object()) {
        uploaded.push_back(each);
      }
    };
    if (value.is_array()) {
      for (const auto& each : value.get_array()) {
        add(each);
      }
    } else {
      add(value);
    }
  }
  return Response::json(201, json::object{{"files", std::move(uploaded)}});
}

}  // namespace

void add_file_routes(Router& router, ApiContext& context) {
  ApiContext* ctx = &context;
  router.add("GET", "/api/files/{id}",
             sync_handler([ctx](Request& r) { return download(*ctx, r); }));
  router.add("POST", "/api/files", sync_handler([ctx](Request& r) { return upload(*ctx, r); }));
}

}  // namespace weft::api
