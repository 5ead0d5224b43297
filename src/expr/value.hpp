#pragma once
// Val: the result of evaluating one node, either borrowed (a pointer into the
// scope's values or the tree's literals, valid for the evaluation) or owned.
// Access chains such as `a.b.c` walk borrowed pointers and copy nothing.

#include <utility>

#include "common/json.hpp"

namespace weft::expr {

class Val {
 public:
  Val() = default;
  static Val borrowed(const json::value& value) {
    Val val;
    val.borrowed_ = &value;
    return val;
  }
  static Val owned(json::value value) {
    Val val;
    val.owned_ = std::move(value);
    return val;
  }

  const json::value& get() const { return borrowed_ != nullptr ? *borrowed_ : owned_; }
  bool is_owned() const { return borrowed_ == nullptr; }
  /// The owned value; only when is_owned().
  json::value& owned_value() { return owned_; }
  /// The value itself: moved out when owned, copied when borrowed.
  json::value take() && {
    if (borrowed_ != nullptr) {
      return *borrowed_;
    }
    return std::move(owned_);
  }

 private:
  const json::value* borrowed_ = nullptr;
  json::value owned_;
};

}  // namespace weft::expr
