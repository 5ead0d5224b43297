#pragma once
// Where a run finds the LLM provider a block names. `weft run` has only the
// environment's providers (a ProviderRegistry); `weft serve` has two levels,
// the running workspace's own providers first, then the server's
// (api::ProviderDirectory). The workspace is the run's, never one named in
// data.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace weft::llm {

class Provider;

class ProviderSource {
 public:
  virtual ~ProviderSource() = default;
  /// The provider `name` as a run of `workspace` sees it, or nullptr.
  virtual std::shared_ptr<Provider> resolve(std::string_view workspace,
                                            std::string_view name) const = 0;
  /// Every name a run of `workspace` can use, for messages.
  virtual std::vector<std::string> visible_names(std::string_view workspace) const = 0;
};

}  // namespace weft::llm
