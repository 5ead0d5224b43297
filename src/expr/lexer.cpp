#include "expr/lexer.hpp"

#include <charconv>

#include "expr/errors.hpp"

namespace weft::expr {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_name_char(char c) {
  return is_name_start(c) || is_digit(c);
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Bytes of the UTF-8 sequence starting with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) {
    return 4;
  }
  if (lead >= 0xE0) {
    return lead <= 0xEF ? 3 : 1;
  }
  return lead >= 0xC0 ? 2 : 1;
}

struct Punct {
  std::string_view text;
  TokenKind kind;
};

// Two-character operators first so `<=` is not read as `<`.
constexpr Punct puncts[] = {
    {"==", TokenKind::eq},      {"!=", TokenKind::ne},      {"<=", TokenKind::le},
    {">=", TokenKind::ge},      {".", TokenKind::dot},      {"[", TokenKind::lbracket},
    {"]", TokenKind::rbracket}, {"(", TokenKind::lparen},   {")", TokenKind::rparen},
    {"{", TokenKind::lbrace},   {"}", TokenKind::rbrace},   {",", TokenKind::comma},
    {":", TokenKind::colon},    {"?", TokenKind::question}, {"|", TokenKind::pipe},
    {"+", TokenKind::plus},     {"-", TokenKind::minus},    {"*", TokenKind::star},
    {"/", TokenKind::slash},    {"%", TokenKind::percent},  {"<", TokenKind::lt},
    {">", TokenKind::gt},
};

class Lexer {
 public:
  Lexer(std::string_view source, std::size_t begin, bool hole)
      : source_(source), pos_(begin), hole_(hole) {}

  // `open` is the offset of the hole's `{{`, for the "unterminated" message.
  Result<LexOutput> run(std::size_t open) {
    while (true) {
      while (pos_ < source_.size() && is_space(source_[pos_])) {
        ++pos_;
      }
      if (pos_ >= source_.size()) {
        if (hole_) {
          return expression_error("unterminated `{{` " + at_column(open) + ": missing `}}`");
        }
        push(TokenKind::end, pos_, 0);
        output_.next = pos_;
        return std::move(output_);
      }
      if (hole_ && brace_depth_ == 0 && source_.substr(pos_, 2) == "}}") {
        push(TokenKind::end, pos_, 0);
        output_.next = pos_ + 2;
        return std::move(output_);
      }
      if (auto status = next_token(); !status) {
        return std::move(status).error();
      }
    }
  }

 private:
  Status next_token() {
    const char c = source_[pos_];
    if (is_digit(c)) {
      return lex_number();
    }
    if (is_name_start(c)) {
      lex_name();
      return Ok{};
    }
    if (c == '\'' || c == '"') {
      return lex_string();
    }
    return lex_punct();
  }

  void lex_name() {
    const std::size_t start = pos_;
    while (pos_ < source_.size() && is_name_char(source_[pos_])) {
      ++pos_;
    }
    Token& token = push(TokenKind::name, start, pos_ - start);
    token.text = std::string(source_.substr(start, pos_ - start));
  }

  void skip_digits() {
    while (pos_ < source_.size() && is_digit(source_[pos_])) {
      ++pos_;
    }
  }

  bool digit_at(std::size_t at) const { return at < source_.size() && is_digit(source_[at]); }

  Status lex_number() {
    const std::size_t start = pos_;
    bool integral = true;
    skip_digits();
    if (pos_ < source_.size() && source_[pos_] == '.' && digit_at(pos_ + 1)) {
      integral = false;
      ++pos_;
      skip_digits();
    }
    if (pos_ < source_.size() && (source_[pos_] == 'e' || source_[pos_] == 'E')) {
      std::size_t after = pos_ + 1;
      if (after < source_.size() && (source_[after] == '+' || source_[after] == '-')) {
        ++after;
      }
      if (digit_at(after)) {
        integral = false;
        pos_ = after;
        skip_digits();
      }
    }
    const char* first = source_.data() + start;
    const char* last = source_.data() + pos_;
    Token& token = push(TokenKind::number, start, pos_ - start);
    if (integral) {
      std::int64_t i = 0;
      if (std::from_chars(first, last, i).ec == std::errc{}) {
        token.number = i;
        return Ok{};
      }
    }
    double d = 0;
    if (std::from_chars(first, last, d).ec != std::errc{}) {
      return expression_error("number " + quote({first, pos_ - start}) + " " + at_column(start) +
                              " is out of range");
    }
    token.number = d;
    return Ok{};
  }

  Status lex_string() {
    const std::size_t start = pos_;
    const char quote_char = source_[pos_++];
    std::string text;
    while (pos_ < source_.size() && source_[pos_] != quote_char) {
      char c = source_[pos_++];
      if (c != '\\') {
        text += c;
        continue;
      }
      if (pos_ >= source_.size()) {
        break;
      }
      const char escaped = source_[pos_++];
      switch (escaped) {
        case '\\':
        case '\'':
        case '"':
        case '/':
          text += escaped;
          break;
        case 'n':
          text += '\n';
          break;
        case 't':
          text += '\t';
          break;
        case 'r':
          text += '\r';
          break;
        default:
          return expression_error("unknown escape `\\" + std::string(1, escaped) + "` " +
                                  at_column(pos_ - 2) + " (use \\\\ \\' \\\" \\n \\t or \\r)");
      }
    }
    if (pos_ >= source_.size()) {
      return expression_error("unterminated string " + at_column(start));
    }
    ++pos_;  // the closing quote
    Token& token = push(TokenKind::string, start, pos_ - start);
    token.text = std::move(text);
    return Ok{};
  }

  Status lex_punct() {
    for (const Punct& punct : puncts) {
      if (source_.substr(pos_, punct.text.size()) == punct.text) {
        push(punct.kind, pos_, punct.text.size());
        pos_ += punct.text.size();
        track_braces(punct.kind);
        return Ok{};
      }
    }
    return unexpected_character();
  }

  void track_braces(TokenKind kind) {
    if (kind == TokenKind::lbrace) {
      ++brace_depth_;
    } else if (kind == TokenKind::rbrace && brace_depth_ > 0) {
      --brace_depth_;
    }
  }

  Error unexpected_character() const {
    const char c = source_[pos_];
    std::string hint;
    if (c == '=') {
      hint = "; did you mean `==`?";
    } else if (c == '!') {
      hint = "; use `not`";
    } else if (c == '&') {
      hint = "; use `and`";
    }
    const std::size_t length = sequence_length(static_cast<unsigned char>(c));
    return expression_error("unexpected character " + quote(source_.substr(pos_, length)) + " " +
                            at_column(pos_) + hint);
  }

  Token& push(TokenKind kind, std::size_t offset, std::size_t length) {
    Token& token = output_.tokens.emplace_back();
    token.kind = kind;
    token.offset = offset;
    token.length = length;
    return token;
  }

  std::string_view source_;
  std::size_t pos_;
  bool hole_;
  std::size_t brace_depth_ = 0;  // `{` of object literals still open, in hole mode
  LexOutput output_;
};

}  // namespace

Result<LexOutput> lex_expression(std::string_view source, std::size_t begin) {
  return Lexer(source, begin, false).run(begin);
}

Result<LexOutput> lex_hole(std::string_view source, std::size_t open) {
  return Lexer(source, open + 2, true).run(open);
}

}  // namespace weft::expr
