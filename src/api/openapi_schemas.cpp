#include "api/openapi_schemas.hpp"

#include <boost/json/parse.hpp>

#include "auth/credential_kinds.hpp"

namespace weft::api {
namespace {

constexpr const char* kSchemas = R"json({
  "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object",
    "required": ["code", "message"], "properties": {"code": {"type": "string"}, "message": {"type": "string"},
    "details": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}}}}},
  "Problem": {"type": "object", "required": ["pointer", "message"], "properties": {
    "pointer": {"type": "string"}, "message": {"type": "string"}}},
  "PipelineId": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$",
    "description": "Letters, digits, `_` and `-`, starting with a letter or digit; words the API uses as paths (validate) are refused"},
  "PipelineFields": {"type": "object", "description": "A pipeline definition (see docs/pipelines.md). Drafts with problems are saved; the answer lists them. Unknown keys are problems, not refusals",
    "required": ["nodes", "edges"], "properties": {"name": {"type": "string"}, "description": {"type": "string"},
    "settings": {"type": "object"}, "variables": {"type": "object"},
    "pinned": {"type": "object", "additionalProperties": {"type": "object"}, "description": "Outputs pinned by block id"},
    "nodes": {"type": "array", "items": {"type": "object"}}, "edges": {"type": "array", "items": {"type": "object"}}}},
  "PipelineDocument": {"allOf": [{"$ref": "#/components/schemas/PipelineFields"}, {"type": "object", "properties": {
    "id": {"oneOf": [{"$ref": "#/components/schemas/PipelineId"}, {"const": ""}],
      "description": "Empty or left out: the server makes one"},
    "version": {"type": "integer", "description": "Ignored: a new pipeline starts at version 1"}}}]},
  "DocumentToCheck": {"type": "object", "description": "Any JSON object: what does not fit a pipeline is reported in the answer's problems, not refused"},
  "PipelineUpdate": {"allOf": [{"$ref": "#/components/schemas/PipelineFields"}, {"type": "object",
    "required": ["version"], "properties": {"id": {"type": "string", "description": "Ignored: the path names the pipeline"},
    "version": {"type": "integer", "minimum": 1, "maximum": 9223372036854775807, "description": "The version edited (an If-Match header takes its place)"}}}]},
  "PipelineSummary": {"type": "object", "required": ["id", "name", "version"], "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "description": {"type": "string"}, "version": {"type": "integer"}, "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"},
    "last_run_status": {"enum": ["queued", "running", "succeeded", "failed", "cancelled", "interrupted", null]}}},
  "Pipeline": {"allOf": [{"$ref": "#/components/schemas/PipelineSummary"}, {"type": "object", "properties": {
    "definition": {"$ref": "#/components/schemas/PipelineDocument"}, "valid": {"type": "boolean"},
    "problems": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}}}]},
  "PipelineList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/PipelineSummary"}}}},
  "Version": {"type": "object", "properties": {"pipeline_id": {"type": "string"}, "version": {"type": "integer"},
    "name": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
    "definition": {"$ref": "#/components/schemas/PipelineDocument"}}},
  "VersionList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Version"}}}},
  "Validation": {"type": "object", "required": ["valid", "problems"], "properties": {"valid": {"type": "boolean"},
    "problems": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}}},
  "Inputs": {"type": "object", "description": "Run inputs by input name (the pipeline's input blocks say which; 422 names what is missing or wrong)"},
  "RunStatus": {"enum": ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"]},
  "TriggerSource": {"enum": ["api", "editor", "retry", "cli", "schedule", "webhook", "form", "error_pipeline"],
    "description": "What started an execution"},
  "RunError": {"type": ["object", "null"], "properties": {"code": {"type": "string"}, "message": {"type": "string"},
    "node_id": {"type": "string"}}},
  "RunResult": {"type": "object", "description": "200 when the run ended within the wait; 202 (RunAccepted) otherwise",
    "required": ["execution_id", "status"], "properties": {"execution_id": {"type": "string"},
    "status": {"$ref": "#/components/schemas/RunStatus"}, "outputs": {"type": "object"},
    "error": {"$ref": "#/components/schemas/RunError"}}},
  "TestRun": {"type": "object", "additionalProperties": false, "not": {"required": ["from_node", "only_node"]},
    "properties": {
    "document": {"$ref": "#/components/schemas/PipelineDocument",
      "description": "An unsaved draft to run instead of the published version (its id must be the pipeline's; 422 when it cannot run). Makes no version"},
    "inputs": {"type": "object", "description": "Run inputs; default: those of from_execution"},
    "use_pinned": {"type": "boolean", "default": true, "description": "Use the definition's pinned outputs"},
    "from_execution": {"type": "string", "description": "Whose recorded outputs to reuse; default: the newest run"},
    "from_node": {"type": "string", "description": "Run this node and what follows; reuse the rest"},
    "only_node": {"type": "string", "description": "Run only this node, with the inputs it last received"}}},
  "RunAccepted": {"type": "object", "required": ["execution_id", "status"], "properties": {
    "execution_id": {"type": "string"}, "status": {"enum": ["running", "queued"]}}},
  "CancelAccepted": {"type": "object", "required": ["execution_id", "status"], "properties": {
    "execution_id": {"type": "string"}, "status": {"const": "cancelling"}}},
  "Execution": {"type": "object", "required": ["id", "pipeline_id", "status"], "properties": {"id": {"type": "string"},
    "pipeline_id": {"type": "string"}, "pipeline_version": {"type": "integer"},
    "status": {"$ref": "#/components/schemas/RunStatus"},
    "inputs": {"type": "object"}, "outputs": {"type": ["object", "null"]}, "error": {"$ref": "#/components/schemas/RunError"},
    "retry_of": {"type": ["string", "null"]}, "created_at": {"type": "string", "format": "date-time"},
    "trigger": {"$ref": "#/components/schemas/TriggerSource"},
    "trigger_id": {"type": ["string", "null"], "description": "The schedule, webhook or form that started it"},
    "finished_at": {"type": ["string", "null"], "format": "date-time"}, "duration_ms": {"type": "number"},
    "queue_position": {"type": "integer", "minimum": 1, "description": "While queued: its place in the workspace's queue"}}},
  "Queue": {"type": "object", "required": ["pipelines", "queued", "running"], "properties": {
    "pipelines": {"type": "array", "items": {"type": "object", "required": ["pipeline_id", "queued", "running"],
      "properties": {"pipeline_id": {"type": "string"}, "queued": {"type": "integer"}, "running": {"type": "integer"}}}},
    "queued": {"type": "integer"}, "running": {"type": "integer"}}},
  "TriggerKind": {"enum": ["schedule", "webhook", "form"]},
  "WebhookBody": {"description": "As the webhook's `body` setting says: a JSON object (its keys are the inputs), form-encoded or multipart fields, or text (the input `body`)"},
  "Trigger": {"type": "object", "required": ["id", "pipeline_id", "kind", "enabled", "config", "inputs"], "properties": {
    "id": {"type": "string"}, "pipeline_id": {"type": "string"}, "kind": {"$ref": "#/components/schemas/TriggerKind"},
    "enabled": {"type": "boolean"}, "config": {"type": "object"}, "inputs": {"type": "object"},
    "url": {"type": "string", "description": "Webhooks: /hooks/{token}; forms: /f/{token}"},
    "next_fire_times": {"type": "array", "items": {"type": "string"}, "description": "Schedules: the next five, in the schedule's time zone"},
    "last_fired_at": {"type": ["string", "null"]}, "last_execution_id": {"type": ["string", "null"]},
    "last_error": {"type": ["string", "null"]}, "fire_count": {"type": "integer"},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"}}},
  "TriggerList": {"type": "object", "required": ["triggers"], "properties": {
    "triggers": {"type": "array", "items": {"$ref": "#/components/schemas/Trigger"}}}},
  "NewTrigger": {"type": "object", "required": ["pipeline_id", "kind"], "additionalProperties": false, "properties": {
    "id": {"readOnly": true}, "url": {"readOnly": true}, "next_fire_times": {"readOnly": true},
    "created_at": {"readOnly": true}, "updated_at": {"readOnly": true}, "last_fired_at": {"readOnly": true},
    "last_execution_id": {"readOnly": true}, "last_error": {"readOnly": true}, "fire_count": {"readOnly": true},
    "pipeline_id": {"type": "string"}, "kind": {"$ref": "#/components/schemas/TriggerKind"},
    "enabled": {"type": "boolean"}, "config": {"type": "object",
      "description": "schedule: {cron, timezone, missed}; webhook: {method, respond, body, signature, idempotency, rate_limit_per_minute}; form: {title, description, expires_at, max_submissions, success_message}"},
    "inputs": {"type": "object"}}},
  "TriggerUpdate": {"type": "object", "additionalProperties": false, "properties": {
    "enabled": {"type": "boolean"}, "config": {"type": "object"}, "inputs": {"type": "object"},
    "pipeline_id": {"type": "string", "description": "Its pipeline's id (a trigger stays with its pipeline)"},
    "kind": {"$ref": "#/components/schemas/TriggerKind"},
    "id": {"readOnly": true}, "url": {"readOnly": true}, "next_fire_times": {"readOnly": true},
    "created_at": {"readOnly": true}, "updated_at": {"readOnly": true}, "last_fired_at": {"readOnly": true},
    "last_execution_id": {"readOnly": true}, "last_error": {"readOnly": true}, "fire_count": {"readOnly": true}}},
  "SchedulePreviewRequest": {"type": "object", "required": ["config"], "additionalProperties": false, "properties": {
    "config": {"type": "object", "properties": {"cron": {"type": "string"}, "timezone": {"type": "string"},
      "missed": {"enum": ["skip", "run_once"]}}}}},
  "SchedulePreview": {"type": "object", "required": ["next_fire_times"], "properties": {
    "next_fire_times": {"type": "array", "items": {"type": "string"}}}},
  "FormDescription": {"type": "object", "required": ["title", "fields"], "properties": {
    "title": {"type": "string"}, "description": {"type": "string"}, "submit_label": {"type": "string"},
    "fields": {"type": "array", "items": {"type": "object", "required": ["name", "label", "kind", "required"], "properties": {
      "name": {"type": "string"}, "label": {"type": "string"}, "description": {"type": "string"},
      "kind": {"enum": ["text", "long_text", "number", "boolean", "choice", "json", "file"]},
      "required": {"type": "boolean"}, "default": {}, "options": {"type": "array"}}}}}},
  "FormSubmission": {"type": "object", "description": "The form's fields by name (multipart/form-data with files as parts, or JSON)"},
  "FormAnswer": {"type": "object", "required": ["execution_id", "status"], "properties": {
    "execution_id": {"type": "string"}, "status": {"type": "string"}, "outputs": {"type": "object"},
    "message": {"type": "string"}}},
  "RunsSettings": {"type": "object", "additionalProperties": false, "properties": {
    "run_concurrency": {"type": ["integer", "null"], "minimum": 1, "maximum": 10000,
      "description": "Runs of the workspace at once; null: no limit. The rest wait in the queue"}}},
  "NodeRun": {"type": "object", "properties": {"node_id": {"type": "string"}, "type": {"type": "string"},
    "status": {"type": "string"}, "attempts": {"type": "integer"}, "started_at": {"type": ["string", "null"]},
    "finished_at": {"type": ["string", "null"]}, "duration_ms": {"type": "number"}, "output": {},
    "error": {"type": ["object", "null"]}, "logs": {"type": "array", "items": {"type": "object"}},
    "handles": {"type": "array", "items": {"type": "string"}}}},
  "ExecutionDetail": {"allOf": [{"$ref": "#/components/schemas/Execution"}, {"type": "object", "properties": {
    "node_runs": {"type": "array", "items": {"$ref": "#/components/schemas/NodeRun"}}}}]},
  "ExecutionList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Execution"}},
    "next_cursor": {"type": ["string", "null"]}}},
  "NodeType": {"type": "object", "required": ["type", "category", "title", "description", "icon", "version",
    "config_schema", "output_example", "inputs", "outputs", "output_handles", "chosen_handle", "run_inputs"],
    "properties": {"type": {"type": "string"}, "category": {"type": "string"},
    "title": {"type": "string"}, "description": {"type": "string"}, "icon": {"type": "string"},
    "version": {"type": "integer"}, "config_schema": {"type": "object"}, "output_example": {},
    "inputs": {"type": "array", "items": {"type": "string"}},
    "outputs": {"type": "array", "items": {"type": "string"},
                "description": "The fixed named output handles (those of output_handles with a name)"},
    "output_handles": {"type": "array", "items": {"$ref": "#/components/schemas/HandleRule"},
      "description": "The named output handles as rules on the node's config, read in order; empty: one unnamed output"},
    "chosen_handle": {"type": ["string", "null"], "description":
      "JSON Pointer into the node's output naming the handle it chose: a string names one, true/false the handles of those names, an array of strings several"},
    "run_inputs": {"type": "array", "items": {"$ref": "#/components/schemas/RunInputRule"},
      "description": "The run inputs a node of this type contributes"}}},
  "HandleRule": {"type": "object", "additionalProperties": false, "description":
    "A fixed handle (name), or one handle per entry of the config list at each, named by the string at name_at in the entry",
    "properties": {"name": {"type": "string"}, "each": {"type": "string"}, "name_at": {"type": "string"}}},
  "RunInputRule": {"type": "object", "additionalProperties": false, "description":
    "One run input, or one per entry of the config list at each. Every *_at is a JSON Pointer into the config (or the entry); where it finds nothing the default applies: the node id for the name, the name for the label, type for the type, true for required",
    "properties": {"each": {"type": "string"}, "type": {"type": "string", "description": "JSON type of the value; absent: any JSON"},
      "name_at": {"type": "string"}, "label_at": {"type": "string"}, "description_at": {"type": "string"},
      "type_at": {"type": "string"}, "required_at": {"type": "string"}, "default_at": {"type": "string"},
      "multiline_at": {"type": "string"}, "schema_at": {"type": "string"},
      "accept_at": {"type": "string", "description": "File inputs: a list of MIME types (text/*) or extensions (.csv)"},
      "max_bytes_at": {"type": "string", "description": "File inputs: the largest file, in bytes"},
      "multiple_at": {"type": "string", "description": "File inputs: a list of files rather than one"}}},
  "FileValue": {"type": "object", "required": ["id", "name", "mime", "size", "sha256"], "additionalProperties": false,
    "description": "A file in or out of a run; its bytes at GET /api/files/{id}. A run input naming a file passes {\"id\": …} (other fields optional); any other field, such as a path, is refused",
    "properties": {"id": {"type": "string", "pattern": "^file_[a-z2-7]{20}$"}, "name": {"type": "string", "maxLength": 255},
      "mime": {"type": "string"}, "size": {"type": "integer", "minimum": 0}, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}},
  "FileList": {"type": "object", "required": ["files"], "properties": {
    "files": {"type": "array", "items": {"$ref": "#/components/schemas/FileValue"}}}},
  "MultipartInputs": {"type": "object", "description": "Run inputs as form fields: text fields as strings, file parts stored and passed as file values (a list when a name repeats)",
    "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "string", "format": "binary"},
      {"type": "array", "items": {"type": "string", "format": "binary"}}]}},
  "NodeTypeList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/NodeType"}}}},
  "SetupState": {"type": "object", "required": ["needs_setup"], "properties": {"needs_setup": {"type": "boolean"}}},
  "NewPassword": {"type": "string", "minLength": 8, "maxLength": 1024, "writeOnly": true},
  "Role": {"enum": ["owner", "admin", "editor", "viewer"]},
  "NewAccount": {"type": "object", "required": ["email", "password"], "properties": {
    "email": {"$ref": "#/components/schemas/Email"}, "password": {"$ref": "#/components/schemas/NewPassword"},
    "name": {"$ref": "#/components/schemas/DisplayName"}}},
  "Login": {"type": "object", "required": ["email", "password"], "properties": {"email": {"type": "string"},
    "password": {"type": "string", "writeOnly": true}, "workspace": {"type": ["string", "null"]}}},
  "RefreshToken": {"type": "object", "description": "The token, or none when the weft_refresh cookie carries it", "properties": {
    "refresh_token": {"type": "string"}, "workspace": {"type": ["string", "null"]}}},
  "LogoutToken": {"type": "object", "description": "The token, or none when the weft_refresh cookie carries it", "properties": {
    "refresh_token": {"type": "string"}, "workspace": {"type": ["string", "null"]}}},
  "PasswordChange": {"type": "object", "required": ["old_password", "new_password"], "properties": {
    "old_password": {"type": "string", "writeOnly": true}, "new_password": {"$ref": "#/components/schemas/NewPassword"}}},
  "User": {"type": "object", "required": ["id", "email"], "properties": {"id": {"type": "string"}, "email": {"type": "string"},
    "name": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}, "server_admin": {"type": "boolean"}}},
  "Workspace": {"type": "object", "required": ["id", "role"], "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "role": {"$ref": "#/components/schemas/Role"}}},
  "Session": {"type": "object", "required": ["token_type", "access_token", "expires_in"], "properties": {
    "token_type": {"const": "Bearer"}, "access_token": {"type": "string"},
    "expires_at": {"type": "string"}, "expires_in": {"type": "integer"}, "refresh_token": {"type": "string"},
    "refresh_expires_at": {"type": "string"}, "user": {"$ref": "#/components/schemas/User"},
    "workspace": {"$ref": "#/components/schemas/Workspace"}}},
  "Me": {"type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"},
    "workspace": {"$ref": "#/components/schemas/Workspace"},
    "workspaces": {"type": "array", "items": {"$ref": "#/components/schemas/Workspace"}},
    "api_key_id": {"type": ["string", "null"]}}},
  "AuditPage": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}},
    "next_before": {"type": "integer"}}},
  "Member": {"type": "object", "required": ["user_id", "role"], "properties": {"user_id": {"type": "string"},
    "email": {"type": "string"}, "name": {"type": "string"}, "role": {"$ref": "#/components/schemas/Role"},
    "joined_at": {"type": "string"}}},
  "MemberList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Member"}}}},
  "NewMember": {"type": "object", "required": ["email", "role"], "properties": {
    "email": {"$ref": "#/components/schemas/Email"}, "role": {"$ref": "#/components/schemas/Role"},
    "password": {"oneOf": [{"$ref": "#/components/schemas/NewPassword"}, {"type": "null"}],
      "description": "Creates the account with this password"},
    "name": {"$ref": "#/components/schemas/DisplayName"}}},
  "RoleChange": {"type": "object", "required": ["role"], "properties": {"role": {"$ref": "#/components/schemas/Role"}}},
  "NewInvite": {"type": "object", "required": ["role"], "properties": {"role": {"$ref": "#/components/schemas/Role"},
    "email": {"oneOf": [{"$ref": "#/components/schemas/Email"}, {"type": "null"}], "description": "Only this address may accept"}}},
  "Invite": {"type": "object", "required": ["id", "role"], "properties": {"id": {"type": "string"},
    "workspace_id": {"type": "string"}, "workspace_name": {"type": "string"}, "role": {"$ref": "#/components/schemas/Role"},
    "email": {"type": ["string", "null"]}, "created_at": {"type": "string"}, "expires_at": {"type": "string"},
    "token": {"type": "string", "description": "Only in the creation answer"},
    "path": {"type": "string", "description": "Only in the creation answer: the editor's page for the link"}}},
  "InviteList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Invite"}}}},
  "ApiKeyScope": {"enum": ["run", "full"]},
  "NewApiKey": {"type": "object", "required": ["name"], "properties": {
    "name": {"type": "string", "minLength": 1, "maxLength": 200},
    "scope": {"oneOf": [{"$ref": "#/components/schemas/ApiKeyScope"}, {"type": "null"}], "default": "run"},
    "pipeline_id": {"type": ["string", "null"], "description": "Limit the key to this pipeline (404 when there is none)"}}},
  "ApiKey": {"type": "object", "required": ["id", "name", "scope"], "properties": {"id": {"type": "string"},
    "name": {"type": "string"}, "prefix": {"type": "string"}, "scope": {"$ref": "#/components/schemas/ApiKeyScope"},
    "pipeline_id": {"type": ["string", "null"]}, "created_by": {"type": "string"}, "created_at": {"type": "string"},
    "key": {"type": "string", "description": "Only in the creation answer"},
    "last_used_at": {"type": ["string", "null"]}, "revoked_at": {"type": ["string", "null"]}}},
  "ApiKeyList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/ApiKey"}}}},
  "CredentialKind": {"type": "object", "properties": {"kind": {"type": "string"}, "title": {"type": "string"},
    "schema": {"type": "object"}}},
  "CredentialKindList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/CredentialKind"}}}},
  "CredentialUpdate": {"type": "object", "description": "The fields of `data` are merged into the stored ones (null removes one); the result must fit the credential's kind (422 otherwise)",
    "properties": {"name": {"oneOf": [{"$ref": "#/components/schemas/CredentialName"}, {"type": "null"}]},
    "data": {"type": "object", "writeOnly": true}}},
  "Credential": {"type": "object", "required": ["id", "name", "kind"], "properties": {"id": {"type": "string"},
    "name": {"type": "string"}, "kind": {"type": "string"}, "fields": {"type": "array", "items": {"type": "string"}},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"}}},
  "CredentialList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Credential"}}}},
  "ProviderName": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"},
  "ProviderList": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"type": "object",
    "required": ["name", "kind", "source"],
    "properties": {"name": {"type": "string"}, "kind": {"enum": ["ollama", "openai"]}, "base_url": {"type": "string"},
    "has_api_key": {"type": "boolean"}, "credential": {"type": "string"}, "problem": {"type": "string"},
    "source": {"enum": ["workspace", "server"]}}}}}},
  "ServerProviderList": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"type": "object",
    "required": ["name", "kind", "base_url", "has_api_key", "credential", "source"],
    "properties": {"name": {"type": "string"}, "kind": {"enum": ["ollama", "openai"]}, "base_url": {"type": "string"},
    "has_api_key": {"type": "boolean"}, "credential": {"type": "string"}, "source": {"enum": ["environment", "settings"]}}}}}},
  "ServerSettings": {"type": "object", "required": ["allow_signup", "metrics_token_set"], "properties": {
    "allow_signup": {"type": "boolean"}, "metrics_token_set": {"type": "boolean"}}},
  "ServerSettingsChange": {"type": "object", "additionalProperties": false, "properties": {
    "allow_signup": {"type": "boolean"},
    "metrics_token": {"type": ["string", "null"], "minLength": 16, "maxLength": 200, "writeOnly": true}}},
  "MemberInvited": {"type": "object", "required": ["status", "email", "role"], "properties": {
    "status": {"const": "invited"}, "email": {"type": "string"}, "role": {"$ref": "#/components/schemas/Role"}}},
  "Invitation": {"type": "object", "required": ["id", "workspace_id", "role"], "properties": {"id": {"type": "string"},
    "workspace_id": {"type": "string"}, "workspace_name": {"type": "string"}, "role": {"$ref": "#/components/schemas/Role"},
    "invited_by": {"type": ["string", "null"]}, "created_at": {"type": "string"}, "expires_at": {"type": "string"}}},
  "InvitationList": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/Invitation"}}}},
  "InvitationAccepted": {"type": "object", "required": ["workspace"], "properties": {
    "workspace": {"$ref": "#/components/schemas/Workspace"}}},
  "ProviderSettings": {"type": "object", "required": ["items"], "additionalProperties": false, "properties": {"items": {"type": "array", "maxItems": 64, "items": {
    "type": "object", "required": ["name", "kind", "base_url"], "additionalProperties": false, "properties": {"name": {"$ref": "#/components/schemas/ProviderName"},
    "kind": {"enum": ["ollama", "openai"]}, "base_url": {"type": "string", "description": "http(s), a host name or IPv4 address (no leading zeros), a port and a path",
      "pattern": "^https?://(([A-Za-z0-9_-]+\\.)*[A-Za-z0-9_-]*[A-Za-z_-][A-Za-z0-9_-]*|(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3})(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?(/[A-Za-z0-9._~-]*)*$"},
    "credential": {"type": "string", "maxLength": 128, "description": "A credential id of the caller's workspace"}}}}}},
  "ModelList": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object",
    "properties": {"id": {"type": "string"}, "details": {}}}}}},
  "Health": {"type": "object", "properties": {"status": {"type": "string"}, "runs_in_flight": {"type": "integer"}}}
})json";

/// One alternative per credential kind: its name, and data that fits its schema.
json::object new_credential_schema() {
  const auth::CredentialKinds catalogue;
  json::array kinds;
  for (const auto& kind : catalogue.all()) {
    kinds.push_back(json::object{
        {"type", "object"},
        {"title", kind.title},
        {"required", json::array{"name", "kind", "data"}},
        {"properties",
         json::object{{"name", json::object{{"$ref", "#/components/schemas/CredentialName"}}},
                      {"kind", json::object{{"const", kind.name}}},
                      {"data", kind.schema}}}});
  }
  return json::object{
      {"oneOf", std::move(kinds)},
      {"description", "The data's fields depend on the kind (GET /api/credential-kinds)"}};
}

// An RFC 3339 time as the server reads it (seconds may be 60, at most nine
// fraction digits), or epoch milliseconds; times outside 1970–2200 are
// taken as the nearest of the two.
constexpr const char* kTimePattern =
    "^([0-9]{1,13}|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]"
    ":([0-5][0-9]|60)(\\.[0-9]{1,9})?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))$";

json::object string_matching(std::string_view pattern) {
  return json::object{{"type", "string"}, {"pattern", pattern}};
}

// Strings as the account services take them: surrounding blanks are trimmed
// first, control characters are refused.
constexpr std::string_view kBlanks = "[\\t\\n\\r ]*";
constexpr std::string_view kNoControl = "[^\\u0000-\\u001f\\u007f]";
constexpr std::string_view kEmailPart = "[^@\\t ,;<>\"\\u0000-\\u001f\\u007f]+";

std::string trimmed(std::string_view inner) {
  return "^" + std::string(kBlanks) + std::string(inner) + std::string(kBlanks) + "$";
}

/// The strings whose limits are written as patterns.
void add_text_schemas(json::object& schemas) {
  json::object email =
      string_matching(trimmed(std::string(kEmailPart) + "@" + std::string(kEmailPart)));
  email["maxLength"] = 254;
  email["description"] =
      "One @ with something on each side; no blanks, commas, semicolons, quotes or angle brackets "
      "(surrounding blanks are trimmed)";
  schemas["Email"] = std::move(email);
  json::object name = string_matching(trimmed(std::string(kNoControl) + "*"));
  name["type"] = json::array{"string", "null"};
  name["maxLength"] = 200;
  schemas["DisplayName"] = std::move(name);
  json::object credential = string_matching("^" + std::string(kNoControl) + "+$");
  credential["maxLength"] = 200;
  schemas["CredentialName"] = std::move(credential);
}

json::object integer_between(std::int64_t min, std::int64_t max) {
  return json::object{{"type", "integer"}, {"minimum", min}, {"maximum", max}};
}

}  // namespace

json::object openapi_schemas() {
  json::object schemas = json::parse(kSchemas).as_object();
  add_text_schemas(schemas);
  schemas["NewCredential"] = new_credential_schema();
  return schemas;
}

json::object path_parameter_schema(std::string_view path, std::string_view name) {
  if (name == "version") {
    return integer_between(1, INT64_MAX);
  }
  if (name == "name") {
    return json::object{{"$ref", "#/components/schemas/ProviderName"}};
  }
  if (name == "token") {
    return string_matching("^[A-Za-z0-9_-]{43}$");  // 32 random bytes, base64url
  }
  if (path.starts_with("/api/pipelines/")) {
    return json::object{{"$ref", "#/components/schemas/PipelineId"}};
  }
  // Ids the server makes: a prefix, `_` and 20 letters or digits.
  constexpr std::pair<std::string_view, std::string_view> kPrefixes[] = {
      {"/api/executions/", "ex"}, {"/api/credentials/", "cred"}, {"/api/api-keys/", "key"},
      {"/api/invites/", "inv"},   {"/api/members/", "usr"},      {"/api/me/invitations/", "inv"},
      {"/api/triggers/", "trg"},  {"/api/files/", "file"},
  };
  for (const auto& [prefix, id] : kPrefixes) {
    if (path.starts_with(prefix)) {
      return string_matching("^" + std::string(id) + "_[a-z2-7]{20}$");
    }
  }
  return json::object{{"type", "string"}};
}

json::object query_parameter_schema(std::string_view name) {
  if (name == "wait") {
    return json::object{{"type", "boolean"}};
  }
  if (name == "timeout_ms") {
    return integer_between(1, 30'000);
  }
  if (name == "limit") {
    return integer_between(1, 200);
  }
  if (name == "before") {
    return integer_between(0, INT64_MAX);
  }
  if (name == "status") {
    return json::object{{"$ref", "#/components/schemas/RunStatus"}};
  }
  if (name == "trigger") {
    return json::object{{"$ref", "#/components/schemas/TriggerSource"}};
  }
  if (name == "from" || name == "to") {
    return string_matching(kTimePattern);
  }
  if (name == "cursor") {
    return string_matching("^([0-9]{1,18}:[!-~]{1,128})?$");  // empty: the first page
  }
  if (name == "If-Match") {
    return string_matching("^(W/)?(\"[1-9][0-9]{0,17}\"|[1-9][0-9]{0,17})$");
  }
  return json::object{{"type", "string"}};
}

}  // namespace weft::api
