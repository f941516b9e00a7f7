#include "journal/content/builtin_lines.hpp"

#include <algorithm>

namespace afterglow::journal::content {
namespace {

bool same_line(const CrisisLine& a, const CrisisLine& b) {
    return a.name == b.name && a.phone == b.phone && a.dial == b.dial && a.text == b.text;
}

const CrisisLine* line_in(const CrisisRegion* region, const std::string& id) {
    if (!region) return nullptr;
    auto it = std::find_if(region->lines.begin(), region->lines.end(),
                           [&](const CrisisLine& l) { return l.id == id; });
    return it == region->lines.end() ? nullptr : &*it;
}

}  // namespace

bool is_builtin_line(const std::string& region_id, const std::string& line_id) {
    return line_in(default_pack().region(region_id), line_id) != nullptr;
}

std::vector<std::string> changed_builtin_lines(const Pack& pack) {
    std::vector<std::string> out;
    for (const auto& shipped : default_pack().crisis.regions) {
        const CrisisRegion* now = pack.region(shipped.id);
        if (!now || now->emergency != shipped.emergency)
            out.push_back(shipped.name + ": the emergency number " + shipped.emergency +
                          (now ? " was changed to " + now->emergency : " was removed"));
        for (const auto& line : shipped.lines) {
            const CrisisLine* l = line_in(now, line.id);
            if (!l || !same_line(*l, line))
                out.push_back(shipped.name + ": the built-in line \"" + line.name + "\" (" + line.phone +
                              (l ? ") was changed to \"" + l->name + "\" (" + l->phone + ")" : ") was removed"));
        }
    }
    return out;
}

void restore_builtin_lines(Pack& pack) {
    for (const auto& shipped : default_pack().crisis.regions) {
        auto& regions = pack.crisis.regions;
        auto it = std::find_if(regions.begin(), regions.end(), [&](const CrisisRegion& r) { return r.id == shipped.id; });
        if (it == regions.end()) {
            regions.push_back(shipped);
            continue;
        }
        it->emergency = shipped.emergency;
        auto& lines = it->lines;
        for (auto line = shipped.lines.rbegin(); line != shipped.lines.rend(); ++line) {
            lines.erase(std::remove_if(lines.begin(), lines.end(), [&](const CrisisLine& l) { return l.id == line->id; }),
                        lines.end());
            lines.insert(lines.begin(), *line);
        }
    }
}

}  // namespace afterglow::journal::content
