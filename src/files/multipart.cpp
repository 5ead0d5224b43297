#include "files/multipart.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace weft::files {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kMaxBoundary = 70;
/// Spaces or tabs allowed after a delimiter before its CRLF (RFC 2046 transport padding).
constexpr std::size_t kMaxPadding = 64;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

/// A header's parameters (`; name="x"; filename=y`), in order; nullopt when malformed.
struct Parameter {
  std::string name;
  std::string value;
};

std::optional<std::vector<Parameter>> parameters(std::string_view text) {
  std::vector<Parameter> out;
  for (;;) {
    text = trim(text);
    if (text.empty()) {
      return out;
    }
    if (text.front() != ';') {
      return std::nullopt;
    }
    text = trim(text.substr(1));
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) {
      return std::nullopt;
    }
    Parameter parameter{std::string(trim(text.substr(0, equals))), {}};
    std::transform(
        parameter.name.begin(), parameter.name.end(), parameter.name.begin(),
        [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    text = trim(text.substr(equals + 1));
    if (!text.empty() && text.front() == '"') {
      std::size_t i = 1;
      for (; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
          ++i;
        }
        parameter.value += text[i];
      }
      if (i >= text.size()) {
        return std::nullopt;  // no closing quote
      }
      text.remove_prefix(i + 1);
    } else {
      const auto end = std::min(text.find(';'), text.size());
      parameter.value = std::string(trim(text.substr(0, end)));
      text.remove_prefix(end);
    }
    if (parameter.name.empty()) {
      return std::nullopt;
    }
    out.push_back(std::move(parameter));
  }
}

const Parameter* find_parameter(const std::vector<Parameter>& list, std::string_view name) {
  auto it =
      std::find_if(list.begin(), list.end(), [&](const Parameter& p) { return p.name == name; });
  return it == list.end() ? nullptr : &*it;
}

bool boundary_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  if (!iequals(trim(content_type.substr(0, semicolon)), "multipart/form-data")) {
    return Error::make(ErrorCode::invalid_argument, "the body is not multipart/form-data");
  }
  auto list = semicolon == std::string_view::npos
                  ? std::optional<std::vector<Parameter>>(std::vector<Parameter>{})
                  : parameters(content_type.substr(semicolon));
  const Parameter* boundary = list ? find_parameter(*list, "boundary") : nullptr;
  if (boundary == nullptr || boundary->value.empty() || boundary->value.size() > kMaxBoundary ||
      boundary->value.back() == ' ' ||
      !std::all_of(boundary->value.begin(), boundary->value.end(), boundary_char)) {
    return Error::make(ErrorCode::invalid_argument,
                       "a multipart/form-data Content-Type needs a boundary of 1 to 70 characters");
  }
  return boundary->value;
}

MultipartParser::MultipartParser(std::string boundary, MultipartLimits limits,
                                 OpenUpload open_upload)
    : delimiter_("\r\n--" + boundary), limits_(limits), open_upload_(std::move(open_upload)) {
  // The first delimiter may open the body: parse as if a CRLF came before it.
  buffer_ = kCrlf;
}

Error MultipartParser::fail(ErrorCode code, std::string message) {
  state_ = State::failed;
  buffer_.clear();
  return Error::make(code, "multipart body: " + std::move(message));
}

std::string MultipartParser::part_label() const {
  std::string label = "part " + std::to_string(parts_);
  const std::string* name = nullptr;
  if (in_file_ && !files_.empty()) {
    name = &files_.back().field;
  } else if (!in_file_ && !fields_.empty()) {
    name = &fields_.back().name;
  }
  if (name != nullptr && state_ != State::headers) {
    label += " (`" + name->substr(0, 64) + "`)";
  }
  return label;
}

Status MultipartParser::feed(std::string_view chunk) {
  if (state_ == State::failed) {
    return Error::make(ErrorCode::invalid_argument, "multipart body: parsing already failed");
  }
  total_ += chunk.size();
  if (total_ > limits_.max_total_bytes) {
    return fail(ErrorCode::limit_exceeded,
                "the body is larger than " + std::to_string(limits_.max_total_bytes) + " bytes");
  }
  if (state_ == State::done) {
    return Ok{};  // the epilogue: ignored
  }
  buffer_.append(chunk);
  return step();
}

Status MultipartParser::step() {
  for (;;) {
    const State before = state_;
    const std::size_t left = buffer_.size();
    Status status = Ok{};
    switch (state_) {
      case State::preamble:
        status = find_first_delimiter();
        break;
      case State::after_delimiter:
        status = read_delimiter_end();
        break;
      case State::headers:
        status = read_headers();
        break;
      case State::body:
        status = read_body();
        break;
      case State::done:
        buffer_.clear();
        return Ok{};
      case State::failed:
        return Error::make(ErrorCode::invalid_argument, "multipart body: parsing failed");
    }
    if (!status) {
      return status;
    }
    // Nothing moved: the next bytes are needed.
    if (state_ == before && buffer_.size() == left) {
      return Ok{};
    }
  }
}

Status MultipartParser::find_first_delimiter() {
  const auto at = buffer_.find(delimiter_);
  if (at == std::string::npos) {
    // Keep what may be the start of a delimiter; the rest is preamble.
    const std::size_t keep = std::min(buffer_.size(), delimiter_.size() - 1);
    buffer_.erase(0, buffer_.size() - keep);
    return Ok{};
  }
  buffer_.erase(0, at + delimiter_.size());
  state_ = State::after_delimiter;
  return Ok{};
}

Status MultipartParser::read_delimiter_end() {
  if (buffer_.size() < 2) {
    return Ok{};
  }
  if (buffer_.starts_with("--")) {
    state_ = State::done;
    buffer_.clear();
    return Ok{};
  }
  std::size_t i = 0;
  while (i < buffer_.size() && (buffer_[i] == ' ' || buffer_[i] == '\t')) {
    ++i;
  }
  if (i > kMaxPadding) {
    return fail(ErrorCode::invalid_argument, "a delimiter line is followed by too many spaces");
  }
  if (buffer_.size() < i + 2) {
    return Ok{};
  }
  if (buffer_.compare(i, 2, kCrlf) != 0) {
    return fail(ErrorCode::invalid_argument,
                "a delimiter is not followed by CRLF or `--` after part " + std::to_string(parts_));
  }
  buffer_.erase(0, i + 2);
  ++parts_;
  if (parts_ > limits_.max_parts) {
    return fail(ErrorCode::limit_exceeded, "more than " + std::to_string(limits_.max_parts) +
                                               " parts (part " + std::to_string(parts_) + ")");
  }
  state_ = State::headers;
  return Ok{};
}

Status MultipartParser::read_headers() {
  // An empty header block is a bare CRLF; otherwise it ends with an empty line.
  std::size_t end = 0;
  std::size_t skip = 0;
  if (buffer_.starts_with(kCrlf)) {
    skip = 2;
  } else if (auto at = buffer_.find("\r\n\r\n"); at != std::string::npos) {
    end = at;
    skip = at + 4;
  }
  if (skip == 0 || end > limits_.max_header_bytes) {
    if (buffer_.size() > limits_.max_header_bytes + 4) {
      return fail(ErrorCode::limit_exceeded,
                  "the headers of part " + std::to_string(parts_) + " are longer than " +
                      std::to_string(limits_.max_header_bytes) + " bytes");
    }
    if (skip == 0) {
      return Ok{};
    }
  }
  const std::string block = buffer_.substr(0, end);
  buffer_.erase(0, skip);
  return start_part(block);
}

Status MultipartParser::start_part(std::string_view block) {
  std::optional<std::vector<Parameter>> disposition;
  std::string content_type;
  const std::string where = "part " + std::to_string(parts_);  // its name is not read yet
  while (!block.empty()) {
    const auto eol = std::min(block.find(kCrlf), block.size());
    const std::string_view line = block.substr(0, eol);
    block.remove_prefix(std::min(eol + 2, block.size()));
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || line.front() == ' ' ||
        line.front() == '\t') {
      return fail(ErrorCode::invalid_argument, "a header line of " + where + " is malformed");
    }
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "content-disposition")) {
      const auto semicolon = value.find(';');
      if (disposition || !iequals(trim(value.substr(0, semicolon)), "form-data")) {
        return fail(ErrorCode::invalid_argument,
                    where + " needs one `Content-Disposition: form-data`");
      }
      disposition = semicolon == std::string_view::npos
                        ? std::optional<std::vector<Parameter>>(std::vector<Parameter>{})
                        : parameters(value.substr(semicolon));
      if (!disposition) {
        return fail(ErrorCode::invalid_argument,
                    "the Content-Disposition of " + where + " is malformed");
      }
    } else if (iequals(name, "content-type")) {
      content_type = std::string(value);
    }
  }
  const Parameter* name = disposition ? find_parameter(*disposition, "name") : nullptr;
  if (name == nullptr) {
    return fail(ErrorCode::invalid_argument,
                where + " has no `Content-Disposition: form-data; name=\"…\"`");
  }
  part_bytes_ = 0;
  state_ = State::body;
  if (const Parameter* filename = find_parameter(*disposition, "filename")) {
    auto upload = open_upload_();
    if (!upload) {
      state_ = State::failed;
      return std::move(upload).error();
    }
    in_file_ = true;
    files_.push_back({name->value, filename->value,
                      content_type.empty() ? "application/octet-stream" : content_type,
                      std::move(*upload)});
    return Ok{};
  }
  in_file_ = false;
  if (++field_count_ > limits_.max_fields) {
    return fail(ErrorCode::limit_exceeded,
                "more than " + std::to_string(limits_.max_fields) + " fields (" + where + ")");
  }
  fields_.push_back({name->value, {}});
  return Ok{};
}

Status MultipartParser::read_body() {
  const auto at = buffer_.find(delimiter_);
  if (at == std::string::npos) {
    // All but what may be the start of the delimiter belongs to the part.
    const std::size_t keep = std::min(buffer_.size(), delimiter_.size() - 1);
    const std::size_t take = buffer_.size() - keep;
    if (take == 0) {
      return Ok{};
    }
    if (auto emitted = emit(std::string_view(buffer_).substr(0, take)); !emitted) {
      return emitted;
    }
    buffer_.erase(0, take);
    return Ok{};
  }
  if (auto emitted = emit(std::string_view(buffer_).substr(0, at)); !emitted) {
    return emitted;
  }
  buffer_.erase(0, at + delimiter_.size());
  state_ = State::after_delimiter;
  return Ok{};
}

Status MultipartParser::emit(std::string_view bytes) {
  part_bytes_ += bytes.size();
  const std::size_t limit = in_file_ ? limits_.max_part_bytes : limits_.max_field_bytes;
  if (part_bytes_ > limit) {
    return fail(ErrorCode::limit_exceeded,
                part_label() + " is larger than " + std::to_string(limit) + " bytes");
  }
  if (!in_file_) {
    fields_.back().value.append(bytes);
    return Ok{};
  }
  if (auto appended = files_.back().upload->append(bytes); !appended) {
    state_ = State::failed;
    return appended;
  }
  return Ok{};
}

Status MultipartParser::finish() {
  if (state_ == State::done) {
    return Ok{};
  }
  if (state_ == State::failed) {
    return Error::make(ErrorCode::invalid_argument, "multipart body: parsing failed");
  }
  const std::string where = parts_ == 0 ? "before its first part" : "inside " + part_label();
  return fail(ErrorCode::invalid_argument,
              "the body ends " + where + ", without the closing `--boundary--`");
}

}  // namespace weft::files
