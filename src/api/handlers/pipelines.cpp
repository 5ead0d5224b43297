// /api/pipelines: create, list, read, update (with version check), delete,
// versions, restore, validate.
#include <charconv>

#include "api/handlers/support.hpp"
#include "api/records.hpp"
#include "common/ids.hpp"
#include "pipeline/document_shape.hpp"
#include "pipeline/parser.hpp"

namespace weft::api {
namespace {

// The stored document always carries the pipeline's own id and version.
json::value stamped(json::object definition, std::string_view id, std::int64_t version) {
  definition["id"] = id;
  definition["version"] = version;
  return definition;
}

std::string text_field(const json::object& doc, std::string_view key) {
  const auto* value = doc.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : "";
}

/// A whole number of at most 18 digits without a leading zero, else 0 (names no version).
std::int64_t version_number(std::string_view text) {
  std::int64_t version = 0;
  const char* end = text.data() + text.size();
  const bool whole = !text.empty() && text.size() <= 18 && text.front() != '0' &&
                     std::from_chars(text.data(), end, version).ptr == end;
  return whole ? version : 0;
}

/// The version an If-Match header names (`"N"`, `N` or a weak `W/"N"`), else 0.
std::int64_t if_match_version(std::string_view match) {
  if (match.starts_with("W/")) {
    match.remove_prefix(2);
  }
  if (match.size() >= 2 && match.front() == '"' && match.back() == '"') {
    match = match.substr(1, match.size() - 2);
  }
  return version_number(match);
}

// The problems of a stored pipeline's current version.
Problems stored_problems(ApiContext& context, const store::PipelineRecord& record) {
  if (record.unreadable) {
    return {{"/definition",
             "the stored definition cannot be read; restore a version or save the pipeline again"}};
  }
  return context.pipelines
      .get({record.workspace_id, record.id, record.version, record.updated_at}, record.definition)
      .problems;
}

// A pipeline in responses: the record plus the problems of its current
// version. The definition is moved into the answer: it may be megabytes.
Response pipeline_response(int status, ApiContext& context, store::PipelineRecord record) {
  const Problems problems = stored_problems(context, record);
  json::object body = to_json(record, false);
  body["definition"] = std::move(record.definition);
  add_problems(body, problems, context.limits);
  return Response::json(status, body);
}

/// 422 unless every field of `doc` has its documented JSON type: a document
/// of the wrong shape is not saved, not even as a draft.
std::optional<Response> refuse_bad_shape(const ApiContext& context, const json::object& doc) {
  Problems shape = pipeline::check_document_shape(doc, context.limits.max_problems_shown);
  if (shape.empty()) {
    return std::nullopt;
  }
  Error error = Error::make(ErrorCode::invalid_input,
                            "the pipeline document has " + std::to_string(shape.size()) +
                                (shape.size() == 1 ? " field" : " fields") +
                                " of the wrong type or missing; see docs/pipelines.md");
  return Response::from_error(error, shape);
}

Response create(ApiContext& context, Request& request) {
  auto doc = body_object(request, context.limits, false);
  if (!doc) {
    return Response::from_error(doc.error());
  }
  if (auto refused = refuse_bad_shape(context, *doc)) {
    return std::move(*refused);
  }
  store::PipelineRecord record;
  record.id = text_field(*doc, "id");
  if (!record.id.empty() && !pipeline::is_valid_pipeline_id(record.id)) {
    Error error = Error::make(
        ErrorCode::invalid_input,
        "a pipeline id must match " + std::string(pipeline::kPipelineIdPattern) +
            " (a letter or digit, then up to 63 letters, digits, `_` or `-`) and must not be "
            "`validate`");
    error.pointer = "/id";
    return Response::from_error(error);
  }
  if (record.id.empty()) {
    record.id = new_id("pl");
  }
  record.name = text_field(*doc, "name");
  record.description = text_field(*doc, "description");
  record.definition = stamped(std::move(*doc), record.id, 1);
  auto created = context.store.create_pipeline(workspace_of(request), std::move(record));
  if (!created) {
    return Response::from_error(created.error());
  }
  return pipeline_response(201, context, std::move(*created));
}

Response update(ApiContext& context, Request& request) {
  auto doc = body_object(request, context.limits, false);
  if (!doc) {
    return Response::from_error(doc.error());
  }
  std::int64_t base = 0;
  const json::value* version = doc->if_contains("version");
  if (auto match = request.header("if-match"); !match.empty()) {
    base = if_match_version(match);
  } else if (version != nullptr && version->is_number()) {
    boost::system::error_code inexact;  // 3.0 is version 3, as JSON Schema counts integers
    base = version->to_number<std::int64_t>(inexact);
    base = inexact ? 0 : base;
  }
  if (base <= 0) {
    return Response::error(400, "invalid_argument",
                           "say which version you edited: send the pipeline's `version` (or an "
                           "If-Match header) so a newer save is not overwritten",
                           {{"/version", "missing"}});
  }
  if (auto refused = refuse_bad_shape(context, *doc)) {
    return std::move(*refused);
  }
  const std::string id(request.param("id"));
  store::PipelineRecord record;
  record.id = id;
  record.name = text_field(*doc, "name");
  record.description = text_field(*doc, "description");
  record.definition = stamped(std::move(*doc), id, base + 1);
  auto updated = context.store.update_pipeline(workspace_of(request), std::move(record), base);
  if (!updated) {
    return Response::from_error(updated.error());
  }
  return pipeline_response(200, context, std::move(*updated));
}

Response restore(ApiContext& context, Request& request) {
  const std::string id(request.param("id"));
  const std::int64_t version = version_number(request.param("version"));
  auto old = context.store.get_version(workspace_of(request), id, version);
  if (!old) {
    return Response::from_error(old.error());
  }
  if (old->unreadable || !old->definition.is_object()) {
    return Response::from_error(Error::make(
        ErrorCode::conflict, "version " + std::to_string(version) + " of pipeline `" + id +
                                 "` cannot be read from storage, so it cannot be restored"));
  }
  auto current = context.store.get_pipeline(workspace_of(request), id);
  if (!current) {
    return Response::from_error(current.error());
  }
  store::PipelineRecord record = *current;
  record.name = old->name;
  record.definition = stamped(old->definition.as_object(), id, current->version + 1);
  auto updated =
      context.store.update_pipeline(workspace_of(request), std::move(record), current->version);
  if (!updated) {
    return Response::from_error(updated.error());
  }
  return pipeline_response(200, context, std::move(*updated));
}

Response validation(const ApiContext& context, const Problems& problems) {
  json::object body;
  add_problems(body, problems, context.limits);
  return Response::json(200, body);
}

// POST /api/pipelines/validate: the body is the document; `{}` is a document
// too (one without nodes), never a lookup of a stored pipeline.
Response validate_document(ApiContext& context, Request& request) {
  auto doc = body_object(request, context.limits, false);
  if (!doc) {
    return Response::from_error(doc.error());
  }
  return validation(context, context.pipelines.compile(json::value(std::move(*doc))).problems);
}

// POST /api/pipelines/{id}/validate: the body, or with no body at all the stored
// pipeline. The id names one of the caller's pipelines either way (404 otherwise).
Response validate_stored(ApiContext& context, Request& request) {
  auto stored = context.store.get_pipeline(workspace_of(request), request.param("id"));
  if (!stored) {
    return Response::from_error(stored.error());
  }
  if (request.body.find_first_not_of(" \t\r\n") != std::string::npos) {
    return validate_document(context, request);
  }
  return validation(context, stored_problems(context, *stored));
}

}  // namespace

void add_pipeline_routes(Router& router, ApiContext& context) {
  ApiContext* ctx = &context;
  router.add("GET", "/api/pipelines", sync_handler([ctx](Request& request) {
               auto list = ctx->store.list_pipelines(workspace_of(request));
               if (!list) {
                 return Response::from_error(list.error());
               }
               json::array items;
               for (const auto& p : *list) {
                 items.push_back(to_json(p, false));
               }
               return Response::json(200, json::object{{"items", std::move(items)}});
             }));
  router.add("POST", "/api/pipelines", sync_handler([ctx](Request& r) { return create(*ctx, r); }));
  router.add("GET", "/api/pipelines/{id}", sync_handler([ctx](Request& request) {
               auto found = ctx->store.get_pipeline(workspace_of(request), request.param("id"));
               return found ? pipeline_response(200, *ctx, std::move(*found))
                            : Response::from_error(found.error());
             }));
  router.add("PUT", "/api/pipelines/{id}",
             sync_handler([ctx](Request& r) { return update(*ctx, r); }));
  router.add("DELETE", "/api/pipelines/{id}", sync_handler([ctx](Request& request) {
               auto status = ctx->store.delete_pipeline(workspace_of(request), request.param("id"));
               if (!status) {
                 return Response::from_error(status.error());
               }
               ctx->pipelines.forget(workspace_of(request), request.param("id"));
               return Response::text(204, "");
             }));
  router.add("GET", "/api/pipelines/{id}/versions", sync_handler([ctx](Request& request) {
               auto list = ctx->store.list_versions(workspace_of(request), request.param("id"));
               if (!list) {
                 return Response::from_error(list.error());
               }
               json::array items;
               for (const auto& v : *list) {
                 items.push_back(to_json(v, false));
               }
               return Response::json(200, json::object{{"items", std::move(items)}});
             }));
  router.add("GET", "/api/pipelines/{id}/versions/{version}", sync_handler([ctx](Request& request) {
               auto found = ctx->store.get_version(workspace_of(request), request.param("id"),
                                                   version_number(request.param("version")));
               return found ? Response::json(200, to_json(*found, true))
                            : Response::from_error(found.error());
             }));
  router.add("POST", "/api/pipelines/{id}/versions/{version}/restore",
             sync_handler([ctx](Request& r) { return restore(*ctx, r); }));
  router.add("POST", "/api/pipelines/{id}/validate",
             sync_handler([ctx](Request& r) { return validate_stored(*ctx, r); }));
  router.add("POST", "/api/pipelines/validate",
             sync_handler([ctx](Request& r) { return validate_document(*ctx, r); }));
}

}  // namespace weft::api
