#pragma once
// Store-wide upkeep, across every workspace: marking runs a crash left
// unfinished, and deleting old runs. Both work on the write connection.

#include <cstdint>
#include <stop_token>

#include "common/result.hpp"
#include "store/sqlite/write_connection.hpp"
#include "store/store.hpp"

namespace weft::store::sqlite {

/// Queued or running executions become `interrupted`, their pending or running
/// node runs `cancelled`; one transaction. Returns how many executions.
Result<std::int64_t> interrupt_unfinished(WriteConnection& db, Time now);

/// Deletes finished executions (with their node runs) older than the policy's
/// age or beyond its newest N per pipeline or per workspace, batch_size per
/// transaction, taking the write connection per batch so group commits go on
/// in between; stops between batches when `stop` is requested. Queued and
/// running executions are never deleted. Returns how many.
Result<std::int64_t> prune(WriteConnection& db, const RetentionPolicy& policy, Time now,
                           std::stop_token stop = {});

}  // namespace weft::store::sqlite
