#pragma once
// The embedded job queue's queries on the `jobs` table (migrations 0006, 0007).
// Leasing, renewing and expiring work on the write connection; positions and
// counts on a read connection.

#include <cstdint>
#include <optional>
#include <vector>

#include "common/result.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace weft::store::sqlite {

/// See Store::lease_jobs. One transaction; jobs are taken one by one so that
/// each counts against its pipeline's limit for the next.
Result<std::vector<LeasedJob>> lease_jobs(Connection& db, std::string_view owner, std::size_t max,
                                          Time now, Time expires);
Result<std::int64_t> renew_leases(Connection& db, std::string_view owner, Time expires);
Result<std::int64_t> expire_all_leases(Connection& db);
Result<bool> remove_waiting_job(Connection& db, std::string_view workspace,
                                std::string_view execution_id);
Result<bool> request_job_cancel(Connection& db, std::string_view workspace,
                                std::string_view execution_id);
Result<std::vector<JobToCancel>> jobs_to_cancel(Connection& db, std::string_view owner);
Result<std::optional<std::int64_t>> queue_position(Connection& db, std::string_view workspace,
                                                   std::string_view execution_id);
Result<std::vector<QueueCount>> queue_counts(Connection& db, std::string_view workspace, Time now);

}  // namespace weft::store::sqlite
