// `weft user create`: makes an account in the data directory `weft serve`
// uses. The first account becomes the owner of the default workspace; later
// ones get a workspace of their own and join --workspace with --role.
#include <cstdlib>
#include <iostream>

#include "app/commands.hpp"
#include "auth/auth.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace weft::app {

namespace {

constexpr std::string_view kPasswordEnv = "WEFT_PASSWORD";

/// The password from --password, stdin (`--password -`) or WEFT_PASSWORD.
std::optional<std::string> read_password(const UserCreateArgs& args) {
  if (args.password == "-") {
    std::string line;
    if (!std::getline(std::cin, line)) {
      return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    return line;
  }
  if (!args.password.empty()) {
    return args.password;
  }
  const char* env = std::getenv(std::string(kPasswordEnv).c_str());
  if (env != nullptr && *env != '\0') {
    return std::string(env);
  }
  return std::nullopt;
}

}  // namespace

int user_create_command(const UserCreateArgs& args) {
  auto password = read_password(args);
  if (!password) {
    std::cerr << "weft user create: give the password with --password, with --password - "
                 "(read from stdin) or in WEFT_PASSWORD\n";
    return 2;
  }
  std::optional<auth::Role> role;
  if (!args.role.empty()) {
    role = auth::parse_role(args.role);
    if (!role) {
      std::cerr << "weft user create: --role is owner, admin, editor or viewer\n";
      return 2;
    }
  }
  auto store = store::open_sqlite_store(args.data);
  if (!store) {
    std::cerr << "weft user create: " << store.error().message << "\n";
    return 1;
  }
  // No token is signed and no credential opened here, so an in-memory key
  // does; the data directory's key file is left alone.
  auto auth = auth::Auth::create(**store, {auth::MasterKey::generate(), std::nullopt, false, ""});
  if (!auth) {
    std::cerr << "weft user create: " << auth.error().message << "\n";
    return 1;
  }
  auto created = (*auth)->accounts().create_user(
      {{args.email, std::move(*password), args.name}, role, args.workspace, args.server_admin});
  if (!created) {
    std::cerr << "weft user create: " << created.error().message << "\n";
    return created.error().code == ErrorCode::invalid_argument ? 2 : 1;
  }
  std::cout << "created " << (created->first_owner ? "the owner " : "") << created->user.email
            << " (" << created->user.id << "), " << auth::to_string(created->workspace.role)
            << " of workspace " << created->workspace.id
            << (created->user.server_admin ? ", server admin" : "") << "\n";
  return 0;
}

}  // namespace weft::app
