#pragma once
// The kinds of credential Weft knows, each with the JSON Schema its data must
// match (the editor builds its form from it; `x-weft-secret` marks the fields
// it shows as password inputs). Values never leave the vault through the
// API: only the names of the fields that are set do.
//
//   api_key   {key, header?}
//   bearer    {token}
//   basic     {username, password}
//   headers   {headers: {name: value, …}}
//   oauth2    {access_token, refresh_token?, token_type?, expires_at?,
//              client_id?, client_secret?, token_url?}
//   smtp      {host, port, username?, password?, security: none|starttls|tls}

#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/json_schema.hpp"
#include "common/problem.hpp"

namespace weft::auth {

struct CredentialKind {
  std::string name;
  std::string title;
  json::value schema;
  JsonSchema compiled;
};

/// The catalogue; immutable once built, shared by every thread.
class CredentialKinds {
 public:
  CredentialKinds();

  const std::vector<CredentialKind>& all() const { return kinds_; }
  /// nullptr for an unknown kind.
  const CredentialKind* find(std::string_view name) const;
  /// Every problem of `data` against the kind's schema, pointers under `/data`.
  Problems validate(const CredentialKind& kind, const json::value& data) const;

 private:
  std::vector<CredentialKind> kinds_;
};

}  // namespace weft::auth
