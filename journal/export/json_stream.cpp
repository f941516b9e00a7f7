#include "journal/export/json_stream.hpp"

#include <string>
#include <utility>
#include <vector>

namespace afterglow::journal::exports::json_stream {
namespace {

using json = nlohmann::json;

// Builds the DOM from SAX events like nlohmann's own DOM parser, except for the streamed
// array, whose finished elements are moved out to the callback.
class Builder final : public nlohmann::json_sax<json> {
public:
    Builder(const char* stream_key,
            const std::function<void(json&&, std::size_t)>& on_element)
        : stream_key_(stream_key), on_element_(on_element) {}

    bool null() override { return value(json(nullptr)); }
    bool boolean(bool v) override { return value(json(v)); }
    bool number_integer(number_integer_t v) override { return value(json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return value(json(v)); }
    bool number_float(number_float_t v, const string_t&) override { return value(json(v)); }
    bool string(string_t& v) override { return value(json(std::move(v))); }
    bool binary(binary_t& v) override { return value(json::binary(std::move(v))); }

    bool start_object(std::size_t) override {
        stack_.push_back(place(json(json::value_t::object)));
        return true;
    }
    bool key(string_t& k) override {
        auto& members = stack_.back()->get_ref<json::object_t&>();
        auto [it, added] = members.try_emplace(std::move(k));
        if (!added) {
            duplicate_ = true;
            return false;
        }
        at_stream_key_ = stack_.size() == 1 && it->first == stream_key_;
        slot_ = &it->second;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override {
        const bool streamed = at_stream_key_ && stack_.size() == 1 && !stream_;
        stack_.push_back(place(json(json::value_t::array)));
        if (streamed) stream_ = stack_.back();
        return true;
    }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception&) override {
        error_byte_ = position;
        return false;
    }

    Parsed result(bool ok) {
        Parsed p;
        p.outcome = duplicate_ ? Outcome::duplicate_key : ok ? Outcome::ok : Outcome::syntax_error;
        p.error_byte = error_byte_;
        p.document = std::move(root_);
        p.streamed = streamed_;
        return p;
    }

private:
    // Puts a new value where the parser is: the root, the next array element, or the value
    // of the last key.
    json* place(json&& v) {
        if (stack_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        json& parent = *stack_.back();
        if (parent.is_array()) {
            auto& items = parent.get_ref<json::array_t&>();
            items.push_back(std::move(v));
            return &items.back();
        }
        *slot_ = std::move(v);
        return slot_;
    }
    bool value(json&& v) {
        place(std::move(v));
        element_done();
        return true;
    }
    bool close() {
        stack_.pop_back();
        element_done();
        return true;
    }
    // A streamed element is complete when its array is the innermost open value again.
    void element_done() {
        if (!stream_ || stack_.empty() || stack_.back() != stream_) return;
        auto& items = stream_->get_ref<json::array_t&>();
        json element = std::move(items.back());
        items.pop_back();
        on_element_(std::move(element), streamed_++);
    }

    const std::string stream_key_;
    const std::function<void(json&&, std::size_t)>& on_element_;
    json root_;
    std::vector<json*> stack_;
    json* slot_ = nullptr;
    json* stream_ = nullptr;
    bool at_stream_key_ = false;
    bool duplicate_ = false;
    std::size_t error_byte_ = 0;
    std::size_t streamed_ = 0;
};

}  // namespace

Parsed parse(std::string_view text, const char* stream_key,
             const std::function<void(json&& element, std::size_t index)>& on_element) {
    Builder builder(stream_key, on_element);
    const bool ok = json::sax_parse(text.begin(), text.end(), &builder,
                                    json::input_format_t::json, /*strict=*/true,
                                    /*ignore_comments=*/false);
    return builder.result(ok);
}

}  // namespace afterglow::journal::exports::json_stream
