// Errors a user or the network can cause, as values: each names the field and the rule it broke.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace roadbook {

struct ValidationError {
    std::string field;    // e.g. "amount"; empty when the error is not about one field
    std::string rule;     // stable machine name, e.g. "required", "negative", "overflow"
    std::string message;  // a sentence a rep can act on, naming the field
};

// Either a value or the errors that prevented it. Commands collect every error at once so a form can
// show them all, not one per attempt.
template <typename Value>
class Result {
public:
    Result(Value value) : state_(std::move(value)) {}
    Result(ValidationError error) : state_(std::vector<ValidationError>{std::move(error)}) {}
    Result(std::vector<ValidationError> errors) : state_(std::move(errors)) {
        assert(!std::get<1>(state_).empty() && "a failed Result needs at least one error");
    }

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    const Value& value() const& {
        assert(ok() && "value() on a failed Result");
        return std::get<0>(state_);
    }
    Value& value() & {
        assert(ok() && "value() on a failed Result");
        return std::get<0>(state_);
    }
    // Moves the value out; returning by value (not Value&&) keeps `for (x : Make().value())` safe.
    Value value() && {
        assert(ok() && "value() on a failed Result");
        return std::get<0>(std::move(state_));
    }
    const std::vector<ValidationError>& errors() const {
        assert(!ok() && "errors() on a successful Result");
        return std::get<1>(state_);
    }
    const ValidationError& first_error() const { return errors().front(); }

private:
    std::variant<Value, std::vector<ValidationError>> state_;
};

// For operations that produce nothing but can fail.
struct Done {};
using Status = Result<Done>;

}  // namespace roadbook
