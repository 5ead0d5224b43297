#pragma once
// The engine's CredentialSource over the vault (auth::CredentialService).

#include "auth/auth.hpp"
#include "nodes/credentials.hpp"

namespace weft::app {

class VaultCredentials final : public nodes::CredentialSource {
 public:
  explicit VaultCredentials(auth::Auth& auth) : auth_(auth) {}
  Result<nodes::Credential> resolve(std::string_view workspace,
                                    std::string_view id) const override {
    auto opened = auth_.credentials().resolve(workspace, id);
    if (!opened) {
      return opened.error();
    }
    return nodes::Credential{std::move(opened->kind), std::move(opened->data)};
  }

 private:
  auth::Auth& auth_;
};

}  // namespace weft::app
