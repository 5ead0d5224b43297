// Forms (issue 12): the public side of a form trigger. `GET /api/forms/{token}`
// describes the form the page at `/f/{token}` draws (the pipeline's input
// blocks as fields); `POST /api/forms/{token}` submits it and answers with the
// run's outputs when it finishes in time. No sign-in: the token is the key,
// and what a visitor sees of a failed run is only that it failed.
#include <charconv>

#include "api/handlers/run_start.hpp"
#include "api/handlers/support.hpp"
#include "api/run_body.hpp"
#include "nodes/node_type.hpp"
#include "triggers/rate_limiter.hpp"
#include "triggers/trigger_runs.hpp"
#include "triggers/webhook.hpp"

namespace weft::api {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::system_clock;

constexpr std::string_view kThanks = "Thank you, your answer was sent.";
/// Submissions one form takes a minute, per process: a public page must not
/// start runs without bound (a webhook's limit is its owner's setting).
constexpr int kSubmissionsPerMinute = 60;

/// An open form: its trigger, config and the pipeline version it runs.
struct OpenForm {
  store::TriggerRecord trigger;
  triggers::FormConfig config;
  store::PipelineRecord pipeline;
  std::shared_ptr<const pipeline::CompiledGraph> graph;
};

Response gone(std::string message) {
  return Response::error(410, "gone", message);
}

/// The form behind `token`, or the answer a visitor gets instead.
std::variant<OpenForm, Response> open_form(ApiContext& context, std::string_view token) {
  auto trigger = context.store.triggers().find_trigger_by_token(token);
  if (!trigger || trigger->kind != "form" || !trigger->enabled) {
    if (trigger || trigger.error().code == ErrorCode::not_found) {
      return Response::from_error(Error::make(ErrorCode::not_found,
                                              "there is no form at this link (it may have been "
                                              "closed or replaced by a new link)"));
    }
    return Response::from_error(trigger.error());
  }
  Problems ignored;
  auto config = triggers::parse_form_config(trigger->config, ignored);
  if (!config) {
    return Response::from_error(
        Error::make(ErrorCode::unavailable, "this form's settings cannot be read"));
  }
  if (config->expires_at && Clock::now() >= *config->expires_at) {
    return gone("this form has closed");
  }
  if (config->max_submissions && trigger->fire_count >= *config->max_submissions) {
    return gone("this form takes no more answers");
  }
  auto stored = context.store.get_pipeline(trigger->workspace_id, trigger->pipeline_id);
  if (!stored) {
    return Response::from_error(stored.error());
  }
  auto outcome = context.pipelines.get(
      {trigger->workspace_id, stored->id, stored->version, stored->updated_at}, stored->definition);
  if (!outcome.pipeline) {
    return Response::from_error(
        Error::make(ErrorCode::unavailable,
                    "this form cannot be answered right now: its pipeline has problems"));
  }
  return OpenForm{std::move(*trigger), std::move(*config), std::move(*stored),
                  std::move(outcome.pipeline)};
}

/// What kind of field a run input is on the form.
std::string field_kind(const nodes::RunInput& input) {
  if (input.schema) {
    if (const json::object* schema = input.schema->if_object();
        schema && schema->contains("enum")) {
      return "choice";
    }
  }
  if (input.type == "string") {
    return input.multiline ? "long_text" : "text";
  }
  if (input.type == "number" || input.type == "integer") {
    return "number";
  }
  if (input.type == "boolean") {
    return "boolean";
  }
  if (input.type == "file") {
    return "file";
  }
  return "json";
}

std::vector<nodes::RunInput> inputs_of(const pipeline::CompiledGraph& graph) {
  std::vector<nodes::RunInput> inputs;
  for (const auto& node : graph.nodes) {
    const auto& type = static_cast<const nodes::NodeType&>(*node.kind);
    for (auto& input : type.run_inputs(node.def->config, node.def->id)) {
      inputs.push_back(std::move(input));
    }
  }
  return inputs;
}

json::object field_json(const nodes::RunInput& input) {
  json::object field{{"name", input.name},
                     {"label", input.label},
                     {"description", input.description},
                     {"kind", field_kind(input)},
                     {"required", input.required && !input.default_value}};
  if (input.default_value) {
    field["default"] = *input.default_value;
  }
  if (input.schema) {
    if (const json::object* schema = input.schema->if_object()) {
      if (const json::value* options = schema->if_contains("enum")) {
        field["options"] = *options;
      }
    }
  }
  if (input.type == "file") {
    json::array accept;
    for (const auto& type : input.accept) {
      accept.push_back(json::value(type));
    }
    field["accept"] = std::move(accept);
    field["multiple"] = input.multiple;
    if (input.max_bytes) {
      field["max_bytes"] = *input.max_bytes;
    }
  }
  return field;
}

Response describe(ApiContext& context, const Request& request) {
  auto form = open_form(context, request.param("token"));
  if (auto* refused = std::get_if<Response>(&form)) {
    return std::move(*refused);
  }
  const OpenForm& open = std::get<OpenForm>(form);
  json::array fields;
  for (const auto& input : inputs_of(*open.graph)) {
    fields.push_back(field_json(input));
  }
  return Response::json(
      200,
      json::object{{"title", open.config.title.empty() ? open.pipeline.name : open.config.title},
                   {"description", open.config.description.empty() ? open.pipeline.description
                                                                   : open.config.description},
                   {"fields", std::move(fields)},
                   {"submit_label", "Send"}});
}

/// A form sends text; numbers, yes/no and JSON fields become what the pipeline expects.
Problems coerce(const std::vector<nodes::RunInput>& inputs, json::object& values) {
  Problems problems;
  for (const auto& input : inputs) {
    json::value* value = values.if_contains(input.name);
    if (value == nullptr || !value->is_string()) {
      continue;
    }
    const std::string text(value->get_string());
    const std::string kind = field_kind(input);
    if (text.empty() && kind != "text" && kind != "long_text" && kind != "choice") {
      values.erase(input.name);
    } else if (kind == "number") {
      double number = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (ec != std::errc{} || end != text.data() + text.size()) {
        problems.push_back({"/" + input.name, input.label + " must be a number"});
      } else if (input.type == "integer" &&
                 number == static_cast<double>(static_cast<std::int64_t>(number))) {
        *value = static_cast<std::int64_t>(number);
      } else {
        *value = number;
      }
    } else if (kind == "boolean") {
      *value = text == "true" || text == "on" || text == "1" || text == "yes";
    } else if (kind == "json") {
      auto parsed = parse_json(text);
      if (!parsed) {
        problems.push_back({"/" + input.name, input.label + " must be JSON"});
      } else {
        *value = std::move(*parsed);
      }
    }
  }
  return problems;
}

/// The visitor's view of a run's answer: outputs when it succeeded, never its errors.
Response visitor_answer(const Response& answer, const triggers::FormConfig& config) {
  auto parsed = parse_json(answer.body);
  if (!parsed || !parsed->is_object()) {
    return answer;
  }
  json::object& body = parsed->get_object();
  json::object out{{"execution_id", body["execution_id"]}, {"status", body["status"]}};
  const std::string message =
      config.success_message.empty() ? std::string(kThanks) : config.success_message;
  const json::value& status = body["status"];
  if (status == "succeeded") {
    out["outputs"] = body["outputs"];
    out["message"] = message;
  } else if (status == "failed" || status == "cancelled" || status == "interrupted") {
    out["message"] = "Something went wrong while answering; the form's owner can see what.";
  } else {
    out["message"] = message;
  }
  return Response::json(answer.status, out);
}

asio::awaitable<Response> submit(ApiContext& context, Request& request) {
  auto form = open_form(context, request.param("token"));
  if (auto* refused = std::get_if<Response>(&form)) {
    co_return std::move(*refused);
  }
  OpenForm& open = std::get<OpenForm>(form);
  if (context.trigger_limits != nullptr) {
    if (auto wait =
            context.trigger_limits->take("form:" + open.trigger.id, kSubmissionsPerMinute)) {
      Error error = Error::make(ErrorCode::rate_limited, "this form takes at most " +
                                                             std::to_string(kSubmissionsPerMinute) +
                                                             " answers a minute; try again in " +
                                                             std::to_string(wait->count()) + " s");
      error.retry_after = *wait;
      co_return Response::from_error(error);
    }
  }
  BodyRules rules;
  rules.allowed = {BodyKind::multipart, BodyKind::form, BodyKind::json};
  auto values = read_run_inputs(context, request, open.trigger.workspace_id, rules);
  if (!values) {
    co_return Response::from_error(values.error());
  }
  const auto inputs = inputs_of(*open.graph);
  if (auto wrong = coerce(inputs, *values); !wrong.empty()) {
    co_return Response::from_error(Error::make(ErrorCode::invalid_input, wrong.front().message),
                                   wrong);
  }
  // Only the form's fields: a visitor sets nothing else the pipeline reads.
  json::object given;
  for (const auto& input : inputs) {
    if (const json::value* value = values->if_contains(input.name)) {
      given[input.name] = *value;
    }
  }
  Problems problems;
  auto submission = triggers::prepare_run(context.store, context.pipelines, open.trigger,
                                          std::move(given), runs::Trigger::form, problems);
  if (!submission) {
    co_return Response::from_error(submission.error(), first_problems(problems, context.limits));
  }
  auto counted = context.store.triggers().count_submission(
      open.trigger.workspace_id, open.trigger.id, open.config.max_submissions);
  if (!counted) {
    co_return Response::from_error(counted.error());
  }
  if (!*counted) {
    co_return gone("this form takes no more answers");
  }
  Response answer =
      co_await start_and_answer(context, std::move(*submission), true, context.max_wait);
  co_return answer.status < 300 ? visitor_answer(answer, open.config) : answer;
}

}  // namespace

void add_form_routes(Router& router, ApiContext& context) {
  ApiContext* ctx = &context;
  router.add("GET", "/api/forms/{token}",
             sync_handler([ctx](Request& r) { return describe(*ctx, r); }));
  router.add("POST", "/api/forms/{token}",
             [ctx](Request& request) { return submit(*ctx, request); });
}

}  // namespace weft::api
