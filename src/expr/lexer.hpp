#pragma once
// Splits expression text into tokens. In hole mode it also finds the `}}`
// that closes a template hole, skipping `}` inside strings and object literals.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"

namespace weft::expr {

enum class TokenKind : std::uint8_t {
  end,
  name,
  number,
  string,
  dot,
  lbracket,
  rbracket,
  lparen,
  rparen,
  lbrace,
  rbrace,
  comma,
  colon,
  question,
  pipe,
  plus,
  minus,
  star,
  slash,
  percent,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::size_t offset = 0;  ///< byte offset in the whole source
  std::size_t length = 0;
  std::string text;    ///< a name, or the decoded value of a string literal
  json::value number;  ///< the value of a number literal (int64 or double)
};

struct LexOutput {
  std::vector<Token> tokens;  ///< always ends with a TokenKind::end token
  std::size_t next = 0;       ///< in hole mode, the offset just past the closing `}}`
};

/// Tokenizes `source` from `begin` to its end.
Result<LexOutput> lex_expression(std::string_view source, std::size_t begin);

/// Tokenizes a template hole whose `{{` is at `open`; stops at the closing `}}`.
Result<LexOutput> lex_hole(std::string_view source, std::size_t open);

}  // namespace weft::expr
