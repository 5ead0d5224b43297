#include "nodes/registry.hpp"

#include <algorithm>

namespace weft::nodes {

// One factory per node type, each defined in its own file under nodes/<category>/.
std::unique_ptr<NodeType> make_input_text();
std::unique_ptr<NodeType> make_input_json();
std::unique_ptr<NodeType> make_input_variables();
std::unique_ptr<NodeType> make_input_file();
std::unique_ptr<NodeType> make_llm_chat();
std::unique_ptr<NodeType> make_llm_classify();
std::unique_ptr<NodeType> make_llm_extract();
std::unique_ptr<NodeType> make_template();
std::unique_ptr<NodeType> make_transform();
std::unique_ptr<NodeType> make_condition();
std::unique_ptr<NodeType> make_switch();
std::unique_ptr<NodeType> make_merge();
std::unique_ptr<NodeType> make_loop();
std::unique_ptr<NodeType> make_delay();
std::unique_ptr<NodeType> make_http_request();
std::unique_ptr<NodeType> make_output_json();
std::unique_ptr<NodeType> make_output_text();
std::unique_ptr<NodeType> make_output_response();
std::unique_ptr<NodeType> make_output_file();

Registry make_core_registry() {
  Registry registry;
  registry.add(make_input_text());
  registry.add(make_input_json());
  registry.add(make_input_variables());
  registry.add(make_input_file());
  registry.add(make_llm_chat());
  registry.add(make_llm_classify());
  registry.add(make_llm_extract());
  registry.add(make_template());
  registry.add(make_transform());
  registry.add(make_condition());
  registry.add(make_switch());
  registry.add(make_merge());
  registry.add(make_loop());
  registry.add(make_delay());
  registry.add(make_http_request());
  registry.add(make_output_json());
  registry.add(make_output_text());
  registry.add(make_output_response());
  registry.add(make_output_file());
  return registry;
}

void Registry::add(std::unique_ptr<NodeType> type) {
  types_.push_back(std::move(type));
}

const NodeType* Registry::find(std::string_view type) const {
  auto it =
      std::find_if(types_.begin(), types_.end(), [&](const auto& t) { return t->type() == type; });
  return it == types_.end() ? nullptr : it->get();
}

std::vector<std::string> Registry::type_names() const {
  std::vector<std::string> names;
  for (const auto& t : types_) {
    names.emplace_back(t->type());
  }
  return names;
}

json::array Registry::catalogue() const {
  json::array out;
  for (const auto& t : types_) {
    const Descriptor& d = t->descriptor();
    json::array inputs(d.inputs.begin(), d.inputs.end());
    json::array outputs;  // the fixed named handles, as before the rules existed
    for (const auto& rule : d.output_handles) {
      if (!rule.name.empty()) {
        outputs.emplace_back(rule.name);
      }
    }
    out.push_back(
        json::object{{"type", d.type},
                     {"category", to_string(d.category)},
                     {"title", d.title},
                     {"description", d.description},
                     {"icon", d.icon},
                     {"version", d.version},
                     {"config_schema", d.config_schema},
                     {"output_example", d.output_example},
                     {"inputs", std::move(inputs)},
                     {"outputs", std::move(outputs)},
                     {"output_handles", to_json(d.output_handles)},
                     {"chosen_handle", d.chosen_handle.empty() ? json::value(nullptr)
                                                               : json::value(d.chosen_handle)},
                     {"run_inputs", to_json(d.run_inputs)}});
  }
  return out;
}

}  // namespace weft::nodes
