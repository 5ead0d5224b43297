#include "api/static_files.hpp"

#include <fstream>
#include <sstream>

#include "api/handlers/support.hpp"

namespace weft::api {
namespace {

namespace fs = std::filesystem;

/// Vite names every file under /assets/ after its content hash: it never changes.
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::uintmax_t kMaxFileBytes = 32 << 20;

std::string content_type(const fs::path& file) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  const std::string extension = file.extension().string();
  for (const auto& [ext, type] : kTypes) {
    if (extension == ext) {
      return std::string(type);
    }
  }
  return "application/octet-stream";
}

std::optional<std::string> read_file(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) > kMaxFileBytes) {
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  if (!in) {
    return std::nullopt;
  }
  return std::move(out).str();
}

/// `path` (already normalised by the server: no dot segments) inside `root`, or nullopt.
std::optional<fs::path> resolve(const fs::path& root, std::string_view path) {
  fs::path file = root / fs::path(std::string(path)).relative_path();
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(file, ec);
  if (ec) {
    return std::nullopt;
  }
  const auto [end, ignored] = std::mismatch(root.begin(), root.end(), canonical.begin());
  if (end != root.end()) {
    return std::nullopt;  // a symlink out of the root
  }
  return canonical;
}

Response missing_build(const fs::path& root) {
  return Response::text(
      404,
      "<!doctype html><title>Weft</title><p>The editor is not built: no " + root.string() +
          "/index.html. Run <code>scripts/setup</code> (or <code>npm run build</code> in web/), "
          "or start <code>weft serve --web DIR</code>. The API is at <a href=/api/openapi.json>"
          "/api/openapi.json</a>.",
      "text/html; charset=utf-8");
}

Response serve(const fs::path& root, const Request& request) {
  if (auto file = resolve(root, request.path); file && fs::is_regular_file(*file)) {
    if (auto body = read_file(*file)) {
      Response response = Response::text(200, std::move(*body), content_type(*file));
      const bool hashed = request.path.starts_with("/assets/");
      response.headers.emplace_back("Cache-Control", hashed ? kImmutable : "no-cache");
      return response;
    }
  }
  // A path that names a file (has an extension) and is missing is a 404;
  // anything else is a route of the app.
  if (fs::path(request.path).has_extension() && request.path != "/index.html") {
    return Response::error(404, "not_found", "no file " + request.path);
  }
  auto index = read_file(root / "index.html");
  if (!index) {
    return missing_build(root);
  }
  Response response = Response::text(200, std::move(*index), "text/html; charset=utf-8");
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

}  // namespace

void add_static_files(Router& router, fs::path root) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(root, ec);
  router.set_fallback(sync_handler(
      [root = ec ? root : canonical](Request& request) { return serve(root, request); }));
}

}  // namespace weft::api
