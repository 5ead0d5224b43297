#include "common/error.hpp"

namespace weft {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
      return "invalid_argument";
    case ErrorCode::invalid_json:
      return "invalid_json";
    case ErrorCode::invalid_pipeline:
      return "invalid_pipeline";
    case ErrorCode::invalid_input:
      return "invalid_input";
    case ErrorCode::invalid_config:
      return "invalid_config";
    case ErrorCode::expression_error:
      return "expression_error";
    case ErrorCode::limit_exceeded:
      return "limit_exceeded";
    case ErrorCode::timeout:
      return "timeout";
    case ErrorCode::cancelled:
      return "cancelled";
    case ErrorCode::address_refused:
      return "address_refused";
    case ErrorCode::network_error:
      return "network_error";
    case ErrorCode::http_status:
      return "http_status";
    case ErrorCode::node_failed:
      return "node_failed";
    case ErrorCode::upstream_failed:
      return "upstream_failed";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::unauthenticated:
      return "unauthenticated";
    case ErrorCode::forbidden:
      return "forbidden";
    case ErrorCode::rate_limited:
      return "rate_limited";
    case ErrorCode::unavailable:
      return "unavailable";
    case ErrorCode::internal:
      return "internal";
    case ErrorCode::provider_unreachable:
      return "provider_unreachable";
    case ErrorCode::model_not_found:
      return "model_not_found";
    case ErrorCode::context_too_long:
      return "context_too_long";
    case ErrorCode::invalid_output:
      return "invalid_output";
    case ErrorCode::unsupported_media_type:
      return "unsupported_media_type";
  }
  return "internal";
}

}  // namespace weft
