#include "llm/model_call.hpp"

#include <string>

#include "llm/provider_errors.hpp"

namespace weft::llm {

namespace asio = boost::asio;

asio::awaitable<Result<json::object>> ask_model(Provider& provider, ProviderHttp& http, Call call) {
  std::string model(call.model);
  auto object = co_await http.send_object(std::move(call));
  if (!object) {
    co_return co_await explain_missing_model(provider, std::move(object).error(), std::move(model));
  }
  co_return object;
}

asio::awaitable<Result<ChatResponse>> stream_model(Provider& provider, ProviderHttp& http,
                                                   Call call, ChatStream& stream) {
  std::string model(call.model);
  // Arguments are named: GCC 12 destroys braced temporaries in a co_await twice.
  BodyStream reader{[&] { stream.restart(); },
                    [&](std::string_view chunk) { return stream.feed(chunk); }};
  auto answer = co_await http.stream(std::move(call), std::move(reader));
  if (!answer) {
    co_return co_await explain_missing_model(provider, std::move(answer).error(), std::move(model));
  }
  co_return stream.finish();
}

}  // namespace weft::llm
