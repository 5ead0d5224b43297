// `weft validate` and `weft run` with bad input: clear errors, right exit codes.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "fixtures/paths.hpp"
#include "fixtures/process.hpp"

namespace weft {
namespace {

using testing::run_weft;
using testing::temp_file;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Cli, ValidateListsEveryProblemAndExits2) {
  auto file = temp_file(R"({"nodes": [{"id": "a", "type": "llm_chatt", "config": {}},
    {"id": "b", "type": "delay", "config": {"ms": "x"}}], "edges": [{"source": "a", "target": "c"}]})");
  auto r = run_weft({"validate", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.out, "/nodes/0/type: unknown node type `llm_chatt`; did you mean `llm_chat`?"))
      << r.out;
  EXPECT_TRUE(has(r.out, "/nodes/1/config/ms")) << r.out;
  EXPECT_TRUE(has(r.out, "/edges/0/target")) << r.out;
  EXPECT_TRUE(has(r.out, "3 problems")) << r.out;
}

TEST(Cli, ValidateJson) {
  auto file = temp_file(R"({"nodes": [], "edges": [], "extra": 1})");
  auto r = run_weft({"validate", file, "--json"});
  EXPECT_EQ(r.exit_code, 2);
  auto doc = boost::json::parse(r.out);
  EXPECT_EQ(doc.at("valid"), false);
  EXPECT_EQ(doc.at("problems").at(0).at("pointer"), "/extra");
}

TEST(Cli, MalformedJsonNamesTheLine) {
  auto r = run_weft({"validate", temp_file("{\n \"nodes\": [,]\n}")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.out, "line 2")) << r.out;
}

TEST(Cli, DeepNestingIsRefused) {
  auto r = run_weft({"validate", temp_file(std::string(10'000, '[') + std::string(10'000, ']'))});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.out, "nesting deeper than 64")) << r.out;
}

std::string template_pipeline(std::size_t length) {
  return R"({"nodes": [{"id": "t", "type": "template", "config": {"template": ")" +
         std::string(length, 'x') + R"("}}], "edges": []})";
}

TEST(Cli, HugeStringsAreRefused) {
  auto ten_mb = run_weft({"validate", temp_file(template_pipeline(10 * 1024 * 1024))});
  EXPECT_EQ(ten_mb.exit_code, 2);
  EXPECT_TRUE(has(ten_mb.out, "is larger than 8388608 bytes")) << ten_mb.out.substr(0, 500);
  auto one_mb = run_weft({"validate", temp_file(template_pipeline(1024 * 1024))});
  EXPECT_EQ(one_mb.exit_code, 2);
  EXPECT_TRUE(has(one_mb.out, "/nodes/0/config/template: ")) << one_mb.out.substr(0, 500);
  EXPECT_TRUE(has(one_mb.out, "limit")) << one_mb.out.substr(0, 500);
}

TEST(Cli, OversizedFilesAreRefused) {
  auto r = run_weft({"validate", temp_file(std::string(9 * 1024 * 1024, ' '))});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.out, "larger than")) << r.out;
}

TEST(Cli, AHundredThousandNodesIsAClearError) {
  std::string doc = R"({"edges": [], "nodes": [)";
  for (int i = 0; i < 100'000; ++i) {
    doc += (i ? "," : "") + std::string(R"({"id":"n)") + std::to_string(i) +
           R"(","type":"delay","config":{"ms":1}})";
  }
  doc += "]}";
  auto r = run_weft({"validate", temp_file(doc)});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.out, "/nodes: has 100000 nodes; the limit is 2000")) << r.out;
}

TEST(Cli, TemplateExpandingPastItsLimitFailsTheRun) {
  // Each doubling joins the list to itself; 25 doublings would be 32 MiB.
  std::string expr = "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'";
  std::string nodes;
  std::string edges;
  for (int i = 0; i < 25; ++i) {
    const std::string id = "d" + std::to_string(i);
    const std::string prev = i == 0 ? "" : "d" + std::to_string(i - 1);
    const std::string source = i == 0 ? expr : prev + ".text";
    nodes += (i ? "," : "") + std::string(R"({"id":")") + id +
             R"(","type":"template","config":{"template":"{{ )" + source + " + " + source +
             R"( }}"}})";
    if (i > 0) {
      edges += (i > 1 ? "," : "") + std::string(R"({"source":")") + prev + R"(","target":")" + id +
               "\"}";
    }
  }
  auto file = temp_file(R"({"nodes": [)" + nodes + R"(], "edges": [)" + edges + "]}");
  auto r = run_weft({"run", file});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(has(r.err, "limit")) << r.err;
}

TEST(Cli, BadArgumentsExit2) {
  const auto example = testing::source_dir() + "/examples/ticket_triage.json";
  auto missing = run_weft({"run", example});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(has(missing.err, "input: /text: `text` (Ticket text) is required")) << missing.err;
  auto malformed = run_weft({"run", example, "--input", "novalue"});
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_TRUE(has(malformed.err, "NAME=VALUE")) << malformed.err;
  auto no_file = run_weft({"run", "/nonexistent.json"});
  EXPECT_EQ(no_file.exit_code, 2);
  EXPECT_TRUE(has(no_file.err, "cannot read /nonexistent.json")) << no_file.err;
  EXPECT_EQ(run_weft({"frobnicate"}).exit_code, 2);
}

TEST(Cli, FailedRunsExit1AndSayWhy) {
  auto file = temp_file(
      R"({"nodes": [{"id": "who", "type": "template", "config": {"template": "x"}},
                    {"id": "t", "type": "template", "config": {"template": "{{ input.who.name }}"}}],
          "edges": [{"source": "who", "target": "t"}]})");
  auto r = run_weft({"run", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "run failed in `t`")) << r.err;
}

}  // namespace
}  // namespace weft
