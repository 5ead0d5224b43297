#pragma once
// A call about one model — chat, streamed chat, embed — as every provider
// makes it (internal to llm/): when the server does not have the model, the
// error is reworded to list the models it has (explain_missing_model).

#include <boost/asio/awaitable.hpp>

#include "common/json.hpp"
#include "common/result.hpp"
#include "llm/chat_stream.hpp"
#include "llm/provider.hpp"
#include "llm/provider_http.hpp"

namespace weft::llm {

/// Sends `call` with `http` and reads its answer as a JSON object.
boost::asio::awaitable<Result<json::object>> ask_model(Provider& provider, ProviderHttp& http,
                                                       Call call);

/// Streams the answer of `call` into `stream`, then returns what it gathered.
boost::asio::awaitable<Result<ChatResponse>> stream_model(Provider& provider, ProviderHttp& http,
                                                          Call call, ChatStream& stream);

}  // namespace weft::llm
