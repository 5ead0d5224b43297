#pragma once
// Pipelines and their saved versions. Reads take any connection; writes take
// the write connection and run in one transaction each.

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace weft::store::sqlite {

Result<std::vector<PipelineRecord>> select_pipelines(Connection& db, std::string_view workspace);
Result<PipelineRecord> select_pipeline(Connection& db, std::string_view workspace,
                                       std::string_view id);
/// Newest first.
Result<std::vector<PipelineVersion>> select_versions(Connection& db, std::string_view workspace,
                                                     std::string_view id);
Result<PipelineVersion> select_version(Connection& db, std::string_view workspace,
                                       std::string_view id, std::int64_t version);

/// Stores `record` as version 1; an empty id gets a new one.
Result<PipelineRecord> insert_pipeline(Connection& db, std::string_view workspace,
                                       PipelineRecord record, Time now);
/// Stores `record` as version base_version + 1 if base_version is still current.
Result<PipelineRecord> update_pipeline(Connection& db, std::string_view workspace,
                                       PipelineRecord record, std::int64_t base_version, Time now);
/// Deletes the pipeline with its versions, executions and node runs.
Status delete_pipeline(Connection& db, std::string_view workspace, std::string_view id);

/// "no pipeline `id`"
Error no_pipeline(std::string_view id);

}  // namespace weft::store::sqlite
