#pragma once
// Serves the editor's production build (web/dist): hashed assets with long
// cache lifetimes, and index.html for every other path so the single-page
// app's own routes survive a reload.

#include <filesystem>

#include "api/http/router.hpp"

namespace weft::api {

/// Registers the fallback that serves `root` on `router`. A missing `root`
/// answers with a page that says how to build the editor.
void add_static_files(Router& router, std::filesystem::path root);

}  // namespace weft::api
