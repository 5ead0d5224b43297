// How long evaluating a compiled expression or template takes (ns per
// evaluation). Run: build/weft_bench --benchmark_filter=Expr
// Figures go to docs/PERFORMANCE.md with the machine they were taken on.

#include <benchmark/benchmark.h>

#include <boost/json/parse.hpp>

#include "expr/expr.hpp"

namespace {

weft::expr::MapScope bench_scope() {
  return weft::expr::MapScope(boost::json::parse(R"({
    "ticket": {"text": "The printer on the third floor is on fire again", "priority": "high"},
    "a": {"b": {"c": "x"}},
    "n": 7,
    "user": {"name": "Ada"},
    "kind": {"json": {"label": "hardware"}}
  })")
                                  .as_object());
}

void run_expression(benchmark::State& state, const char* source) {
  const auto scope = bench_scope();
  auto compiled = weft::expr::Expression::compile(source);
  if (!compiled) {
    state.SkipWithError(compiled.error().message.c_str());
    return;
  }
  for (auto _ : state) {
    auto value = compiled->evaluate(scope);
    benchmark::DoNotOptimize(value);
  }
}

void ExprAccessAndFilter(benchmark::State& state) {
  run_expression(state, "ticket.text | upper");
}
BENCHMARK(ExprAccessAndFilter);

void ExprCondition(benchmark::State& state) {
  run_expression(state, "a.b.c == 'x' and n > 3");
}
BENCHMARK(ExprCondition);

void ExprTemplateThreeHoles(benchmark::State& state) {
  const auto scope = bench_scope();
  auto compiled = weft::expr::Template::compile(
      "Hello {{ user.name }}, your ticket ({{ kind.json.label }}) says: {{ ticket.text | "
      "truncate_tokens(5) }}");
  if (!compiled) {
    state.SkipWithError(compiled.error().message.c_str());
    return;
  }
  for (auto _ : state) {
    auto value = compiled->render(scope);
    benchmark::DoNotOptimize(value);
  }
}
BENCHMARK(ExprTemplateThreeHoles);

void ExprCompile(benchmark::State& state) {
  for (auto _ : state) {
    auto compiled = weft::expr::Expression::compile("a.b.c == 'x' and n > 3");
    benchmark::DoNotOptimize(compiled);
  }
}
BENCHMARK(ExprCompile);

}  // namespace
