// The small parts of WebDAV that need no network: reading a PROPFIND 207 Multi-Status answer
// (namespace prefixes vary by server: "D:", "d:", "lp1:", a default xmlns) and percent-coding
// of paths. Tolerant by design: an unknown element is skipped, an answer with no multistatus
// element is unusable.
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "journal/sync/webdav_store.hpp"

namespace afterglow::sync::webdav_detail {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x110000) {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// XML character data: the five named entities and numeric references.
std::string decode_entities(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') {
            out += s[i];
            continue;
        }
        const auto semi = s.find(';', i);
        if (semi == std::string::npos || semi - i > 10) {
            out += s[i];
            continue;
        }
        const std::string ent = s.substr(i + 1, semi - i - 1);
        if (ent == "amp") out += '&';
        else if (ent == "lt") out += '<';
        else if (ent == "gt") out += '>';
        else if (ent == "quot") out += '"';
        else if (ent == "apos") out += '\'';
        else if (ent.size() > 1 && ent[0] == '#') {
            const bool hex = ent[1] == 'x' || ent[1] == 'X';
            std::uint32_t cp = 0;
            bool good = ent.size() > (hex ? 2u : 1u);
            for (std::size_t k = hex ? 2 : 1; k < ent.size() && good; ++k) {
                const int v = hex ? hex_value(ent[k]) : (std::isdigit(static_cast<unsigned char>(ent[k])) ? ent[k] - '0' : -1);
                if (v < 0 || cp > 0x10FFFF) good = false;
                else cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
            }
            if (!good) {
                out += s[i];
                continue;
            }
            append_utf8(out, cp);
        } else {
            out += s[i];
            continue;
        }
        i = semi;
    }
    return out;
}

std::string local_name(const std::string& tag) {
    std::size_t end = 0;
    while (end < tag.size() && !std::isspace(static_cast<unsigned char>(tag[end])) && tag[end] != '/')
        ++end;
    std::string name = tag.substr(0, end);
    const auto colon = name.rfind(':');
    if (colon != std::string::npos) name = name.substr(colon + 1);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

// A path from an href: an absolute URL loses its scheme and authority; then percent-decoded.
std::string href_path(std::string href) {
    const auto scheme = href.find("://");
    if (scheme != std::string::npos && href.find('/') > scheme) {
        const auto slash = href.find('/', scheme + 3);
        href = slash == std::string::npos ? "/" : href.substr(slash);
    }
    return percent_decode(href);
}

}  // namespace

std::string percent_decode(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() + 0 && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string percent_encode_path(const std::string& name) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : name) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

bool parse_multistatus(const std::string& xml, std::vector<DavItem>& out) {
    bool saw_multistatus = false;
    bool in_response = false;
    bool in_resourcetype = false;
    std::string capture;  // the element whose text we collect: "href" or "getcontentlength"
    std::string text;
    DavItem item;
    bool have_href = false;
    std::size_t i = 0;
    while (i < xml.size()) {
        if (xml[i] != '<') {
            const auto next = xml.find('<', i);
            if (!capture.empty()) text += xml.substr(i, next == std::string::npos ? std::string::npos : next - i);
            if (next == std::string::npos) break;
            i = next;
            continue;
        }
        if (xml.compare(i, 9, "<![CDATA[") == 0) {
            const auto end = xml.find("]]>", i + 9);
            if (end == std::string::npos) return false;
            if (!capture.empty()) text += xml.substr(i + 9, end - i - 9);
            i = end + 3;
            continue;
        }
        if (xml.compare(i, 4, "<!--") == 0) {
            const auto end = xml.find("-->", i + 4);
            if (end == std::string::npos) return false;
            i = end + 3;
            continue;
        }
        const auto close = xml.find('>', i);
        if (close == std::string::npos) return false;
        std::string tag = xml.substr(i + 1, close - i - 1);
        i = close + 1;
        if (tag.empty() || tag[0] == '?' || tag[0] == '!') continue;
        const bool closing = tag[0] == '/';
        const bool self_closing = !closing && tag.back() == '/';
        const std::string name = local_name(closing ? tag.substr(1) : tag);
        if (!closing) {
            if (name == "multistatus") saw_multistatus = true;
            else if (name == "response") {
                in_response = true;
                item = DavItem{};
                have_href = false;
            } else if (in_response && name == "resourcetype" && !self_closing) {
                in_resourcetype = true;
            } else if (in_response && in_resourcetype && name == "collection") {
                item.collection = true;
            } else if (in_response && !self_closing && (name == "href" || name == "getcontentlength")) {
                capture = name;
                text.clear();
            }
            continue;
        }
        if (name == capture) {
            const std::string value = decode_entities(text);
            if (capture == "href" && !have_href) {
                item.path = href_path(value);
                have_href = true;
            } else if (capture == "getcontentlength") {
                std::uint64_t n = 0;
                for (char c : value)
                    if (std::isdigit(static_cast<unsigned char>(c))) n = n * 10 + static_cast<std::uint64_t>(c - '0');
                item.size = n;
            }
            capture.clear();
        } else if (name == "resourcetype") {
            in_resourcetype = false;
        } else if (name == "response") {
            if (have_href) out.push_back(item);
            in_response = false;
        }
    }
    return saw_multistatus;
}

}  // namespace afterglow::sync::webdav_detail
