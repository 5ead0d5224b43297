#include "app/commands.hpp"

int main(int argc, char** argv) {
  return weft::app::main_command(argc, argv);
}
