#include "nodes/output/csv_writer.hpp"

#include <algorithm>
#include <unordered_set>
#include <vector>

namespace weft::nodes {
namespace {

void put_cell(std::string& out, std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  out += '"';
}

std::string cell_text(const json::value* value) {
  if (value == nullptr || value->is_null()) {
    return "";
  }
  if (value->is_string()) {
    return std::string(value->get_string());
  }
  return to_json_string(*value);
}

}  // namespace

Result<std::string> write_csv(const json::array& rows) {
  if (rows.empty()) {
    return std::string();
  }
  std::vector<std::string> columns;
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].is_object()) {
      return Error::make(ErrorCode::invalid_input, "CSV needs a list of objects; item " +
                                                       std::to_string(i) + " is not an object");
    }
    for (const auto& member : rows[i].get_object()) {
      if (seen.emplace(member.key()).second) {
        columns.emplace_back(member.key());
      }
    }
  }
  std::string out;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) {
      out += ',';
    }
    put_cell(out, columns[c]);
  }
  out += "\r\n";
  for (const auto& row : rows) {
    const json::object& object = row.get_object();
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) {
        out += ',';
      }
      put_cell(out, cell_text(object.if_contains(columns[c])));
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace weft::nodes
