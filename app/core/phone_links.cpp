#include "app/core/phone_links.hpp"

namespace afterglow::app {

std::string dialable(std::string_view number) {
    std::string out;
    bool any = false;
    for (std::size_t i = 0; i < number.size(); ++i) {
        const char c = number[i];
        if (c >= '0' && c <= '9') {
            out += c;
            any = true;
        } else if (c == '+' && out.empty() && !any) {
            out += c;
        } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
            return {};  // letters or anything else: not a number to dial as written
        }
    }
    if (!any || out.size() > 20) return {};
    return out;
}

std::string tel_uri(std::string_view number) {
    const std::string d = dialable(number);
    return d.empty() ? d : "tel:" + d;
}

std::string sms_uri(std::string_view number) {
    const std::string d = dialable(number);
    return d.empty() ? d : "sms:" + d;
}

}  // namespace afterglow::app
