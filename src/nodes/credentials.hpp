#pragma once
// Credentials as a node sees them: opened at the moment of use, from the
// vault of the run's workspace, by id (node configs hold only the id).

#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/result.hpp"
#include "integrations/http_client.hpp"

namespace weft::nodes {

struct Credential {
  std::string kind;  ///< api_key, bearer, basic, headers, oauth2, smtp
  json::object data;
};

/// Where the engine opens credentials; implemented over the vault in app/.
class CredentialSource {
 public:
  virtual ~CredentialSource() = default;
  /// not_found for an id the workspace does not have.
  virtual Result<Credential> resolve(std::string_view workspace, std::string_view id) const = 0;
};

/// The HTTP headers that present `credential` (Authorization, an API key
/// header, custom headers); invalid_config for kinds that are not for HTTP.
Result<integrations::Headers> credential_headers(const Credential& credential);

}  // namespace weft::nodes
