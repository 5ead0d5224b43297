#pragma once
// Applies one run-record write (CreateExecution, SaveNodeRun, FinishExecution)
// on the write connection, inside the caller's transaction.

#include "common/result.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace weft::store::sqlite {

/// conflict: the execution exists already (create); not_found: it does not (finish);
/// invalid_argument: a record without workspace or id.
Status apply_write(Connection& db, const Write& write);

}  // namespace weft::store::sqlite
