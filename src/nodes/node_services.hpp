#pragma once
// What a node reaches beyond its run, in one place. The server and the CLI
// fill it once (app/) and the engine hands it to every node through
// NodeContext::services(); a node scopes what it asks for by
// NodeContext::workspace(). Adding a service (files, knowledge bases, a
// sub-pipeline runner, mail) is one field here and one line where app/ wires it.

namespace weft::integrations {
class HttpClient;
}
namespace weft::llm {
class ProviderSource;
}

namespace weft::nodes {

class CredentialSource;
class FileSource;

struct NodeServices {
  /// Outbound HTTP through the server's address guard (required).
  integrations::HttpClient* http = nullptr;
  /// The LLM providers a workspace sees (null: none; llm_* blocks say so).
  const llm::ProviderSource* llm = nullptr;
  /// Opens a workspace's credentials (null: none; blocks that name one say so).
  const CredentialSource* credentials = nullptr;
  /// The workspace's files (null: none; input_file and output_file say so).
  const FileSource* files = nullptr;
};

}  // namespace weft::nodes
