#include <iostream>

#include "app/commands.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace weft::app {

int migrate_command(const std::string& data) {
  auto applied = store::migrate_sqlite(data);
  if (!applied) {
    std::cerr << "weft migrate: " << applied.error().message << "\n";
    return 1;
  }
  std::cout << "applied " << *applied << " migration" << (*applied == 1 ? "" : "s") << " to "
            << data << "\n";
  return 0;
}

}  // namespace weft::app
