// Validation catches what the run would report before any block runs: a
// field that would be empty at run time (issue 19, bug 3), and `input` read
// by a block with nothing connected into it (bug 4).
#include <gtest/gtest.h>

#include "fixtures/engine_harness.hpp"

namespace weft::pipeline {
namespace {

using testing::problems_of;

std::string message_at(const Problems& problems, std::string_view pointer) {
  std::string all;
  for (const auto& p : problems) {
    if (p.pointer == pointer) {
      return p.message;
    }
    all += "\n  " + p.pointer + ": " + p.message;
  }
  ADD_FAILURE() << "no problem at " << pointer << "; got:" << all;
  return "";
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(RunNeeds, AnLlmChatWithAnEmptyPromptAndNothingConnectedIsAProblem) {
  for (const char* prompt : {R"("prompt": "", )", R"("prompt": "  \n", )", ""}) {
    auto problems = problems_of(std::string(R"({"nodes": [
        {"id": "ask", "type": "llm_chat", "config": {)") +
                                prompt + R"("model": "llama3"}}], "edges": []})");
    const auto message = message_at(problems, "/nodes/0/config/prompt");
    EXPECT_TRUE(contains(message, "Prompt is empty")) << message;
  }
}

TEST(RunNeeds, AnEmptyPromptIsTheConnectedBlocksTextWhenOneIsConnected) {
  EXPECT_TRUE(problems_of(R"({"nodes": [
      {"id": "text", "type": "input_text", "config": {}},
      {"id": "ask", "type": "llm_chat", "config": {"prompt": "", "model": "llama3"}}],
    "edges": [{"source": "text", "target": "ask"}]})")
                  .empty());
  auto problems = problems_of(R"({"nodes": [
      {"id": "a", "type": "input_text", "config": {"name": "a"}},
      {"id": "b", "type": "input_text", "config": {"name": "b"}},
      {"id": "ask", "type": "llm_chat", "config": {"model": "llama3"}}],
    "edges": [{"source": "a", "target": "ask"}, {"source": "b", "target": "ask"}]})");
  const auto message = message_at(problems, "/nodes/2/config/prompt");
  EXPECT_TRUE(contains(message, "2 are")) << message;
}

TEST(RunNeeds, LlmTasksAndOutputsWithNothingToWorkOnAreProblems) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "kind", "type": "llm_classify", "config": {"model": "m", "labels": [{"name": "x"}]}},
      {"id": "say", "type": "output_text", "config": {"name": "say"}},
      {"id": "give", "type": "output_json", "config": {"name": "give"}}],
    "edges": []})");
  EXPECT_TRUE(contains(message_at(problems, "/nodes/0/config/input"), "Input is empty"));
  EXPECT_TRUE(contains(message_at(problems, "/nodes/1/config/text"), "Text is empty"));
  EXPECT_TRUE(contains(message_at(problems, "/nodes/2/config/value"), "Value is empty"));
}

TEST(RunNeeds, InputWithNothingConnectedIsNamedInWords) {
  auto problems = problems_of(R"({"nodes": [
      {"id": "text", "type": "input_text", "config": {"name": "text"}},
      {"id": "sum", "type": "llm_chat", "config": {"model": "m", "prompt": "Sum up {{ input.text }}"}}],
    "edges": []})");
  const auto message = message_at(problems, "/nodes/1/config/prompt");
  EXPECT_TRUE(
      contains(message, "`input` refers to the blocks connected into this block, and none is"))
      << message;
}

TEST(RunNeeds, InputWithABlockConnectedIsValid) {
  EXPECT_TRUE(problems_of(R"({"nodes": [
      {"id": "text", "type": "input_text", "config": {"name": "text"}},
      {"id": "sum", "type": "llm_chat", "config": {"model": "m", "prompt": "Sum up {{ input.text }}"}}],
    "edges": [{"source": "text", "target": "sum"}]})")
                  .empty());
}

}  // namespace
}  // namespace weft::pipeline
