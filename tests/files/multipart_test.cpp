#include "files/multipart.hpp"

#include <gtest/gtest.h>

namespace weft::files {
namespace {

/// An Upload that keeps its bytes in memory.
class MemoryUpload final : public Upload {
 public:
  explicit MemoryUpload(std::string* sink) : sink_(sink) {}
  Status append(std::string_view bytes) override {
    sink_->append(bytes);
    return Ok{};
  }
  std::int64_t size() const override { return static_cast<std::int64_t>(sink_->size()); }

 private:
  std::string* sink_;
};

struct Parsed {
  Status status = Ok{};
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::tuple<std::string, std::string, std::string, std::string>> files;
};

/// Parses `body`, fed in pieces of `piece` bytes (0: whole).
Parsed parse(std::string_view body, std::size_t piece = 0, MultipartLimits limits = {}) {
  Parsed out;
  std::vector<std::unique_ptr<std::string>> contents;
  MultipartParser parser("XyZ", limits, [&]() -> Result<std::unique_ptr<Upload>> {
    contents.push_back(std::make_unique<std::string>());
    return std::unique_ptr<Upload>(std::make_unique<MemoryUpload>(contents.back().get()));
  });
  const std::size_t step = piece == 0 ? std::max<std::size_t>(body.size(), 1) : piece;
  for (std::size_t at = 0; at < body.size() && out.status; at += step) {
    out.status = parser.feed(body.substr(at, step));
  }
  if (out.status) {
    out.status = parser.finish();
  }
  for (auto& field : parser.fields()) {
    out.fields.emplace_back(field.name, field.value);
  }
  for (std::size_t i = 0; i < parser.files().size(); ++i) {
    const auto& file = parser.files()[i];
    out.files.emplace_back(file.field, file.filename, file.mime, *contents[i]);
  }
  return out;
}

const std::string kBody =
    "preamble\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"title\"\r\n"
    "\r\n"
    "Quarterly \"report\"\r\n"
    "--XyZ  \r\n"
    "Content-Disposition: form-data; name=\"doc\"; filename=\"../r\\\"1.csv\"\r\n"
    "Content-Type: text/csv\r\n"
    "\r\n"
    "a,b\r\n1,2\r\n--XyQ-not-yet\r\n"
    "\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
    "\r\n"
    "\r\n"
    "--XyZ--\r\n"
    "epilogue";

TEST(Multipart, ParsesFieldsAndFiles) {
  const Parsed parsed = parse(kBody);
  ASSERT_TRUE(parsed.status) << parsed.status.error().message;
  ASSERT_EQ(parsed.fields.size(), 1u);
  EXPECT_EQ(parsed.fields[0],
            (std::pair<std::string, std::string>{"title", "Quarterly \"report\""}));
  ASSERT_EQ(parsed.files.size(), 2u);
  EXPECT_EQ(std::get<0>(parsed.files[0]), "doc");
  EXPECT_EQ(std::get<1>(parsed.files[0]), "../r\"1.csv");  // as sent: display_name neutralises it
  EXPECT_EQ(std::get<2>(parsed.files[0]), "text/csv");
  EXPECT_EQ(std::get<3>(parsed.files[0]), "a,b\r\n1,2\r\n--XyQ-not-yet\r\n");
  EXPECT_EQ(std::get<1>(parsed.files[1]), "");
  EXPECT_EQ(std::get<2>(parsed.files[1]), "application/octet-stream");
  EXPECT_EQ(std::get<3>(parsed.files[1]), "");
}

TEST(Multipart, EverySplitGivesTheSameResult) {
  const Parsed whole = parse(kBody);
  for (std::size_t piece = 1; piece <= kBody.size(); ++piece) {
    SCOPED_TRACE(piece);
    const Parsed split = parse(kBody, piece);
    ASSERT_TRUE(split.status) << split.status.error().message;
    EXPECT_EQ(split.fields, whole.fields);
    EXPECT_EQ(split.files, whole.files);
  }
  // And at every single cut point into two pieces.
  for (std::size_t cut = 0; cut <= kBody.size(); ++cut) {
    std::vector<std::unique_ptr<std::string>> contents;
    MultipartParser parser("XyZ", {}, [&]() -> Result<std::unique_ptr<Upload>> {
      contents.push_back(std::make_unique<std::string>());
      return std::unique_ptr<Upload>(std::make_unique<MemoryUpload>(contents.back().get()));
    });
    ASSERT_TRUE(parser.feed(std::string_view(kBody).substr(0, cut)));
    ASSERT_TRUE(parser.feed(std::string_view(kBody).substr(cut)));
    ASSERT_TRUE(parser.finish());
    ASSERT_EQ(contents.size(), 2u);
    EXPECT_EQ(*contents[0], std::get<3>(whole.files[0])) << cut;
  }
}

std::string part(std::string_view name, std::string_view value, bool file = false) {
  return "--XyZ\r\nContent-Disposition: form-data; name=\"" + std::string(name) + "\"" +
         (file ? "; filename=\"f.bin\"" : "") + "\r\n\r\n" + std::string(value) + "\r\n";
}

void expect_refused(const Parsed& parsed, ErrorCode code, std::string_view words) {
  ASSERT_FALSE(parsed.status);
  EXPECT_EQ(parsed.status.error().code, code);
  EXPECT_NE(parsed.status.error().message.find(words), std::string::npos)
      << parsed.status.error().message;
}

TEST(Multipart, EveryLimitIsAnErrorNamingThePart) {
  MultipartLimits limits;
  limits.max_parts = 2;
  expect_refused(parse(part("a", "1") + part("b", "2") + part("c", "3") + "--XyZ--", 0, limits),
                 ErrorCode::limit_exceeded, "more than 2 parts (part 3)");

  limits = {};
  limits.max_fields = 1;
  expect_refused(parse(part("a", "1") + part("b", "2") + "--XyZ--", 0, limits),
                 ErrorCode::limit_exceeded, "more than 1 fields (part 2)");

  limits = {};
  limits.max_field_bytes = 4;
  expect_refused(parse(part("a", "12345") + "--XyZ--", 1, limits), ErrorCode::limit_exceeded,
                 "part 1 (`a`) is larger than 4 bytes");

  limits = {};
  limits.max_part_bytes = 4;
  expect_refused(parse(part("doc", "12345", true) + "--XyZ--", 0, limits),
                 ErrorCode::limit_exceeded, "part 1 (`doc`) is larger than 4 bytes");

  limits = {};
  limits.max_total_bytes = 20;
  expect_refused(parse(part("a", "1") + "--XyZ--", 3, limits), ErrorCode::limit_exceeded,
                 "larger than 20 bytes");

  limits = {};
  limits.max_header_bytes = 32;
  const std::string long_header = "--XyZ\r\nContent-Disposition: form-data; name=\"" +
                                  std::string(100, 'n') + "\"\r\n\r\nx\r\n--XyZ--";
  expect_refused(parse(long_header, 0, limits), ErrorCode::limit_exceeded,
                 "headers of part 1 are longer than 32 bytes");
  expect_refused(parse(long_header, 1, limits), ErrorCode::limit_exceeded,
                 "headers of part 1 are longer than 32 bytes");
}

TEST(Multipart, MalformedBodiesAreBadRequests) {
  expect_refused(parse("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--"),
                 ErrorCode::invalid_argument, "part 1 has no `Content-Disposition");
  expect_refused(parse("--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--XyZ--"),
                 ErrorCode::invalid_argument, "part 1 needs one");
  expect_refused(parse(part("a", "1")), ErrorCode::invalid_argument, "ends inside part 1 (`a`)");
  expect_refused(parse("no delimiter at all"), ErrorCode::invalid_argument,
                 "before its first part");
  expect_refused(parse("--XyZ\r\nbroken header\r\n\r\nx\r\n--XyZ--"), ErrorCode::invalid_argument,
                 "header line of part 1 is malformed");
  expect_refused(parse("--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--"),
                 ErrorCode::invalid_argument, "Content-Disposition of part 1 is malformed");
  expect_refused(parse("--XyZjunk\r\n"), ErrorCode::invalid_argument, "not followed by CRLF");
}

TEST(Multipart, BoundaryComesFromTheContentType) {
  auto boundary = multipart_boundary("multipart/form-data; boundary=\"a b'c\"");
  ASSERT_TRUE(boundary);
  EXPECT_EQ(*boundary, "a b'c");
  EXPECT_EQ(*multipart_boundary("Multipart/Form-Data;boundary=----x1"), "----x1");
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("application/json; boundary=x"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=a\"b"));
}

}  // namespace
}  // namespace weft::files
